// Contract points in the real panel: reference images the new model cannot take are removed with
// a notice in the UI's language, and never reach the service; gpt-image-2 offers a transparent
// background marked as a preview; the Responses tool's action is shown with the options sent.
import { afterEach, describe, expect, inject, test } from 'vitest';
import { flushSync } from 'react-dom';
import { fakeControl } from '../fake-openai/controlClient.ts';
import { fixtureFile, mountApp, paintStroke, until, type Mounted } from './helpers.tsx';

const KEY = 'sk-test-edit-model-switch';
const control = fakeControl(inject('fakeOpenAI'));

let m: Mounted | null = null;
afterEach(() => { m?.unmount(); m = null; localStorage.clear(); });

const q = (sel: string) => m!.host.querySelector(sel);
const text = (id: string) => q(`[data-testid=${id}]`)?.textContent ?? null;
const options = (id: string) => [...(q(`[data-testid=${id}]`) as HTMLSelectElement).options].map((o) => [o.value, o.textContent]);

function select(id: string, value: string): void {
  const el = q(`[data-testid=${id}]`) as HTMLSelectElement;
  flushSync(() => {
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function reference(name: string): Promise<File> {
  const c = new OffscreenCanvas(32, 32);
  c.getContext('2d')!.fillRect(0, 0, 32, 32);
  return new File([await c.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' });
}

/** The app with its edit panel open, connected to the fake at `baseURL` with this file's key. */
async function connected(baseURL: string): Promise<Mounted['services']> {
  m = await mountApp({ width: 1400, height: 900, edit: { panelOpen: true, localFill: null, openai: { retry: { maxRetries: 0, maxServerWaitMs: 0, baseMs: 10, capMs: 10 } } } });
  await m.services.edit.init();
  m.services.edit.connection.save({ baseURL, apiKey: KEY, remember: false });
  return m.services;
}

describe('changing the image model', () => {
  test('dall-e-2 takes one image: the references go, with a notice in both languages, and the request carries the painted image alone', async () => {
    const { intake, edit, editor } = await connected(control.gatewayURL);
    await intake.openImage(await fixtureFile('chelsea.png'));
    await until(() => editor.state.image !== null && q('[data-testid=model]') !== null);
    editor.setBrushSize(60);
    paintStroke(m!, [[120, 150], [320, 150]]);
    flushSync(() => edit.form.setProvider('openai-images'));
    select('model', 'gpt-image-1.5');
    const refs = await Promise.all(['cat.png', 'hat.png'].map(reference));
    flushSync(() => { edit.form.addReferences(refs); });
    await until(() => q('[data-testid=references] li') !== null);

    select('model', 'dall-e-2');
    expect(edit.form.state.references).toEqual([]);
    await until(() => text('references-dropped') !== null);
    expect(text('references-dropped')).toBe('dall-e-2 takes only the painted image, so the reference images were removed: cat.png and hat.png.');
    m!.services.display.choose('zh-CN');
    await until(() => text('references-dropped') === 'dall-e-2 只接受涂抹的那一张图像，因此参考图像已被移除：cat.png和hat.png。');
    m!.services.display.choose('en');

    flushSync(() => edit.form.setPrompt('a red door'));
    edit.form.set('size', '256x256');
    const before = (await control.requests({ path: '/v1/images/edits', apiKey: KEY })).length;
    await edit.session.submit();
    expect(edit.session.state.status).toBe('done');
    const sent = (await control.requests({ path: '/v1/images/edits', apiKey: KEY })).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.status).toBe(200);
    expect(sent[0]!.files.map((f) => f.field).toSorted()).toEqual(['image', 'mask']);

    // Back to a model that takes references: the notice goes; the removed ones stay removed.
    select('model', 'gpt-image-2');
    expect(text('references-dropped')).toBeNull();
    expect(edit.form.state.references).toEqual([]);
  });

  test('gpt-image-2 offers a transparent background marked as a preview, with a note; 2.6 offers none', async () => {
    m = await mountApp({ width: 1400, height: 900, edit: { panelOpen: true, localFill: null } });
    await m.services.intake.openImage(await fixtureFile('rocket.jpg'));
    await until(() => q('[data-testid=model]') !== null);
    flushSync(() => m!.services.edit.form.setProvider('openai-images'));
    select('model', 'gpt-image-2');
    expect(options('background')).toContainEqual(['transparent', 'Transparent (preview)']);
    expect(text('transparent-preview')).toBeNull();
    select('background', 'transparent');
    expect(m.services.edit.form.state.options.background).toBe('transparent');
    expect(text('transparent-preview')).toContain('in preview for gpt-image-2');
    // PNG and WebP only: JPEG is not offered while the background is transparent.
    expect(options('format').map(([v]) => v)).toEqual(['png', 'webp']);

    select('model', 'gpt-image-2.6-sunburst');
    expect(options('background').map(([v]) => v)).toEqual(['auto', 'opaque']);
    expect(m.services.edit.form.state.options.background).toBe('auto');
    select('model', 'gpt-image-1.5');
    expect(options('background')).toContainEqual(['transparent', 'Transparent']);
  });
});

describe('the options sent, as the panel shows them', () => {
  test("the Responses tool's action is in the run summary: edit with a picture, generate without", async () => {
    const { intake, edit, editor } = await connected(control.baseURL);
    flushSync(() => edit.form.setProvider('openai-responses'));
    flushSync(() => edit.form.setModel('gpt-image-1.5'));
    edit.form.set('quality', 'low');
    edit.form.set('partialImages', 0);
    flushSync(() => edit.form.setPrompt('a lighthouse at dusk'));
    await edit.session.submit();
    expect(edit.session.state.status).toBe('done');
    await until(() => q('[data-testid=sent-options]') !== null);
    expect(text('sent-options')).toContain('action: generate');
    expect(text('sent-options')).toContain('model: gpt-image-1.5');

    await intake.openImage(await fixtureFile('chelsea.png'));
    await until(() => editor.state.image !== null);
    editor.setBrushSize(60);
    paintStroke(m!, [[120, 150], [320, 150]]);
    flushSync(() => edit.form.setPrompt('a red hat'));
    await edit.session.submit();
    expect(edit.session.state.status).toBe('done');
    await until(() => text('sent-options')?.includes('action: edit') === true);
    const [req] = (await control.requests({ path: '/v1/responses', apiKey: KEY })).slice(-1);
    expect((req!.json as { tools: { action: string }[] }).tools[0]!.action).toBe('edit');
  });
});
