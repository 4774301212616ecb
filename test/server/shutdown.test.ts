// Graceful shutdown: streams in flight finish; past INPAINT_SHUTDOWN_MS they are cut with an
// error the editor shows; connections with nothing in flight close at once; the process then exits 0.
import { once } from 'node:events';
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/server.ts';
import { fixtureDist, startServer } from './harness.ts';

const KEY = 'sk-shutdown-test-key-0001';
let fake: FakeOpenAI;
let dist: ReturnType<typeof fixtureDist>;

beforeAll(async () => {
  fake = await startFakeOpenAI({ expectedKey: KEY });
  dist = fixtureDist({ service: { base_url: fake.baseURL, api_key_env: 'OPENAI_API_KEY' } });
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake?.close();
  dist?.remove();
});

/** The event types of an SSE text (an `error` event as `error: <message>`). */
function eventTypes(text: string): string[] {
  return text.split('\n\n').filter((f) => f.startsWith('event: ')).map((f) => {
    const [head, data] = f.split('\n');
    const type = head!.slice(7);
    return type === 'error' ? `error: ${(JSON.parse(data!.slice(6)) as { error: { message: string } }).error.message}` : type;
  });
}

/**
 * Starts a streamed generation and resolves once its first event is in, with the event types
 * still to come (read from the wire: an `error` event shows as `error: <message>`).
 */
function startStream(url: string): Promise<{ rest: Promise<string[]> }> {
  const body = JSON.stringify({ model: 'gpt-image-1.5', prompt: 'x', stream: true, partial_images: 3, size: '1024x1024', quality: 'low' });
  return new Promise((started, fail) => {
    const req = request(`${url}/openai-proxy/v1/images/generations`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      let first = true;
      const rest = new Promise<string[]>((done) => {
        res.setEncoding('utf8').on('data', (d: string) => {
          text += d;
          if (first && eventTypes(text).length) { first = false; started({ rest }); }
        });
        res.on('end', () => done(eventTypes(text)));
        res.on('error', () => done([...eventTypes(text), 'dropped']));
      });
    });
    req.on('error', fail);
    req.end(body);
  });
}

test('SIGTERM lets a stream in flight finish, refuses new work, then exits 0', async () => {
  const server = await startServer({ INPAINT_DIST: dist.dir, OPENAI_API_KEY: KEY, INPAINT_SHUTDOWN_MS: '20000' });
  fake.setMode({ delayMs: 600 });
  const { rest } = await startStream(server.url);
  process.kill(server.pid, 'SIGTERM');
  await expect.poll(() => server.lines.find((l) => l.msg === 'shutting down'), { timeout: 10_000 }).toMatchObject({ inflight: 1 });
  // No new requests: the listener is closed.
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  expect(await rest).toEqual(['image_generation.partial_image', 'image_generation.partial_image', 'image_generation.partial_image', 'image_generation.completed']);
  expect(await server.exited).toBe(0);
  expect(server.lines.at(-1)?.msg).toBe('stopped');
});

test('past the shutdown timeout a stream is cut with an error event the editor shows', async () => {
  const server = await startServer({ INPAINT_DIST: dist.dir, OPENAI_API_KEY: KEY, INPAINT_SHUTDOWN_MS: '300' });
  fake.setMode({ delayMs: 1500 });
  const { rest } = await startStream(server.url);
  process.kill(server.pid, 'SIGTERM');
  const types = await rest;
  expect(types[0]).toBe('image_generation.partial_image');
  expect(types.at(-1)).toMatch(/^error: .*server is restarting/);
  expect(types).not.toContain('image_generation.completed');
  expect(await server.exited).toBe(0);
  expect(server.lines.some((l) => l.msg === 'cutting streams' && l.inflight === 1)).toBe(true);
  expect(server.lines.find((l) => l.route === '/images/generations')?.outcome).toBe('cut');
});

test('a connection that never sent a request is closed at once, not waited for until the timeout', async () => {
  // Longer than the test's own timeout: waiting for the idle connection would fail the test.
  const server = await startServer({ INPAINT_DIST: dist.dir, OPENAI_API_KEY: KEY, INPAINT_SHUTDOWN_MS: '120000' });
  const u = new URL(server.url);
  const idle = connect(Number(u.port), u.hostname);
  await once(idle, 'connect');
  const closedByServer = once(idle, 'end');
  process.kill(server.pid, 'SIGTERM');
  await closedByServer;
  expect(await server.exited).toBe(0);
  expect(server.lines.at(-1)?.msg).toBe('stopped');
  expect(server.lines.some((l) => l.msg === 'cutting streams')).toBe(false);
  idle.destroy();
});
