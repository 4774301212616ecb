// The key proxy against the fake OpenAI server: the allowlisted routes work (streaming too),
// everything else is refused without reaching the fake, the browser's cancel reaches upstream,
// and the key never shows in an answer or a log line.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/server.ts';
import { png, pngFile } from '../unit/fakeOpenAIKit.ts';
import { safetyIdentifier } from '../../src/server/proxy/safety.ts';
import { fixtureDist, startServer, type RunningServer } from './harness.ts';
import { client, codeOf, GENERATION, postJson, raw, streamedEdit, type RawAnswer } from './proxyKit.ts';

const KEY = `sk-proxy-test-${Date.now().toString(36)}-server-only`;
const EMBED = 'https://cms.example.test';
let fake: FakeOpenAI;
let server: RunningServer;
let dist: ReturnType<typeof fixtureDist>;
const answers: string[] = [];
const keep = (a: RawAnswer) => { answers.push(JSON.stringify(a)); return a; };

beforeAll(async () => {
  fake = await startFakeOpenAI({ expectedKey: KEY });
  dist = fixtureDist({ service: { base_url: fake.baseURL, api_key_env: 'OPENAI_API_KEY' }, embed: { allowed_origins: [EMBED] } });
  server = await startServer({ INPAINT_DIST: dist.dir, OPENAI_API_KEY: KEY, INPAINT_BODY_LIMIT_MB: '1', INPAINT_RATE_PER_MINUTE: '1000', INPAINT_CONCURRENT: '100' });
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await server?.stop();
  await fake?.close();
  dist?.remove();
});

describe('allowlisted routes', () => {
  test('a streamed edit goes through with the server key and a safety identifier', async () => {
    expect(await streamedEdit(client(server.url), { partials: 2 })).toEqual(['image_edit.partial_image', 'image_edit.partial_image', 'image_edit.completed']);
    const [r] = fake.requests({ path: '/v1/images/edits' });
    expect(r!.auth.matchesExpected).toBe(true);
    expect(r!.status).toBe(200);
    expect(r!.outcome).toBe('streamed');
    expect(r!.fields).toMatchObject({ model: 'gpt-image-1.5', prompt: 'a secret prompt', safety_identifier: expect.stringMatching(/^inpaint-[0-9a-f]{40}$/) });
    expect(r!.files.map((f) => f.field).toSorted()).toEqual(['image', 'mask']);
  });

  test('generations (JSON, streamed), responses (streamed) and a file upload go through', async () => {
    const c = client(server.url);
    const gen = await c.images.generate({ ...GENERATION, stream: true, partial_images: 1 } as never) as unknown as AsyncIterable<{ type: string }>;
    const types: string[] = [];
    for await (const e of gen) types.push(e.type);
    expect(types).toEqual(['image_generation.partial_image', 'image_generation.completed']);
    const resp = await c.responses.create({ model: 'gpt-5.5', input: 'draw a cat', tools: [{ type: 'image_generation', model: 'gpt-image-1.5', quality: 'low' }], stream: true } as never) as unknown as AsyncIterable<{ type: string }>;
    const rtypes: string[] = [];
    for await (const e of resp) rtypes.push(e.type);
    expect(rtypes.at(-1)).toBe('response.completed');
    const file = await c.files.create({ file: pngFile(png(16, 16), 'photo.png'), purpose: 'vision' });
    expect(file.id).toMatch(/^file-/);

    const [g] = fake.requests({ path: '/v1/images/generations' });
    const [rs] = fake.requests({ path: '/v1/responses' });
    const [f] = fake.requests({ path: '/v1/files' });
    for (const r of [g, rs, f]) expect(r!.auth.matchesExpected).toBe(true);
    // One identity, one identifier, on every route that takes it; the upload gets none.
    const id = (g!.json as { safety_identifier: string }).safety_identifier;
    expect(id).toMatch(/^inpaint-[0-9a-f]{40}$/);
    expect((rs!.json as { safety_identifier: string }).safety_identifier).toBe(id);
    expect(f!.fields?.safety_identifier).toBeUndefined();
  });

  test('server-sent events arrive one by one, before the upstream has finished', async () => {
    fake.script([{ path: '/v1/images/edits', mode: { delayMs: 400 } }]);
    const stream = await client(server.url).images.edit({ model: 'gpt-image-1.5', prompt: 'x', stream: true, partial_images: 2, image: pngFile(png(32, 32)) });
    const it = stream[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.value?.type).toBe('image_edit.partial_image');
    // The first event came through while the fake was still sending: its request has no outcome yet.
    expect(fake.requests({ path: '/v1/images/edits' })[0]?.outcome ?? 'pending').not.toBe('streamed');
    for (let r = await it.next(); !r.done; r = await it.next()) { /* drain */ }
  });
});

/** The identifier the server sends for the open (loopback) identity. */
const ours = () => safetyIdentifier('local', KEY);

