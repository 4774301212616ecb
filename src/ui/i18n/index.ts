import { createContext, useContext } from 'react';
import type { UiLanguage } from '../../core/locale.ts';
import { en, type StringKey, type Strings } from './en.ts';
import { zh } from './zh.ts';
import { makeFormats, type Formats } from './format.ts';

export type { StringKey } from './en.ts';
export type { Formats } from './format.ts';
export type Params = Record<string, string | number>;
/** Translates a key; carries the language and its number and date formats. */
export type Translate = ((key: StringKey, params?: Params) => string) & { readonly locale: UiLanguage; readonly format: Formats };

/** Every UI language's strings, by the tag `<html lang>` gets. */
export const LANGUAGES: Record<UiLanguage, Strings> = { en, 'zh-CN': zh };

/** Fills `{name}` placeholders. Unknown placeholders stay visible, so they are noticed. */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** The translate function for a UI language (anything else gets English). */
export function makeTranslate(locale: string): Translate {
  const lang: UiLanguage = locale in LANGUAGES ? (locale as UiLanguage) : 'en';
  const strings = LANGUAGES[lang];
  const t = (key: StringKey, params?: Params) => format(strings[key] ?? en[key], params);
  return Object.assign(t, { locale: lang, format: makeFormats(lang) });
}

export const I18nContext = createContext<Translate>(makeTranslate('en'));
export const useT = (): Translate => useContext(I18nContext);
/** Numbers, money and dates in the UI's language. */
export const useFormat = (): Formats => useContext(I18nContext).format;
