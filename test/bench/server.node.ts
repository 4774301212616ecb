/**
 * `BENCH=server npm run bench`: a bounded load test of the production server's proxy, on
 * loopback only. 500 streamed edits (SERVER_BENCH_TOTAL), 50 at a time (SERVER_BENCH_CONCURRENCY),
 * first straight to the fake OpenAI server, then through the proxy (the production server's bundle,
 * built into build-test/server/ and run with the environment `npm start` gives it). Reports the
 * proxy's added latency (p50/p95 of time to the first event and to the end, proxied minus
 * direct), errors, and the server's memory: RSS with heapUsed, heapTotal, external and
 * arrayBuffers (from a probe loaded with `--import`, test/bench/memoryProbe.mjs) idle after start
 * ("before"), after a 20-edit warm-up, at peak, 5 s and 30 s after, and 30 s after a second
 * identical run through the same server (a leak would grow it).
 * SERVER_BENCH_SNAPSHOTS=dir writes a heap snapshot at each reading but the peak, for heapDiff.mjs.
 * Stops by itself: every request has a deadline, and the run is a fixed number of requests.
 */
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { build } from 'vite';
import { startFakeOpenAI } from '../fake-openai/server.ts';
import { maskPng, png } from '../unit/fakeOpenAIKit.ts';
import { fixtureDist, startServer, TEST_SERVER, type RunningServer } from '../server/harness.ts';

const root = new URL('../../', import.meta.url).pathname;
const KEY = 'sk-bench-server-load';
const REQUEST_DEADLINE_MS = 60_000;

interface Sample { ok: boolean; firstMs: number; totalMs: number }
interface Load { samples: Sample[]; wallMs: number }

const pct = (xs: number[], p: number) => {
  const s = xs.toSorted((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;

/** A streamed edit's multipart body, built once (the bench measures the server, not the client). */
async function editBody(): Promise<{ body: Buffer; type: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries({ model: 'gpt-image-2', prompt: 'load test', stream: 'true', partial_images: '1', size: '1024x640', quality: 'low' })) form.append(k, v);
  form.append('image', new File([new Uint8Array(png(256, 160))], 'image.png', { type: 'image/png' }));
  form.append('mask', new File([new Uint8Array(maskPng(256, 160, { x: 0, y: 0, w: 128, h: 160 }))], 'mask.png', { type: 'image/png' }));
  const res = new Response(form);
  return { body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type')! };
}

/** One streamed edit: time to the first byte of the answer and to its end; ok when it completed. */
function edit(url: string, agent: Agent, body: { body: Buffer; type: string }, headers: Record<string, string>): Promise<Sample> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let first = NaN;
    let tail = '';
    let completed = false;
    const done = (ok: boolean) => resolve({ ok, firstMs: first, totalMs: performance.now() - t0 });
    const req = request(url, { method: 'POST', agent, timeout: REQUEST_DEADLINE_MS, headers: { 'content-type': body.type, 'content-length': body.body.length, ...headers } }, (res) => {
      res.setEncoding('latin1');
      res.on('data', (d: string) => {
        if (Number.isNaN(first)) first = performance.now() - t0;
        // The completed event's name, even split across two chunks.
        completed ||= (tail + d).includes('event: image_edit.completed');
        tail = d.slice(-64);
      });
      res.on('end', () => done(res.statusCode === 200 && completed));
      res.on('error', () => done(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(false));
    req.end(body.body);
  });
}

/** `total` edits, `concurrency` at a time. */
async function load(url: string, total: number, concurrency: number, body: { body: Buffer; type: string }, headers: Record<string, string>): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const samples: Sample[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next++;
      samples.push(await edit(url, agent, body, headers));
    }
  }));
  agent.destroy();
  return { samples, wallMs: performance.now() - t0 };
}

/** Resident set size of a process, in MB (Linux /proc). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? round(Number(kb) / 1024) : NaN;
}

/** CPU time a process has used (user + system), in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The server's memory in MB: RSS from /proc, the rest from its `process.memoryUsage()`; and its open TCP connections. */
interface Memory {
  rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number; sockets: number;
  /** RSS by kind of mapping (test/bench/memoryProbe.mjs): glibc's main heap, files, thread arenas, other anonymous. */
  maps: Record<string, number>;
}

const mb = (bytes: number) => round(bytes / 1048576);

