import type { HistoryState } from '../../app/results/HistoryController.ts';
import { useT } from '../i18n/index.ts';

/** Bytes for people: "812 kB", "1.4 GB" (decimal units, as browsers report quotas). */
export function formatBytes(n: number, locale?: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: v < 10 && i > 0 ? 1 : 0 }).format(v);
}

/** Storage used and available, whether the browser keeps it, and a button asking it to. */
export function StorageInfo({ state, onPersist }: { state: HistoryState; onPersist: () => void }) {
  const t = useT();
  const facts = state.storage;
  const locale = t.locale;
  return (
    <section className="history__storage" aria-label={t('storage.title')} data-testid="storage-info">
      {state.mode === 'memory' ? <p className="ep-note ep-note--warning" data-testid="storage-memory">{t('storage.memory')}</p> : null}
      {facts ? (
        <>
          <p data-testid="storage-usage">{t('storage.usage', { used: formatBytes(facts.usage, locale), quota: formatBytes(facts.quota, locale) })}</p>
          {facts.persisted ? <p className="ep-help">{t('storage.persisted')}</p> : (
            <p className="ep-help">
              {t('storage.notPersisted')} <button type="button" onClick={onPersist} data-testid="storage-persist">{t('storage.persist')}</button>
            </p>
          )}
        </>
      ) : <p className="ep-help">{t('storage.unknown')}</p>}
    </section>
  );
}
