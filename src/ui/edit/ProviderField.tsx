import type { EditFormState, ProviderChoice } from '../../app/edit/EditForm.ts';
import { useT } from '../i18n/index.ts';
import { Note } from './fields.tsx';

const CHOICES: { id: ProviderChoice; key: 'edit.provider.local' | 'edit.provider.images' | 'edit.provider.responses' }[] = [
  { id: 'local', key: 'edit.provider.local' },
  { id: 'images', key: 'edit.provider.images' },
  { id: 'responses', key: 'edit.provider.responses' },
];

/** Local fill, OpenAI Images or OpenAI Responses. */
export function ProviderField({ form, localAvailable, connected, onChange }: {
  form: EditFormState; localAvailable: boolean; connected: boolean; onChange: (p: ProviderChoice) => void;
}) {
  const t = useT();
  return (
    <fieldset className="ep-group" data-testid="provider">
      <legend>{t('edit.provider')}</legend>
      {CHOICES.map((c) => (
        <label key={c.id} className="ep-radio">
          <input
            type="radio" name="provider" value={c.id} checked={form.provider === c.id}
            disabled={c.id === 'local' && !localAvailable} onChange={() => onChange(c.id)}
          />
          {t(c.key)}
        </label>
      ))}
      {form.provider === 'local' ? <Note>{t('edit.provider.localNote')}</Note> : null}
      {form.provider !== 'local' && !connected ? <Note kind="warning">{t('edit.provider.needsConnection')}</Note> : null}
    </fieldset>
  );
}
