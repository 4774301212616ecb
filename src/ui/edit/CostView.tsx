import { capsFor } from '../../core/openai/models/lookup.ts';
import { estimateCost, type Range } from '../../core/openai/cost/estimate.ts';
import type { EditFormState } from '../../app/edit/EditForm.ts';
import { useT, type Translate } from '../i18n/index.ts';
import { costSourceText } from './costSource.ts';

/** One figure, or "min – max". */
const rangeText = (t: Translate, r: Range, fmt: (n: number) => string) =>
  r.min === r.max ? fmt(r.min) : t('edit.cost.range', { min: fmt(r.min), max: fmt(r.max) });

/** The estimate before sending: tokens and dollars from the model's tables, and where they come from. */
export function CostView({ state, images }: { state: EditFormState; images: number }) {
  const t = useT();
  const e = estimateCost(capsFor(state.options.model), state.options, { prompt: state.prompt, images });
  return (
    <section className="ep-cost" aria-label={t('edit.cost')} data-testid="cost">
      <h3>{t('edit.cost')}</h3>
      <p data-testid="cost-tokens">
        {e.outputTokens ? t('edit.cost.tokens', { tokens: rangeText(t, e.outputTokens, t.format.number), input: t.format.number(e.inputTokens) }) : t('edit.cost.unknownTokens')}
      </p>
      <p data-testid="cost-dollars">{e.dollars ? t('edit.cost.dollars', { dollars: rangeText(t, e.dollars, t.format.money) }) : t('edit.cost.unknownPrice')}</p>
      {e.plusMainline ? <p className="ep-help">{t('edit.cost.mainline')}</p> : null}
      <p className="ep-help">{t('edit.cost.source', { source: costSourceText(t, e.source) ?? e.source })}</p>
    </section>
  );
}
