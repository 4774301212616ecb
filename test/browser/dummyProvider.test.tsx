// Adding a provider is one folder (test/browser/providers/dummy/) and one registry line: the
// real app, with the dummy added to the registry, lists it, draws its options from its schema,
// checks Send by its rules, runs an edit with what the panel set, and shows the result.
import { afterEach, describe, expect, test } from 'vitest';
import { flushSync } from 'react-dom';
import type Konva from 'konva';
import { fixtureFile, mountApp, paintStroke, until, type Mounted } from './helpers.tsx';
import { PROVIDERS } from '../../src/providers/registry.ts';
import { toScreen } from '../../src/core/view/viewport.ts';
import type { EditJob } from '../../src/core/provider/types.ts';
import { COLOURS, dummyProvider } from './providers/dummy/index.ts';

let m: Mounted | null = null;
afterEach(() => { m?.unmount(); m = null; });

const q = <E extends Element>(sel: string) => m!.host.querySelector<E>(sel);

/** RGB of the image layer at a screen point of the stage (after a synchronous redraw). */
function screenRgb(app: Mounted, sx: number, sy: number): number[] {
  const layer = (app.services.editor as unknown as { parts: { imageLayer: Konva.Layer } }).parts.imageLayer;
  layer.draw();
  const ctx = layer.getCanvas()._canvas.getContext('2d')!;
  return Array.from(ctx.getImageData(Math.round(sx), Math.round(sy), 1, 1).data.subarray(0, 3));
}

describe('a provider added to the registry', () => {
  test('is offered, draws its fields from its schema, and an edit through the panel runs with their values; the result is on screen', async () => {
    const jobs: EditJob[] = [];
    m = await mountApp({ width: 1000, height: 700, edit: { panelOpen: true, localFill: null, providers: [...PROVIDERS, dummyProvider(jobs)] } });
    const { edit, editor, intake, notifier } = m.services;
    await edit.init();
    await intake.openImage(await fixtureFile('chelsea.png'));
    await until(() => editor.state.image !== null);

    const radio = q<HTMLInputElement>('[data-testid=provider] input[value=dummy-fill]')!;
    expect(radio.closest('label')?.textContent).toBe('test.dummy.label');
    flushSync(() => radio.click());
    expect(edit.form.state.providerId).toBe('dummy-fill');
    await until(() => q('[data-testid=opt-colour]') !== null);
    expect(q('[data-testid=provider]')?.textContent).toContain('test.dummy.note');
    expect(q('[data-testid=model]')).toBeNull(); // OpenAI's fields are not this provider's
    expect(q('[data-testid=provider-cost]')?.textContent).toContain('0.01');

    // Nothing painted: the descriptor's own rule stops Send, and nothing runs.
    flushSync(() => q<HTMLButtonElement>('[data-testid=submit]')!.click());
    await until(() => notifier.store.get().messages.at(-1)?.text === 'edit.local.paintFirst');
    expect(jobs).toHaveLength(0);

    const colour = q<HTMLSelectElement>('[data-testid=opt-colour]')!;
    expect([...colour.options].map((o) => [o.value, o.textContent])).toEqual([['red', 'test.dummy.red'], ['blue', 'test.dummy.blue']]);
    flushSync(() => { colour.value = 'blue'; colour.dispatchEvent(new Event('change', { bubbles: true })); });
    flushSync(() => q<HTMLInputElement>('[data-testid=opt-keepAlpha]')!.click());
    paintStroke(m, [[100, 100], [200, 100]]);
    flushSync(() => q<HTMLButtonElement>('[data-testid=submit]')!.click());
    await until(() => edit.session.state.status === 'done');

    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.options).toEqual({ colour: 'blue', keepAlpha: false });
    await until(() => editor.state.previewing);
    // A painted pixel, as the job's mask says, shows the dummy's blue on the canvas.
    const mask = jobs[0]!.mask!;
    const i = mask.findIndex((v) => v >= 128);
    expect(i).toBeGreaterThanOrEqual(0);
    const w = jobs[0]!.image!.width;
    const p = toScreen(editor.currentView, (i % w) + 0.5, Math.floor(i / w) + 0.5);
    expect(screenRgb(m, p.x, p.y)).toEqual([...COLOURS['blue']!]);
  });
});
