import { useT } from './i18n/index.ts';

/**
 * Over the canvas while a picture decodes (a big photo can take seconds): a moving bar and its
 * name. The status bar announces the same words, so this one is not a live region too.
 */
export function LoadingIndicator({ name }: { name: string }) {
  const t = useT();
  return (
    <div className="loading" data-testid="loading">
      <span className="ep-spinner" aria-hidden="true" />
      <span>{t('status.loading', { name })}</span>
      <progress aria-label={t('progress.label')} />
    </div>
  );
}
