/**
 * Dates, numbers, sizes and lists written the way the reader's language writes them, with Intl:
 * "9 лист. 2022 р.", "9. Nov. 2022", "1 234", "12,5 MB", "Київ, Харків і Одеса".
 */
import { formatDate as formatDateIn } from '../date-format';
import type { DatePrecision } from '../schema';
import type { Lang } from './lang';
import { numberFormatFor } from './messages';

export function formatDate(lang: Lang, iso: string, precision: DatePrecision = 'day'): string {
  return formatDateIn(iso, precision, lang);
}

export function formatNumber(lang: Lang, value: number, options?: Intl.NumberFormatOptions): string {
  return options ? new Intl.NumberFormat(lang, options).format(value) : numberFormatFor(lang).format(value);
}

/** Megabytes (10^6 bytes) with one decimal under 10 MB and none above: "3,2 MB", "1.234 MB". */
export function formatMegabytes(lang: Lang, bytes: number): string {
  const mb = bytes / 1e6;
  const digits = mb < 10 ? 1 : 0;
  return new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(mb);
}

/** "A, B and C" in the language ("A, B і C", "A, B и C", "A, B und C"). */
export function formatList(lang: Lang, items: readonly string[]): string {
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items);
}
