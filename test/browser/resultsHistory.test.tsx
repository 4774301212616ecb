// History and drafts on real IndexedDB in Chromium: a round trip through a new page, the draft
// (picture, exact mask, prompt, options) coming back, a request interrupted by the page going
// away, storage running full, and IndexedDB refusing to open.
import { afterEach, describe, expect, test } from 'vitest';
import { flushSync } from 'react-dom';
import { fixtureFile, paintStroke, until, type Mounted } from './helpers.tsx';
import { control, idbStore, mountWithResults, prepareEdit, wipeDb } from './resultsHelpers.tsx';
import { idbBackend, type KvBackend } from '../../src/services/storage/backend.ts';
import type { Draft } from '../../src/app/results/DraftKeeper.ts';
import type { HistoryRecord } from '../../src/core/results/record.ts';

const KEY = 'sk-test-results-history';
const DB = 'inpaint-results-history-test';
const edits = async () => (await control.requests({ path: '/v1/images/edits', apiKey: KEY })).length;
const texts = (m: Mounted) => m.services.notifier.store.get().messages.map((x) => x.text);

let m: Mounted | null = null;
afterEach(async () => { m?.unmount(); m = null; await wipeDb(DB); });

describe('history', () => {
  test('every edit survives a new page with its thumbnail, prompt, model, date and cost; open, delete, clear all', async () => {
    m = await mountWithResults(KEY, { storage: idbStore(DB) });
    await prepareEdit(m, 'first edit');
    await m.services.edit.session.submit();
    const sentCoverage = m.services.editor.doc!.coverage();
    m.services.edit.form.setPrompt('second edit');
    await m.services.edit.session.submit();
    await m.services.results.settled();
    m.unmount();

    m = await mountWithResults(KEY, { storage: idbStore(DB) });
    const { history } = m.services.results;
    await history.setOpen(true);
    await until(() => m!.host.querySelectorAll('[data-testid=history-item]').length === 2);
    const items = [...m.host.querySelectorAll('[data-testid=history-item]')];
    expect(items[0]!.textContent).toContain('second edit');
    expect(items[1]!.textContent).toContain('first edit');
    expect(items[0]!.textContent).toContain('gpt-image-1.5');
    expect(items[0]!.textContent).toMatch(/\$0\.\d+/);
    expect(items[0]!.querySelector('img')?.getAttribute('src')).toMatch(/^blob:/);
    const recs = history.state.records;
    expect(recs[0]!.usage?.outputTokens).toBeGreaterThan(0);
    expect(recs[0]!.createdAt).toBeGreaterThan(Date.now() - 60_000);
    expect(m.host.querySelector('[data-testid=storage-usage]')?.textContent).toMatch(/used of .+ available/);
    // Asking for persistent storage: the browser's answer is told, whichever it is.
    const persist = m.host.querySelector('[data-testid=storage-persist]') as HTMLButtonElement | null;
    if (persist) {
      persist.click();
      await until(() => texts(m!).some((t) => t === 'storage.persistGranted' || t === 'storage.persistDenied'));
    } else {
      expect(history.state.storage?.persisted).toBe(true);
    }

    // Open the older one: its picture, its mask as sent, its prompt, its result over the picture.
    const draftImage = m.services.editor.state.image;
    (items[1]!.querySelector('.history__open') as HTMLButtonElement).click();
    await until(() => m!.services.results.results.state.round?.id === recs[1]!.id && m!.services.editor.state.previewing);
    expect(m.services.editor.state.image).not.toBe(draftImage);
    expect(m.services.editor.state.image).toMatchObject({ name: 'chelsea.png', width: 451, height: 300 });
    expect(m.services.editor.doc!.coverage()).toEqual(sentCoverage);
    expect(m.services.edit.form.state.prompt).toBe('first edit');
    await m.services.results.results.setCompare(true);
    expect(m.services.editor.state.compare).toBe(0.5);

    // Delete one, then clear all (after confirming).
    flushSync(() => (m!.host.querySelectorAll('[data-testid=history-delete]')[0] as HTMLButtonElement).click());
    await until(() => history.state.records.length === 1);
    flushSync(() => (m!.host.querySelector('[data-testid=history-clear]') as HTMLButtonElement).click());
    expect(history.state.records.length).toBe(1);
    flushSync(() => (m!.host.querySelector('[data-testid=history-clear-yes]') as HTMLButtonElement).click());
    await until(() => history.state.records.length === 0);
    expect(m.host.querySelector('[data-testid=history-empty]')).not.toBeNull();
    const keys = await idbBackend(DB, 'kv').keys();
    expect(keys.filter((k) => k.startsWith('hist:') || k.startsWith('cache:'))).toEqual([]);
  });
});

