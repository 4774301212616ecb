import { capsFor } from '../../core/openai/models/lookup.ts';
import { visibleOptions } from '../../core/openai/request/options.ts';
import type { Background, Fidelity, OutputFormat, Quality } from '../../core/openai/models/types.ts';
import type { EditForm, EditFormState } from '../../app/edit/EditForm.ts';
import { useT } from '../i18n/index.ts';
import { dyn, Note, SelectField } from './fields.tsx';

/** Quality, number, format and compression, background, input fidelity, previews, moderation: only what the model takes. */
export function OptionFields({ form, state, hasImage }: { form: EditForm; state: EditFormState; hasImage: boolean }) {
  const t = useT();
  const o = state.options;
  const caps = capsFor(o.model);
  const show = visibleOptions(caps, o, hasImage);
  const backgrounds: Background[] = ['auto', 'opaque', ...(caps.transparent && o.outputFormat !== 'jpeg' ? ['transparent' as const] : [])];
  const formats = caps.formats.filter((f) => !(o.background === 'transparent' && f === 'jpeg'));
  return (
    <div className="ep-group">
      {show.quality ? (
        <SelectField<Quality> label="edit.quality" value={o.quality} values={caps.qualities} text={(q) => t(dyn(`edit.quality.${q}`))} onChange={(v) => form.set('quality', v)} testId="quality" />
      ) : null}
      {show.n ? (
        <label className="ep-field">
          <span>{t('edit.n')}</span>
          <input type="number" min={caps.n.min} max={caps.n.max} value={o.n} data-testid="n" onChange={(e) => form.set('n', Number(e.target.value))} />
        </label>
      ) : null}
      {show.outputFormat ? (
        <SelectField<OutputFormat> label="edit.format" value={o.outputFormat} values={formats} text={(f) => f.toUpperCase()} onChange={(v) => form.set('outputFormat', v)} testId="format" />
      ) : null}
      {show.compression ? (
        <label className="ep-field">
          <span>{t('edit.compression')}</span>
          <input type="range" min={0} max={100} value={o.compression} data-testid="compression" onChange={(e) => form.set('compression', Number(e.target.value))} />
          <output>{o.compression}%</output>
        </label>
      ) : null}
      {show.background ? (
        <SelectField<Background>
          label="edit.background" value={o.background} values={backgrounds} onChange={(v) => form.set('background', v)} testId="background"
          text={(b) => t(b === 'transparent' && caps.transparent === 'preview' ? 'edit.background.transparentPreview' : dyn(`edit.background.${b}`))}
        />
      ) : null}
      {show.background && caps.transparent && o.outputFormat === 'jpeg' ? <Note>{t('edit.background.noJpeg')}</Note> : null}
      {show.background && caps.transparent === 'preview' && o.background === 'transparent' ? (
        <Note testId="transparent-preview">{t('edit.background.preview', { model: caps.id })}</Note>
      ) : null}
      {show.inputFidelity ? (
        <SelectField<Fidelity | 'default'>
          label="edit.fidelity" value={o.inputFidelity ?? 'default'} values={['default', ...caps.inputFidelity]}
          text={(f) => t(dyn(`edit.fidelity.${f}`))} onChange={(v) => form.set('inputFidelity', v === 'default' ? null : v)} testId="fidelity"
        />
      ) : null}
      {show.partialImages ? (
        <label className="ep-field">
          <span>{t('edit.partials')}</span>
          <input type="range" min={0} max={caps.partialImages?.max ?? 0} value={o.partialImages} data-testid="partials" onChange={(e) => form.set('partialImages', Number(e.target.value))} />
          <output>{t('edit.partials.value', { count: o.partialImages })}</output>
        </label>
      ) : null}
      {show.moderation ? (
        <SelectField<'auto' | 'low'> label="edit.moderation" value={o.moderation} values={['auto', 'low']} text={(m) => t(dyn(`edit.moderation.${m}`))} onChange={(v) => form.set('moderation', v)} testId="moderation" />
      ) : null}
    </div>
  );
}
