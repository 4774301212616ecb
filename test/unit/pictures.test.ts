// "A new picture was opened" is worked out once per editor: every part that resets on it hears
// one event per new picture, with its cause, however many other state changes come.
import { describe, expect, it } from 'vitest';
import { picturesOf, type PictureOpened } from '../../src/app/pipeline/pictures.ts';
import { TestEditor } from './TestEditor.ts';

const picture = (w: number, h: number) => ({
  bitmap: { width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }, name: 'r.png', format: 'png' as const,
  width: w, height: h, notes: [], originalWidth: w, originalHeight: h,
});

describe('picture events', () => {
  it('one event per new picture for each listener, with its cause; strokes, undo and zoom are not openings', () => {
    const editor = new TestEditor();
    const pictures = picturesOf(editor);
    expect(picturesOf(editor)).toBe(pictures);
    const form: PictureOpened[] = [];
    const results: PictureOpened[] = [];
    pictures.onOpened((e) => form.push(e));
    const stop = pictures.onOpened((e) => results.push(e));

    editor.open(64, 48);
    editor.stroke([[10, 10], [40, 10]]);
    editor.undo();
    editor.zoomIn();
    expect(form).toEqual([{ cause: 'user' }]);
    expect(results).toEqual([{ cause: 'user' }]);

    // The results open a picture themselves (continue from a result): said so, not taken for the user's.
    editor.setImage(picture(8, 8), 'result');
    expect(form.at(-1)).toEqual({ cause: 'result' });
    editor.open(32, 32);
    expect(form.map((e) => e.cause)).toEqual(['user', 'result', 'user']);

    stop();
    editor.open(16, 16);
    expect(form).toHaveLength(4);
    expect(results).toHaveLength(3);
  });

  it("follow the engine's imageOpened {cause}: a result is 'result', a file, a draft or the host's picture is 'user'", () => {
    const editor = new TestEditor();
    const seen: PictureOpened[] = [];
    picturesOf(editor).onOpened((e) => seen.push(e));
    editor.open(8, 8);
    editor.setImage(picture(4, 4), 'result');
    editor.setImage(picture(4, 4), 'draft');
    editor.setImage(picture(4, 4), 'embed');
    expect(seen.map((e) => e.cause)).toEqual(['user', 'result', 'user', 'user']);
  });
});
