// The edit panel in the real app: only the options the model takes, the custom-model warning,
// the local-fill seam (a provider handed in through the services), and nothing lost on failure.
import { afterEach, describe, expect, test } from 'vitest';
import { flushSync } from 'react-dom';
import { fixtureFile, mountApp, paintStroke, until, type Mounted } from './helpers.tsx';
import type { EditJob, EditOutput, EditProvider } from '../../src/core/provider/types.ts';

let m: Mounted | null = null;
afterEach(() => { m?.unmount(); m = null; localStorage.clear(); });

const q = (sel: string) => m!.host.querySelector(sel);
const has = (id: string) => q(`[data-testid=${id}]`) !== null;

function select(id: string, value: string): void {
  const el = q(`[data-testid=${id}]`) as HTMLSelectElement;
  flushSync(() => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('edit panel', () => {
  test('offers only what the chosen model takes', async () => {
    m = await mountApp({ width: 1400, height: 900, edit: { panelOpen: true, localFill: null } });
    await m.services.intake.openImage(await fixtureFile('rocket.jpg'));
    await until(() => has('size'));
    select('model', 'gpt-image-1.5');
    expect(['quality', 'format', 'background', 'fidelity', 'partials', 'references'].every(has)).toBe(true);
    expect(has('compression')).toBe(false); // PNG
    expect(has('moderation')).toBe(false); // not an edit field
    select('format', 'jpeg');
    expect(has('compression')).toBe(true);
    expect([...(q('[data-testid=background]') as HTMLSelectElement).options].map((o) => o.value)).not.toContain('transparent');

    select('model', 'gpt-image-2');
    expect(has('fidelity')).toBe(false);
    expect((q('[data-testid=size]') as HTMLSelectElement).value).toBe(m.services.edit.form.state.options.size);
    expect(m.services.edit.form.state.options.size).toMatch(/^\d+x\d+$/);

    select('model', 'dall-e-2');
    expect(['quality', 'format', 'background', 'fidelity', 'partials', 'references', 'compression'].some(has)).toBe(false);
    expect(q('[data-testid=model-warning]')?.textContent).toContain('shut down by OpenAI on 2026-05-12');
    expect([...(q('[data-testid=size]') as HTMLSelectElement).options].map((o) => o.value)).toEqual(['256x256', '512x512', '1024x1024']);

    flushSync(() => m!.services.edit.form.setModel('my-gateway-image', true));
    expect(q('[data-testid=model-warning]')?.textContent).toContain('“my-gateway-image” is not a model this editor knows');
    expect(has('quality')).toBe(true);
  });

  test('the Responses API shows the mainline model and moderation, one result, no n', async () => {
    m = await mountApp({ width: 1400, height: 900, edit: { panelOpen: true, localFill: null } });
    flushSync(() => m!.services.edit.form.setProvider('openai-responses'));
    await until(() => has('mainline'));
    expect((q('[data-testid=mainline]') as HTMLInputElement).value).toBe('gpt-5.5');
    expect(has('moderation')).toBe(true);
    expect(has('n')).toBe(false);
    expect(q('[data-testid=generate-note]')).not.toBeNull();
  });
});

/** A test double in place of the local fill (the real one is built in another branch). */
function recordingProvider(jobs: EditJob[]): EditProvider {
  return {
    id: 'local-fill', offline: true,
    async edit(job): Promise<EditOutput> {
      jobs.push(job);
      const c = new OffscreenCanvas(job.image!.width, job.image!.height);
      c.getContext('2d')!.fillRect(0, 0, c.width, c.height);
      return { images: [await c.convertToBlob({ type: 'image/png' })], width: c.width, height: c.height, provider: 'local-fill' };
    },
  };
}

describe('the local fill seam', () => {
  test('with no key and no proxy, a provider handed in as localFill is the default and gets the image and mask', async () => {
    const jobs: EditJob[] = [];
    m = await mountApp({ width: 1400, height: 900, edit: { panelOpen: true, localFill: recordingProvider(jobs) } });
    await m.services.edit.init();
    expect(m.services.edit.form.state.providerId).toBe('local-fill');
    await until(() => q('[data-testid=provider]')?.textContent?.includes('ignores the prompt') ?? false);
    await m.services.intake.openImage(await fixtureFile('chelsea.png'));
    await until(() => m!.services.editor.state.image !== null);
    paintStroke(m, [[100, 100], [200, 100]]);
    await m.services.edit.session.submit();
    expect(jobs).toHaveLength(1);
    expect([jobs[0]!.image!.width, jobs[0]!.image!.height]).toEqual([451, 300]);
    expect(jobs[0]!.mask![100 * 451 + 150]).toBe(255);
    expect(jobs[0]!.mask![10 * 451 + 10]).toBe(0);
    expect(m.services.edit.session.state.status).toBe('done');
    expect(m.services.editor.state.previewing).toBe(true);
  });

  test('the local fill is not started without paint, and its own errors reach the user with the work intact', async () => {
    const jobs: EditJob[] = [];
    const failing: EditProvider = { id: 'local', offline: true, async edit(job) { jobs.push(job); throw Object.assign(new Error('no-source'), { name: 'LocalFillError', code: 'no-source' }); } };
    m = await mountApp({ width: 1400, height: 900, edit: { panelOpen: true, localFill: failing } });
    await m.services.edit.init();
    await m.services.intake.openImage(await fixtureFile('chelsea.png'));
    await until(() => m!.services.editor.state.image !== null);
    await m.services.edit.session.submit();
    expect(jobs).toHaveLength(0);
    expect(m.services.notifier.store.get().messages.at(-1)?.text).toBe('edit.local.paintFirst');
    paintStroke(m, [[100, 100], [200, 100]]);
    await m.services.edit.session.submit();
    expect(jobs).toHaveLength(1);
    // Without the fill's own strings in this build, the generic local-fill message says why.
    expect(m.services.notifier.store.get().messages.at(-1)).toMatchObject({ kind: 'error' });
    expect(m.services.edit.session.state.status).toBe('failed');
    expect(m.services.editor.state.canUndo).toBe(true);
    expect(m.services.editor.state.previewing).toBe(false);
  });

  test('the app-picked provider follows the connection; a user’s pick stays', async () => {
    m = await mountApp({ width: 1400, height: 900, edit: { panelOpen: true, localFill: recordingProvider([]) } });
    const { edit } = m.services;
    await edit.init();
    expect(edit.form.state.providerId).toBe('local-fill');
    edit.connection.save({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-x', remember: false });
    expect(edit.form.state.providerId).toBe('openai-images');
    edit.connection.forget();
    expect(edit.form.state.providerId).toBe('local-fill');
    edit.form.setProvider('openai-responses');
    edit.connection.save({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-x', remember: false });
    edit.connection.forget();
    expect(edit.form.state.providerId).toBe('openai-responses');
  });

  test('without a local fill, OpenAI stays the choice and asks for a connection; nothing is lost', async () => {
    m = await mountApp({ width: 1400, height: 900, edit: { panelOpen: true, localFill: null } });
    await m.services.edit.init();
    expect(m.services.edit.form.state.providerId).toBe('openai-images');
    await m.services.intake.openImage(await fixtureFile('chelsea.png'));
    await until(() => m!.services.editor.state.image !== null);
    paintStroke(m, [[100, 100], [200, 100]]);
    flushSync(() => m!.services.edit.form.setPrompt('a hat'));
    await m.services.edit.session.submit();
    const msgs = m.services.notifier.store.get().messages;
    expect(msgs.at(-1)?.text).toBe('edit.provider.needsConnection');
    expect(m.services.edit.form.state.prompt).toBe('a hat');
    expect(m.services.editor.state.canUndo).toBe(true);
  });
});
