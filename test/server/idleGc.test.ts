// Memory given back once idle (src/server/idleCollect.ts): one full collection after
// INPAINT_IDLE_GC_MS with no request in flight, never while a stream is in flight, never on a
// server that has had no request since, and it frees the buffers the streams came through.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/server.ts';
import { fixtureDist, startServer, type RunningServer } from './harness.ts';
import { client, streamedEdit } from './proxyKit.ts';

const KEY = 'sk-idle-gc-test-key-0001';
let fake: FakeOpenAI;
let dist: ReturnType<typeof fixtureDist>;

beforeAll(async () => {
  fake = await startFakeOpenAI({ expectedKey: KEY });
  dist = fixtureDist({ service: { base_url: fake.baseURL, api_key_env: 'OPENAI_API_KEY' } });
});
afterAll(async () => {
  await fake?.close();
  dist?.remove();
});

const collections = (s: RunningServer) => s.lines.filter((l) => l.msg === 'idle gc');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('collects once after the streams end and the server stays idle, and frees their buffers', async () => {
  const server = await startServer({ INPAINT_DIST: dist.dir, OPENAI_API_KEY: KEY, INPAINT_IDLE_GC_MS: '300' });
  try {
    // Idle since start: nothing to give back, no collection.
    await sleep(900);
    expect(collections(server)).toHaveLength(0);

    // Three streams in flight together, each lasting well past the idle time (4 frames, 400 ms apart).
    fake.setMode({ delayMs: 400 });
    const c = client(server.url);
    const ended: number[] = [];
    const streams = [0, 1, 2].map(() => streamedEdit(c, { partials: 3 }).then((types) => { ended.push(Date.now()); return types; }));
    const types = await Promise.all(streams);
    for (const t of types) expect(t.at(-1)).toBe('image_edit.completed');
    // None ran while a stream was in flight (the log line's time is when it ran).
    const during = collections(server).filter((l) => Date.parse(String(l.time)) < Math.max(...ended) - 50);
    expect(during).toHaveLength(0);

    await expect.poll(() => collections(server).length, { timeout: 5000 }).toBe(1);
    const [gc] = collections(server);
    // The proxied answers' chunks were garbage no one held: the collection freed them.
    expect(Number(gc!.arrayBuffersAfterMb)).toBeLessThan(1);
    expect(Number(gc!.rssAfterMb)).toBeGreaterThan(0);

    // Still idle, nothing new came: no second collection.
    await sleep(900);
    expect(collections(server)).toHaveLength(1);
  } finally {
    fake.setMode({ delayMs: 0 });
    await server.stop();
  }
});

test('INPAINT_IDLE_GC_MS=0 turns it off', async () => {
  const server = await startServer({ INPAINT_DIST: dist.dir, OPENAI_API_KEY: KEY, INPAINT_IDLE_GC_MS: '0' });
  try {
    expect(await streamedEdit(client(server.url), { partials: 1 })).toContain('image_edit.completed');
    await sleep(1200);
    expect(collections(server)).toHaveLength(0);
  } finally {
    await server.stop();
  }
});
