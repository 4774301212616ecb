// "A new picture was opened" is worked out once per editor: every part that resets on it hears
// one event per new picture, with its cause, however many other state changes come.
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/core/store.ts';
import { picturesOf, type PictureOpened } from '../../src/app/pipeline/pictures.ts';

/** A stand-in for the editor: its state's `image` and the store it is kept in. */
function fakeEditor() {
  const store = new Store<{ image: object | null; maskVersion: number }>({ image: null, maskVersion: 0 });
  return { store, get state() { return store.get(); } };
}

describe('picture events', () => {
  it('one event per new picture for each listener, with its cause; other changes and the same picture are not openings', () => {
    const editor = fakeEditor();
    const pictures = picturesOf(editor);
    expect(picturesOf(editor)).toBe(pictures);
    const form: PictureOpened[] = [];
    const results: PictureOpened[] = [];
    pictures.onOpened((e) => form.push(e));
    const stop = pictures.onOpened((e) => results.push(e));

    editor.store.set({ image: { name: 'a' } });
    editor.store.set({ maskVersion: 1 });
    editor.store.set({ maskVersion: 2 });
    expect(form).toEqual([{ cause: 'user' }]);
    expect(results).toEqual([{ cause: 'user' }]);

    // The results open a picture themselves (continue from a result): said so, not taken for the user's.
    pictures.openAs('result', () => editor.store.set({ image: { name: 'continued' } }));
    expect(form.at(-1)).toEqual({ cause: 'result' });
    editor.store.set({ image: { name: 'b' } });
    expect(form.map((e) => e.cause)).toEqual(['user', 'result', 'user']);

    stop();
    editor.store.set({ image: null });
    expect(form).toHaveLength(4);
    expect(results).toHaveLength(3);
  });
});
