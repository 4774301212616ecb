import { inject } from 'vitest';
import { fakeControl } from '../fake-openai/controlClient.ts';
import { idbBackend, type KvBackend } from '../../src/services/storage/backend.ts';
import { ResultStore } from '../../src/services/storage/index.ts';
import type { ResultServiceOptions } from '../../src/app/results/ResultServices.ts';
import type { EditServiceOptions } from '../../src/app/edit/editServices.ts';
import { fixtureFile, mountApp, paintStroke, until, type Mounted } from './helpers.tsx';

export const control = fakeControl(inject('fakeOpenAI'));

/** A store on a real IndexedDB database of the test's own (the app's is never touched). */
export function idbStore(db: string, wrap: (kv: KvBackend) => KvBackend = (kv) => kv): ResultStore {
  return new ResultStore(wrap(idbBackend(db, 'kv')), 'indexeddb');
}

export async function wipeDb(db: string): Promise<void> {
  const kv = idbBackend(db, 'kv');
  for (const k of await kv.keys()) await kv.del(k);
}

/**
 * The real app with results kept in `storage`, connected to the fake OpenAI server with `key`,
 * the form set for a quick, cheap edit, and the results services started (draft restored).
 */
export async function mountWithResults(key: string, results: ResultServiceOptions, size = { width: 1000, height: 700 }, edit: EditServiceOptions = {}): Promise<Mounted> {
  const m = await mountApp({
    ...size,
    edit: { localFill: null, openai: { retry: { maxRetries: 0, maxServerWaitMs: 0, baseMs: 10, capMs: 10 } }, ...edit },
    results: { draftDelayMs: 20, ...results },
  });
  await m.services.edit.init();
  await m.services.results.start();
  m.services.edit.connection.save({ baseURL: control.baseURL, apiKey: key, remember: false });
  return m;
}

/** Opens a fixture, paints a horizontal stroke and sets a cheap edit with `prompt`. */
export async function prepareEdit(m: Mounted, prompt: string, fixture = 'chelsea.png'): Promise<void> {
  const { editor, intake, edit } = m.services;
  await intake.openImage(await fixtureFile(fixture));
  await until(() => editor.state.image !== null);
  editor.setBrushSize(60);
  paintStroke(m, [[120, 150], [320, 150]]);
  edit.form.setModel('gpt-image-1.5');
  edit.form.set('quality', 'low');
  edit.form.set('partialImages', 0);
  edit.form.setPrompt(prompt);
}

export { pixelsOf } from './helpers.tsx';
