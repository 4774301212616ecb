import type { HistoryController } from '../../app/results/HistoryController.ts';
import type { HistoryRecord } from '../../core/results/record.ts';
import { useStore } from '../useStore.ts';
import { useT, type Translate } from '../i18n/index.ts';
import { StorageInfo } from './StorageInfo.tsx';

function costText(t: Translate, r: HistoryRecord): string {
  if (r.costUsd === undefined) return t('history.costUnknown');
  return r.costUsd === 0 ? t('history.noCost') : t.format.money(r.costUsd);
}

/** One past edit: thumbnail, prompt, model, date, cost; open it or delete it. */
function HistoryItem({ r, thumb, history }: { r: HistoryRecord; thumb?: string; history: HistoryController }) {
  const t = useT();
  const date = t.format.dateTime(r.createdAt);
  const prompt = r.prompt || t('history.noPrompt');
  const tags = [r.model ?? (r.provider === 'local' ? t('history.localFill') : r.provider), date, costText(t, r)];
  if (r.results.length > 1) tags.push(t('history.results', { count: r.results.length }));
  if (r.kind === 'generate') tags.push(t('history.generated'));
  if (r.parentId) tags.push(t('history.continued'));
  return (
    <li className="history__item" data-testid="history-item">
      {/* Named by what it shows (prompt, model, date, cost: WCAG 2.5.3); the tooltip says what a press does. */}
      <button type="button" className="history__open" onClick={() => void history.open(r.id)} title={t('history.openLabel', { prompt, date })}>
        {thumb ? <img src={thumb} alt="" /> : <span className="history__nothumb" />}
        <span className="history__text">
          <span className="history__prompt">{prompt}</span>
          <span className="history__meta">{tags.join(' · ')}</span>
        </span>
      </button>
      <button type="button" className="history__delete" onClick={() => void history.remove(r.id)} aria-label={t('history.deleteLabel', { prompt, date })} data-testid="history-delete">
        {t('history.delete')}
      </button>
    </li>
  );
}

/**
 * The history: every past edit kept in this browser, newest first; storage used and available,
 * and a request to keep it. A drawer over the canvas (the whole width on narrow screens).
 */
export function HistoryDrawer({ history }: { history: HistoryController }) {
  const t = useT();
  const s = useStore(history.store);
  if (!s.open) return null;
  return (
    <aside className="history" aria-label={t('history.title')} data-testid="history">
      <div className="history__head">
        <h2>{t('history.title')}</h2>
        <button type="button" onClick={() => void history.setOpen(false)} data-testid="history-close">{t('history.close')}</button>
      </div>
      <StorageInfo state={s} onPersist={() => void history.persist()} />
      {s.busy ? (
        <div className="history__busy" data-testid="history-busy">
          <span role="status">{t(`storage.busy.${s.busy}`)}</span>
          <progress aria-label={t('progress.label')} />
        </div>
      ) : null}
      {s.records.length ? (
        <ul className="history__list">
          {s.records.map((r) => <HistoryItem key={r.id} r={r} thumb={s.thumbs[r.id]} history={history} />)}
        </ul>
      ) : <p className="ep-help" data-testid="history-empty">{t('history.empty')}</p>}
      {s.records.length ? (
        s.confirmingClear ? (
          <div className="history__confirm" role="alertdialog" aria-label={t('history.clear')}>
            <p>{t('history.confirmClear', { count: s.records.length })}</p>
            <button type="button" className="danger" onClick={() => void history.clearAll(true)} data-testid="history-clear-yes">{t('history.confirmYes')}</button>
            <button type="button" onClick={() => history.cancelClear()}>{t('history.confirmNo')}</button>
          </div>
        ) : <button type="button" onClick={() => void history.clearAll()} data-testid="history-clear">{t('history.clear')}</button>
      ) : null}
    </aside>
  );
}
