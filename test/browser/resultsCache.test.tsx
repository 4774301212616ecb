// Results on real IndexedDB in Chromium, with the fake OpenAI server: an identical request is
// answered from storage with no request at the server; the history keeps every round and
// survives a new page; laid back, the outside of the mask is the original bit for bit even when
// the server changed it.
import { afterEach, describe, expect, test } from 'vitest';
import { paintStroke, type Mounted } from './helpers.tsx';
import { idbBackend } from '../../src/services/storage/backend.ts';
import { control, idbStore, mountWithResults, pixelsOf, prepareEdit, wipeDb } from './resultsHelpers.tsx';

const KEY = 'sk-test-results-cache';
const DB = 'inpaint-results-cache-test';
const edits = async () => (await control.requests({ path: '/v1/images/edits', apiKey: KEY })).length;

let m: Mounted | null = null;
afterEach(async () => { m?.unmount(); m = null; await wipeDb(DB); });

describe('the cache', () => {
  test('an identical request is answered from IndexedDB with no request at the server, says so, and "generate again" asks anew', async () => {
    m = await mountWithResults(KEY, { storage: idbStore(DB) });
    const { edit, results, editor } = m.services;
    await prepareEdit(m, 'a blue collar');
    const before = await edits();
    await edit.session.submit();
    expect(edit.session.state.status).toBe('done');
    expect(await edits()).toBe(before + 1);
    expect(results.results.state.round?.cached).toBe(false);
    await results.settled();

    await edit.session.submit();
    expect(edit.session.state.status).toBe('done');
    expect(edit.session.state.cached).toBe(true);
    expect(await edits()).toBe(before + 1);
    expect(results.results.state.round?.cached).toBe(true);
    expect(editor.state.previewing).toBe(true);
    expect(m.host.querySelector('[data-testid=from-cache]')?.textContent).toContain('no request sent');

    // A page opened later, on the same database: still answered from storage.
    m.unmount();
    m = await mountWithResults(KEY, { storage: idbStore(DB) });
    await prepareEdit(m, 'a blue collar');
    await m.services.edit.session.submit();
    expect(m.services.edit.session.state.cached).toBe(true);
    expect(await edits()).toBe(before + 1);

    // Anything different is a new request: here the prompt.
    m.services.edit.form.setPrompt('a blue collar.');
    await m.services.edit.session.submit();
    expect(m.services.edit.session.state.cached).toBe(false);
    expect(await edits()).toBe(before + 2);

    // "Generate again" sends the identical request anyway.
    m.services.edit.form.setPrompt('a blue collar');
    await m.services.results.settled();
    const btn = m.host.querySelector('[data-action=generateAgain]') as HTMLButtonElement;
    expect(btn).toBeNull(); // the last answer was not from storage: no such offer in the strip
    await m.services.edit.session.submit();
    expect(m.services.edit.session.state.cached).toBe(true);
    const again = m.host.querySelector('[data-testid=from-cache] [data-action=generateAgain]') as HTMLButtonElement;
    again.click();
    await new Promise((r) => setTimeout(r, 0));
    while (m.services.edit.session.running) await new Promise((r) => setTimeout(r, 20));
    expect(m.services.edit.session.state.cached).toBe(false);
    expect(await edits()).toBe(before + 3);
    // The new answer now answers the request (the newest record holds the key).
    await m.services.results.settled();
    await m.services.edit.session.submit();
    expect(m.services.edit.session.state.cached).toBe(true);
    expect(await edits()).toBe(before + 3);
  });

  test('a fresh answer is decoded once for its size, thumbnail and composite; a repeat answered from storage encodes no PNG and decodes once', async () => {
    m = await mountWithResults(KEY, { storage: idbStore(DB) });
    const { edit, results, editor } = m.services;
    await prepareEdit(m, 'decoded once');
    await results.settled();
    const decodes: Blob[] = [];
    const pngs: string[] = [];
    const realDecode = window.createImageBitmap;
    const realConvert = OffscreenCanvas.prototype.convertToBlob;
    window.createImageBitmap = ((src: ImageBitmapSource, ...rest: never[]) => {
      if (src instanceof Blob) decodes.push(src);
      return (realDecode as (...a: unknown[]) => Promise<ImageBitmap>)(src, ...rest);
    }) as typeof createImageBitmap;
    OffscreenCanvas.prototype.convertToBlob = function (this: OffscreenCanvas, opts?: ImageEncodeOptions) {
      if ((opts?.type ?? 'image/png') === 'image/png') pngs.push(`${this.width}x${this.height}`);
      return realConvert.call(this, opts);
    };
    try {
      await edit.session.submit();
      expect(edit.session.state.status).toBe('done');
      await results.settled();
      const answer = results.results.state.round!.results[0]!.blob;
      // Measured, thumbnailed and laid back from one decode.
      expect(decodes.filter((b) => b === answer)).toHaveLength(1);
      expect(decodes).toHaveLength(1);
      expect(editor.state.previewing).toBe(true);
      expect(pngs).toHaveLength(2); // the picture and the mask, as sent
      decodes.length = 0;
      pngs.length = 0;
      await edit.session.submit();
      expect(edit.session.state.cached).toBe(true);
      expect(editor.state.previewing).toBe(true);
      expect(pngs).toEqual([]);
      expect(decodes).toHaveLength(1);
    } finally {
      window.createImageBitmap = realDecode;
      OffscreenCanvas.prototype.convertToBlob = realConvert;
    }
  });

  test('results and their pictures are stored as Blobs, once per hash', async () => {
    const store = idbStore(DB);
    m = await mountWithResults(KEY, { storage: store });
    await prepareEdit(m, 'stored once');
    m.services.edit.form.set('n', 2);
    await m.services.edit.session.submit();
    await m.services.results.settled();
    const [rec] = await store.listHistory();
    expect(rec!.results).toHaveLength(2);
    for (const r of rec!.results) expect(await store.getBlob(r.hash)).toBeInstanceOf(Blob);
    const source = await store.getBlob(rec!.source.imageHash!);
    expect(source).toBeInstanceOf(Blob);
    expect(source!.size).toBe((await (await fetch('/test/fixtures/chelsea.png')).blob()).size);
    const count = async () => (await idbBackend(DB, 'kv').keys()).filter((k) => k.startsWith('blob:')).length;
    // Two results, a thumbnail, the picture and the packed mask.
    const blobs = await count();
    expect(blobs).toBe(5);
    // A second edit of the same picture and mask: the fake answers with the same bytes (its
    // answer depends on the picture and mask only), so nothing new is stored but the record.
    m.services.edit.form.set('n', 1);
    m.services.edit.form.setPrompt('stored once, again');
    await m.services.edit.session.submit();
    await m.services.results.settled();
    const [second] = await store.listHistory();
    expect(second!.prompt).toBe('stored once, again');
    expect(second!.results[0]!.hash).toBe(rec!.results[0]!.hash);
    expect(second!.source).toEqual(rec!.source);
    expect(await count()).toBe(blobs);
  });
});

