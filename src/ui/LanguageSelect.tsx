import type { Display } from '../app/display.ts';
import { LANGUAGE_NAMES, UI_LANGUAGES, type UiLanguage } from '../core/locale.ts';
import { useT } from './i18n/index.ts';
import { Icon } from './icons.tsx';
import { useStore } from './useStore.ts';

/**
 * The UI language, each named in itself (so a reader finds their own whatever is showing). The
 * pick is remembered; an embedding host's language still wins when it sends one.
 */
export function LanguageSelect({ display, className }: { display: Display; className?: string }) {
  const t = useT();
  const { locale } = useStore(display.store);
  return (
    <label className={`tb-field tb-lang ${className ?? ''}`} title={t('language.label')}>
      <Icon name="language" />
      <span className="sr-only">{t('language.label')}</span>
      <select value={locale} onChange={(e) => display.choose(e.target.value as UiLanguage)} data-testid="language">
        {UI_LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>)}
      </select>
    </label>
  );
}
