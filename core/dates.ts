/**
 * Dates: parsing the many formats seen on real pages into ISO strings, and finding a document's
 * publication date in its plain text (a date line, a dateline, or a month and day whose year comes
 * from context). HTML metadata (JSON-LD, meta tags, <time>, the URL) is read in page-date.ts and
 * parsed here.
 */
import type { DateFinding } from './schema';
import { eventsReportedIn } from './war-events';

const MONTHS: Record<string, number> = {};
function addMonths(names: string[]): void {
  names.forEach((name, index) => {
    for (const variant of name.split('/')) MONTHS[variant] = index + 1;
  });
}
addMonths(['january/jan', 'february/feb', 'march/mar', 'april/apr', 'may', 'june/jun', 'july/jul',
  'august/aug', 'september/sep/sept', 'october/oct', 'november/nov', 'december/dec']);
addMonths(['januar/jänner', 'februar', 'märz/maerz', 'april', 'mai', 'juni', 'juli', 'august',
  'september', 'oktober/okt', 'november', 'dezember/dez']);
addMonths(['janvier/janv', 'février/fevrier/févr', 'mars', 'avril', 'mai', 'juin', 'juillet',
  'août/aout', 'septembre', 'octobre', 'novembre', 'décembre/decembre']);
addMonths(['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto',
  'septiembre/setiembre', 'octubre', 'noviembre', 'diciembre']);
addMonths(['janeiro', 'fevereiro', 'março/marco', 'abril', 'maio', 'junho', 'julho', 'agosto',
  'setembro', 'outubro', 'novembro', 'dezembro']);
addMonths(['января/январь', 'февраля/февраль', 'марта/март', 'апреля/апрель', 'мая/май', 'июня/июнь',
  'июля/июль', 'августа/август', 'сентября/сентябрь', 'октября/октябрь', 'ноября/ноябрь', 'декабря/декабрь']);
addMonths(['січня/січень', 'лютого/лютий', 'березня/березень', 'квітня/квітень', 'травня/травень',
  'червня/червень', 'липня/липень', 'серпня/серпень', 'вересня/вересень', 'жовтня/жовтень',
  'листопада/листопад', 'грудня/грудень']);

const MONTH_NAME = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Offsets of the time-zone abbreviations news sites print, in minutes east of UTC. */
const ZONES: Record<string, number> = {
  utc: 0, gmt: 0, z: 0, bst: 60, cet: 60, cest: 120, met: 60, mez: 60, mesz: 120, eet: 120, eest: 180,
  msk: 180, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  aest: 600, aedt: 660, acst: 570, acdt: 630, awst: 480, ist: 330, jst: 540, kst: 540,
};

/**
 * Abbreviations that mean another zone in some countries. Australian servers long printed Java's
 * old names, "EST" for Australian Eastern time in summer and winter alike ("Fri Mar 13 21:30:09 EST
 * 2015" on an Australian paper is 21:30 in Melbourne, UTC+11 that day, not New York's UTC-5). The
 * offset then comes from the zone's rules for that wall-clock time (Intl's time-zone data).
 */
const REGIONAL_ZONES: Record<string, Record<string, string>> = {
  AU: { est: 'Australia/Sydney', edt: 'Australia/Sydney', cst: 'Australia/Adelaide',
    cdt: 'Australia/Adelaide', wst: 'Australia/Perth' },
};

export interface ParseDateOptions {
  /**
   * ISO 3166 country the page is from ("AU" for a .au site or lang="en-AU"): decides what an
   * ambiguous zone abbreviation such as "EST" means.
   */
  country?: string;
}

/** UTC offset in minutes of an IANA zone at a given instant (undefined if Intl lacks the zone). */
function zoneOffsetAt(timeZone: string, epochMs: number): number | undefined {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(epochMs))
      .find((part) => part.type === 'timeZoneName')?.value;
    if (!name) return undefined;
    if (name === 'GMT') return 0;
    const match = /^GMT([+-])(\d{2}):(\d{2})$/u.exec(name);
    if (!match) return undefined;
    const minutes = Number(match[2]) * 60 + Number(match[3]);
    return match[1] === '-' ? -minutes : minutes;
  } catch {
    return undefined;
  }
}

/** The offset an IANA zone had at a wall-clock time there (two passes settle DST edges). */
function zoneOffsetForWallClock(timeZone: string, year: number, month: number, day: number,
  hour: number, minute: number, second: number): number | undefined {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = zoneOffsetAt(timeZone, wall);
  if (first === undefined) return undefined;
  return zoneOffsetAt(timeZone, wall - first * 60_000);
}

