// Before and after on the canvas itself: the original left of the divider and the laid-back
// result right of it, at the editor's zoom and pan; `\` held shows the original; the divider
// follows a drag and the arrow keys. And Save to host sends the picked result.
import { afterEach, describe, expect, test } from 'vitest';
import type Konva from 'konva';
import { toScreen } from '../../src/core/view/viewport.ts';
import { until, type Mounted } from './helpers.tsx';
import { mountWithResults, prepareEdit } from './resultsHelpers.tsx';
import { buildEmbedResult } from '../../src/app/embedResult.ts';

const KEY = 'sk-test-results-compare';

let m: Mounted | null = null;
afterEach(() => { m?.unmount(); m = null; });

/** RGB of the image layer at a screen point of the stage (after a synchronous redraw). */
function screenRgb(app: Mounted, sx: number, sy: number): number[] {
  const layer = (app.services.editor as unknown as { parts: { imageLayer: Konva.Layer } }).parts.imageLayer;
  layer.draw();
  const ctx = layer.getCanvas()._canvas.getContext('2d')!;
  return Array.from(ctx.getImageData(Math.round(sx), Math.round(sy), 1, 1).data.subarray(0, 3));
}

const MAGENTA = [255, 0, 255];

describe('compare', () => {
  test('original left of the divider, result right of it, at the same zoom and pan; \\ held shows the original', async () => {
    m = await mountWithResults(KEY, { storage: 'memory' });
    const { editor, edit, results } = m.services;
    await prepareEdit(m, 'compare me');
    await edit.session.submit();
    const y = toScreen(editor.currentView, 220, 150).y;
    const stroke = (x: number) => toScreen(editor.currentView, x, 150).x;
    expect(screenRgb(m, stroke(220), y)).toEqual(MAGENTA);

    // Divider in the middle of the canvas (500 px of 1000): the stroke crosses it.
    await results.results.setCompare(true);
    await until(() => m!.host.querySelector('[data-testid=compare-divider]') !== null);
    expect(stroke(120)).toBeLessThan(480);
    expect(stroke(320)).toBeGreaterThan(520);
    expect(screenRgb(m, 520, y)).toEqual(MAGENTA);
    expect(screenRgb(m, 480, y)).not.toEqual(MAGENTA);

    // Zoomed in about another point: the divider stays where it is on screen.
    editor.zoomBy(1.6, { x: 300, y: 300 });
    const y2 = toScreen(editor.currentView, 220, 150).y;
    const left = toScreen(editor.currentView, 140, 150).x;
    expect(left).toBeLessThan(490);
    expect(screenRgb(m, 510, y2)).toEqual(MAGENTA);
    expect(screenRgb(m, Math.max(left, 300), y2)).not.toEqual(MAGENTA);

    // The divider follows a drag and the arrow keys.
    const div = m.host.querySelector('[data-testid=compare-divider]') as HTMLElement;
    const box = m.host.querySelector('.workspace')!.getBoundingClientRect();
    div.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, pointerId: 3, clientX: box.left + 250, clientY: box.top + 200 }));
    expect(results.results.state.divider).toBeCloseTo(0.25, 2);
    expect(editor.state.compare).toBeCloseTo(0.25, 2);
    div.focus();
    div.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(results.results.state.divider).toBeCloseTo(0.27, 2);
    await until(() => div.getAttribute('aria-valuenow') === '27');

    // Hold \ : the original everywhere; let go: the result again.
    const x = toScreen(editor.currentView, 300, 150).x;
    expect(screenRgb(m, x, y2)).toEqual(MAGENTA);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '\\', bubbles: true }));
    expect(editor.state.peek).toBe(true);
    expect(screenRgb(m, x, y2)).not.toEqual(MAGENTA);
    window.dispatchEvent(new KeyboardEvent('keyup', { key: '\\', bubbles: true }));
    expect(screenRgb(m, x, y2)).toEqual(MAGENTA);

    // The registry's C toggles compare off: the result whole again.
    results.results.setDivider(0.9);
    const p = toScreen(editor.currentView, 200, 150);
    expect(p.x).toBeLessThan(900);
    expect(screenRgb(m, p.x, p.y)).not.toEqual(MAGENTA);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'c', bubbles: true }));
    await until(() => !results.results.state.compare);
    expect(editor.state.compare).toBeNull();
    expect(screenRgb(m, p.x, p.y)).toEqual(MAGENTA);
  });
});

describe('Save to host', () => {
  test('sends the picked result laid back at full size, with the mask it was made with, its provider, model, options and usage', async () => {
    m = await mountWithResults(KEY, { storage: 'memory' });
    const { editor, edit, results } = m.services;
    await prepareEdit(m, 'for the host');
    const original = await buildEmbedResult({ editor, request: null, results: results.results });
    expect(original.body.metadata.source).toBe('original');
    await edit.session.submit();
    const { body } = await buildEmbedResult({ editor, request: { name: 'cat.png', prompt: 'host prompt', options: {} }, results: results.results });
    expect(body.metadata).toMatchObject({ name: 'cat.png', width: 451, height: 300, source: 'edit', provider: 'openai-images', model: 'gpt-image-1.5' });
    expect(body.metadata.usage?.outputTokens).toBeGreaterThan(0);
    expect(body.metadata.options).toMatchObject({ quality: 'low', size: '1536x1024' });
    expect(body.prompt).toBe('for the host');
    const bmp = await createImageBitmap(new Blob([body.image.bytes], { type: 'image/png' }));
    expect([bmp.width, bmp.height]).toEqual([451, 300]);
    const c = new OffscreenCanvas(451, 300).getContext('2d')!;
    c.drawImage(bmp, 0, 0);
    expect(Array.from(c.getImageData(220, 150, 1, 1).data.subarray(0, 3))).toEqual(MAGENTA);
    // The original is what it was: the result is not baked into the picture until continued.
    expect(editor.state.image?.name).toBe('chelsea.png');

    // Showing the original: the picture as it is, still marked as an edit's by nothing.
    await results.results.select(null);
    const plain = await buildEmbedResult({ editor, request: null, results: results.results });
    expect(plain.body.metadata.source).toBe('original');

    // Continued from: the picture is the result now, and says where it came from.
    await results.results.select(0);
    await results.results.continueFromResult();
    const cont = await buildEmbedResult({ editor, request: null, results: results.results });
    expect(cont.body.metadata).toMatchObject({ source: 'edit', model: 'gpt-image-1.5' });
  });
});