describe('the Responses API', () => {
  test('its answer is laid back and kept; the identical request is answered from storage with no request', async () => {
    m = await mountWithResults(KEY, { storage: idbStore(DB) });
    const { edit, results, editor } = m.services;
    await prepareEdit(m, 'through responses');
    edit.form.setProvider('openai-responses');
    const calls = async () => (await control.requests({ path: '/v1/responses', apiKey: KEY })).length;
    const before = await calls();
    await edit.session.submit();
    expect(edit.session.state.status).toBe('done');
    expect(await calls()).toBe(before + 1);
    expect(editor.state.previewing).toBe(true);
    const out = (await results.results.picked())!.picture;
    expect([out.width, out.height]).toEqual([451, 300]);
    await results.settled();
    await edit.session.submit();
    expect(edit.session.state.cached).toBe(true);
    expect(await calls()).toBe(before + 1);
    // The conversation can go on from the stored answer's response id.
    expect(edit.session.state.lastResponseId).toMatch(/^resp_/);
  });
});

describe('laid back at full resolution', () => {
  test('with the server altering pixels outside the mask, the output equals the original outside the mask exactly', async () => {
    m = await mountWithResults(KEY, { storage: 'memory' });
    const { edit, results, editor } = m.services;
    await prepareEdit(m, 'outside stays');
    await control.script([{ path: '/v1/images/edits', apiKey: KEY, mode: { alterOutsideMask: true } }]);
    await edit.session.submit();
    expect(edit.session.state.status).toBe('done');
    const original = pixelsOf(editor.bitmap!);
    const coverage = editor.doc!.coverage();
    const pick = await results.results.picked();
    const out = pixelsOf(pick!.picture);
    const { width: W, height: H } = editor.bitmap!;
    let outside = 0;
    let outsideDiff = 0;
    for (let i = 0; i < W * H; i++) {
      if (coverage[i]! >= 128) continue;
      outside++;
      for (let c = 0; c < 4; c++) if (out[i * 4 + c] !== original[i * 4 + c]) outsideDiff++;
    }
    expect(outside).toBeGreaterThan(W * H * 0.5);
    expect(outsideDiff).toBe(0);
    // Deep inside the stroke: the fake's fill colour (magenta).
    const at = (x: number, y: number) => Array.from(out.subarray((y * W + x) * 4, (y * W + x) * 4 + 3));
    expect(at(220, 150)).toEqual([255, 0, 255]);

    // The server really did change the outside: with the toggle off, the whole result shows.
    results.results.setKeepOutside(false);
    const whole = pixelsOf((await results.results.picked())!.picture);
    let darker = 0;
    for (let i = 0; i < W * H; i += 7) if (coverage[i] === 0 && whole[i * 4]! < original[i * 4]! - 8) darker++;
    expect(darker).toBeGreaterThan(1000);
  });

  test('dall-e-2 answers are mapped through the padding back onto the picture', async () => {
    m = await mountWithResults(KEY, { storage: 'memory' });
    const { edit, results, editor } = m.services;
    await prepareEdit(m, 'padded');
    edit.connection.save({ baseURL: control.gatewayURL, apiKey: KEY, remember: false });
    edit.form.setModel('dall-e-2');
    edit.form.set('size', '512x512');
    await edit.session.submit();
    expect(edit.session.state.status).toBe('done');
    expect(edit.session.state.output?.resultRegion?.y).toBeGreaterThan(0);
    results.results.setKeepOutside(false);
    const out = pixelsOf((await results.results.picked())!.picture);
    const original = pixelsOf(editor.bitmap!);
    const { width: W, height: H } = editor.bitmap!;
    // Top and bottom rows are the picture, not the black padding around it in the answer.
    const rowDiff = (y: number) => {
      let d = 0;
      for (let x = 0; x < W; x++) for (let c = 0; c < 3; c++) d += Math.abs(out[(y * W + x) * 4 + c]! - original[(y * W + x) * 4 + c]!);
      return d / (W * 3);
    };
    expect(rowDiff(2)).toBeLessThan(25);
    expect(rowDiff(H - 3)).toBeLessThan(25);
    // And the painted stroke is where it was painted.
    const i = (150 * W + 220) * 4;
    expect([out[i], out[i + 1], out[i + 2]]).toEqual([255, 0, 255]);
  });

  test('the seam lies inside the mask only, its width can be changed, and it never brings back what the result replaced', async () => {
    m = await mountWithResults(KEY, { storage: 'memory' });
    const { edit, results, editor } = m.services;
    await prepareEdit(m, 'seam');
    await edit.session.submit();
    const W = editor.bitmap!.width;
    const cov = editor.doc!.coverage();
    // The first painted pixel below the stroke's centre line, going up from outside.
    let y = 150;
    while (cov[(y + 1) * W + 220]! >= 128) y++;
    const edge = (y * W + 220) * 4;
    const original = pixelsOf(editor.bitmap!);
    results.results.setFeather(0);
    await results.results.select(0);
    const hard = pixelsOf((await results.results.picked())!.picture);
    results.results.setFeather(20);
    await results.results.select(0);
    const soft = pixelsOf((await results.results.picked())!.picture);
    const dist = (a: Uint8ClampedArray, i: number) => Math.abs(a[i]! - original[i]!) + Math.abs(a[i + 1]! - original[i + 1]!) + Math.abs(a[i + 2]! - original[i + 2]!);
    // The fake's fill (magenta) disagrees with the photo everywhere: at the mask's edge a wide seam
    // shows the result as a hard edge does, not a ghost of what was painted out. (Where they agree
    // the seam mixes them: test/unit/composite.test.ts.)
    expect(results.results.state.feather).toBe(20);
    expect(dist(hard, edge)).toBeGreaterThan(200);
    expect(dist(soft, edge)).toBe(dist(hard, edge));
    const deep = (150 * W + 220) * 4;
    expect([soft[deep], soft[deep + 1], soft[deep + 2]]).toEqual([255, 0, 255]);
    // Just outside the edge: the original, whatever the seam.
    const out = ((y + 1) * W + 220) * 4;
    expect([hard[out], soft[out]]).toEqual([original[out], original[out]]);
    expect(editor.state.previewing).toBe(true);
  });
});

describe('continue from a result', () => {
  test('the laid-back result becomes the picture with a fresh mask; the next round links to the first', async () => {
    const store = idbStore(DB);
    m = await mountWithResults(KEY, { storage: store });
    const { edit, results, editor } = m.services;
    await prepareEdit(m, 'round one');
    await edit.session.submit();
    const composite = pixelsOf((await results.results.picked())!.picture);
    await results.settled();
    const first = results.results.state.round!.id;
    await results.results.continueFromResult();
    expect(editor.state.previewing).toBe(false);
    expect(editor.state.canUndo).toBe(false);
    expect(editor.doc!.coverage().every((v) => v === 0)).toBe(true);
    expect(pixelsOf(editor.bitmap!)).toEqual(composite);
    paintStroke(m, [[100, 60], [300, 60]]);
    edit.form.setPrompt('round two');
    await edit.session.submit();
    await results.settled();
    const [second, firstRec] = await store.listHistory();
    expect(firstRec!.id).toBe(first);
    expect(second!.parentId).toBe(first);
    expect(second!.prompt).toBe('round two');
    // The continued picture was stored as the second round's source (a PNG of the composite).
    const src = await store.getBlob(second!.source.imageHash!);
    expect(src!.type).toBe('image/png');
  });
});
