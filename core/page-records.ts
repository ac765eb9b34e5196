/**
 * Turns a page the reader adds (an `ExtractedPage` from the content script) into the records the
 * corpus keeps: one `SourceRecord` and its `ExcerptRecord`s, split and tagged by exactly the code
 * that builds the bundled corpus (core/excerpts.ts, core/tagger.ts), so both kinds of excerpts are
 * alike.
 *
 * - The source id is derived from the page's normalised URL: adding the same page again (with
 *   another tracking parameter, fragment or trailing slash) yields the same id and so replaces it.
 * - The passages are tagged as one page, with the page step the content script runs when it marks
 *   the page (core/tagger.ts `tagPassages`), as for the seeds.
 * - The date is the page's publication date when the extractor found one (a date guessed from the
 *   running text only when it is not later than the day the page is added); otherwise the day the
 *   page was added, marked `dateSource: 'added'` with low confidence.
 * Pure: the spotter and the clock are parameters.
 */
import { isTrackingParameter } from './canonical-url';
import { splitIntoPassages } from './excerpts';
import type { ExtractedPage } from './protocol';
import type { DateSource, ExcerptRecord, SourceRecord } from './schema';
import type { Spotter } from './spotter';
import { type Tags, tagPassages } from './tagger';

/**
 * The URL that identifies a page: no fragment, no tracking parameters, remaining parameters
 * sorted, no trailing slash on the path, lower-case host. Strings that are not URLs are trimmed.
 */
export function normaliseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim();
  }
  parsed.hash = '';
  // The same tracking parameters the extractor drops from a page's canonical URL.
  const kept = [...parsed.searchParams.entries()].filter(([name]) => !isTrackingParameter(name));
  kept.sort(([a, aValue], [b, bValue]) => (a < b ? -1 : a > b ? 1 : aValue < bValue ? -1 : aValue > bValue ? 1 : 0));
  parsed.search = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  if (parsed.pathname.length > 1 && parsed.pathname.endsWith('/')) parsed.pathname = parsed.pathname.replace(/\/+$/u, '');
  return parsed.toString();
}

/** FNV-1a 64-bit (two 32-bit lanes) of a string, as 16 hex digits. Stable across versions. */
export function hashText(text: string): string {
  let low = 0x811c9dc5;
  let high = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    low = Math.imul(low ^ text.charCodeAt(i), 0x01000193) >>> 0;
    high = Math.imul(high ^ (low >>> 7), 0x01000193) >>> 0;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

/** The id of a reader page: "page-" and a hash of its normalised URL. */
export function readerSourceId(url: string): string {
  return `page-${hashText(normaliseUrl(url))}`;
}

function segmenterLanguage(lang: string | undefined): string {
  if (!lang) return 'en';
  try {
    return Intl.Segmenter.supportedLocalesOf([lang]).length ? lang : 'en';
  } catch {
    return 'en';
  }
}

/** Dates guessed from an article's running text (core/page-date.ts, step 7). */
const GUESSED_FROM_TEXT = new Set<DateSource>(['month-day+context-year', 'latest-event']);

export interface PageRecords {
  source: SourceRecord;
  excerpts: ExcerptRecord[];
}

/** Split, tag and date an extracted page. `addedAt` is the moment the reader added it. */
export function pageRecords(page: ExtractedPage, spotter: Spotter, addedAt: Date): PageRecords {
  const id = readerSourceId(page.url);
  const lang = segmenterLanguage(page.lang);
  const passages = splitIntoPassages(page.blocks, lang);
  // The article's passages are one page: tagged with the decisions its marks get (core/tagger.ts).
  const tags = tagPassages(spotter, passages.map((passage) => passage.text), page.lang ?? null);
  const addedIso = addedAt.toISOString();
  // A guess that lands after today is wrong (a weekday that fits a later year): no date then.
  const found = page.date && !(GUESSED_FROM_TEXT.has(page.date.source) && page.date.date.slice(0, 10) > addedIso.slice(0, 10)) ? page.date : undefined;
  const date = found?.date ?? addedIso.slice(0, 10);
  const excerpts: ExcerptRecord[] = passages.map((passage, position) => {
    const { entityIds, mentions } = tags[position] as Tags;
    return {
      id: `${id}#${position}`,
      sourceId: id,
      position,
      text: passage.text,
      date,
      entityIds,
      mentions,
    };
  });
  const title = page.title.trim() || normaliseUrl(page.url);
  const source: SourceRecord = {
    id,
    origin: 'reader',
    title,
    ...(page.site ? { site: page.site } : {}),
    ...(page.byline ? { author: page.byline } : {}),
    url: page.url,
    ...(page.lang ? { lang: page.lang } : {}),
    date,
    dateSource: found?.source ?? 'added',
    dateConfidence: found?.confidence ?? 0.2,
    datePrecision: found?.precision ?? 'day',
    dateEvidence: found?.evidence ?? `no publication date on the page; added on ${addedIso.slice(0, 10)}`,
    addedAt: addedIso,
    excerptCount: excerpts.length,
  };
  return { source, excerpts };
}
