/**
 * Numbers, money, percentages and dates in the UI's language, through `Intl` (so 1,234 tokens,
 * US$0.011 and 2026年11月25日 come out as a reader of that language writes them).
 */
export interface Formats {
  /** The BCP 47 tag the formats follow. */
  readonly locale: string;
  /** A count: tokens, pixels, bytes. */
  number(n: number): string;
  /** US dollars, to four decimals below ten cents and three above (image prices are fractions of a cent). */
  money(usd: number): string;
  /** A list price in US dollars: whole dollars bare, cents when there are any ($40, $2.50). */
  price(usd: number): string;
  /** A fraction 0..1 as a percentage with no decimals. */
  percent(fraction: number): string;
  /** A date and time, medium date and short time. */
  dateTime(d: Date | number): string;
  /** Megabytes with one decimal. */
  megabytes(bytes: number): string;
  /** Names joined as the language lists them ("a, b and c"; "a、b和c"). */
  list(items: readonly string[]): string;
}

export function makeFormats(locale: string): Formats {
  const number = new Intl.NumberFormat(locale);
  const money4 = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 4, maximumFractionDigits: 4 });
  const money3 = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const whole = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 0, maximumFractionDigits: 0 });
  const cents = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const mb = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  return {
    locale,
    number: (n) => number.format(n),
    money: (usd) => (usd < 0.1 ? money4 : money3).format(usd),
    price: (usd) => (Number.isInteger(usd) ? whole : cents).format(usd),
    percent: (f) => percent.format(f),
    dateTime: (d) => date.format(d),
    megabytes: (b) => mb.format(b / (1024 * 1024)),
    list: (items) => list.format(items),
  };
}