export function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/u, '')];
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2100) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDay(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A zone as written: a fixed offset in minutes, or an IANA zone whose offset depends on the date. */
type Zone = number | { timeZone: string } | undefined;

function parseOffset(text: string | undefined, country?: string): Zone {
  if (!text) return undefined;
  const trimmed = text.trim();
  if (/^z$/iu.test(trimmed)) return 0;
  const numeric = /^(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?$/iu.exec(trimmed);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  const key = trimmed.toLowerCase();
  const regional = country ? REGIONAL_ZONES[country.toUpperCase()]?.[key] : undefined;
  if (regional) return { timeZone: regional };
  return ZONES[key];
}

/**
 * An ISO instant. `fraction` is the fractional second as written (".314667"), kept to milliseconds
 * when it is not zero.
 */
function instant(year: number, month: number, day: number, hour: number, minute: number,
  second: number, zone: Zone, fraction?: string): string | undefined {
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 60) return undefined;
  const clampedSecond = Math.min(second, 59);
  const millis = fraction ? fraction.slice(1, 4).padEnd(3, '0') : '';
  const base = `${isoDay(year, month, day)}T${pad(hour)}:${pad(minute)}:${pad(clampedSecond)}` +
    (millis && millis !== '000' ? `.${millis}` : '');
  const offset = typeof zone === 'object'
    ? zoneOffsetForWallClock(zone.timeZone, year, month, day, hour, minute, clampedSecond)
    : zone;
  return offset === undefined ? base : base + formatOffset(offset);
}

/**
 * Parse a date as written in page metadata or text into ISO 8601: a day ("2022-11-09") or an
 * instant ("2017-11-03T03:01:00", with its offset when the source gave one, with milliseconds when
 * they are not zero). Handles ISO with or without milliseconds, microseconds, "T" or a space,
 * offsets "+0100"/"+01:00"/"Z", RFC 2822 and `Date.toString()` styles ("Fri Mar 13 21:30:09 EST
 * 2015"), "October 15, 2024", "15 October 2024", "15. Oktober 2024", "15 октября 2024",
 * "7 de diciembre de 2017", "1:56 PM EDT, October 15, 2024", day-first numeric "07.12.2017" and
 * Chinese/Japanese "2016年10月14日07:17". A value without a zone stays a wall-clock time without an
 * offset. Returns undefined when the text is not a date.
 */
export function parseDate(input: string, options: ParseDateOptions = {}): string | undefined {
  const text = input.trim().replace(/\s+/gu, ' ');
  if (!text) return undefined;
  const zone = (written: string | undefined): Zone => parseOffset(written, options.country);

  // ISO-like: 2017-11-03, 2017-11-03T03:01, 2017-11-03 03:01:00.000000, 2015-05-04T13:36:31+02:00
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})([.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{2,5})?)?$/u.exec(text);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (iso[4] === undefined) return validDay(year, month, day) ? isoDay(year, month, day) : undefined;
    return instant(year, month, day, Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0), zone(iso[8]),
      iso[7]?.replace(',', '.'));
  }
  // Compact: 20170309 or 2017/03/09
  const slashed = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/u.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/u.exec(text);
  if (slashed) {
    const [year, month, day] = [Number(slashed[1]), Number(slashed[2]), Number(slashed[3])];
    return validDay(year, month, day) ? isoDay(year, month, day) : undefined;
  }
  // Day first with dots, as written across Europe and Latin America: 07.12.2017, 7.12.2017 14:05
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,? (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/u.exec(text);
  if (dotted) {
    const [day, month, year] = [Number(dotted[1]), Number(dotted[2]), Number(dotted[3])];
    if (dotted[4] === undefined) return validDay(year, month, day) ? isoDay(year, month, day) : undefined;
    return instant(year, month, day, Number(dotted[4]), Number(dotted[5]), Number(dotted[6] ?? 0), undefined);
  }
  // Date.toString(): Fri Mar 13 21:30:09 EST 2015
  const toStringStyle = new RegExp(
    `^(?:[a-z]{3},? )?(${MONTH_NAME})\\.? (\\d{1,2}),? (\\d{1,2}):(\\d{2})(?::(\\d{2}))? ([A-Za-z]{2,5}|[+-]\\d{4}) (\\d{4})$`, 'iu',
  ).exec(text);
  if (toStringStyle) {
    const month = monthNumber(toStringStyle[1] as string);
    if (month) {
      return instant(Number(toStringStyle[7]), month, Number(toStringStyle[2]), Number(toStringStyle[3]),
        Number(toStringStyle[4]), Number(toStringStyle[5] ?? 0), zone(toStringStyle[6]));
    }
  }
  // RFC 2822: Fri, 13 Mar 2015 21:30:09 +0000
  const rfc = new RegExp(
    `^(?:[a-z]{3},? )?(\\d{1,2}) (${MONTH_NAME})\\.? (\\d{4})(?: (\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?: ([A-Za-z]{1,5}|[+-]\\d{4}))?)?$`, 'iu',
  ).exec(text);
  if (rfc) {
    const month = monthNumber(rfc[2] as string);
    if (month) {
      const [year, day] = [Number(rfc[3]), Number(rfc[1])];
      if (rfc[4] === undefined) return validDay(year, month, day) ? isoDay(year, month, day) : undefined;
      return instant(year, month, day, Number(rfc[4]), Number(rfc[5]), Number(rfc[6] ?? 0), zone(rfc[7]));
    }
  }
  const written = findWrittenDates(text, options);
  if (written.length === 1 && written[0]?.year !== undefined) {
    const found = written[0];
    const span = found.end - found.start;
    if (span >= text.length * 0.6) return found.iso;
  }
  return undefined;
}

