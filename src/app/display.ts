import { Store } from '../core/store.ts';
import type { Theme } from '../core/embed/protocol.ts';
import { pickLanguage, uiLanguageFor, type UiLanguage } from '../core/locale.ts';

export interface DisplayState {
  /** The language the UI is shown in (`<html lang>` too): one the UI has strings for. */
  locale: UiLanguage;
  /** `auto` follows the system (`prefers-color-scheme`); a host page may force one. */
  theme: Theme;
}

const THEMES: readonly string[] = ['light', 'dark', 'auto'];
/** Where the language the user picked in the UI is kept (not a secret; absent = follow the browser). */
export const LANGUAGE_KEY = 'inpaint.language';

/**
 * The start values: `?locale=` and `?theme=` in the editor's URL (the host SDK sets them, so
 * the first paint already matches the host, and the host's language wins), then the language
 * the user picked before (`stored`), then the browser's languages in order; the system theme.
 */
export function initialDisplay(search: string, browserLanguages: readonly string[], stored: string | null = null): DisplayState {
  const q = new URLSearchParams(search);
  const theme = q.get('theme');
  return {
    locale: pickLanguage([q.get('locale'), stored, ...browserLanguages]),
    theme: theme && THEMES.includes(theme) ? (theme as Theme) : 'auto',
  };
}

/** The language picked in the UI earlier, if storage is readable. */
export function storedLanguage(storage: Storage | null): string | null {
  try { return storage?.getItem(LANGUAGE_KEY) ?? null; } catch { return null; }
}

/** Language and colour scheme of the UI; mirrored onto `<html lang data-theme>`. */
export class Display {
  readonly store: Store<DisplayState>;

  constructor(initial: DisplayState, private readonly storage: Storage | null = null) {
    this.store = new Store(initial);
  }

  get state(): DisplayState { return this.store.get(); }

  /**
   * Sets the theme and, from any language tag (a host may send `zh-Hans-CN` or `fr`), the UI
   * language it maps to; a language the UI lacks leaves the current one.
   */
  set(patch: { locale?: string; theme?: Theme }): void {
    const next: Partial<DisplayState> = {};
    const locale = patch.locale === undefined ? null : uiLanguageFor(patch.locale);
    if (locale) next.locale = locale;
    if (patch.theme) next.theme = patch.theme;
    this.store.set(next);
  }

  /** The user's own pick in the UI: shown now and remembered for the next visit. */
  choose(locale: UiLanguage): void {
    this.store.set({ locale });
    try { this.storage?.setItem(LANGUAGE_KEY, locale); } catch { /* blocked storage: it holds for this visit */ }
  }

  /** Keeps `root`'s `lang` and `data-theme` in step; returns the unsubscribe. */
  bind(root: HTMLElement): () => void {
    const apply = () => {
      const { locale, theme } = this.state;
      root.lang = locale;
      if (theme === 'auto') delete root.dataset.theme;
      else root.dataset.theme = theme;
    };
    apply();
    return this.store.subscribe(apply);
  }
}
