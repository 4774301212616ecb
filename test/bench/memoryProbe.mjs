// Loaded into the server under test with `node --import ./test/bench/memoryProbe.mjs server.js`
// (the server bench only; production never loads it). On SIGUSR2 it writes one line to stderr,
// `memory {"rss":…,"heapTotal":…,"heapUsed":…,"external":…,"arrayBuffers":…,"sockets":…}` (bytes;
// sockets: TCP connections open, inbound and upstream), so the bench can read the split that /proc
// cannot give. With MEMPROBE_SNAPSHOT_DIR set, each signal
// also writes a heap snapshot there (probe-N.heapsnapshot) for test/bench/heapDiff.mjs.
import { writeHeapSnapshot } from 'node:v8';
import { join } from 'node:path';

let n = 0;
process.on('SIGUSR2', () => {
  const dir = process.env.MEMPROBE_SNAPSHOT_DIR;
  const label = n++;
  // The split first: a snapshot runs a full GC and grows RSS while it writes.
  const usage = process.memoryUsage();
  const sockets = process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
  if (dir) writeHeapSnapshot(join(dir, `probe-${label}.heapsnapshot`));
  process.stderr.write(`memory ${JSON.stringify({ label, ...usage, sockets })}\n`);
});
