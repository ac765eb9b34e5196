/**
 * The message protocol between Backstory's contexts, in one place.
 *
 * - `BackgroundRequest`: asked of the background (the corpus owner) by the popup, the side panel,
 *   the options page and content scripts. Answers are `Reply<BackgroundResponses[type]>`.
 * - `TabRequest`: asked of a tab's content script by the background or the popup.
 *
 * Every receiver validates an incoming message with `parseBackgroundRequest` / `parseTabRequest`
 * before acting on it (a page cannot talk to the background, but a compromised or confused context
 * must still get a typed error, never an exception or a half-done write).
 */
import type { MessageKey } from './i18n/keys';
import type { Lang } from './i18n/lang';
import type { Catalog, MessageParams } from './i18n/messages';
import type { DateFinding, ExcerptRecord, SourceRecord } from './schema';
import type { SourceEdit } from './source-edit';
import type { Block } from './excerpts';

// ───────────────────────────── shared shapes ─────────────────────────────

/** What a ranking knows about the page being read. */
export interface PageContextInfo {
  url?: string;
  title?: string;
  /** The page's own publication date, ISO, when known. */
  date?: string;
  /** Entities found on the page, most mentioned first. */
  entityIds: string[];
}

/** The source of an excerpt, as a card or list shows it. */
export type SourceSummary = Pick<
  SourceRecord,
  'id' | 'origin' | 'title' | 'site' | 'url' | 'date' | 'dateSource' | 'dateConfidence' | 'datePrecision' | 'remembered' | 'readAt' | 'kind'
> & Partial<Pick<SourceRecord, 'excerptCount'>>;

/** One excerpt ready to show: the record, its source, and why it was chosen. */
export interface ExcerptView {
  excerpt: ExcerptRecord;
  source: SourceSummary;
  score: number;
  /** Near-identical excerpts (syndicated copies) collapsed into this one. */
  alsoIn: SourceSummary[];
  /** Ranges of `excerpt.text` that matched a search query ([start, end), UTF-16). */
  matches?: [number, number][];
  /** In a card or the popup: dated after the article being read (listed after those before it). */
  afterPage?: true;
}

export interface SearchFilters {
  entityIds?: string[];
  /** Inclusive ISO day bounds on the excerpt's date. */
  from?: string;
  to?: string;
  sourceIds?: string[];
}

export interface SearchResult {
  hits: ExcerptView[];
  /** Number of matching excerpts before `limit` (after collapsing duplicates). */
  total: number;
  tookMs: number;
}

export interface TimelineBucket {
  /** "2022-11" */
  month: string;
  count: number;
}

/** What a card shows about an entity. */
export interface ExcerptsForEntity {
  /**
   * The entity's description from the gazetteer, in the reader's language: the content script
   * carries only what marking needs (core/spotter-automaton.ts), so the card's description comes
   * with its excerpts.
   */
  description?: string;
  /** The entity's name as the reader's language writes it (the content script knows only the English). */
  name?: string;
  /** The reader's language, in which `name` and `description` are written. */
  lang?: Lang;
  /** Excerpts from documents and the reader's pages, ranked for the page. */
  excerpts: ExcerptView[];
  /** How many such excerpts there are. */
  total: number;
  /** Its key dates from the Backstory chronicle: before the page's date first (latest first), then after. */
  keyDates: ExcerptView[];
}

export interface EntityTimeline {
  entityId: string;
  /** Excerpts per month, over every excerpt about the entity (near-duplicates counted once). */
  buckets: TimelineBucket[];
  /** One page of the excerpts about the entity (of `month` when asked), oldest first. */
  excerpts: ExcerptView[];
  /** How many excerpts there are in all (of `month` when asked); `excerpts` starts at `offset`. */
  total: number;
  offset: number;
}

/** Excerpts a timeline sends at a time (the reading room asks for more as the reader wants them). */
export const TIMELINE_PAGE = 50;

