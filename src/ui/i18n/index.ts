import { createContext, useContext } from 'react';
import type { UiLanguage } from '../../core/locale.ts';
import { en, type StringKey, type Strings } from './en.ts';
import { zh } from './zh.ts';
import { makeFormats, type Formats } from './format.ts';

export type { StringKey } from './en.ts';
export type { Formats } from './format.ts';
/** Values for `{name}` placeholders; a Date is written in the UI's language when the text is shown. */
export type Params = Record<string, string | number | Date>;
/** Translates a key; carries the language and its number and date formats. */
export type Translate = ((key: StringKey, params?: Params) => string) & { readonly locale: UiLanguage; readonly format: Formats };

/** Every UI language's strings, by the tag `<html lang>` gets. */
export const LANGUAGES: Record<UiLanguage, Strings> = { en, 'zh-CN': zh };

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

/** The translate function for a UI language (anything else gets English). */
export function makeTranslate(locale: string): Translate {
  const lang: UiLanguage = locale in LANGUAGES ? (locale as UiLanguage) : 'en';
  const strings = LANGUAGES[lang];
  const formats = makeFormats(lang);
  const t = (key: StringKey, params?: Params) => format(strings[key] ?? en[key], params, formats.dateTime);
  return Object.assign(t, { locale: lang, format: formats });
}

export const I18nContext = createContext<Translate>(makeTranslate('en'));
export const useT = (): Translate => useContext(I18nContext);
