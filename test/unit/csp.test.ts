import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/server/csp.ts';
import { readSettings } from '../../src/server/settings.ts';

const directives = (policy: string) => Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));

describe('the Content-Security-Policy npm start sends', () => {
  it('allows scripts, styles and workers from the editor only, and connections to it and the configured endpoint', () => {
    const d = directives(contentSecurityPolicy({ service: { base_url: 'https://api.openai.com/v1' } }));
    expect(d).toMatchObject({
      'default-src': "'self'", 'script-src': "'self'", 'style-src': "'self'", 'worker-src': "'self'",
      'img-src': "'self' blob: data:", 'connect-src': "'self' https://api.openai.com",
      'object-src': "'none'", 'frame-src': "'none'", 'base-uri': "'self'", 'frame-ancestors': "'self'",
    });
    expect(contentSecurityPolicy({})).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('adds the embedding hosts (as frame ancestors and for connections) and csp.connect_src; a relative endpoint is the editor itself', () => {
    const d = directives(contentSecurityPolicy({
      service: { base_url: '/openai-proxy/v1' },
      embed: { allowed_origins: ['https://cms.example.com', 'https://cms.example.com/path', 'null'] },
      csp: { connect_src: ['https://gateway.example/v1', 'not a url', 'data:,'] },
    }));
    expect(d['connect-src']).toBe("'self' https://cms.example.com https://gateway.example");
    expect(d['frame-ancestors']).toBe("'self' https://cms.example.com");
  });

  it('"*" among the hosts lets any web page frame the editor, and adds no wildcard connection', () => {
    const d = directives(contentSecurityPolicy({ service: { base_url: 'https://api.openai.com/v1' }, embed: { allowed_origins: ['*'] } }));
    expect(d['frame-ancestors']).toBe("'self' http: https:");
    expect(d['connect-src']).toBe("'self' https://api.openai.com");
  });

  it('is left out when INPAINT_CSP=off', () => {
    expect(readSettings([], { INPAINT_CSP: 'off' }).csp).toBe(false);
    expect(readSettings([], {}).csp).toBe(true);
  });
});
