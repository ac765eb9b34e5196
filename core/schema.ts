/**
 * The records Backstory keeps: sources (a document: a bundled seed, a page the reader added, or one
 * the reader read and Backstory remembered) and
 * their excerpts. The same shapes are used by the bundled corpus file (data/corpus.json), the
 * IndexedDB store, the message protocol and export files.
 */

/** How a source's date was found, from most to least direct. */
export type DateSource =
  | 'date-line' // an explicit "date 2022-11-09" line or front matter
  | 'json-ld' // JSON-LD datePublished
  | 'meta' // article:published_time, Parse.ly, <meta name="date">…
  | 'time-element' // <time datetime> in the article header
  | 'url' // /2017/11/03/ in the URL path
  | 'dateline' // "1:56 PM EDT, October 15, 2024" at the head of the text
  | 'month-day+context-year' // "March 29" in the text, the year from weekdays or dated events
  | 'latest-event' // no date in the text: no older than the latest dated event it reports
  | 'added' // none found: the day the reader added the page
  | 'reader'; // set by the reader in the reading room (core/source-edit.ts), confidence 1

export type DatePrecision = 'instant' | 'day' | 'month';

export interface DateFinding {
  /** ISO 8601: a day (2022-11-09) or an instant with offset (2024-10-15T13:56:00-04:00). */
  date: string;
  source: DateSource;
  /** 0–1: how sure we are that this is the publication date. */
  confidence: number;
  precision: DatePrecision;
  /** What the finder saw, in words ("date line: 2022-11-09"). */
  evidence: string;
}

export type SourceOrigin = 'bundled' | 'reader';

export interface SourceRecord {
  id: string;
  origin: SourceOrigin;
  title: string;
  /** Publisher or site name, where the document names it. */
  site?: string;
  author?: string;
  url?: string;
  lang?: string;
  date: string;
  dateSource: DateSource;
  dateConfidence: number;
  datePrecision: DatePrecision;
  dateEvidence: string;
  /** For reader pages: when the page was added, or first read when remembered (ISO instant). */
  addedAt?: string;
  /**
   * For reader pages Backstory kept because the reader read them (the reader opted in to
   * "Remember the articles I read"), rather than added on purpose. Remembered pages are the
   * first to go when the storage budget is full; adding such a page on purpose clears this.
   */
  remembered?: true;
  /** For remembered pages: when the reader last read the page (ISO instant). */
  readAt?: string;
  /** A bundled source of key dates about one entity (core/chronicle.ts), not a document. */
  kind?: 'chronicle';
  excerptCount: number;
}

/** [start, end, entityId]: a mention inside an excerpt's text (UTF-16 offsets). */
export type ExcerptMention = [number, number, string];

export interface ExcerptRecord {
  id: string;
  sourceId: string;
  /** Position of the excerpt in its source, from 0. */
  position: number;
  text: string;
  /** The source's date (ISO), copied for indexing by date. */
  date: string;
  /** Ids of the entities the excerpt mentions, sorted, unique. */
  entityIds: string[];
  mentions: ExcerptMention[];
  /** Link to the original at this excerpt (a timestamped link for a video; for a chronicle entry, its record). */
  url?: string;
  /** Chronicle entries: who published the record that confirms them. */
  cite?: string;
  /** Chronicle entries: the entry's stable id in data/chronicle (for translations). */
  entryId?: string;
  /** Chronicle entries: how sources or sides disagree about them. */
  contested?: string;
}

export interface CorpusFile {
  /** Format version of this file. */
  version: number;
  /** A hash of the sources and excerpts: changes whenever the bundled corpus does. */
  checksum: string;
  sources: SourceRecord[];
  excerpts: ExcerptRecord[];
}

export const CORPUS_FILE_VERSION = 1;

/** A display name for a source: its site, else its title. */
export function sourceLabel(source: Pick<SourceRecord, 'site' | 'title'>): string {
  return source.site || source.title;
}