/** Asks the server's memory probe (SIGUSR2) for its memory split; resolves with its answer. */
async function memory(server: RunningServer): Promise<Memory> {
  const lines = () => server.stderr.join('').split('\n').filter((l) => l.startsWith('memory '));
  const seen = lines().length;
  process.kill(server.pid, 'SIGUSR2');
  for (let i = 0; i < 600 && lines().length <= seen; i++) await new Promise((r) => setTimeout(r, 50));
  const m = JSON.parse(lines()[seen]!.slice(7)) as Record<string, number> & { maps: Record<string, number> };
  // The probe's own RSS reading: taken before a heap snapshot (which grows RSS while it writes).
  return { rss: mb(m.rss!), heapTotal: mb(m.heapTotal!), heapUsed: mb(m.heapUsed!), external: mb(m.external!), arrayBuffers: mb(m.arrayBuffers!), sockets: m.sockets!,
    maps: Object.fromEntries(Object.entries(m.maps).map(([k, v]) => [k, mb(v)])) };
}

const maxOf = (a: Memory, b: Memory): Memory => ({
  rss: Math.max(a.rss, b.rss), heapTotal: Math.max(a.heapTotal, b.heapTotal), heapUsed: Math.max(a.heapUsed, b.heapUsed),
  external: Math.max(a.external, b.external), arrayBuffers: Math.max(a.arrayBuffers, b.arrayBuffers), sockets: Math.max(a.sockets, b.sockets),
  maps: a.rss >= b.rss ? a.maps : b.maps,
});
/**
 * The environment `npm start` gives the server: the `NAME=value` words before `node` in
 * package.json's start script (allocator settings, README "Deploying"), so the bench measures what
 * production runs. SERVER_BENCH_ENV="NAME=value …" replaces them, to compare settings.
 */
function startEnv(): Record<string, string> {
  const script = (JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: { start: string } }).scripts.start;
  const words = process.env.SERVER_BENCH_ENV ?? /(?:^|&&)\s*((?:[A-Z_]+=\S*\s+)*)node\s/.exec(script)?.[1] ?? '';
  return Object.fromEntries(words.split(/\s+/).filter(Boolean).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
}

const pctOf = (x: number, base: number) => round(((x - base) / base) * 100);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function summary(l: Load) {
  const ok = l.samples.filter((s) => s.ok);
  return {
    requests: l.samples.length, errors: l.samples.length - ok.length, wallS: round(l.wallMs / 1000),
    firstEventMs: { p50: round(pct(ok.map((s) => s.firstMs), 50)), p95: round(pct(ok.map((s) => s.firstMs), 95)) },
    totalMs: { p50: round(pct(ok.map((s) => s.totalMs), 50)), p95: round(pct(ok.map((s) => s.totalMs), 95)) },
  };
}

