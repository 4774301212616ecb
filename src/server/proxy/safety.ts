/**
 * The `safety_identifier` OpenAI asks proxies to send per end user, so that one abusive user
 * gets themselves blocked rather than the deployment's key. It is an HMAC of the identity:
 * stable for a user, the same on every instance, and not reversible to a name or token. It is
 * the only one upstream sees: a JSON body's own value is replaced, and a multipart body with its
 * own `safety_identifier` part is refused (400) before that part goes on (src/server/proxy/multipart.ts).
 */
import { createHmac } from 'node:crypto';

export function safetyIdentifier(identity: string, secret: string): string {
  return `inpaint-${createHmac('sha256', secret).update(identity).digest('hex').slice(0, 40)}`;
}

/** A multipart part carrying the identifier, sent ahead of the browser's own parts. */
export function multipartField(boundary: string, name: string, value: string): Buffer {
  return Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
}
