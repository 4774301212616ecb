// A CPU profile of what a bench page times (BENCH_PROFILE=1 npm run bench): run.mjs exposes
// benchProfileStart / benchProfileStop to the page through the DevTools protocol's Profiler, and
// this file sums a profile up: the functions with the most self time, and for each the call path
// that spent most of it. The whole profile goes to bench-output/profiles/<label>.cpuprofile
// (open it in Chromium's DevTools, Performance panel).
import { mkdirSync, writeFileSync } from 'node:fs';

/** Names a profile node's function: name, file and line (the bench build is left unminified when profiling). */
const where = (n) => {
  const f = n.callFrame;
  const file = f.url ? f.url.replace(/^.*\//, '') : '';
  return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
};

/**
 * The top `limit` functions by self time (ms) in a Chromium CPU profile, each with its share of
 * the sampled time and the heaviest call path to it (outermost first, idle and program left out).
 */
export function topSelfTime(profile, limit = 15) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfMs = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (deltas[i + 1] ?? 0) / 1000;
    selfMs.set(profile.samples[i], (selfMs.get(profile.samples[i]) ?? 0) + dt);
  }
  let busy = 0;
  const byFn = new Map();
  for (const [id, ms] of selfMs) {
    const n = nodes.get(id);
    if (n.callFrame.functionName === '(idle)') continue;
    busy += ms;
    const key = where(n);
    const e = byFn.get(key) ?? { fn: key, selfMs: 0, path: '', pathMs: 0 };
    e.selfMs += ms;
    if (ms > e.pathMs) {
      const path = [];
      for (let p = id; p !== undefined; p = parent.get(p)) {
        const name = nodes.get(p).callFrame.functionName;
        if (name && name !== '(root)') path.unshift(where(nodes.get(p)));
      }
      e.path = path.slice(-8).join(' < ').replace(/ < /g, ' > ');
      e.pathMs = ms;
    }
    byFn.set(key, e);
  }
  const top = [...byFn.values()].toSorted((a, b) => b.selfMs - a.selfMs).slice(0, limit)
    .map((e) => ({ fn: e.fn, selfMs: +e.selfMs.toFixed(1), share: +(e.selfMs / busy).toFixed(3), heaviestPath: e.path }));
  return { sampledBusyMs: +busy.toFixed(1), top };
}

/** Exposes benchProfileStart() / benchProfileStop(label) to the page over `cdp`; summaries land in `into`. */
export async function exposeProfiler(page, cdp, into) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await page.exposeFunction('benchProfileStart', () => cdp.send('Profiler.start'));
  await page.exposeFunction('benchProfileStop', async (label) => {
    const { profile } = await cdp.send('Profiler.stop');
    const dir = new URL('../../bench-output/profiles/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL(`${label}.cpuprofile`, dir), JSON.stringify(profile));
    const sum = topSelfTime(profile);
    into[label] = sum;
    process.stderr.write(`profile ${label}: ${sum.sampledBusyMs} ms sampled\n${sum.top.map((t) => `  ${t.selfMs.toFixed(1).padStart(7)} ms  ${t.fn}\n           ${t.heaviestPath}`).join('\n')}\n`);
    return sum;
  });
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'cc', 'toplevel', 'disabled-by-default-v8.gc'];

/**
 * The renderer main thread's events in a Chromium trace, by name: their thread CPU time
 * (`tdur`, which load on the machine does not inflate as it does wall time) in all, and their
 * self CPU time (less the events nested in them), the top `limit` by self time.
 */
export function traceSelfTime(events, limit = 20) {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mine = events.filter((e) => e.ph === 'X' && e.pid === main?.pid && e.tid === main?.tid && e.tdur !== undefined)
    .toSorted((a, b) => a.ts - b.ts || b.dur - a.dur);
  const byName = new Map();
  const stack = [];
  let cpuMs = 0;
  for (const e of mine) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) parent.childCpu += e.tdur;
    else cpuMs += e.tdur / 1000;
    const entry = { ts: e.ts, dur: e.dur, name: e.name, tdur: e.tdur, childCpu: 0, detail: e.args?.data?.functionName || e.args?.data?.url?.replace(/^.*\//, '') || '' };
    stack.push(entry);
    e.entry = entry;
  }
  for (const e of mine) {
    const key = e.entry.detail ? `${e.name} (${e.entry.detail})` : e.name;
    const s = byName.get(key) ?? { event: key, selfCpuMs: 0, cpuMs: 0, count: 0 };
    s.selfCpuMs += Math.max(0, e.entry.tdur - e.entry.childCpu) / 1000;
    s.cpuMs += e.entry.tdur / 1000;
    s.count++;
    byName.set(key, s);
  }
  const top = [...byName.values()].toSorted((a, b) => b.selfCpuMs - a.selfCpuMs).slice(0, limit)
    .map((s) => ({ ...s, selfCpuMs: +s.selfCpuMs.toFixed(2), cpuMs: +s.cpuMs.toFixed(2) }));
  return { mainThreadCpuMs: +cpuMs.toFixed(1), top };
}

/** Exposes benchTraceStart() / benchTraceStop(label): a Chromium trace of what the page times, summed up by {@link traceSelfTime}. */
export async function exposeTracer(page, cdp, into) {
  await page.exposeFunction('benchTraceStart', () => cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: TRACE_CATEGORIES } }));
  await page.exposeFunction('benchTraceStop', async (label) => {
    const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.end');
    const { stream } = await done;
    let text = '';
    for (;;) {
      const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
      text += base64Encoded ? Buffer.from(data, 'base64').toString() : data;
      if (eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    const dir = new URL('../../bench-output/profiles/', import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL(`${label}.trace.json`, dir), text);
    const parsed = JSON.parse(text);
    const sum = traceSelfTime(Array.isArray(parsed) ? parsed : parsed.traceEvents);
    into[`${label}-trace`] = sum;
    process.stderr.write(`trace ${label}: main thread CPU ${sum.mainThreadCpuMs} ms\n${sum.top.map((t) => `  ${t.selfCpuMs.toFixed(2).padStart(8)} ms self ${t.cpuMs.toFixed(2).padStart(8)} ms  x${t.count}  ${t.event}`).join('\n')}\n`);
    return sum;
  });
}