export async function run() {
  const total = Number(process.env.SERVER_BENCH_TOTAL ?? 500);
  const concurrency = Number(process.env.SERVER_BENCH_CONCURRENCY ?? 50);
  const delayMs = Number(process.env.SERVER_BENCH_DELAY_MS ?? 100);
  // SERVER_BENCH_SNAPSHOTS=dir: a heap snapshot at each reading but the peak (for heapDiff.mjs).
  const snapshots = process.env.SERVER_BENCH_SNAPSHOTS;
  // Into the tests' folder (as the server tests build it), never dist-server/.
  await build({ root, configFile: `${root}vite.server.config.ts`, logLevel: 'error', build: { outDir: TEST_SERVER } });
  const fake = await startFakeOpenAI({ expectedKey: KEY, delayMs, keepFiles: 0 });
  const dist = fixtureDist({ service: { base_url: fake.baseURL, api_key_env: 'OPENAI_API_KEY' } });
  // Limits high enough not to trip: this measures the relay, the limit checks included. The
  // memory probe (test/bench/memoryProbe.mjs) only answers SIGUSR2 with process.memoryUsage().
  const env = startEnv();
  const server = await startServer({
    ...env,
    INPAINT_DIST: dist.dir, OPENAI_API_KEY: KEY,
    INPAINT_RATE_PER_MINUTE: '1000000', INPAINT_CONCURRENT: '10000', INPAINT_DAILY_USD: '0', INPAINT_DEPLOYMENT_DAILY_USD: '0',
    ...(snapshots ? { MEMPROBE_SNAPSHOT_DIR: snapshots } : {}),
  }, [], ['--import', `${root}test/bench/memoryProbe.mjs`]);
  try {
    const body = await editBody();
    const direct = `${fake.baseURL}/images/edits`;
    const proxied = `${server.url}/openai-proxy/v1/images/edits`;
    // "Before" is the server idle after start, as production starts it.
    await sleep(2000);
    const before = await memory(server);
    // Then a small warm-up of both paths (JIT, sockets), read apart: what one first request costs.
    await load(direct, 20, 10, body, { authorization: `Bearer ${KEY}` });
    await load(proxied, 20, 10, body, {});
    fake.reset();
    fake.setMode({ delayMs });
    await sleep(2000);
    const warm = await memory(server);

    // The fake shares this process and the machine's cores with the server: under load its
    // rendering, not the relay, sets most of the timings.
    const directRun = await load(direct, total, concurrency, body, { authorization: `Bearer ${KEY}` });
    let rssPeak = rssMb(server.pid);
    let peak = await memory(server);
    const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, rssMb(server.pid)); }, 100);
    // The split at peak, every 500 ms (not with snapshots: each would write one).
    const splitSampler = snapshots ? null : setInterval(() => { void memory(server).then((m) => { peak = maxOf(peak, m); }); }, 500);
    const cpuBefore = cpuMs(server.pid);
    const proxyRun = await load(proxied, total, concurrency, body, {});
    const cpuPerRequest = round((cpuMs(server.pid) - cpuBefore) / total);
    clearInterval(sampler);
    if (splitSampler) clearInterval(splitSampler);
    peak = maxOf(peak, { ...(await memory(server)), rss: Math.max(rssPeak, rssMb(server.pid)) });
    // Idle: sockets close, buffers go back, and V8's memory reducer (which runs only once the
    // process has been idle for a while) returns the heap it grew. Readings at 5 s and at 30 s.
    const settle = async () => {
      await sleep(5000);
      const at5s = await memory(server);
      await sleep(25_000);
      return { at5s, at30s: await memory(server) };
    };
    const after = await settle();
    // The same load again through the same server: a leak grows round after round, memory kept
    // for reuse does not.
    const secondRun = await load(proxied, total, concurrency, body, {});
    const afterSecond = await settle();

    const d = summary(directRun);
    const p = summary(proxyRun);
    const added = (k: 'firstEventMs' | 'totalMs', q: 'p50' | 'p95') => round(p[k][q] - d[k][q]);
    return {
      setup: { total, concurrency, fakeDelayMs: delayMs, request: 'POST images/edits, gpt-image-2 1024x640 low, stream, partial_images 1, 256x160 image + mask', loopback: true, serverEnv: env },
      direct: d,
      proxied: p,
      addedLatencyMs: { firstEvent: { p50: added('firstEventMs', 'p50'), p95: added('firstEventMs', 'p95') }, total: { p50: added('totalMs', 'p50'), p95: added('totalMs', 'p95') } },
      errors: d.errors + p.errors + summary(secondRun).errors,
      // The proxy's own cost, whatever else the machine runs: its CPU time per streamed edit.
      serverCpuMsPerRequest: cpuPerRequest,
      // MB. before: idle after start; afterWarmup: after 20 proxied edits; after: 30 s after the
      // load (5 s too); afterSecondRun: 30 s after a second identical load.
      serverMemoryMb: { before, afterWarmup: warm, peak, after5s: after.at5s, after: after.at30s, afterSecondRun5s: afterSecond.at5s, afterSecondRun: afterSecond.at30s },
      serverRssMb: {
        before: before.rss, afterWarmup: warm.rss, peak: peak.rss, after5s: after.at5s.rss, after: after.at30s.rss,
        afterVsBeforePct: pctOf(after.at30s.rss, before.rss), afterVsWarmupPct: pctOf(after.at30s.rss, warm.rss),
        afterSecondRun: afterSecond.at30s.rss, afterSecondRunVsBeforePct: pctOf(afterSecond.at30s.rss, before.rss),
      },
      upstreamRequestsSeen: fake.requests().length,
      // The server's own collections once idle (src/server/idleCollect.ts): when, how long, RSS around each.
      idleGc: server.lines.filter((l) => l.msg === 'idle gc').map(({ time, ms, rssBeforeMb, rssAfterMb, arrayBuffersBeforeMb, arrayBuffersAfterMb }) => ({ time, ms, rssBeforeMb, rssAfterMb, arrayBuffersBeforeMb, arrayBuffersAfterMb })),
    };
  } finally {
    await server.stop();
    await fake.close();
    dist.remove();
  }
}
