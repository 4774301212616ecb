/** A BCP 47-shaped language tag such as `en` or `zh-CN` (what `lang` and the i18n tables take). */
export function isLocaleTag(v: unknown): v is string {
  return typeof v === 'string' && v.length <= 35 && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(v);
}

/** The languages the UI is written in; the first is the fallback. */
export const UI_LANGUAGES = ['en', 'zh-CN'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Each UI language's own name, shown in the language switch whatever the current language. */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = { en: 'English', 'zh-CN': '简体中文' };

/**
 * The UI language for one tag, or null when the UI has none for it. Every Chinese tag maps to
 * Simplified Chinese (zh-TW, zh-Hant included): it is the only Chinese the UI has, and a reader
 * of Traditional Chinese reads it more easily than English.
 */
export function uiLanguageFor(tag: string | null | undefined): UiLanguage | null {
  if (!isLocaleTag(tag)) return null;
  const primary = tag.split('-')[0]!.toLowerCase();
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  return null;
}

/**
 * The first of `preferences` (most wanted first, as `navigator.languages` lists them) that the
 * UI speaks; English when none.
 */
export function pickLanguage(preferences: readonly (string | null | undefined)[]): UiLanguage {
  for (const p of preferences) {
    const lang = uiLanguageFor(p);
    if (lang) return lang;
  }
  return 'en';
}
