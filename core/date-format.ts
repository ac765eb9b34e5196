/**
 * How dates are shown: "9 Nov 2022" for a day, "Nov 2022" for a month, in the reader's locale,
 * always in the time zone the source wrote (a day is never shifted by the reader's offset).
 */
import type { DatePrecision } from './schema';

/** The calendar day of an ISO date or instant as written ("2024-10-15T13:56:00-04:00" → 2024-10-15). */
export function calendarDay(iso: string): { year: number; month: number; day: number } | undefined {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/u.exec(iso);
  if (!match) return undefined;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3] ?? 1) };
}

export function formatDate(iso: string, precision: DatePrecision = 'day', locale?: string): string {
  const day = calendarDay(iso);
  if (!day) return iso;
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day));
  const options: Intl.DateTimeFormatOptions =
    precision === 'month'
      ? { year: 'numeric', month: 'short', timeZone: 'UTC' }
      : { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}
