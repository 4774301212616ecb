import type { Translate } from '../i18n/index.ts';

/**
 * Where a price comes from, in the UI's language. The catalogue (src/core/openai/models/catalog.ts)
 * writes each model's `pricing.source` as an English note; the known shapes are read here and
 * written anew with the price in the UI's money format. A note of another shape is shown as it
 * is (test/unit/costSource.test.ts fails until it is added here, so both languages keep up).
 */
const SHAPES: { re: RegExp; to: (t: Translate, m: RegExpExecArray) => string }[] = [
  { re: /^guide table; \$(\d+(?:\.\d+)?)\/1M image out$/, to: (t, m) => t('edit.cost.src.table', { price: t.format.price(Number(m[1])) }) },
  { re: /^size formula; \$(\d+(?:\.\d+)?)\/1M image out$/, to: (t, m) => t('edit.cost.src.formula', { price: t.format.price(Number(m[1])) }) },
  { re: /^no published price$/, to: (t) => t('edit.cost.src.noPrice') },
  { re: /^no published price; tokens as (\S+)$/, to: (t, m) => t('edit.cost.src.noPriceAs', { model: m[1]! }) },
  { re: /^last list price; gateways set their own$/, to: (t) => t('edit.cost.src.listPrice') },
  { re: /^unknown model: tokens as (\S+), no price$/, to: (t, m) => t('edit.cost.src.unknownModel', { model: m[1]! }) },
  { re: /^unknown$/, to: (t) => t('edit.cost.src.unknown') },
];

/** The note on a price's source, translated when its shape is known (null when it is not). */
export function costSourceText(t: Translate, source: string): string | null {
  for (const s of SHAPES) {
    const m = s.re.exec(source);
    if (m) return s.to(t, m);
  }
  return null;
}