/** An article taken from a page by the content script, ready to be split, tagged and stored. */
/** Why a page does not look like an article (core/article-extract.ts `classifyPage`). */
export type NotArticleReason = 'no-text' | 'little-text' | 'product' | 'collection' | 'front-page' | 'landing';

export interface ExtractedPage {
  /** Canonical URL, normalised (no tracking parameters, no fragment). */
  url: string;
  title: string;
  byline?: string;
  site?: string;
  lang?: string;
  /** The publication date and how it was found; absent when the page gives none. */
  date?: DateFinding;
  /** The article's paragraphs, headings and list items, as plain text. */
  blocks: Block[];
  /** Whether the page looks like an article, and if not, why. */
  article: {
    isArticle: boolean;
    /** Why not, in English. */
    reason?: string;
    /** Why not, for the reader's language: a code and the number it names (characters, headlines). */
    reasonCode?: NotArticleReason;
    reasonCount?: number;
    textLength: number;
  };
}

export interface AddPageResult {
  source: SourceRecord;
  excerptCount: number;
  /** True when the page was already in the corpus and was replaced. */
  updated: boolean;
}

export interface ImportResult {
  sources: number;
  excerpts: number;
  /** Sources that were already present and identical. */
  unchanged: number;
  /** Sources not written: bundled sources that differ from this version's bundled corpus. */
  skipped?: number;
  /** Tracked names in the file (stored with the reader's own once the corpus is committed). */
  trackedNames?: number;
}

export interface CorpusStats {
  sources: number;
  excerpts: number;
  readerSources: number;
  entitiesTagged: number;
  /** Bytes used by the store as the browser reports it, when it does. */
  usageBytes?: number;
}

export type ExportScope = 'reader' | 'all';

// ───────────────────────────── background requests ─────────────────────────────

export type BackgroundRequest =
  | { type: 'stats' }
  | { type: 'list-sources' }
  | { type: 'excerpts-for'; entityId: string; page?: PageContextInfo; limit?: number }
  | { type: 'page-excerpts'; page: PageContextInfo; limit?: number }
  | { type: 'search'; query: string; filters?: SearchFilters; limit?: number }
  | { type: 'entity-timeline'; entityId: string; month?: string; offset?: number; limit?: number }
  | { type: 'add-page'; page: ExtractedPage; force?: boolean }
  | { type: 'add-tab'; tabId: number; force?: boolean }
  | { type: 'delete-source'; sourceId: string }
  /** Correct the date, title or site of a page of the reader's (core/source-edit.ts). */
  | { type: 'edit-source'; sourceId: string; edit: SourceEdit }
  | { type: 'restore-source'; source: SourceRecord; excerpts: ExcerptRecord[] }
  | { type: 'prepare-search' }
  | { type: 'open-side-panel'; entityId?: string; tabId?: number; sourceId?: string; query?: string }
  | { type: 'entity-counts' }
  /** Open the options page (an empty card's "Remember the articles I read"). */
  | { type: 'open-options' }
  /** From a content script: the reader read this page for the dwell time (remember it, if the settings say so). */
  | { type: 'remember-page'; page: ExtractedPage }
  /** Forget remembered pages: all of them, or those of one site (pages added on purpose stay). */
  | { type: 'forget-remembered'; site?: string }
  /** From a content script: inject a part of the page path its tab needs now (see `PagePart`). */
  | { type: 'load-part'; part: PagePart }
  /** From a content script: the card's messages in the reader's language (`CARD_AREAS`), for the card's part. */
  | { type: 'card-messages' }
  /** The reading room changed the tracked names (lib/tracked-names.ts): tag with them, re-tag the corpus. */
  | { type: 'tracked-names-changed' };

