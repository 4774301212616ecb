import { useEffect, useState } from 'react';
import { capsFor } from '../../core/openai/models/lookup.ts';
import { usageDollars } from '../../core/openai/cost/usage.ts';
import type { EditRunState } from '../../app/edit/EditSession.ts';
import { useT } from '../i18n/index.ts';
import { dyn } from './fields.tsx';

/** Re-renders four times a second while `on` (elapsed seconds, the retry countdown); `start` is when `on` began (0 until the first tick). */
function useClock(on: boolean): { now: number; start: number } {
  const [clock, setClock] = useState(() => ({ now: Date.now(), start: 0 }));
  useEffect(() => {
    if (!on) return;
    const start = Date.now();
    const id = setInterval(() => setClock({ now: Date.now(), start }), 250);
    return () => clearInterval(id);
  }, [on]);
  return clock;
}

/**
 * Progress while running: the phase with elapsed seconds (and the whole run's when it has had
 * several phases), the retry countdown, previews received, and a progress bar — with a value
 * where the work knows its fraction (the local fill) or counts previews, moving otherwise.
 * The ticking text is a timer (not read out every second); each new phase is announced once.
 */
export function ProgressView({ run, partialsExpected = 0 }: { run: EditRunState; partialsExpected?: number }) {
  const t = useT();
  const running = run.status === 'running';
  const { now, start } = useClock(running);
  if (!running) return null;
  const seconds = Math.max(0, Math.floor((now - run.phaseSince) / 1000));
  const total = start ? Math.max(0, Math.floor((now - Math.min(start, run.phaseSince)) / 1000)) : seconds;
  const percent = run.fraction !== null ? Math.round(run.fraction * 100) : null;
  const say = (secs: number) => (run.retry
    ? t('progress.retry', { reason: run.retry.reason === 'connection' ? t('progress.reason.connection') : run.retry.reason, seconds: secs, attempt: run.retry.attempt })
    : t(dyn(`progress.${run.phase ?? 'preparing'}`), { seconds: secs, percent: percent ?? 0 }));
  const text = say(run.retry ? Math.max(0, Math.ceil((run.retry.until - now) / 1000)) : seconds);
  const previews = Math.max(partialsExpected, run.partials);
  const announce = run.retry ? say(Math.max(0, Math.ceil((run.retry.until - run.phaseSince) / 1000))) : t(dyn(`progress.phase.${run.phase ?? 'preparing'}`));
  return (
    <div className="ep-progress" data-testid="progress">
      <span className="ep-spinner" aria-hidden="true" />
      <span data-testid="progress-text" role="timer">{text}</span>
      {total > seconds + 1 ? <span className="ep-progress__total" data-testid="progress-total">{t('progress.elapsed', { seconds: total })}</span> : null}
      {run.partials ? <span data-testid="partials-count">{t('progress.partial', { index: run.partials, total: previews })}</span> : null}
      {percent !== null ? (
        <progress max={100} value={percent} aria-label={t('progress.label')} data-testid="progress-bar" />
      ) : previews > 0 ? (
        // The previews, then the final image.
        <progress max={previews + 1} value={run.partials} aria-label={t('progress.label')} data-testid="progress-bar" />
      ) : (
        <progress aria-label={t('progress.label')} data-testid="progress-bar" />
      )}
      <span className="sr-only" role="status" data-testid="progress-status">{announce}{run.partials ? ` ${t('progress.partial', { index: run.partials, total: previews })}` : ''}</span>
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
      {run.output.sentOptions ? <SentOptions options={run.output.sentOptions} /> : null}
      {usage && !run.cached ? (
        <p data-testid="usage">
          {t('edit.usage', { input: t.format.number(usage.inputTokens), output: t.format.number(usage.outputTokens) })}
          {dollars !== null ? t('edit.usage.dollars', { dollars: t.format.money(dollars) }) : null}
        </p>
      ) : null}
    </section>
  );
}

/**
 * The options the request carried, as sent (the Responses tool's `action` among them), folded
 * away under a summary: what to quote when a service answers otherwise than expected.
 */
function SentOptions({ options }: { options: Readonly<Record<string, unknown>> }) {
  const t = useT();
  const shown = Object.entries(options).filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object');
  if (!shown.length) return null;
  return (
    <details className="ep-sent" data-testid="sent-options">
      <summary>{t('results.sentOptions')}</summary>
      <ul>{shown.map(([k, v]) => <li key={k}><code>{k}: {String(v)}</code></li>)}</ul>
    </details>
  );
}
