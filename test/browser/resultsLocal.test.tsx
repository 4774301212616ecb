// The local fill is deterministic per seed, so it is cached like a request: the same picture
// (its pixels), mask (its coverage) and seed are answered from storage instead of filled again.
import { afterEach, describe, expect, test } from 'vitest';
import { fillMasked, fixtureFile, mountApp, paintStroke, until, type Mounted } from './helpers.tsx';
import { mountWithResults } from './resultsHelpers.tsx';
import { withLocalKey } from '../../src/app/results/localKey.ts';
import type { EditJob, EditOutput, EditProvider } from '../../src/core/provider/types.ts';

let m: Mounted | null = null;
afterEach(() => { m?.unmount(); m = null; });

/** A deterministic stand-in for the local fill: paints the mask grey; counts its runs. */
function fill(runs: EditJob[]): EditProvider & { dispose(): void; disposed: boolean } {
  return {
    id: 'local', offline: true, disposed: false,
    dispose() { this.disposed = true; },
    async edit(job): Promise<EditOutput> {
      runs.push(job);
      return { images: [await fillMasked(job, [128, 128, 128])], width: job.image!.width, height: job.image!.height, provider: 'local', sentOptions: { seed: 1 } };
    },
  };
}

describe('the local fill and the cache', () => {
  test('same picture, mask and seed: answered from storage; another mask: filled again; the prompt does not matter', async () => {
    const runs: EditJob[] = [];
    const inner = fill(runs);
    const local = withLocalKey(inner, { model: 'test-fill-1', options: (job) => ({ seed: Number(job.options['seed'] ?? 1) }) });
    m = await mountWithResults('sk-test-results-local', { storage: 'memory' }, undefined, { localFill: local });
    const { edit, editor, intake } = m.services;
    edit.form.setProvider('local-fill');
    await intake.openImage(await fixtureFile('chelsea.png'));
    await until(() => editor.state.image !== null);
    paintStroke(m, [[100, 100], [200, 100]]);
    await edit.session.submit();
    expect(runs).toHaveLength(1);
    expect(edit.session.state.cached).toBe(false);
    await m.services.results.settled();

    edit.form.setPrompt('anything at all');
    await edit.session.submit();
    expect(runs).toHaveLength(1);
    expect(edit.session.state.cached).toBe(true);
    expect(editor.state.previewing).toBe(true);

    paintStroke(m, [[100, 200], [200, 200]]);
    await edit.session.submit();
    expect(runs).toHaveLength(2);

    // The provider's own methods are still there behind the key.
    expect(typeof (local as typeof inner).dispose).toBe('function');
  });
});

describe('the real local fill', () => {
  test('a repeat is answered from storage, and the history says it cost nothing', async () => {
    // The app's own wiring: the local fill with its cache key (no localFill handed in).
    m = await mountApp({ width: 1000, height: 700, edit: { panelOpen: false }, results: { storage: 'memory', draftDelayMs: 20 } });
    const { edit, editor, intake, results } = m.services;
    await edit.init();
    await results.start();
    expect(edit.form.state.providerId).toBe('local-fill');
    await intake.openImage(await fixtureFile('chelsea.png'));
    await until(() => editor.state.image !== null);
    paintStroke(m, [[100, 100], [160, 100]]);
    await edit.session.submit();
    expect(edit.session.state.status).toBe('done');
    expect(edit.session.state.cached).toBe(false);
    await results.settled();
    await edit.session.submit();
    expect(edit.session.state.cached).toBe(true);
    expect(editor.state.previewing).toBe(true);
    await results.history.setOpen(true);
    const [rec] = results.history.state.records;
    expect(rec).toMatchObject({ provider: 'local', costUsd: 0 });
    expect(rec!.endpoint).toBe('local:local');
    expect(m.host.querySelector('[data-testid=history-item]')?.textContent).toContain('Local fill');
    expect(m.host.querySelector('[data-testid=history-item]')?.textContent).toContain('no charge');
  });
});
