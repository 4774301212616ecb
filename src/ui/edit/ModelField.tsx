import { RESPONSES_MAINLINE_MODELS } from '../../core/openai/models/catalog.ts';
import { capsFor, modelsFor } from '../../core/openai/models/lookup.ts';
import type { EditForm, EditFormState } from '../../app/edit/EditForm.ts';
import { useT } from '../i18n/index.ts';
import { dyn, Note } from './fields.tsx';

const CUSTOM = '__custom__';

/** The image model (current, retired for gateways, or a custom name) and, for Responses, the mainline model. */
export function ModelField({ form, state }: { form: EditForm; state: EditFormState }) {
  const t = useT();
  const o = state.options;
  const caps = capsFor(o.model);
  const endpoint = o.api === 'responses' ? 'responses.tool' : 'images.edit';
  const usable = modelsFor(endpoint);
  const current = usable.filter((m) => m.status === 'current');
  const retired = usable.filter((m) => m.status === 'retired-upstream');
  const custom = state.customModel || caps.status === 'custom';
  return (
    <div className="ep-group">
      <label className="ep-field">
        <span>{t('edit.model')}</span>
        <select
          value={custom ? CUSTOM : o.model} data-testid="model"
          onChange={(e) => (e.target.value === CUSTOM ? form.setModel(o.model, true) : form.setModel(e.target.value))}
        >
          <optgroup label={t('edit.model.groupCurrent')}>{current.map((m) => <option key={m.id} value={m.id}>{m.id}</option>)}</optgroup>
          {retired.length ? <optgroup label={t('edit.model.groupRetired')}>{retired.map((m) => <option key={m.id} value={m.id}>{m.id}</option>)}</optgroup> : null}
          <option value={CUSTOM}>{t('edit.model.custom')}</option>
        </select>
      </label>
      {custom ? (
        <label className="ep-field">
          <span>{t('edit.model.customName')}</span>
          <input type="text" value={o.model} spellCheck={false} data-testid="model-custom" onChange={(e) => form.setModel(e.target.value, true)} />
        </label>
      ) : null}
      {caps.status === 'custom' ? <Note kind="warning" testId="model-warning">{t('edit.model.customWarning', { model: caps.id })}</Note> : null}
      {caps.status === 'retired-upstream' ? <Note kind="warning" testId="model-warning">{t('edit.model.retired', { model: caps.id, date: caps.retiredOn ?? '' })}</Note> : null}
      {caps.notice ? <Note>{t(dyn(`edit.model.notice.${caps.notice}`), { model: caps.id })}</Note> : null}
      {state.referencesDropped ? (
        <Note kind="warning" testId="references-dropped">
          {t(state.referencesDropped.max ? 'edit.references.dropped' : 'edit.references.droppedAll', {
            model: state.referencesDropped.model, max: state.referencesDropped.max, names: t.format.list(state.referencesDropped.names),
          })}
        </Note>
      ) : null}
      {o.api === 'responses' ? (
        <label className="ep-field">
          <span>{t('edit.mainline')}</span>
          <input type="text" list="mainline-models" value={o.mainlineModel} spellCheck={false} data-testid="mainline" onChange={(e) => form.set('mainlineModel', e.target.value)} title={t('edit.mainline.help')} />
          <datalist id="mainline-models">{RESPONSES_MAINLINE_MODELS.map((m) => <option key={m} value={m} />)}</datalist>
        </label>
      ) : null}
    </div>
  );
}
