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

describe('progress', () => {
  test('the local fill’s fraction drives a progress bar with a value; the phase is announced once', async () => {
    let step: (() => void) | null = null;
    const next = () => new Promise<void>((r) => { step = r; });
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
    m = await mountApp({ width: 1400, height: 900, edit: { panelOpen: true, localFill: provider } });
    await m.services.edit.init();
    await m.services.intake.openImage(await fixtureFile('chelsea.png'));
    await until(() => m!.services.editor.state.image !== null);
    paintStroke(m, [[100, 100], [200, 100]]);
    const done = m.services.edit.session.submit();

    await until(() => q<HTMLProgressElement>('[data-testid=progress-bar]')?.value === 0 && step !== null);
    const bar = q<HTMLProgressElement>('[data-testid=progress-bar]')!;
    expect(bar.max).toBe(100);
    expect(bar.getAttribute('aria-label')).toBe('Progress');
    expect(q('[data-testid=progress-status]')!.textContent).toBe('Filling the painted area');
    step!();
    await until(() => q<HTMLProgressElement>('[data-testid=progress-bar]')?.value === 40);
    expect(q('[data-testid=progress-text]')!.textContent).toBe('Filling… 40%');
    // The timer's text is not a live region read out every second; the status is the phase.
    expect(q('[data-testid=progress-text]')!.getAttribute('role')).toBe('timer');
    expect(q('[data-testid=progress-status]')!.textContent).toBe('Filling the painted area');
    step!();
    await done;
    await until(() => q('[data-testid=progress]') === null);
    expect(m.services.edit.session.state.status).toBe('done');
  });

  test('previews count toward the bar: previews received of those asked for, then the image', async () => {
    let step: (() => void) | null = null;
    const next = () => new Promise<void>((r) => { step = r; });
    const provider: EditProvider = {
      id: 'local', offline: true,
      async edit(job) {
        job.onEvent?.({ type: 'progress', phase: 'generating' });
        job.onEvent?.({ type: 'partial', index: 0, image: await png(451, 300) });
        await next();
        return { images: [await png(451, 300)], width: 451, height: 300, provider: 'local' };
      },
    };
    m = await mountApp({ width: 1400, height: 900, edit: { panelOpen: true, localFill: provider } });
    await m.services.edit.init();
    await m.services.intake.openImage(await fixtureFile('chelsea.png'));
    await until(() => m!.services.editor.state.image !== null);
    paintStroke(m, [[100, 100], [200, 100]]);
    const done = m.services.edit.session.submit();
    await until(() => q('[data-testid=partials-count]') !== null && step !== null);
    // The local fill asks for no previews: one came, so it counts as one of one.
    expect(q('[data-testid=partials-count]')!.textContent).toBe('Preview 1 of 1');
    const bar = q<HTMLProgressElement>('[data-testid=progress-bar]')!;
    expect([bar.value, bar.max]).toEqual([1, 2]);
    step!();
    await done;
  });

  test('a picture that is decoding shows a moving bar and its name over the canvas', async () => {
    m = await mountApp({ width: 1000, height: 700 });
    const opening = m.services.intake.openImage(await fixtureFile('rocket.jpg'));
    await until(() => q('[data-testid=loading]') !== null, 3000);
    expect(q('[data-testid=loading]')!.textContent).toContain('Opening rocket.jpg');
    expect(q<HTMLProgressElement>('[data-testid=loading] progress')!.hasAttribute('value')).toBe(false);
    expect(await opening).toBe(true);
    await until(() => q('[data-testid=loading]') === null);
  });
});