describe('the server’s safety identifier is the only one upstream', () => {
  test('a JSON body’s own identifier is replaced: the fake receives exactly the server’s', async () => {
    const a = await postJson(server.url, '/openai-proxy/v1/images/generations', { ...GENERATION, safety_identifier: 'someone-else' });
    expect(a.status).toBe(200);
    const [r] = fake.requests({ path: '/v1/images/generations' });
    expect((r!.json as { safety_identifier: unknown }).safety_identifier).toBe(ours());
  });

  test('a multipart edit carries it once; one with its own part is refused (400) and never completes upstream', async () => {
    await streamedEdit(client(server.url));
    // One string, not the array a repeated field gives.
    expect(fake.requests({ path: '/v1/images/edits' })[0]!.fields!.safety_identifier).toBe(ours());
    fake.reset();
    const form = new FormData();
    form.append('model', 'gpt-image-1.5');
    form.append('prompt', 'p');
    form.append('image', pngFile(png(64, 48)));
    form.append('safety_identifier', 'someone-else');
    const spoofed = new Response(form);
    const body = Buffer.from(await spoofed.arrayBuffer());
    const a = await raw(server.url, 'POST', '/openai-proxy/v1/images/edits', { 'content-type': spoofed.headers.get('content-type')!, 'content-length': String(body.length) }, body);
    expect([a.status, codeOf(a)]).toEqual([400, 'proxy_safety_identifier']);
    await expect.poll(() => server.lines.some((l) => l.refused === 'proxy_safety_identifier')).toBe(true);
    // The fake may have seen the body begin, never its end: nothing was answered or parsed.
    expect(fake.requests({ path: '/v1/images/edits' }).filter((r) => r.fields !== undefined || r.status === 200)).toEqual([]);
  });
});

