import type { EditFormState } from '../../app/edit/EditForm.ts';
import type { ProviderDescriptor } from '../../core/provider/descriptor.ts';
import { useT } from '../i18n/index.ts';
import { dyn, Note } from './fields.tsx';

/** The provider choice: one radio per registry entry (src/providers/registry.ts), in its order. */
export function ProviderField({ form, descriptors, available, connected, onChange }: {
  form: EditFormState; descriptors: readonly ProviderDescriptor[]; available: (id: string) => boolean; connected: boolean; onChange: (id: string) => void;
}) {
  const t = useT();
  const chosen = descriptors.find((d) => d.id === form.providerId);
  return (
    <fieldset className="ep-group" data-testid="provider">
      <legend>{t('edit.provider')}</legend>
      {descriptors.map((d) => (
        <label key={d.id} className="ep-radio">
          <input
            type="radio" name="provider" value={d.id} checked={form.providerId === d.id}
            disabled={!available(d.id)} onChange={() => onChange(d.id)}
          />
          {t(dyn(d.label))}
        </label>
      ))}
      {chosen?.note ? <Note>{t(dyn(chosen.note))}</Note> : null}
      {chosen?.needsConnection && !connected ? <Note kind="warning">{t('edit.provider.needsConnection')}</Note> : null}
    </fieldset>
  );
}