/** A date written out in running text. */
export interface WrittenDate {
  start: number;
  end: number;
  month: number;
  day: number;
  year?: number;
  weekday?: number;
  /** ISO day or instant; only when the year is known. */
  iso?: string;
}

const TIME_PART = '(?:(\\d{1,2}):(\\d{2})\\s*([AaPp]\\.?[Mm]\\.?)?\\s*([A-Z]{2,5})?,?\\s+)?';
const WEEKDAY_PART = `(?:(${WEEKDAYS.join('|')})(?:,|\\s*\\()?\\s*)?`;
/** "1:56 PM EDT, October 15, 2024", "Friday (November 11)", "March 29", "Oct. 15 2024" */
const MONTH_FIRST = new RegExp(
  `${TIME_PART}${WEEKDAY_PART}(?<!\\p{L})(${MONTH_NAME})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{L}\\d])(?:,?\\s+(\\d{4})(?!\\d))?`, 'giu',
);
/** "15 October 2024", "15. Oktober 2024", "15 жовтня 2024 року", "29 March", "7 de diciembre de 2017" */
const DAY_FIRST = new RegExp(
  `(?<!\\d)(\\d{1,2})\\.?\\s+(?:de\\s+)?(${MONTH_NAME})(?!\\p{L})\\.?(?:\\s+(?:del?\\s+)?(\\d{4})(?!\\d))?`, 'giu',
);
/** Chinese, Japanese and Korean: "2016年10月14日07:17", "2017年3月9日 15時30分", "2022년 2월 24일" */
const CJK_DATE = /(?<!\d)(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일](?:\s*(\d{1,2})\s*[:：時时]\s*(\d{2}))?/gu;

function to24(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = /^p/iu.test(meridiem);
  if (hour === 12) return pm ? 12 : 0;
  return pm ? hour + 12 : hour;
}

/** Every date written out in a text ("October 15, 2024", "March 29", "29 марта"), in order. */
export function findWrittenDates(text: string, options: ParseDateOptions = {}): WrittenDate[] {
  const found: WrittenDate[] = [];
  for (const match of text.matchAll(MONTH_FIRST)) {
    const month = monthNumber(match[6] as string);
    const day = Number(match[7]);
    if (!month || day < 1 || day > 31) continue;
    const year = match[8] ? Number(match[8]) : undefined;
    const weekday = match[5] ? WEEKDAYS.indexOf((match[5] as string).toLowerCase()) : undefined;
    let iso: string | undefined;
    if (year !== undefined && validDay(year, month, day)) {
      iso = match[1] !== undefined
        ? instant(year, month, day, to24(Number(match[1]), match[3]), Number(match[2]), 0,
          parseOffset(match[4], options.country))
        : isoDay(year, month, day);
    }
    found.push({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length, month, day, year, weekday, iso });
  }
  for (const match of text.matchAll(DAY_FIRST)) {
    const month = monthNumber(match[2] as string);
    const day = Number(match[1]);
    const start = match.index ?? 0;
    if (!month || day < 1 || day > 31) continue;
    if (found.some((other) => start < other.end && other.start < start + match[0].length)) continue;
    const year = match[3] ? Number(match[3]) : undefined;
    const iso = year !== undefined && validDay(year, month, day) ? isoDay(year, month, day) : undefined;
    found.push({ start, end: start + match[0].length, month, day, year, iso });
  }
  for (const match of text.matchAll(CJK_DATE)) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (!validDay(year, month, day)) continue;
    const start = match.index ?? 0;
    // No zone is written: the time stays a wall-clock time.
    const iso = match[4] !== undefined
      ? instant(year, month, day, Number(match[4]), Number(match[5]), 0, undefined)
      : isoDay(year, month, day);
    found.push({ start, end: start + match[0].length, month, day, year, iso });
  }
  return found.sort((a, b) => a.start - b.start);
}

const DATE_LINE = /^\s*(?:date|published|publication date|datum|дата)\s*[:=]?\s*(\d{4}-\d{2}-\d{2}(?:[T ][\d:.+\-Z]+)?)/imu;

