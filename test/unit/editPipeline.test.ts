// The edit pipeline in Node, with fakes for what the app hands in: storage, the picture's id, the
// PNG encoder and the provider's request. Holds that a repeat is answered with no request, and
// that each mask version is snapshotted, hashed and encoded once however often it is sent.
import { describe, expect, it } from 'vitest';
import { ArraySurface } from '../../src/core/mask/ArraySurface.ts';
import { MaskDocument } from '../../src/core/mask/MaskDocument.ts';
import { makeGrid } from '../../src/core/mask/tiles.ts';
import { MaskSnapshots, type PngEncoder } from '../../src/core/mask/snapshot.ts';
import type { EditJob, EditProvider } from '../../src/core/provider/types.ts';
import { EditPipeline, type PipelineResult } from '../../src/app/pipeline/EditPipeline.ts';
import type { Answer, InputSource, PreviewSink, ResultRepository, StoredAnswer } from '../../src/app/pipeline/ports.ts';
import { withLocalKey } from '../../src/app/results/localKey.ts';

const W = 256;
const H = 192;

function setup() {
  const encodes: string[] = [];
  const encoder: PngEncoder = { encodeRgba: async (_rgba, w, h) => { encodes.push(`${w}x${h}`); return new Blob([`png ${w}x${h}`]); } };
  const doc = new MaskDocument(new ArraySurface(makeGrid(W, H, 64)));
  const snapshots = new MaskSnapshots(encoder);
  const inputs: InputSource = { mask: () => snapshots.of(doc), pictureId: async () => 'picture-1' };
  const stored = new Map<string, StoredAnswer>();
  /** Every save, in order: the record id and the answer. */
  const saves: { id: string; answer: Answer }[] = [];
  const repository: ResultRepository = {
    lookup: async (key) => stored.get(key) ?? null,
    save: async (answer, id) => {
      saves.push({ id, answer });
      if (answer.cacheKey) stored.set(answer.cacheKey, { id, output: answer.output });
    },
  };
  /** What was shown, in order, under which record. */
  const shown: { id: string; answer: Answer }[] = [];
  const sink: PreviewSink = { show: async (answer, id) => { shown.push({ id, answer }); } };
  // A provider that keys by content (as the OpenAI ones do) and encodes the mask only when it sends.
  const sent: EditJob[] = [];
  /** Every mask snapshot a request was prepared with, and the hash promise each gave. */
  const hashes = new Map<object, Set<Promise<string>>>();
  const provider: EditProvider = {
    id: 'fake', offline: false,
    prepare: async (job) => ({
      key: {
        endpoint: 'fake/edits', model: 'm', prompt: job.prompt, options: job.options,
        images: [{ id: `picture:${job.imageId}` }], mask: job.maskSnapshot ? { id: `mask:${await hashOf(job)}` } : null,
      },
      send: async () => {
        sent.push(job);
        if (job.maskSnapshot) await job.maskSnapshot.png({ width: 128, height: 96, content: { x: 0, y: 0, width: 128, height: 96 } });
        return { images: [new Blob(['result'])], width: 128, height: 96, provider: 'fake' };
      },
    }),
    edit: async () => { throw new Error('unused'); },
  };
  function hashOf(job: EditJob): Promise<string> {
    const s = job.maskSnapshot!;
    const h = s.hash();
    hashes.set(s, (hashes.get(s) ?? new Set()).add(h));
    return h;
  }
  const pipeline = new EditPipeline({ inputs, repository, sink });
  const image = { width: W, height: H } as ImageBitmap;
  /** The answer as the session hands it on: what came back, with what it was made from. */
  const answerOf = (r: PipelineResult, prompt: string): Answer => ({
    output: r.output, prompt, image, coverage: r.mask?.coverage ?? null, mask: r.mask, cacheKey: r.key,
    endpoint: r.endpoint, cached: r.stored !== null, storedId: r.stored?.id,
  });
  /** snapshot → … → send, then store → show. */
  const run = async (prompt: string, fresh = false) => {
    const r = await pipeline.run({ provider, job: { prompt, image, options: { size: 'auto' }, signal: new AbortController().signal }, fresh });
    await pipeline.deliver(answerOf(r, prompt));
    return r;
  };
  const stroke = (x: number) => { doc.beginStroke(x, 90, 20, 'paint'); doc.strokeTo(x + 40, 90); doc.endStroke(); };
  return { run, stroke, sent, encodes, hashes, doc, provider, inputs, repository, saves, shown, answerOf };
}

