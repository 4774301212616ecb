import { useEffect, useState } from 'react';
import { capsFor } from '../../core/models/lookup.ts';
import { usageDollars } from '../../core/cost/usage.ts';
import type { EditRunState, EditSession } from '../../app/edit/EditSession.ts';
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

/** Thumbnails of the results (pick one to see it on the canvas), the revised prompt and the usage. */
export function ResultsView({ run, session, model }: { run: EditRunState; session: EditSession; model: string }) {
  const t = useT();
  if (!run.results.length) return null;
  const usage = run.output?.usage;
  const dollars = usage ? usageDollars(capsFor(run.output?.model ?? model), usage) : null;
  return (
    <section className="ep-results" aria-label={t('results.title')} data-testid="results">
      <h3>{t('results.title')}</h3>
      <div className="ep-thumbs">
        {run.results.map((r, i) => (
          <button key={r.url} type="button" className="ep-thumb" aria-pressed={run.selected === i} aria-label={t('results.pick', { index: i + 1 })} onClick={() => void session.select(i)}>
            <img src={r.url} alt="" />
          </button>
        ))}
      </div>
      {run.selected !== null ? <button type="button" onClick={() => void session.select(null)}>{t('results.showOriginal')}</button> : null}
      {run.output?.revisedPrompt ? <p className="ep-help" data-testid="revised-prompt">{t('results.revisedPrompt', { prompt: run.output.revisedPrompt })}</p> : null}
      {usage ? (
        <p data-testid="usage">
          {t('edit.usage', { input: tokens(usage.inputTokens), output: tokens(usage.outputTokens) })}
          {dollars !== null ? t('edit.usage.dollars', { dollars: money(dollars) }) : null}
        </p>
      ) : null}
    </section>
  );
}
