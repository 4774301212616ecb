import { useState } from 'react';
import type { ActionRegistry } from '../../core/actions/registry.ts';
import type { ActionContext } from '../../app/actions.ts';
import type { ResultsController } from '../../app/results/ResultsController.ts';
import { DOWNLOAD_FORMATS, type DownloadFormat } from '../../core/results/downloadFormat.ts';
import { useStore } from '../useStore.ts';
import { useT } from '../i18n/index.ts';
import { ActionButton } from '../Toolbar.tsx';
import { ResultOptions } from './ResultOptions.tsx';
import { ResultThumb } from './ResultThumb.tsx';
import './results.css';

/**
 * The results of the last request, over the top of the canvas: one thumbnail each (pick one to
 * see it laid back over the picture), the original, and what to do with the pick: compare,
 * continue from it, download it. Says when the answer came from storage, with "generate again".
 */
export function ResultsStrip({ results, actions, ctx }: { results: ResultsController; actions: ActionRegistry<ActionContext>; ctx: ActionContext }) {
  const t = useT();
  const s = useStore(results.store);
  const [options, setOptions] = useState(false);
  const round = s.round;
  if (!round) return null;
  const edit = round.kind === 'edit';
  const p = { actions, ctx };
  return (
    <section className="results-strip" aria-label={t('results.strip')} data-testid="results">
      <div className="rs-row">
        <div className="rs-thumbs" role="group" aria-label={t('results.strip')}>
          {edit ? (
            <button type="button" className="rs-original" aria-pressed={s.selected === null} onClick={() => void results.select(null)} data-testid="show-original">
              {t('results.showOriginal')}
            </button>
          ) : null}
          {round.results.map((r, i) => (
            <button
              key={r.url} type="button" className="rs-thumb" aria-pressed={s.selected === i}
              aria-label={t(edit ? 'results.pick' : 'results.usePick', { index: i + 1 })}
              onClick={() => void results.select(i)} data-testid={`result-${i + 1}`}
            >
              <ResultThumb results={results} round={round} index={i} />
            </button>
          ))}
        </div>
        <div className="rs-actions">
          {edit ? <ActionButton id="compare" {...p} pressed={s.compare} /> : null}
          {edit ? <ActionButton id="continueFromResult" {...p} /> : null}
          <ActionButton id="downloadResult" {...p} />
          <label className="rs-format">
            <select value={s.format} onChange={(e) => results.setFormat(e.target.value as DownloadFormat)} aria-label={t('results.format')} data-testid="result-format">
              {DOWNLOAD_FORMATS.map((f) => <option key={f} value={f}>{t(`results.format.${f}`)}</option>)}
            </select>
          </label>
          {edit ? (
            <button type="button" aria-expanded={options} onClick={() => setOptions(!options)} data-testid="result-options-toggle">{t('results.options')}</button>
          ) : null}
        </div>
      </div>
      {round.cached ? (
        <p className="rs-cached" role="status" data-testid="from-cache">
          <span>{t('results.fromCache')}</span>
          <ActionButton id="generateAgain" {...p} />
        </p>
      ) : null}
      {s.working ? <p className="rs-working" role="status">{t('results.working')}</p> : null}
      {edit && options ? <ResultOptions results={results} state={s} /> : null}
    </section>
  );
}
