// Long work shows how far it has come: the local fill's percentage as a progress bar with a
// value, phases announced once, and a moving bar while a picture decodes.
import { afterEach, describe, expect, test } from 'vitest';
import { fixtureFile, mountApp, paintStroke, until, type Mounted } from './helpers.tsx';
import type { EditProvider } from '../../src/core/provider/types.ts';

let m: Mounted | null = null;
afterEach(() => { m?.unmount(); m = null; localStorage.clear(); });
const q = <T extends Element = HTMLElement>(sel: string) => m!.host.querySelector<T>(sel);

async function png(width: number, height: number): Promise<Blob> {
  const c = new OffscreenCanvas(width, height);
  c.getContext('2d')!.fillRect(0, 0, width, height);
  return c.convertToBlob({ type: 'image/png' });
}

/** A provider's pauses, released one by one by the test. */
function stepper() {
  let release: (() => void) | null = null;
  return {
    next: () => new Promise<void>((r) => { release = r; }),
    step: { ready: () => release !== null, go: () => { const r = release; release = null; r?.(); } },
  };
}

/** The app with `provider` as its local fill, a picture open and painted, and the edit sent. */
async function startRun(provider: EditProvider): Promise<{ done: Promise<void> }> {
  m = await mountApp({ width: 1400, height: 900, edit: { panelOpen: true, localFill: provider } });
  await m.services.edit.init();
  await m.services.intake.openImage(await fixtureFile('chelsea.png'));
  await until(() => m!.services.editor.state.image !== null);
  paintStroke(m, [[100, 100], [200, 100]]);
  return { done: m.services.edit.session.submit() };
}

describe('progress', () => {
  test('the local fill’s fraction drives a progress bar with a value; the phase is announced once', async () => {
    const { next, step } = stepper();
    const provider: EditProvider = {
      id: 'local', offline: true,
      async edit(job) {
        job.onEvent?.({ type: 'progress', phase: 'filling', fraction: 0 });
        await next();
        job.onEvent?.({ type: 'progress', phase: 'filling', fraction: 0.4 });
        await next();
        return { images: [await png(451, 300)], width: 451, height: 300, provider: 'local' };
      },
    };
    const { done } = await startRun(provider);

    await until(() => q<HTMLProgressElement>('[data-testid=progress-bar]')?.value === 0 && step.ready());
    const bar = q<HTMLProgressElement>('[data-testid=progress-bar]')!;
    expect(bar.max).toBe(100);
    expect(bar.getAttribute('aria-label')).toBe('Progress');
    expect(q('[data-testid=progress-status]')!.textContent).toBe('Filling the painted area');
    step.go();
    await until(() => q<HTMLProgressElement>('[data-testid=progress-bar]')?.value === 40);
    expect(q('[data-testid=progress-text]')!.textContent).toBe('Filling… 40%');
    // The timer's text is not a live region read out every second; the status is the phase.
    expect(q('[data-testid=progress-text]')!.getAttribute('role')).toBe('timer');
    expect(q('[data-testid=progress-status]')!.textContent).toBe('Filling the painted area');
    step.go();
    await done;
    await until(() => q('[data-testid=progress]') === null);
    expect(m!.services.edit.session.state.status).toBe('done');
  });

  test('previews count toward the bar: previews received of those asked for, then the image', async () => {
    const { next, step } = stepper();
    const provider: EditProvider = {
      id: 'local', offline: true,
      async edit(job) {
        job.onEvent?.({ type: 'progress', phase: 'generating' });
        job.onEvent?.({ type: 'partial', index: 0, image: await png(451, 300) });
        await next();
        return { images: [await png(451, 300)], width: 451, height: 300, provider: 'local' };
      },
    };
    const { done } = await startRun(provider);
    await until(() => q('[data-testid=partials-count]') !== null && step.ready());
    // The local fill asks for no previews: one came, so it counts as one of one.
    expect(q('[data-testid=partials-count]')!.textContent).toBe('Preview 1 of 1');
    const bar = q<HTMLProgressElement>('[data-testid=progress-bar]')!;
    expect([bar.value, bar.max]).toEqual([1, 2]);
    step.go();
    await done;
  });

  test('a picture that is decoding shows a moving bar and its name over the canvas', async () => {
    m = await mountApp({ width: 1000, height: 700 });
    // What the intake says while it decodes (set here, so no race with a fast decode).
    m.services.intake.store.set({ loading: 'big.jpg' });
    await until(() => q('[data-testid=loading]') !== null);
    expect(q('[data-testid=loading]')!.textContent).toContain('Opening big.jpg');
    expect(q<HTMLProgressElement>('[data-testid=loading] progress')!.hasAttribute('value')).toBe(false);
    expect(q('[data-testid=empty]')).toBeNull();
    m.services.intake.store.set({ loading: null });
    await until(() => q('[data-testid=loading]') === null);
    expect(q('[data-testid=empty]')).not.toBeNull();
  });
  test('storage work in the history shows a moving bar and says what it is doing, in the UI’s language', async () => {
    m = await mountApp({ width: 1000, height: 700 });
    const history = m.services.results.history;
    // The drawer open with storage work under way (set here: real storage answers too fast to see).
    history.store.set({ open: true, busy: 'opening' });
    await until(() => q('[data-testid=history-busy]') !== null);
    expect(q('[data-testid=history-busy] [role=status]')!.textContent).toBe('Opening the edit from storage…');
    expect(q<HTMLProgressElement>('[data-testid=history-busy] progress')!.hasAttribute('value')).toBe(false);
    m.services.display.choose('zh-CN');
    await until(() => q('[data-testid=history-busy] [role=status]')?.textContent === '正在从存储中打开这次编辑…');
    history.store.set({ busy: null });
    await until(() => q('[data-testid=history-busy]') === null);
  });
});