describe('drafts', () => {
  test('the picture, the exact mask, the prompt and the options come back in a new page', async () => {
    m = await mountWithResults(KEY, { storage: idbStore(DB) });
    const { editor, edit, results } = m.services;
    await prepareEdit(m, 'not sent yet');
    // A soft-edged stroke's exact coverage (its anti-aliased rim included) must come back.
    editor.setBrushSize(17);
    paintStroke(m, [[30, 40], [90, 77]]);
    edit.form.set('quality', 'medium');
    edit.form.set('n', 3);
    results.results.setKeepOutside(false);
    const coverage = editor.doc!.coverage();
    expect(coverage.some((v) => v > 0 && v < 255)).toBe(true);
    await results.settled();
    m.unmount();

    m = await mountWithResults(KEY, { storage: idbStore(DB) });
    const s = m.services;
    expect(s.editor.state.image).toMatchObject({ name: 'chelsea.png', width: 451, height: 300, format: 'png' });
    expect(s.editor.doc!.coverage()).toEqual(coverage);
    expect(s.edit.form.state.prompt).toBe('not sent yet');
    expect(s.edit.form.state.options).toMatchObject({ model: 'gpt-image-1.5', quality: 'medium', n: 3 });
    expect(s.results.results.state.keepOutside).toBe(false);
    expect(texts(m)).toContain('draft.restored');
  });

  test('embedded, the draft is not put back on start; when the host opens the same picture, the work is offered back', async () => {
    m = await mountWithResults(KEY, { storage: idbStore(DB), embedded: true });
    await prepareEdit(m, 'in the CMS');
    const coverage = m.services.editor.doc!.coverage();
    await m.services.results.settled();
    m.unmount();

    m = await mountWithResults(KEY, { storage: idbStore(DB), embedded: true });
    expect(m.services.editor.state.image).toBeNull();
    expect(m.services.edit.form.state.prompt).toBe('');
    // The host opens another picture: nothing is offered.
    await m.services.intake.openImage(await fixtureFile('rocket.jpg'));
    await new Promise((r) => setTimeout(r, 100));
    expect(texts(m)).not.toContain('draft.offer');
    // Then the same picture as before: the mask and prompt are offered back, and come back when taken.
    await m.services.intake.openImage(await fixtureFile('chelsea.png'));
    await until(() => texts(m!).includes('draft.offer'));
    expect(m.services.editor.doc!.coverage().every((v) => v === 0)).toBe(true);
    const offer = m.services.notifier.store.get().messages.find((x) => x.text === 'draft.offer')!;
    offer.actions![0]!.run();
    await until(() => m!.services.edit.form.state.prompt === 'in the CMS');
    expect(m.services.editor.doc!.coverage()).toEqual(coverage);
  });

  test('a request under way is saved as such; after a reload it shows as interrupted, and Retry sends it', async () => {
    const store = idbStore(DB);
    m = await mountWithResults(KEY, { storage: store });
    await prepareEdit(m, 'cut short');
    await control.script([{ path: '/v1/images/edits', apiKey: KEY, fault: { kind: 'delay', ms: 1500 } }]);
    const running = m.services.edit.session.submit();
    await until(() => m!.services.edit.session.state.phase === 'waiting' || m!.services.edit.session.state.phase === 'uploading', 10_000);
    await m.services.results.draftKeeper!.flush();
    const during = await store.loadDraft<Draft>('current');
    expect(during?.inflight).toMatchObject({ prompt: 'cut short', model: 'gpt-image-1.5', provider: 'openai-images' });
    await running;
    await m.services.results.settled();
    expect((await store.loadDraft<Draft>('current'))?.inflight).toBeNull();

    // The page went away mid-request: the draft says so.
    await store.saveDraft('current', { ...(await store.loadDraft<Draft>('current'))!, inflight: during!.inflight });
    m.unmount();
    m = await mountWithResults(KEY, { storage: idbStore(DB) });
    const msg = m.services.notifier.store.get().messages.find((x) => x.text === 'draft.interrupted');
    expect(msg?.params?.model).toBe('gpt-image-1.5');
    expect(m.host.textContent).toContain('was still running when the page closed');
    const before = await edits();
    m.services.edit.form.setPrompt('cut short, again'); // not identical: the cache would answer it
    msg!.actions![0]!.run();
    await until(() => m!.services.edit.session.state.status === 'done', 10_000);
    expect(await edits()).toBe(before + 1);
  });
});

