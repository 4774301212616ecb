import { createContext, useContext } from 'react';
import { en, type StringKey, type Strings } from './en.ts';

export type { StringKey } from './en.ts';
export type Params = Record<string, string | number>;
export type Translate = (key: StringKey, params?: Params) => string;

const languages: Record<string, Strings> = { en };

/** Fills `{name}` placeholders. Unknown placeholders stay visible, so they are noticed. */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function makeTranslate(locale: string): Translate {
  const strings = languages[locale.split('-')[0] ?? 'en'] ?? en;
  return (key, params) => format(strings[key] ?? en[key], params);
}

export const I18nContext = createContext<Translate>(makeTranslate('en'));
export const useT = (): Translate => useContext(I18nContext);
