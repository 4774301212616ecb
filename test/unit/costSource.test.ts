import { describe, expect, it } from 'vitest';
import { GENERIC_GPT_IMAGE, MODELS } from '../../src/core/openai/models/catalog.ts';
import { loadLanguage, makeTranslate } from '../../src/ui/i18n/index.ts';
import { costSourceText } from '../../src/ui/edit/costSource.ts';

describe('price sources', () => {
  it('every model’s price note is written in both languages', async () => {
    await loadLanguage('zh-CN');
    const sources = new Set([...MODELS, GENERIC_GPT_IMAGE].map((m) => m.pricing?.source ?? 'unknown'));
    const en = makeTranslate('en');
    const zh = makeTranslate('zh-CN');
    for (const s of sources) {
      const e = costSourceText(en, s);
      const z = costSourceText(zh, s);
      expect(e, s).not.toBeNull();
      expect(z, s).not.toBeNull();
      expect(z, s).not.toBe(e);
    }
    expect(costSourceText(en, 'size formula; $30/1M image out')).toBe('the size formula; $30 per million image output tokens');
    expect(costSourceText(zh, 'guide table; $2.5/1M image out')).toBe('指南中的 token 表；图像输出每百万 token US$2.50');
    expect(costSourceText(en, 'something new')).toBeNull();
  });
});
