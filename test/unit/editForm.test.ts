// The edit form's reference images follow the model: a model that takes fewer images gets fewer,
// and the form says which were removed (dall-e-2 takes exactly one image, the painted one).
import { describe, expect, it } from 'vitest';
import { EditForm } from '../../src/app/edit/EditForm.ts';

const file = (name: string) => new File([new Uint8Array([1, 2, 3])], name, { type: 'image/png' });

function formWithReferences(names: string[]): EditForm {
  const form = new EditForm(() => ({ width: 640, height: 480 }));
  form.setModel('gpt-image-2');
  expect(form.addReferences(names.map(file)).refused).toEqual([]);
  return form;
}

describe('reference images when the model changes', () => {
  it('switching to dall-e-2 removes every reference and says which', () => {
    const form = formWithReferences(['a.png', 'b.png']);
    form.setModel('dall-e-2');
    expect(form.state.references).toEqual([]);
    expect(form.state.referencesDropped).toEqual({ names: ['a.png', 'b.png'], model: 'dall-e-2', max: 0 });
  });

  it('a model that takes them all keeps them, with no notice; the notice goes with the next change', () => {
    const form = formWithReferences(['a.png']);
    form.setModel('gpt-image-1.5');
    expect(form.state.references.map((r) => r.name)).toEqual(['a.png']);
    expect(form.state.referencesDropped).toBeNull();
    form.setModel('dall-e-2');
    expect(form.state.referencesDropped?.names).toEqual(['a.png']);
    form.setModel('gpt-image-2');
    expect(form.state.referencesDropped).toBeNull();
  });

  it('a custom gateway model gets the generic GPT limit (16 images in all)', () => {
    const form = formWithReferences(Array.from({ length: 15 }, (_, i) => `r${i}.png`));
    form.setModel('my-gateway-image', true);
    expect(form.state.references).toHaveLength(15);
  });

  it('a draft restored with dall-e-2 and references keeps none of them', () => {
    const form = new EditForm(() => null);
    form.restore({ options: { model: 'dall-e-2' }, references: [{ name: 'a.png', blob: file('a.png') }] });
    expect(form.state.references).toEqual([]);
    expect(form.state.referencesDropped?.names).toEqual(['a.png']);
  });
});
