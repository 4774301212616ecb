import { useT } from './i18n/index.ts';

export function EmptyState({ onPick }: { onPick: () => void }) {
  const t = useT();
  return (
    <div className="empty" data-testid="empty">
      <h2>{t('empty.title')}</h2>
      <p>{t('empty.body')}</p>
      <button type="button" className="primary" onClick={onPick}>{t('action.open')}</button>
    </div>
  );
}