describe('refused without reaching the upstream', () => {
  test('other methods and paths, path tricks and query strings: 404', async () => {
    const cases: [string, string][] = [
      ['GET', '/openai-proxy/v1/files'],
      ['GET', '/openai-proxy/v1/models'],
      ['DELETE', '/openai-proxy/v1/files/file-123'],
      ['POST', '/openai-proxy/v1/chat/completions'],
      ['POST', '/openai-proxy/v1/fine_tuning/jobs'],
      ['POST', '/openai-proxy/v1/images/%2e%2e/files'],
      ['POST', '/openai-proxy/v1/images/%2E%2E/%2e%2e/organization/users'],
      ['POST', '/openai-proxy/v1/images/%252e%252e/files'],
      ['POST', '/openai-proxy/v1/images/x/../edits'],
      ['POST', '/openai-proxy/v1/images%2fedits'],
      ['POST', '/openai-proxy/v1//images/edits'],
      ['POST', '/openai-proxy/v1/images/edits/'],
      ['POST', '/openai-proxy/v1/images/edits?purpose=x'],
      ['POST', '/openai-proxy/v1/images/edits%00'],
      ['PUT', '/openai-proxy/v1/images/edits'],
      ['GET', '/openai-proxy/v1/responses/resp_123'],
      ['POST', '/openai-proxy/v2/images/edits'],
    ];
    for (const [method, path] of cases) {
      const a = keep(await postJsonOr(method, path));
      expect(a.status, `${method} ${path}`).toBe(404);
      expect(codeOf(a), `${method} ${path}`).toBe('proxy_not_found');
    }
    expect(fake.requests()).toEqual([]);
  });

  test('a body over the cap is refused from its Content-Length (413), one without a length with 411', async () => {
    const big = await raw(server.url, 'POST', '/openai-proxy/v1/images/edits', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(2 * 1024 * 1024) }, Buffer.alloc(1024));
    expect(big.status).toBe(413);
    expect(codeOf(big)).toBe('proxy_body_too_large');
    const chunked = await raw(server.url, 'POST', '/openai-proxy/v1/images/generations', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, JSON.stringify(GENERATION));
    expect(chunked.status).toBe(411);
    // Just under the cap still goes through to the upstream's own checks.
    const ok = await postJson(server.url, '/openai-proxy/v1/images/generations', { ...GENERATION, prompt: 'p'.repeat(900_000) });
    expect(ok.status).not.toBe(413);
    expect(fake.requests().length).toBe(1);
  });

  test('another origin, a cross-site fetch and a navigation are refused; an embed host is served with our CORS', async () => {
    const from = (h: Record<string, string>) => postJson(server.url, '/openai-proxy/v1/images/generations', GENERATION, h);
    const refused: Record<string, string>[] = [
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'none' },
      { origin: EMBED, 'sec-fetch-site': 'none' },
    ];
    for (const h of refused) {
      const a = await from(h);
      expect(a.status, JSON.stringify(h)).toBe(403);
      expect(codeOf(a)).toBe('proxy_origin');
      expect(a.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(fake.requests()).toEqual([]);
    const preflightEvil = await raw(server.url, 'OPTIONS', '/openai-proxy/v1/images/edits', { origin: 'https://evil.example', 'access-control-request-method': 'POST' });
    expect(preflightEvil.status).toBe(404);
    const preflight = await raw(server.url, 'OPTIONS', '/openai-proxy/v1/images/edits', { origin: EMBED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(EMBED);

    const own = new URL(server.url).host;
    expect((await from({ origin: `http://${own}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    const embed = await from({ origin: EMBED, 'sec-fetch-site': 'cross-site' });
    expect(embed.status).toBe(200);
    expect(embed.headers['access-control-allow-origin']).toBe(EMBED);
    expect(fake.requests().length).toBe(2);
  });
});

describe('answers carry nothing of the upstream account', () => {
  let stub: Server;
  let stubServer: RunningServer;
  let stubDist: ReturnType<typeof fixtureDist>;
  beforeAll(async () => {
    // An upstream that sends what OpenAI sends beside the body: organisation, project, CORS, cookies.
    stub = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, {
          'content-type': 'application/json', 'openai-organization': 'org-SECRET', 'openai-project': 'proj_SECRET',
          'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true', 'set-cookie': '__cf_bm=abc',
          'x-ratelimit-remaining-requests': '4999', 'x-request-id': 'req_stub', 'openai-processing-ms': '12',
        });
        res.end(JSON.stringify({ created: 1, data: [], headersSeen: Object.keys(req.headers).toSorted(), auth: req.headers.authorization === `Bearer ${KEY}` }));
      });
    });
    await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
    stubDist = fixtureDist({ service: { base_url: `http://127.0.0.1:${(stub.address() as { port: number }).port}/v1`, api_key_env: 'OPENAI_API_KEY' } });
    stubServer = await startServer({ INPAINT_DIST: stubDist.dir, OPENAI_API_KEY: KEY });
  });
  afterAll(async () => {
    await stubServer?.stop();
    stub?.close();
    stubDist?.remove();
  });

  test('no organisation, project, CORS, cookie or rate-limit header comes back; the browser’s own never go up', async () => {
    const a = keep(await postJson(stubServer.url, '/openai-proxy/v1/images/generations', GENERATION, {
      authorization: 'Bearer sk-browser-side', cookie: 'session=1', 'openai-organization': 'org-OTHER', 'openai-project': 'proj_OTHER', 'x-stainless-lang': 'js',
    }));
    expect(a.status).toBe(200);
    for (const h of ['openai-organization', 'openai-project', 'access-control-allow-origin', 'access-control-allow-credentials', 'set-cookie', 'x-ratelimit-remaining-requests']) {
      expect(a.headers[h], h).toBeUndefined();
    }
    expect(a.headers['x-request-id']).toBe('req_stub');
    const seen = JSON.parse(a.body) as { headersSeen: string[]; auth: boolean };
    expect(seen.auth).toBe(true);
    expect(seen.headersSeen).toContain('x-stainless-lang');
    for (const h of ['cookie', 'openai-organization', 'openai-project', 'origin', 'referer']) expect(seen.headersSeen).not.toContain(h);
  });
});

describe('cancel and secrecy', () => {
  test('a cancelled browser request cancels the upstream one', async () => {
    fake.script([{ path: '/v1/images/edits', mode: { delayMs: 1500 } }]);
    const ctrl = new AbortController();
    const running = streamedEdit(client(server.url), { partials: 3, signal: ctrl.signal }).catch((e: unknown) => e);
    await expect.poll(() => fake.requests({ path: '/v1/images/edits' }).length, { timeout: 10_000 }).toBe(1);
    ctrl.abort();
    await running;
    await expect.poll(() => fake.requests({ path: '/v1/images/edits' })[0]?.outcome, { timeout: 10_000 }).toBe('aborted');
    await expect.poll(() => server.lines.find((l) => l.route === '/images/edits' && l.outcome === 'client-aborted')).toBeTruthy();
  });

  test('the key is in no answer and no log line', async () => {
    await streamedEdit(client(server.url));
    keep(await raw(server.url, 'GET', '/openai-proxy/status'));
    keep(await postJson(server.url, '/openai-proxy/v1/images/generations', { model: 'nope' }));
    expect(answers.length).toBeGreaterThan(10);
    for (const a of answers) expect(a).not.toContain(KEY);
    const log = server.raw.join('\n');
    expect(log).not.toContain(KEY);
    expect(log).not.toContain('a secret prompt');
    expect(log).not.toMatch(/iVBORw0KGgo|b64_json/); // no PNG in base64, no image payload
    const line = server.lines.find((l) => l.route === '/images/edits' && l.status === 200)!;
    expect(line).toMatchObject({ msg: 'request', method: 'POST', identity: 'local', model: 'gpt-image-1.5' });
    expect(line.usd).toBeGreaterThan(0);
  });
});

/** A request with a JSON body for POST/PUT, none otherwise. */
function postJsonOr(method: string, path: string): Promise<RawAnswer> {
  return method === 'POST' || method === 'PUT'
    ? raw(server.url, method, path, { 'content-type': 'application/json' }, JSON.stringify(GENERATION))
    : raw(server.url, method, path);
}
