// Loaded into the server under test with `node --import ./test/bench/memoryProbe.mjs server.js`
// (the server bench only; production never loads it). On SIGUSR2 it writes one line to stderr,
// `memory {"rss":…,"heapTotal":…,"heapUsed":…,"external":…,"arrayBuffers":…,"sockets":…}` (bytes;
// sockets: TCP connections open, inbound and upstream; maps: RSS by kind of mapping from
// /proc/self/smaps), so the bench can read the split that /proc's total cannot give. With
// MEMPROBE_SNAPSHOT_DIR set, each signal
// also writes a heap snapshot there (probe-N.heapsnapshot) for test/bench/heapDiff.mjs.
import { writeHeapSnapshot } from 'node:v8';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

/**
 * Resident bytes by mapping: `brk` is glibc's main heap, `file` the node binary and libraries,
 * `arenas` glibc's per-thread arenas (anonymous, aligned to their 64 MB reservation), `anon` the
 * rest (V8's heap pages, blocks glibc mapped on their own, thread stacks).
 */
function maps() {
  const out = { brk: 0, file: 0, arenas: 0, anon: 0 };
  let kind = 'anon';
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (head) {
      const name = head[4];
      kind = name === '[heap]' ? 'brk' : name.startsWith('/') ? 'file' : !name && parseInt(head[1], 16) % 0x4000000 === 0 ? 'arenas' : 'anon';
    } else if (line.startsWith('Rss:')) {
      out[kind] += Number(/\d+/.exec(line)[0]) * 1024;
    }
  }
  return out;
}

let n = 0;
process.on('SIGUSR2', () => {
  const dir = process.env.MEMPROBE_SNAPSHOT_DIR;
  const label = n++;
  // The split first: a snapshot runs a full GC and grows RSS while it writes.
  const usage = process.memoryUsage();
  const sockets = process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
  const rssByMap = maps();
  if (dir) writeHeapSnapshot(join(dir, `probe-${label}.heapsnapshot`));
  process.stderr.write(`memory ${JSON.stringify({ label, ...usage, sockets, maps: rssByMap })}\n`);
});