/**
 * Parts of the page path that every page would otherwise carry but only a reader's gesture needs,
 * injected by the background into the asking tab's content-script world on demand
 * (entrypoints/content/page-parts.ts): `extract`, the article extraction (Readability) for "Add
 * this page" and for remembering a page; `card`, the hover card's drawing (Preact, the card, its
 * styles) and the page's date.
 */
export type PagePart = 'extract' | 'card';
export const PAGE_PARTS: readonly PagePart[] = ['extract', 'card'];

/** The catalog areas the card draws from: its own texts and the errors it shows. */
export const CARD_AREAS = ['card', 'errors'] as const;

/** What remembering a page did. */
export interface RememberResult {
  kept: boolean;
  /** Why the page was not kept (settings, not an article, too few entities, already added…). */
  reason?: string;
  /** The same article (or a syndicated copy of it) had been remembered before: it was refreshed. */
  updated?: boolean;
  source?: SourceRecord;
  /** Remembered pages forgotten to stay within the storage budget. */
  evicted?: number;
}

export interface DeletedSource {
  source: SourceRecord;
  excerpts: ExcerptRecord[];
}

/** What an edit did: the corrected source, and the page as it was (restore it to undo). */
export interface EditedSource {
  source: SourceRecord;
  /** False when the edit changed nothing (nothing was written). */
  changed: boolean;
  before: DeletedSource;
}

export interface BackgroundResponses {
  stats: CorpusStats;
  'list-sources': SourceRecord[];
  'excerpts-for': ExcerptsForEntity;
  'page-excerpts': ExcerptView[];
  search: SearchResult;
  'entity-timeline': EntityTimeline;
  'add-page': AddPageResult;
  'add-tab': AddPageResult;
  'delete-source': DeletedSource;
  'edit-source': EditedSource;
  'restore-source': AddPageResult;
  /** The full-text index is in memory: its size, and how long loading it took (0: it was). */
  'prepare-search': { excerpts: number; tookMs: number };
  'open-side-panel': { opened: boolean };
  /** Number of excerpts tagged with each entity id. */
  'entity-counts': Record<string, number>;
  'open-options': { opened: boolean };
  'remember-page': RememberResult;
  'forget-remembered': { forgotten: SourceRecord[] };
  'load-part': { loaded: true };
  /** Only the reader's language: the other three stay out of the page. */
  'card-messages': { lang: Lang; messages: Catalog };
  /** Re-tagging started (its progress is in storage, lib/tracked-names.ts). */
  'tracked-names-changed': { retagging: boolean };
}

// ───────────────────────────── files, streamed over ports ─────────────────────────────

/**
 * Importing a file of any size: the reading room opens this port and sends the file's lines in
 * chunks (`ImportClientMessage`), waiting for each chunk to be accepted before sending the next;
 * the background checks and stages them, then commits everything at `end` in one transaction.
 * Closing the port (or `cancel`) before the reply leaves the corpus as it was.
 */
export const IMPORT_PORT = 'backstory-import';

export type ImportClientMessage = { lines: string[] } | { end: true } | { cancel: true };

export interface ImportProgressEvent {
  phase: 'checking' | 'writing' | 'indexing';
  done: number;
  total: number;
}

/** What the background posts on an import port: chunks accepted, progress, then exactly one reply. */
export type ImportPortMessage = { accepted: number } | { progress: ImportProgressEvent } | { reply: Reply<ImportResult> };

/** Characters of lines per import chunk (far below a message's 64 MiB limit). */
export const IMPORT_CHUNK_CHARS = 4 * 1024 * 1024;

/** Exporting: the page sends `{ scope }`; the background streams chunks, then one reply. */
export const EXPORT_PORT = 'backstory-export';

export type ExportPortMessage =
  | { chunk: string; lines: number; totalLines: number }
  | { reply: Reply<{ lines: number; fileName: string }> };

