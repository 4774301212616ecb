import { describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n/en.ts';
import { isLanguageLoaded, loadLanguage, makeTranslate } from '../../src/ui/i18n/index.ts';
import { makeFormats } from '../../src/ui/i18n/format.ts';
import { pickLanguage, uiLanguageFor, UI_LANGUAGES } from '../../src/core/locale.ts';
import { Display, initialDisplay, LANGUAGE_KEY } from '../../src/app/display.ts';
import { createActions } from '../../src/app/actions.ts';
import { ERROR_KEYS } from '../../src/core/openai/request/errors.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).toSorted();

describe('UI languages', () => {
  // First in the file: the tests below load every language, and a module loads once per file.
  it('load the second language on first use: English until its strings arrive, then its own', async () => {
    expect(isLanguageLoaded('zh-CN')).toBe(false);
    expect(makeTranslate('zh-CN')('action.undo')).toBe('Undo');
    expect(makeTranslate('zh-CN').locale).toBe('en');
    const [a, b] = [loadLanguage('zh-CN'), loadLanguage('zh-CN')];
    expect(await a).toBe(await b); // fetched once
    expect(isLanguageLoaded('zh-CN')).toBe(true);
    expect(makeTranslate('zh-CN')('action.undo')).toBe('撤销');
  });

  it('have every key, and each string the same placeholders as the English one', async () => {
    const enKeys = Object.keys(en).toSorted();
    for (const lang of UI_LANGUAGES) {
      const strings = await loadLanguage(lang) as Record<string, string>;
      expect(Object.keys(strings).toSorted(), `${lang}: keys`).toEqual(enKeys);
      for (const k of enKeys) {
        expect(typeof strings[k] === 'string' && strings[k]!.trim().length > 0, `${lang}: ${k} is empty`).toBe(true);
        expect(placeholders(strings[k]!), `${lang}: ${k} placeholders`).toEqual(placeholders(en[k as keyof typeof en]));
      }
    }
  });

  it('translate into Chinese, errors included, with placeholders filled', async () => {
    await loadLanguage('zh-CN');
    const zh = makeTranslate('zh-CN');
    expect(zh('action.undo')).toBe('撤销');
    expect(zh('action.brush')).toBe('画笔');
    expect(zh('action.eraser')).toBe('橡皮擦');
    expect(zh('load.error.truncated', { name: 'a.jpg' })).toBe('“a.jpg”不完整：文件提前结束了（下载或复制中断了？）。没有打开任何文件，当前的工作保持不变。');
    for (const key of ERROR_KEYS) expect(zh(key), key).not.toBe(makeTranslate('en')(key));
    expect(zh.locale).toBe('zh-CN');
    // An unknown language gets English, not keys.
    expect(makeTranslate('fr')('action.undo')).toBe('Undo');
  });

  it('have a label for every action in the registry, in both languages', () => {
    for (const a of createActions().all()) {
      expect(a.label in en, `${a.id}: ${a.label}`).toBe(true);
    }
  });

  it('are picked from the browser’s preferences; any Chinese gets Simplified Chinese', () => {
    expect(pickLanguage(['zh-CN', 'en'])).toBe('zh-CN');
    expect(pickLanguage(['zh-TW'])).toBe('zh-CN');
    expect(pickLanguage(['zh-Hans-SG'])).toBe('zh-CN');
    expect(pickLanguage(['de-DE', 'zh'])).toBe('zh-CN');
    expect(pickLanguage(['de-DE', 'en-GB', 'zh'])).toBe('en');
    expect(pickLanguage(['fr', 'de'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
    expect(uiLanguageFor('<script>')).toBeNull();
  });

  it('follow the host first, then the user’s remembered pick, then the browser', () => {
    expect(initialDisplay('?locale=en', ['zh-CN'], 'zh-CN').locale).toBe('en');
    expect(initialDisplay('', ['en-US'], 'zh-CN').locale).toBe('zh-CN');
    expect(initialDisplay('', ['zh-CN', 'en'], null).locale).toBe('zh-CN');
    expect(initialDisplay('?locale=fr', ['zh-CN'], null).locale).toBe('zh-CN');
  });

  it('switch from the UI and are remembered; a host tag maps to the UI language it is', () => {
    const stored = new Map<string, string>();
    const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) } as Storage;
    const d = new Display({ locale: 'en', theme: 'auto' }, storage);
    d.choose('zh-CN');
    expect(d.state.locale).toBe('zh-CN');
    expect(stored.get(LANGUAGE_KEY)).toBe('zh-CN');
    d.set({ locale: 'en-GB' });
    expect(d.state.locale).toBe('en');
    d.set({ locale: 'fr', theme: 'dark' });
    expect(d.state).toEqual({ locale: 'en', theme: 'dark' });
  });
});

describe('formats', () => {
  it('write numbers, dollars and percentages in the UI’s language', () => {
    const fEn = makeFormats('en');
    const fZh = makeFormats('zh-CN');
    expect(fEn.number(1234567)).toBe('1,234,567');
    expect(fEn.money(0.0105)).toBe('$0.0105');
    expect(fEn.money(0.25)).toBe('$0.250');
    expect(fZh.money(0.25)).toBe('US$0.250');
    expect(fEn.percent(0.5)).toBe('50%');
    expect(fZh.dateTime(new Date(2026, 10, 25, 14, 5))).toContain('2026年11月25日');
    expect(fEn.dateTime(new Date(2026, 10, 25, 14, 5))).toContain('Nov 25, 2026');
    expect(fZh.megabytes(5 * 1024 * 1024)).toBe('5.0');
  });
});
