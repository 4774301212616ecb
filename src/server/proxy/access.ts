/**
 * Who is calling the proxy. Three ways, set at start:
 * - `open`: bound to loopback with no tokens and no trusted header; everyone is `local`;
 * - tokens: `Authorization: Bearer <token>` names a person or group (the editor sends the token
 *   where it would send an API key);
 * - a trusted header (`X-Forwarded-User` from oauth2-proxy and the like), believed only from
 *   the listed proxy addresses.
 * Bound elsewhere with neither, there is no access mode: the proxy stays off.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIPv4 } from 'node:net';
import { isLoopbackHost, type ServerSettings } from '../settings.ts';

export type AccessMode = 'open' | 'token' | 'header' | 'token+header';

export type Identified = { ok: true; identity: string } | { ok: false; status: 401 | 403; code: string; message: string };

/** Headers a reverse proxy adds: a request with one did not start on this machine. */
const FORWARDED = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

const digest = (s: string) => createHash('sha256').update(s).digest('hex');

export class Access {
  readonly mode: AccessMode | null;
  private readonly tokens: Map<string, string>;
  private readonly trusted = new BlockList();

  constructor(private readonly settings: Pick<ServerSettings, 'host' | 'tokens' | 'trustedHeader' | 'trustedProxies'>) {
    // Looked up by digest, so the comparison's timing says nothing about the tokens.
    this.tokens = new Map([...settings.tokens].map(([token, name]) => [digest(token), name]));
    for (const p of settings.trustedProxies) {
      const [addr, bits] = p.split('/') as [string, string | undefined];
      const type = isIPv4(addr) ? 'ipv4' : 'ipv6';
      if (bits === undefined) this.trusted.addAddress(addr, type);
      else this.trusted.addSubnet(addr, Number(bits), type);
    }
    const token = this.tokens.size > 0;
    const header = settings.trustedHeader !== null;
    this.mode = token && header ? 'token+header' : token ? 'token' : header ? 'header' : isLoopbackHost(settings.host) ? 'open' : null;
  }

  /** Whether the editor must ask its user for a token. */
  get asksToken(): boolean { return this.mode === 'token' || this.mode === 'token+header'; }

  private fromTrustedProxy(addr: string | undefined): boolean {
    if (!addr) return false;
    const v4 = addr.startsWith('::ffff:') ? addr.slice(7) : addr;
    return this.trusted.check(v4, isIPv4(v4) ? 'ipv4' : 'ipv6');
  }

  identify(req: IncomingMessage): Identified {
    const name = this.settings.trustedHeader;
    const user = name ? req.headers[name] : undefined;
    if (name && user !== undefined) {
      if (!this.fromTrustedProxy(req.socket.remoteAddress)) {
        return { ok: false, status: 403, code: 'proxy_untrusted_header', message: `The ${name} header is only believed from the configured proxy addresses.` };
      }
      const value = Array.isArray(user) ? user[0] : user;
      if (value && value.length <= 256) return { ok: true, identity: `user:${value.trim()}` };
    }
    if (this.tokens.size) {
      const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      const who = m ? this.tokens.get(digest(m[1]!)) : undefined;
      if (who) return { ok: true, identity: `token:${who}` };
      return { ok: false, status: 401, code: m ? 'proxy_token_invalid' : 'proxy_token_missing', message: m ? 'This access token is not valid for this editor.' : 'This editor needs an access token.' };
    }
    if (this.mode === 'open') {
      // Loopback behind a reverse proxy is not local: whoever reaches the proxy would spend the key.
      if (FORWARDED.some((h) => req.headers[h] !== undefined)) {
        return { ok: false, status: 403, code: 'proxy_disabled', message: 'This request came through a reverse proxy: configure access tokens or a trusted header before serving the proxy beyond this machine.' };
      }
      return { ok: true, identity: 'local' };
    }
    return { ok: false, status: 401, code: 'proxy_identity_missing', message: 'Sign in through the site’s login first.' };
  }
}
