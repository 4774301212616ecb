/**
 * The fake's controls over HTTP, for tests that cannot call Node: Vitest browser mode
 * (`inject('fakeOpenAI')`) and Playwright (`process.env.FAKE_OPENAI_URL`). Uses only `fetch`
 * and Web Crypto, so it runs in a page as well as in Node.
 */
import type { FakeMode } from './server.ts';
import type { ScriptEntry } from './faults.ts';
import type { RecordedFile, RecordedRequest } from './record.ts';

/** A log entry as JSON: files described, with URLs to fetch their bytes, RGBA or alpha. */
export type LoggedFile = Omit<RecordedFile, 'bytes' | 'rgba' | 'alpha'> & { url?: string; rgbaUrl?: string; alphaUrl?: string };
export type LoggedRequest = Omit<RecordedRequest, 'files'> & { files: LoggedFile[] };

export interface FakeControl {
  baseURL: string;
  gatewayURL: string;
  controlURL: string;
  requests(filter?: { path?: string; method?: string; apiKey?: string }): Promise<LoggedRequest[]>;
  script(entries: ScriptEntry[]): Promise<void>;
  setMode(mode: Partial<FakeMode>): Promise<void>;
  reset(): Promise<void>;
  /** The file's bytes as sent (`what: 'bytes'`), its decoded RGBA, or its alpha channel. */
  fileData(file: LoggedFile, what?: 'bytes' | 'rgba' | 'alpha'): Promise<Uint8Array>;
}

async function sha256Hex(text: string): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Controls for the fake whose API base URL (`…/v1` or `…/gateway/v1`) is given. */
export function fakeControl(baseURL: string): FakeControl {
  const origin = baseURL.replace(/\/(gateway\/)?v1\/?$/, '');
  const controlURL = `${origin}/__control`;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${controlURL}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`fake control ${path}: ${res.status} ${await res.text()}`);
  };
  return {
    baseURL: `${origin}/v1`,
    gatewayURL: `${origin}/gateway/v1`,
    controlURL,
    async requests(filter = {}) {
      const q = new URLSearchParams();
      if (filter.path) q.set('path', filter.path);
      if (filter.method) q.set('method', filter.method);
      // The key itself never goes into a URL: only its hash.
      if (filter.apiKey) q.set('keySha256', await sha256Hex(filter.apiKey));
      return (await fetch(`${controlURL}/requests?${q}`)).json() as Promise<LoggedRequest[]>;
    },
    script: (entries) => post('/script', entries),
    setMode: (mode) => post('/mode', mode),
    reset: () => post('/reset', {}),
    async fileData(file, what = 'bytes') {
      const url = what === 'bytes' ? file.url : what === 'rgba' ? file.rgbaUrl : file.alphaUrl;
      if (!url) throw new Error(`fake control: no ${what} kept for ${file.field}`);
      const res = await fetch(url);
      if (!res.ok) throw new Error(`fake control: ${what} of ${file.field}: ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}
