import type { Notifier } from './notifier.ts';

/**
 * Says when the page's Content-Security-Policy blocked a connection: a base URL (or an image
 * URL) the deployment does not allow fails like a network error otherwise, with no hint why.
 */
export function watchSecurityPolicy(notifier: Notifier, target: Pick<Document, 'addEventListener' | 'removeEventListener'> = document): () => void {
  const seen = (e: Event) => {
    const v = e as SecurityPolicyViolationEvent;
    // Only a connection to a server is the user's to fix (a base URL they typed).
    if (v.effectiveDirective !== 'connect-src' || !/^https?:/.test(v.blockedURI)) return;
    const host = new URL(v.blockedURI).host;
    notifier.push({ kind: 'error', text: 'csp.blocked', params: { host } });
  };
  target.addEventListener('securitypolicyviolation', seen);
  return () => target.removeEventListener('securitypolicyviolation', seen);
}
