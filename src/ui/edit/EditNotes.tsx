import { capsFor } from '../../core/openai/models/lookup.ts';
import { endpointFor } from '../../core/openai/request/options.ts';
import { planSize } from '../../core/openai/request/sizePlan.ts';
import type { EditFormState } from '../../app/edit/EditForm.ts';
import { useT } from '../i18n/index.ts';
import { Note } from './fields.tsx';

/** What will happen to the picture on the way: generated anew, scaled down, padded, or edited whole. */
export function EditNotes({ state, image, masked }: { state: EditFormState; image: { width: number; height: number } | null; masked: boolean }) {
  const t = useT();
  if (!image) return <Note testId="generate-note">{t('edit.generateNote')}</Note>;
  const caps = capsFor(state.options.model);
  const endpoint = endpointFor(state.options, true);
  const plan = planSize(caps, image.width, image.height, state.options.size);
  return (
    <>
      {plan.scaledDown && !caps.input.squarePng ? (
        <Note testId="scaled-note">{t('edit.scaledNote', { width: plan.width, height: plan.height, max: plan.limit.maxEdge })}</Note>
      ) : null}
      {caps.input.squarePng ? <Note>{t('edit.paddedNote', { size: plan.width })}</Note> : null}
      {!masked && endpoint === 'images.edit' && !(state.options.api === 'responses' && state.followUp) ? <Note kind="warning">{t('edit.noMask')}</Note> : null}
    </>
  );
}
