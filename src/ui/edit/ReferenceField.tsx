import { useRef } from 'react';
import { capsFor } from '../../core/openai/models/lookup.ts';
import type { EditForm, EditFormState } from '../../app/edit/EditForm.ts';
import type { Notifier } from '../../app/notifier.ts';
import { useT } from '../i18n/index.ts';

/** Extra reference images, up to the model's limit; the mask applies to the painted (first) image. */
export function ReferenceField({ form, state, notifier }: { form: EditForm; state: EditFormState; notifier: Notifier }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const max = capsFor(state.options.model).input.maxImages - 1;
  const add = (files: File[]) => {
    const { refused, overLimit } = form.addReferences(files);
    for (const name of refused) notifier.push({ kind: 'error', text: 'edit.references.bad', params: { name } });
    if (overLimit) notifier.push({ kind: 'warning', text: 'edit.references.full', params: { max: max + 1 } });
  };
  return (
    <div className="ep-group" data-testid="references">
      <span className="ep-label">{t('edit.references')}</span>
      <p className="ep-help">{t('edit.references.help', { max })}</p>
      <ul className="ep-refs">
        {state.references.map((r) => (
          <li key={r.id}>
            <span>{r.name}</span>
            <button type="button" aria-label={t('edit.references.remove', { name: r.name })} onClick={() => form.removeReference(r.id)}>×</button>
          </li>
        ))}
      </ul>
      <button type="button" disabled={state.references.length >= max} onClick={() => input.current?.click()}>{t('edit.references.add')}</button>
      <input
        ref={input} type="file" hidden multiple accept="image/png,image/jpeg,image/webp" data-testid="reference-input"
        onChange={(e) => { const files = [...(e.target.files ?? [])]; e.target.value = ''; add(files); }}
      />
    </div>
  );
}
