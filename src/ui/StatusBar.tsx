import type { EditorState } from '../editor/types.ts';
import { useT } from './i18n/index.ts';

export function StatusBar({ state, loading }: { state: EditorState; loading: string | null }) {
  const t = useT();
  const img = state.image;
  return (
    <footer className="statusbar" data-testid="status">
      {loading ? <span role="status">{t('status.loading', { name: loading })}</span> : null}
      <span data-testid="image-info">
        {img ? t('status.image', { name: img.name, width: img.width, height: img.height, format: img.format.toUpperCase() }) : t('status.noImage')}
      </span>
    </footer>
  );
}
