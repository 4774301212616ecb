/** A BCP 47-shaped language tag such as `en` or `zh-CN` (what `lang` and the i18n tables take). */
export function isLocaleTag(v: unknown): v is string {
  return typeof v === 'string' && v.length <= 35 && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(v);
}