/** A backend that refuses writes beyond `limit` bytes, as a full disk does. */
function limited(inner: KvBackend, initial: number): KvBackend & { used(): number; limit: number } {
  const sizes = new Map<string, number>();
  let used = 0;
  const sizeOf = (v: unknown): number => {
    if (v instanceof Blob) return v.size;
    if (v && typeof v === 'object') return Object.values(v).reduce<number>((n, x) => n + sizeOf(x), 16);
    return String(v).length;
  };
  return {
    ...inner,
    limit: initial,
    async set(k, v) {
      const size = sizeOf(v);
      const next = used - (sizes.get(k) ?? 0) + size;
      if (next > this.limit) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      used = next;
      sizes.set(k, size);
      await inner.set(k, v);
    },
    async del(k) { used -= sizes.get(k) ?? 0; sizes.delete(k); await inner.del(k); },
    used: () => used,
  };
}

describe('storage faults', () => {
  test('storage full: the oldest history goes first, never the draft, and the user is told', async () => {
    const kv = limited(idbBackend(DB, 'kv'), Infinity);
    const store = idbStore(DB, () => kv);
    // Three old edits, 800 kB each, fill most of the room.
    for (let i = 0; i < 3; i++) {
      const hash = await store.putBlob(new Blob([new Uint8Array(800_000).fill(i + 1)], { type: 'image/png' }));
      const rec: HistoryRecord = {
        id: `old-${i}`, createdAt: 1000 + i, prompt: `old ${i}`, provider: 'openai-images', endpoint: 'x', options: {},
        source: { imageHash: null, maskHash: null, width: 1, height: 1, name: 'x.png' }, results: [{ hash, width: 1, height: 1, type: 'image/png' }],
      };
      await store.addHistory(rec);
    }
    // Room for 200 kB more: less than the picture, the answer and its thumbnail need.
    kv.limit = kv.used() + 200_000;
    m = await mountWithResults(KEY, { storage: store });
    await prepareEdit(m, 'room for me', 'rocket.jpg');
    m.services.edit.form.set('outputFormat', 'jpeg');
    m.services.edit.form.set('compression', 50);
    await m.services.edit.session.submit();
    await m.services.results.settled();
    const ids = (await store.listHistory()).map((r) => r.id);
    expect(ids[0]).not.toMatch(/^old-/);
    expect(ids).not.toContain('old-0');
    expect(texts(m)).toContain('storage.evicted');
    expect(m.host.textContent).toContain('oldest edits were removed');
    const draft = await store.loadDraft<Draft>('current');
    expect(draft?.form.prompt).toBe('room for me');
    expect(await store.getBlob(draft!.image!.hash)).toBeInstanceOf(Blob);
    expect(kv.used()).toBeLessThanOrEqual(kv.limit);
    expect(ids).toContain('old-2');
  });

  test('IndexedDB refused (a private window, a blocking frame): the app works in memory and says so', async () => {
    const open = indexedDB.open.bind(indexedDB);
    indexedDB.open = (() => { throw new DOMException('blocked', 'SecurityError'); }) as typeof indexedDB.open;
    try {
      m = await mountWithResults(KEY, { storage: 'indexeddb' });
    } finally {
      indexedDB.open = open;
    }
    expect(m.services.results.ui.get().mode).toBe('memory');
    expect(texts(m)).toContain('storage.memory');
    await prepareEdit(m, 'in memory');
    await m.services.edit.session.submit();
    expect(m.services.editor.state.previewing).toBe(true);
    await m.services.results.settled();
    await m.services.results.history.setOpen(true);
    expect(m.services.results.history.state.records.map((r) => r.prompt)).toEqual(['in memory']);
    expect(m.host.querySelector('[data-testid=storage-memory]')).not.toBeNull();
    // Answered from memory the second time: still no request.
    const before = await edits();
    await m.services.edit.session.submit();
    expect(m.services.edit.session.state.cached).toBe(true);
    expect(await edits()).toBe(before);
  });
});
