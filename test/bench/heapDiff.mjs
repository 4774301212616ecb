// node test/bench/heapDiff.mjs A.heapsnapshot B.heapsnapshot [name]
// Compares two heap snapshots of one page (the session bench's SESSION_HEAP_SNAPSHOTS):
// 1. count and self bytes per type:name in A and in B, the biggest changes first (what grows);
// 2. objects in B that A did not hold (V8 keeps ids while the profiler stays on), by type:name,
//    each group with the shortest retaining path from the GC roots of one of them.
// `name` picks the groups to show paths for (default: the 8 biggest).
import { readFileSync } from 'node:fs';

const out = (line) => process.stdout.write(`${line}\n`);

/** Strings and DOM elements are grouped by kind, not by their text. */
function key(n) {
  if (n.type.endsWith('string')) return n.type;
  if (n.type === 'native' && n.name.startsWith('<')) return 'native:<element>';
  return `${n.type}:${n.name.replace(/ @\d+$/, '').slice(0, 70)}`;
}

function load(file) {
  const s = JSON.parse(readFileSync(file, 'utf8'));
  const { node_fields: nf, edge_fields: ef, node_types: nt, edge_types: et } = s.snapshot.meta;
  const N = nf.length, E = ef.length, count = s.nodes.length / N;
  const [T, NAME, ID, SIZE, EC] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((f) => nf.indexOf(f));
  const [ET, EN, ETO] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f));
  const node = (i) => ({ type: nt[0][s.nodes[i * N + T]], name: s.strings[s.nodes[i * N + NAME]], id: s.nodes[i * N + ID], size: s.nodes[i * N + SIZE] });
  // Retainers (strong edges only) and each node's distance from the root, for shortest paths.
  const retainers = Array.from({ length: count }, () => []);
  const children = Array.from({ length: count }, () => []);
  for (let i = 0, e = 0; i < count; i++) {
    const end = e + s.nodes[i * N + EC] * E;
    for (; e < end; e += E) {
      const type = et[0][s.edges[e + ET]];
      if (type === 'weak') continue;
      const to = s.edges[e + ETO] / N;
      const label = type === 'element' || type === 'hidden' ? `[${s.edges[e + EN]}]` : s.strings[s.edges[e + EN]];
      children[i].push(to);
      retainers[to].push([i, label]);
    }
  }
  const dist = new Int32Array(count).fill(-1);
  dist[0] = 0;
  const queue = [0];
  for (let h = 0; h < queue.length; h++) for (const to of children[queue[h]]) if (dist[to] < 0) { dist[to] = dist[queue[h]] + 1; queue.push(to); }
  const path = (i) => {
    const steps = [];
    for (let cur = i; cur !== 0 && steps.length < 30;) {
      const next = retainers[cur].find(([r]) => dist[r] >= 0 && dist[r] < dist[cur]);
      if (!next) { steps.push('(unreachable)'); break; }
      const n = node(next[0]);
      steps.push(`${n.type}:${n.name.slice(0, 60)} -${next[1]}->`);
      cur = next[0];
    }
    return steps.toReversed().join(' ');
  };
  return { count, node, path };
}

function tally(S) {
  const t = new Map();
  for (let i = 0; i < S.count; i++) {
    const n = S.node(i);
    const k = key(n);
    const e = t.get(k) ?? { n: 0, bytes: 0 };
    e.n++;
    e.bytes += n.size;
    t.set(k, e);
  }
  return t;
}

const [fileA, fileB, pick] = process.argv.slice(2);
if (!fileA || !fileB) { out('usage: node test/bench/heapDiff.mjs A.heapsnapshot B.heapsnapshot [name]'); process.exit(2); }
const A = load(fileA), B = load(fileB);
const tA = tally(A), tB = tally(B);
const zero = { n: 0, bytes: 0 };
const sum = (t) => [...t.values()].reduce((s, e) => s + e.bytes, 0);
out(`A ${A.count} objects ${sum(tA)} B; B ${B.count} objects ${sum(tB)} B`);
out('\ncount/bytes in A -> in B, by type:name (biggest change first)');
const changes = [...new Set([...tA.keys(), ...tB.keys()])]
  .map((k) => ({ k, a: tA.get(k) ?? zero, b: tB.get(k) ?? zero }))
  .toSorted((x, y) => Math.abs(y.b.bytes - y.a.bytes) - Math.abs(x.b.bytes - x.a.bytes));
for (const { k, a, b } of changes.slice(0, 30)) out(`${`${a.n}/${a.bytes}`.padStart(16)} -> ${`${b.n}/${b.bytes}`.padEnd(16)} ${k}`);

const old = new Set();
for (let i = 0; i < A.count; i++) old.add(A.node(i).id);
const fresh = new Map();
for (let i = 0; i < B.count; i++) {
  const n = B.node(i);
  if (old.has(n.id)) continue;
  const k = key(n);
  const g = fresh.get(k) ?? { k, n: 0, bytes: 0, sample: i };
  g.n++;
  g.bytes += n.size;
  fresh.set(k, g);
}
const groups = [...fresh.values()].toSorted((x, y) => y.bytes - x.bytes);
out('\nobjects in B that A did not hold, by type:name');
for (const g of groups.slice(0, 30)) out(`${String(g.n).padStart(7)} ${String(g.bytes).padStart(10)}  ${g.k}`);
for (const g of pick ? groups.filter((x) => x.k.includes(pick)) : groups.slice(0, 8)) {
  out(`\n== ${g.k} (${g.n}, ${g.bytes} B), e.g. @${B.node(g.sample).id}:`);
  out(B.path(g.sample));
}