describe('EditPipeline', () => {
  it('answers a repeat from the repository with no request; "fresh" sends anyway', async () => {
    const t = setup();
    t.stroke(60);
    const first = await t.run('a cat');
    expect(first.stored).toBeNull();
    expect(t.sent).toHaveLength(1);
    const again = await t.run('a cat');
    expect(again.stored?.id).toBe(t.saves[0]!.id);
    expect(again.key).toBe(first.key);
    expect(again.output).toBe(first.output);
    expect(t.sent).toHaveLength(1);
    // Another prompt is another request.
    await t.run('a dog');
    expect(t.sent).toHaveLength(2);
    await t.run('a cat', true);
    expect(t.sent).toHaveLength(3);
  });

  it('snapshots, hashes and encodes each mask version once, however often it is sent', async () => {
    const t = setup();
    t.stroke(60);
    await t.run('one');
    await t.run('two');
    await t.run('three', true);
    await t.run('one');
    expect(t.sent).toHaveLength(3);
    expect(t.encodes).toEqual(['128x96']);
    // One snapshot, whose hash (over its packed form) was worked out once for the four keys.
    expect([...t.hashes.values()].map((h) => h.size)).toEqual([1]);
    // A new stroke is a new version: one more of each, and a new key for the same prompt.
    const before = (await t.run('one')).key;
    t.stroke(150);
    const after = await t.run('one');
    expect(after.key).not.toBe(before);
    expect(after.mask?.version).toBe(t.doc.version);
    expect(t.encodes).toEqual(['128x96', '128x96']);
    expect([...t.hashes.values()].map((h) => h.size)).toEqual([1, 1]);
  });

  it('sends no mask when nothing is painted, and keys the local fill by the picture id without reading its pixels', async () => {
    const t = setup();
    const r = await t.run('whole picture');
    expect(r.mask).toBeNull();
    expect(t.sent[0]!.mask).toBeNull();
    expect(t.sent[0]!.maskSnapshot).toBeNull();
    expect(t.sent[0]!.imageId).toBe('picture-1');
    // withLocalKey would read the picture's pixels back through a canvas (none in Node) without an id.
    let fills = 0;
    const local = withLocalKey({ id: 'local', offline: true, edit: async () => { fills++; return { images: [new Blob(['f'])], width: W, height: H, provider: 'local' }; } }, { model: 'fill-1', options: () => ({ seed: 1 }) });
    t.stroke(60);
    const pipeline = new EditPipeline({ inputs: t.inputs, repository: t.repository });
    const job = { prompt: '', image: { width: W, height: H } as ImageBitmap, options: {}, signal: new AbortController().signal };
    const a = await pipeline.run({ provider: local, job });
    await pipeline.deliver(t.answerOf(a, ''));
    const b = await pipeline.run({ provider: local, job });
    expect(b.stored).not.toBeNull();
    expect(fills).toBe(1);
  });

  it('store → show: a new answer is stored, then shown under the record it was stored as; a repeat is shown under its own record and stored nothing', async () => {
    const t = setup();
    t.stroke(60);
    await t.run('a cat');
    expect(t.saves).toHaveLength(1);
    expect(t.shown).toHaveLength(1);
    const first = t.saves[0]!;
    expect(t.shown[0]).toEqual({ id: first.id, answer: first.answer });
    expect(first.answer.cached).toBe(false);
    expect(first.answer.mask?.version).toBe(t.doc.version);
    await t.run('a cat');
    expect(t.saves).toHaveLength(1);
    expect(t.shown).toHaveLength(2);
    expect(t.shown[1]!.id).toBe(first.id);
    expect(t.shown[1]!.answer.cached).toBe(true);
    expect(t.shown[1]!.answer.output).toBe(first.answer.output);
  });

  it('a save that fails or never ends does not keep the answer from the screen', async () => {
    const t = setup();
    const shown: string[] = [];
    const sink: PreviewSink = { show: async (a) => { shown.push(a.prompt); } };
    const failing: ResultRepository = { lookup: async () => null, save: () => Promise.reject(new Error('quota')) };
    const hanging: ResultRepository = { lookup: async () => null, save: () => new Promise(() => {}) };
    const answer = { ...t.answerOf({ output: { images: [], width: 1, height: 1, provider: 'fake' }, mask: null, key: 'k', endpoint: 'e', stored: null }, 'p'), image: null };
    await new EditPipeline({ inputs: t.inputs, repository: failing, sink }).deliver({ ...answer, prompt: 'failed' });
    await new EditPipeline({ inputs: t.inputs, repository: hanging, sink, storeFirstMs: 5 }).deliver({ ...answer, prompt: 'hung' });
    expect(shown).toEqual(['failed', 'hung']);
  });
});