/** Check a message arriving on the import port. */
export function parseImportClientMessage(message: unknown): ImportClientMessage | ProtocolError {
  if (!isObject(message)) return { code: 'bad-request', message: 'An import message is an object.' };
  if (message.cancel === true) return { cancel: true };
  if (message.end === true) return { end: true };
  const lines = message.lines;
  if (!Array.isArray(lines) || !lines.every(isString)) return { code: 'bad-request', message: 'An import chunk is { lines: string[] }.' };
  const size = (lines as string[]).reduce((sum, line) => sum + line.length, 0);
  if (size > IMPORT_CHUNK_CHARS * 2) return { code: 'bad-request', message: 'An import chunk is too large; send the file in smaller pieces.' };
  return { lines: lines as string[] };
}

/** Broadcast by the background to extension pages when the corpus changed. */
export interface CorpusChangedEvent {
  event: 'corpus-changed';
  reason: 'added' | 'deleted' | 'restored' | 'edited' | 'imported' | 'installed' | 'remembered' | 'forgotten' | 'retagged';
}

export function isCorpusChangedEvent(message: unknown): message is CorpusChangedEvent {
  return isObject(message) && message.event === 'corpus-changed';
}

// ───────────────────────────── tab requests ─────────────────────────────

export interface PageEntity {
  id: string;
  name: string;
  kind: string;
  count: number;
  /** Aliases as seen on the page, most frequent first. */
  seen: string[];
}

/** How the content script's scan of the page went (shown in the popup, read by benchmarks). */
export interface ScanSummary {
  /** Mentions found (painted or not). */
  mentions: number;
  /** Mentions painted. */
  marks: number;
  /** Characters of text read. */
  chars: number;
  /** performance.now() in the page when the scan started (the content script's start, for the first scan) and ended. */
  startedAt: number;
  finishedAt: number;
  /** Time spent working (excluding the pauses between slices), in ms. */
  busyMs: number;
  /** The longest single slice of work, in ms. */
  longestSliceMs: number;
  slices: number;
  /** Of busyMs: time in the spotter (both passes), in ms. */
  spotMs: number;
  /** Time to compile the gazetteer before the first scan, in ms. */
  compileMs?: number;
  /** Of the first scan: time spent waiting for the page's load event before starting, in ms. */
  loadWaitMs?: number;
}

export interface PageReport {
  url: string;
  title: string;
  entities: PageEntity[];
  /** Backstory is paused everywhere. */
  paused: boolean;
  /** Backstory is turned off for this site. */
  siteDisabled: boolean;
  /** The page's publication date as found in its metadata, when any. */
  date?: string;
  /** The initial scan, once it finished. */
  scan?: ScanSummary;
}

export type TabRequest =
  | { type: 'page-entities' }
  | { type: 'reveal-entity'; entityId: string }
  | { type: 'extract-page' }
  | { type: 'show-card-for-selection' }
  /** The corpus changed (a page added, corrected, deleted…): cards read it afresh. */
  | { type: 'corpus-changed' };

export interface TabResponses {
  'page-entities': PageReport;
  'reveal-entity': { found: boolean };
  'extract-page': ExtractedPage;
  'show-card-for-selection': { shown: boolean };
  'corpus-changed': { forgotten: boolean };
}

// ───────────────────────────── replies and errors ─────────────────────────────

export type ErrorCode =
  | 'bad-request' // the message is malformed or comes from outside the extension
  | 'not-found' // no such entity, source or tab
  | 'not-article' // the page does not look like an article (add with force to override)
  | 'no-entities' // the page names no entity Backstory tracks (add with force to override)
  | 'no-content' // the page has no text to add
  | 'unreachable' // the content script cannot run on that tab
  | 'invalid-file' // an import file failed validation (nothing was written)
  | 'quota' // the browser refused to store more data (nothing was lost)
  | 'internal';

/**
 * What an error says to the reader, in any language: sentences, each a message of the catalogs
 * (`errors.*` mostly) with its parameters, shown one after the other. The UI translates them
 * (lib/i18n/errors.ts `errorMessage`); `message` is the same text in English, for logs and tests.
 */
