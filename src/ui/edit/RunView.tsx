import { useEffect, useState } from 'react';
import { capsFor } from '../../core/models/lookup.ts';
import { usageDollars } from '../../core/cost/usage.ts';
import type { EditRunState } from '../../app/edit/EditSession.ts';
import { useT } from '../i18n/index.ts';
import { dyn } from './fields.tsx';
import { money, tokens } from './CostView.tsx';

/** Re-renders every second while `on` (for elapsed seconds and the retry countdown). */
function useTick(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [on]);
  return now;
}

/** Progress while running: the phase with elapsed seconds, or the retry countdown. */
export function ProgressView({ run }: { run: EditRunState }) {
  const t = useT();
  const now = useTick(run.status === 'running');
  if (run.status !== 'running') return null;
  const seconds = Math.max(0, Math.floor((now - run.phaseSince) / 1000));
  const text = run.retry
    ? t('progress.retry', { reason: run.retry.reason, seconds: Math.max(0, Math.ceil((run.retry.until - now) / 1000)), attempt: run.retry.attempt })
    : t(dyn(`progress.${run.phase ?? 'preparing'}`), { seconds, percent: Math.round((run.fraction ?? 0) * 100) });
  return (
    <div className="ep-progress" role="status" data-testid="progress">
      <span className="ep-spinner" aria-hidden="true" />
      <span data-testid="progress-text">{text}</span>
      {run.partials ? <span data-testid="partials-count">{t('progress.partial', { index: run.partials, total: run.partials })}</span> : null}
    </div>
  );
}

/**
 * What the last run came back with: the usage it reported and its cost, the revised prompt, or
 * that it was answered from storage (the thumbnails and what to do with them are in the results
 * strip over the canvas).
 */
export function RunSummary({ run, model, onGenerateAgain }: { run: EditRunState; model: string; onGenerateAgain: () => void }) {
  const t = useT();
  if (run.status !== 'done' || !run.output) return null;
  const usage = run.output.usage;
  const dollars = usage ? usageDollars(capsFor(run.output.model ?? model), usage) : null;
  return (
    <section className="ep-results" aria-label={t('results.summary')} data-testid="run-summary">
      {run.cached ? (
        <p className="ep-note" data-testid="cached-note">
          {t('results.cached')} <button type="button" onClick={onGenerateAgain} data-testid="generate-again-panel">{t('action.generateAgain')}</button>
        </p>
      ) : null}
      {run.output.revisedPrompt ? <p className="ep-help" data-testid="revised-prompt">{t('results.revisedPrompt', { prompt: run.output.revisedPrompt })}</p> : null}
      {usage && !run.cached ? (
        <p data-testid="usage">
          {t('edit.usage', { input: tokens(usage.inputTokens), output: tokens(usage.outputTokens) })}
          {dollars !== null ? t('edit.usage.dollars', { dollars: money(dollars) }) : null}
        </p>
      ) : null}
    </section>
  );
}
