import { Store } from '../core/store.ts';
import type { Theme } from '../core/embed/protocol.ts';
import { isLocaleTag } from '../core/locale.ts';

export interface DisplayState {
  /** BCP 47 tag the UI strings follow (unknown languages fall back to English). */
  locale: string;
  /** `auto` follows the system (`prefers-color-scheme`); a host page may force one. */
  theme: Theme;
}

const THEMES: readonly string[] = ['light', 'dark', 'auto'];

/**
 * The start values: `?locale=` and `?theme=` in the editor's URL (the host SDK sets them, so
 * the first paint already matches the host), else the browser's language and the system theme.
 */
export function initialDisplay(search: string, browserLocale: string): DisplayState {
  const q = new URLSearchParams(search);
  const locale = q.get('locale');
  const theme = q.get('theme');
  return {
    locale: isLocaleTag(locale) ? locale : browserLocale || 'en',
    theme: theme && THEMES.includes(theme) ? (theme as Theme) : 'auto',
  };
}

/** Language and colour scheme of the UI; mirrored onto `<html lang data-theme>`. */
export class Display {
  readonly store: Store<DisplayState>;

  constructor(initial: DisplayState) {
    this.store = new Store(initial);
  }

  get state(): DisplayState { return this.store.get(); }

  set(patch: Partial<DisplayState>): void {
    this.store.set(patch);
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
