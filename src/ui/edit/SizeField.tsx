import { useState } from 'react';
import { capsFor } from '../../core/openai/models/lookup.ts';
import { aspectDistance, checkFreeSize, defaultSize, isExperimentalSize, parseSize, sizeChoices } from '../../core/openai/request/sizes.ts';
import type { EditForm, EditFormState } from '../../app/edit/EditForm.ts';
import { useT } from '../i18n/index.ts';
import { dyn, Note } from './fields.tsx';

const CUSTOM = '__custom__';

/** Output size: the model's list, or for free-size models presets, the image's shape, or any valid size. */
export function SizeField({ form, state, image }: { form: EditForm; state: EditFormState; image: { width: number; height: number } | null }) {
  const t = useT();
  const caps = capsFor(state.options.model);
  const size = state.options.size;
  const free = caps.sizes.kind === 'free' ? caps.sizes : null;
  const [draft, setDraft] = useState<string | null>(null);
  const match = image && free ? defaultSize(caps, image.width, image.height) : null;
  const choices = [...sizeChoices(caps)];
  if (match && !choices.includes(match)) choices.push(match);
  if (!choices.includes(size)) choices.push(size);
  const problem = free && draft !== null ? checkFreeSize(free, draft) : null;
  const label = (s: string) => (s === 'auto' ? t('edit.size.auto') : s === match ? t('edit.size.match', { size: s }) : s.replace('x', '×'));
  const out = parseSize(size);
  const reshaped = image && out && aspectDistance(out, image.width, image.height) > 0.12;
  return (
    <div className="ep-group">
      <label className="ep-field">
        <span>{t('edit.size')}</span>
        <select
          value={draft !== null ? CUSTOM : size} data-testid="size"
          onChange={(e) => { if (e.target.value === CUSTOM) setDraft(size === 'auto' ? '' : size); else { setDraft(null); form.set('size', e.target.value); } }}
        >
          {choices.map((s) => <option key={s} value={s}>{label(s)}</option>)}
          {free ? <option value={CUSTOM}>{t('edit.size.custom')}</option> : null}
        </select>
      </label>
      {free && draft !== null ? (
        <label className="ep-field">
          <span>{t('edit.size.customLabel')}</span>
          <input
            type="text" value={draft} placeholder="1536x864" spellCheck={false} data-testid="size-custom" aria-invalid={problem !== null}
            onChange={(e) => { const v = e.target.value.replace('×', 'x').trim(); setDraft(v); if (!checkFreeSize(free, v)) form.set('size', v); }}
          />
        </label>
      ) : null}
      {problem ? <Note kind="warning">{t(dyn(`edit.size.problem.${problem}`))}</Note> : null}
      {isExperimentalSize(caps, size) ? <Note>{t('edit.size.experimental')}</Note> : null}
      {reshaped ? <Note>{t('edit.size.aspectWarning')}</Note> : null}
    </div>
  );
}