/**
 * Find the publication date of a document from its text alone. In order of trust:
 * 1. an explicit date line ("date 2022-11-09", front matter `date:`);
 * 2. a dateline: a line near the top that is only a date, perhaps with a time
 *    ("1:56 PM EDT, October 15, 2024");
 * 3. the latest month and day the text mentions ("on March 29") with the year taken from context:
 *    weekdays written next to dates ("Friday (November 11)") and dated events the text reports
 *    (a text reporting the February 24 invasion and the withdrawal around Kyiv is from 2022);
 * 4. no date at all: the date of the latest dated event the text reports, as a lower bound.
 */
export function findDateInText(text: string): DateFinding | undefined {
  const line = DATE_LINE.exec(text);
  if (line) {
    const date = parseDate(line[1] as string);
    if (date) {
      return { date, source: 'date-line', confidence: 0.95, precision: date.length > 10 ? 'instant' : 'day',
        evidence: `explicit date line: “${(line[0] as string).trim()}”` };
    }
  }

  const lines = text.split('\n').slice(0, 60);
  for (const candidate of lines) {
    const trimmed = candidate.trim();
    if (!trimmed || trimmed.length > 60) continue;
    const dates = findWrittenDates(trimmed);
    const only = dates.length === 1 ? dates[0] : undefined;
    if (only?.iso && only.end - only.start >= trimmed.length * 0.7) {
      return { date: only.iso, source: 'dateline', confidence: 0.9,
        precision: only.iso.length > 10 ? 'instant' : 'day', evidence: `dateline: “${trimmed}”` };
    }
  }

  const events = eventsReportedIn(text);
  const latestEvent = events[events.length - 1];
  const written = findWrittenDates(text);
  const withYear = written.filter((date) => date.year !== undefined);
  const withoutYear = written.filter((date) => date.year === undefined);
  if (withoutYear.length > 0 && withYear.length === 0) {
    const years = candidateYears(text, withoutYear, latestEvent?.date);
    if (years.year !== undefined) {
      const latest = withoutYear
        .map((date) => ({ date, iso: validDay(years.year as number, date.month, date.day)
          ? isoDay(years.year as number, date.month, date.day) : undefined }))
        .filter((entry): entry is { date: WrittenDate; iso: string } => entry.iso !== undefined)
        .sort((a, b) => a.iso.localeCompare(b.iso))
        .pop();
      if (latest) {
        const phrase = text.slice(latest.date.start, latest.date.end).trim();
        return { date: latest.iso, source: 'month-day+context-year', confidence: years.confidence, precision: 'day',
          evidence: `latest date in the text: “${phrase}”; year ${years.year} from ${years.reasons.join(' and ')}` };
      }
    }
  }

  if (latestEvent) {
    return { date: latestEvent.date, source: 'latest-event', confidence: 0.4, precision: 'month',
      evidence: `no date in the text; the latest dated event it reports: ${latestEvent.label} (${latestEvent.date})` };
  }
  return undefined;
}

interface YearGuess {
  year?: number;
  confidence: number;
  reasons: string[];
}

/** Decide the year of dates written without one, from weekdays and reported events. */
function candidateYears(text: string, dates: WrittenDate[], latestEventDate: string | undefined): YearGuess {
  const reasons: string[] = [];
  let years: number[] | undefined;
  for (const date of dates) {
    if (date.weekday === undefined) continue;
    const fitting: number[] = [];
    for (let year = 1990; year <= 2035; year++) {
      if (validDay(year, date.month, date.day) && new Date(Date.UTC(year, date.month - 1, date.day)).getUTCDay() === date.weekday) {
        fitting.push(year);
      }
    }
    years = years ? years.filter((year) => fitting.includes(year)) : fitting;
    reasons.push(`the weekday in “${text.slice(date.start, date.end).trim()}”`);
  }
  let floor: number | undefined;
  if (latestEventDate) {
    floor = Number(latestEventDate.slice(0, 4));
    const latestMonthDay = Math.max(...dates.map((date) => date.month * 100 + date.day));
    const eventMonthDay = Number(latestEventDate.slice(5, 7)) * 100 + Number(latestEventDate.slice(8, 10));
    if (latestMonthDay < eventMonthDay) floor += 1;
    reasons.push(`events it reports (latest ${latestEventDate})`);
  }
  if (years && floor !== undefined) {
    const year = years.find((candidate) => candidate >= floor);
    if (year !== undefined) return { year, confidence: 0.8, reasons };
    return { year: floor, confidence: 0.5, reasons };
  }
  if (floor !== undefined) return { year: floor, confidence: 0.7, reasons };
  if (years?.length === 1) return { year: years[0], confidence: 0.6, reasons };
  return { confidence: 0, reasons };
}