export type ReaderText = readonly { key: MessageKey; params?: MessageParams }[];

export interface ProtocolError {
  code: ErrorCode;
  message: string;
  /** The message as sentences of the catalogs; without it the UI says a general sentence for the code. */
  text?: ReaderText;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

export class BackstoryError extends Error {
  readonly code: ErrorCode;
  readonly text: ReaderText | undefined;
  constructor(error: ProtocolError) {
    super(error.message);
    this.name = 'BackstoryError';
    this.code = error.code;
    this.text = error.text;
  }

  toProtocolError(): ProtocolError {
    return { code: this.code, message: this.message, ...(this.text ? { text: this.text } : {}) };
  }
}

/** Refusals of "Add this page" that are questions: the reader may add the page anyway (`force`). */
export const ADD_ANYWAY_CODES: readonly ErrorCode[] = ['not-article', 'no-entities'];

/** Whether an error of adding a page is a question the reader can answer with "Add anyway". */
export function canAddAnyway(error: unknown): boolean {
  return error instanceof BackstoryError && ADD_ANYWAY_CODES.includes(error.code);
}

// ───────────────────────────── validation ─────────────────────────────

type Check = (value: unknown) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString: Check = (value) => typeof value === 'string';
const isShortString = (max: number): Check => (value) => typeof value === 'string' && value.length <= max;
const isId: Check = (value) => typeof value === 'string' && value.length > 0 && value.length <= 200;
const isLimit: Check = (value) => value === undefined || (Number.isInteger(value) && (value as number) > 0 && (value as number) <= 500);
const isIdList: Check = (value) => Array.isArray(value) && value.length <= 1000 && value.every(isId);
const optional = (check: Check): Check => (value) => value === undefined || check(value);
const isIsoDay: Check = (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/u.test(value);

const isPageContext: Check = (value) =>
  isObject(value) && isIdList(value.entityIds) && optional(isShortString(4000))(value.url) &&
  optional(isShortString(2000))(value.title) && optional(isIsoDay)(value.date);

const isFilters: Check = (value) =>
  isObject(value) && optional(isIdList)(value.entityIds) && optional(isIdList)(value.sourceIds) &&
  optional(isIsoDay)(value.from) && optional(isIsoDay)(value.to);

const isBlock: Check = (value) =>
  isObject(value) && isString(value.text) && ['paragraph', 'heading', 'list-item'].includes(value.kind as string);

const isExtractedPage: Check = (value) =>
  isObject(value) && isShortString(4000)(value.url) && isShortString(2000)(value.title) &&
  Array.isArray(value.blocks) && value.blocks.length <= 20_000 && value.blocks.every(isBlock) &&
  isObject(value.article) && typeof value.article.isArticle === 'boolean';

const isRecord: Check = (value) => isObject(value) && isId(value.id);

/** An edit's shape (its values are checked by core/source-edit.ts, which says what is wrong in words). */
const isSourceEdit: Check = (value) =>
  isObject(value) && Object.keys(value).every((key) => key === 'date' || key === 'title' || key === 'site') &&
  optional(isShortString(40))(value.date) && optional(isShortString(10_000))(value.title) && optional(isShortString(10_000))(value.site);

/** Fields each background request must have, by type. */
const BACKGROUND_SHAPES: Record<BackgroundRequest['type'], Record<string, Check>> = {
  stats: {},
  'list-sources': {},
  'excerpts-for': { entityId: isId, page: optional(isPageContext), limit: isLimit },
  'page-excerpts': { page: isPageContext, limit: isLimit },
  search: { query: isShortString(500), filters: optional(isFilters), limit: isLimit },
  'entity-timeline': { entityId: isId, month: optional((value) => typeof value === 'string' && /^\d{4}-\d{2}$/u.test(value)), offset: optional((value) => Number.isInteger(value) && (value as number) >= 0), limit: isLimit },
  'add-page': { page: isExtractedPage, force: optional((value) => typeof value === 'boolean') },
  'add-tab': { tabId: (value) => Number.isInteger(value), force: optional((value) => typeof value === 'boolean') },
  'delete-source': { sourceId: isId },
  'edit-source': { sourceId: isId, edit: isSourceEdit },
  'restore-source': { source: isRecord, excerpts: (value) => Array.isArray(value) && value.every(isRecord) },
  'prepare-search': {},
  'open-side-panel': { entityId: optional(isId), tabId: optional((value) => Number.isInteger(value)), sourceId: optional(isId), query: optional((value) => typeof value === 'string' && value.length <= 200) },
  'entity-counts': {},
  'open-options': {},
  'remember-page': { page: isExtractedPage },
  'forget-remembered': { site: optional(isShortString(253)) },
  'load-part': { part: (value) => PAGE_PARTS.includes(value as PagePart) },
  'card-messages': {},
  'tracked-names-changed': {},
};

const TAB_SHAPES: Record<TabRequest['type'], Record<string, Check>> = {
  'page-entities': {},
  'reveal-entity': { entityId: isId },
  'extract-page': {},
  'show-card-for-selection': {},
  'corpus-changed': {},
};

function parseWith<T extends { type: string }>(
  message: unknown,
  shapes: Record<string, Record<string, Check>>,
): T | ProtocolError {
  if (!isObject(message) || typeof message.type !== 'string') {
    return { code: 'bad-request', message: 'A request is an object with a "type".' };
  }
  const shape = Object.hasOwn(shapes, message.type) ? shapes[message.type] : undefined;
  if (!shape) return { code: 'bad-request', message: `Unknown request type "${message.type.slice(0, 40)}".` };
  for (const [field, check] of Object.entries(shape)) {
    if (!check(message[field])) {
      return { code: 'bad-request', message: `Request "${message.type}" has a missing or malformed "${field}".` };
    }
  }
  return message as unknown as T;
}

/** Validate a message sent to the background; returns the typed request or an error to send back. */
export function parseBackgroundRequest(message: unknown): BackgroundRequest | ProtocolError {
  return parseWith<BackgroundRequest>(message, BACKGROUND_SHAPES);
}

/** Validate a message sent to a content script. */
export function parseTabRequest(message: unknown): TabRequest | ProtocolError {
  return parseWith<TabRequest>(message, TAB_SHAPES);
}

export function isProtocolError(value: unknown): value is ProtocolError {
  return isObject(value) && typeof value.code === 'string' && typeof value.message === 'string' && !('type' in value);
}

export function errorReply(code: ErrorCode, message: string, text?: ReaderText): Reply<never> {
  return { ok: false, error: { code, message, ...(text ? { text } : {}) } };
}

/** What the reader is told when the browser has no room left: one message, wherever it happens. */
export const QUOTA_MESSAGE =
  'The browser has no room left for Backstory’s corpus, so nothing was written. Free some disk space or ' +
  'delete pages you no longer need; everything already stored is intact.';

/** Whether an error (or a transaction's error) is the browser refusing to store more. */
export function isQuotaError(error: unknown): boolean {
  if (!(error instanceof Error) && !(typeof DOMException !== 'undefined' && error instanceof DOMException)) return false;
  const { name, message } = error as { name: string; message: string };
  return name === 'QuotaExceededError' || /quota/iu.test(message);
}

/** Anything thrown, as text for the reader. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Turn anything thrown into a typed error reply (BackstoryError keeps its code). */
export function toErrorReply(error: unknown): Reply<never> {
  if (error instanceof BackstoryError) return errorReply(error.code, error.message, error.text);
  if (isQuotaError(error)) return errorReply('quota', QUOTA_MESSAGE);
  return errorReply('internal', errorText(error));
}
