import { createContext, useContext, useEffect, useState } from 'react';
import { UI_LANGUAGES, type UiLanguage } from '../../core/locale.ts';
import { en, type StringKey, type Strings } from './en.ts';
import { makeFormats, type Formats } from './format.ts';

export type { StringKey } from './en.ts';
export type { Formats } from './format.ts';
/** Values for `{name}` placeholders; a Date is written in the UI's language when the text is shown. */
export type Params = Record<string, string | number | Date>;
/** Translates a key; carries the language and its number and date formats. */
export type Translate = ((key: StringKey, params?: Params) => string) & { readonly locale: UiLanguage; readonly format: Formats };

/**
 * How each UI language's strings arrive. English is in the first load (every message falls back
 * to it); the others are chunks of their own, fetched on first use or when the browser is idle.
 */
const LOADERS: Record<UiLanguage, () => Promise<Strings>> = {
  en: () => Promise.resolve(en),
  'zh-CN': () => import('./zh.ts').then((m) => m.zh),
};
const loaded: Partial<Record<UiLanguage, Strings>> = { en };
const pending = new Map<UiLanguage, Promise<Strings>>();

const languageOf = (locale: string): UiLanguage => ((UI_LANGUAGES as readonly string[]).includes(locale) ? (locale as UiLanguage) : 'en');

/** Whether a language's strings are here, so {@link makeTranslate} shows them. */
export function isLanguageLoaded(locale: string): boolean {
  return loaded[languageOf(locale)] !== undefined;
}

/** Fetches a UI language's strings (once; anything unknown is English) and resolves with them. */
export function loadLanguage(locale: string): Promise<Strings> {
  const lang = languageOf(locale);
  const have = loaded[lang];
  if (have) return Promise.resolve(have);
  let p = pending.get(lang);
  if (!p) {
    p = LOADERS[lang]().then((s) => { loaded[lang] = s; return s; });
    // A failed fetch (a flaky network) may be tried again at the next switch.
    p.catch(() => pending.delete(lang));
    pending.set(lang, p);
  }
  return p;
}

/**
 * Fills `{name}` placeholders. Unknown placeholders stay visible, so they are noticed. Dates are
 * written with `dateText` (the UI language's), so a message made earlier follows a switch.
 */
export function format(template: string, params: Params = {}, dateText: (d: Date) => string = (d) => d.toISOString()): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    if (!(k in params)) return m;
    const v = params[k];
    return v instanceof Date ? dateText(v) : String(v);
  });
}

/**
 * The translate function for a UI language (anything else gets English). The language's strings
 * must have been loaded ({@link loadLanguage}); until then it is English.
 */
export function makeTranslate(locale: string): Translate {
  const wanted = languageOf(locale);
  const lang: UiLanguage = loaded[wanted] ? wanted : 'en';
  const strings = loaded[lang] ?? en;
  const formats = makeFormats(lang);
  // A key with no string (a provider's label from elsewhere) shows as itself rather than failing.
  const t = (key: StringKey, params?: Params) => format(strings[key] ?? en[key] ?? key, params, formats.dateTime);
  return Object.assign(t, { locale: lang, format: formats });
}

/**
 * The translate function for `locale`, for the app's root. A language not loaded yet is fetched,
 * and the UI keeps the language it shows until the strings are here: a switch never flashes
 * English or raw keys.
 */
export function useTranslate(locale: string): Translate {
  const [t, setT] = useState(() => makeTranslate(locale));
  useEffect(() => {
    if (t.locale === languageOf(locale)) return;
    let live = true;
    void loadLanguage(locale).then(() => { if (live) setT(() => makeTranslate(locale)); }, () => { /* stays in the language shown */ });
    return () => { live = false; };
  }, [locale, t]);
  return t;
}

export const I18nContext = createContext<Translate>(makeTranslate('en'));
export const useT = (): Translate => useContext(I18nContext);
