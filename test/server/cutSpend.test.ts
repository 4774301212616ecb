// Answers cut short still count toward the daily spend: a streamed edit the browser cancels
// mid-stream (no usage yet) is charged the catalogue's estimate of the request; one cancelled
// after the usage came is charged that usage. Either way the next request sees the spend.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/server.ts';
import { png, pngFile, maskPng } from '../unit/fakeOpenAIKit.ts';
import { estimateDollars, priceUsage } from '../../src/server/proxy/usage.ts';
import { usageFromApi } from '../../src/core/openai/cost/usage.ts';
import { fixtureDist, startServer, type LogLine, type RunningServer } from './harness.ts';
import { ALICE, client, codeOf, GEN, GENERATION, postJson } from './proxyKit.ts';

const KEY = 'sk-cut-spend-test-key-01';
const USAGE = { input_tokens: 400, output_tokens: 1200, total_tokens: 1600, input_tokens_details: { text_tokens: 30, image_tokens: 370 } };
let fake: FakeOpenAI;
let stub: Server;
let dir: string;
const dists: ReturnType<typeof fixtureDist>[] = [];
let running: RunningServer[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAI({ expectedKey: KEY });
  dir = mkdtempSync(join(tmpdir(), 'inpaint-cut-'));
  writeFileSync(join(dir, 'tokens'), `alice ${ALICE}\n`);
  // An upstream that reports the usage in its completed event, then keeps the stream open.
  stub = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: image_edit.completed\ndata: ${JSON.stringify({ type: 'image_edit.completed', b64_json: '', usage: USAGE })}\n\n`);
    });
  });
  await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
});
afterEach(async () => {
  await Promise.all(running.map((s) => s.stop()));
  running = [];
});
afterAll(async () => {
  stub?.closeAllConnections();
  stub?.close();
  await fake?.close();
  for (const d of dists) d.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** A server whose upstream is `baseUrl` and whose daily cap per identity is `dailyUsd`. */
async function start(baseUrl: string, dailyUsd: number): Promise<RunningServer> {
  const dist = fixtureDist({ service: { base_url: baseUrl, api_key_env: 'OPENAI_API_KEY' } });
  dists.push(dist);
  const s = await startServer({ INPAINT_DIST: dist.dir, OPENAI_API_KEY: KEY, INPAINT_TOKENS_FILE: join(dir, 'tokens'), INPAINT_DAILY_USD: dailyUsd.toFixed(6) });
  running.push(s);
  return s;
}

/** A streamed edit as the editor sends it, cancelled as soon as its first event arrives. */
async function cancelAfterFirstEvent(s: RunningServer): Promise<string> {
  const ctrl = new AbortController();
  const stream = await client(s.url, ALICE).images.edit({
    model: 'gpt-image-1.5', prompt: 'p', stream: true, partial_images: 2, size: '1024x1024', quality: 'low',
    image: pngFile(png(64, 48)), mask: pngFile(maskPng(64, 48, { x: 0, y: 0, w: 32, h: 48 })),
  }, { signal: ctrl.signal });
  for await (const e of stream) {
    ctrl.abort();
    return e.type;
  }
  return 'none';
}

const cutLine = async (s: RunningServer): Promise<LogLine> => {
  await expect.poll(() => s.lines.find((l) => l.route === '/images/edits' && l.outcome === 'client-aborted'), { timeout: 10_000 }).toBeTruthy();
  return s.lines.find((l) => l.route === '/images/edits' && l.outcome === 'client-aborted')!;
};

test('cancelled mid-stream, before any usage: the estimate is counted, and the cap set at it refuses the next request', async () => {
  // What the edit asks for: gpt-image-1.5, 1024x1024 low, one image, two partial images.
  const estimate = estimateDollars({ model: 'gpt-image-1.5', size: '1024x1024', quality: 'low', partialImages: '2', images: 1, responses: false });
  expect(estimate).toBeGreaterThan(0);
  const s = await start(fake.baseURL, estimate);
  fake.setMode({ delayMs: 1500 });
  expect(await cancelAfterFirstEvent(s)).toBe('image_edit.partial_image');
  const line = await cutLine(s);
  expect(line).toMatchObject({ usdEstimated: true, usd: Number(estimate.toFixed(6)) });
  fake.setMode({ delayMs: 0 });
  const next = await postJson(s.url, GEN, GENERATION, { authorization: `Bearer ${ALICE}` });
  expect([next.status, codeOf(next)]).toEqual([429, 'proxy_budget']);
  expect(fake.requests().length).toBe(1);
});

test('cancelled after the usage came: that usage is counted, not the estimate', async () => {
  const billed = priceUsage('gpt-image-1.5', usageFromApi(USAGE)!);
  const s = await start(`http://127.0.0.1:${(stub.address() as { port: number }).port}/v1`, billed);
  expect(await cancelAfterFirstEvent(s)).toBe('image_edit.completed');
  const line = await cutLine(s);
  expect(line.usd).toBe(Number(billed.toFixed(6)));
  expect(line.usdEstimated).toBeUndefined();
  const next = await postJson(s.url, GEN, GENERATION, { authorization: `Bearer ${ALICE}` });
  expect([next.status, codeOf(next)]).toEqual([429, 'proxy_budget']);
});
