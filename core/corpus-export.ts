/**
 * The export file: JSON Lines, one record per line, so that a large corpus can be read and checked
 * line by line and a broken line can be named.
 *
 *     {"format":"backstory-corpus","version":1,"exportedAt":"…","scope":"reader","sources":2,"excerpts":17}
 *     {"source":{"id":"page-…","origin":"reader","title":"…",…}}
 *     {"excerpt":{"id":"page-…#0","sourceId":"page-…","position":0,"text":"…",…}}
 *     …
 *
 * The first line is a header carrying the format version and the counts (a truncated file is
 * caught by them). Each source is followed by its excerpts.
 *
 * Version 2 adds the names the reader tracks, one line each after the header
 * (`{"trackedName":{"id":"tracked-…","name":"…","forms":[…],…}}`, core/tracked-names.ts) and their
 * count in the header (`"trackedNames": 3`). A file without tracked names is still written as
 * version 1, so that an older Backstory reads it; both versions are read. Tracked names are checked
 * like the rest: their shape, then, once the whole file is in, the rules the reading room applies
 * (no form shorter than three letters, none Backstory already marks, none shared by two names).
 *
 * Import never trusts the file: every line is parsed and checked against the record shapes in
 * core/schema.ts (types, enumerations, string and array sizes, offsets inside the text, URL
 * schemes), keys that could pollute prototypes and unknown keys are refused, and the records kept
 * are fresh objects built from the checked fields only. Text may contain HTML; it is stored and
 * shown as text. The first problem found is reported with its line number; nothing is written
 * unless the whole file passes.
 */
import type { Gazetteer } from './gazetteer';
import type { ExportScope } from './protocol';
import type { DateSource, DatePrecision, ExcerptMention, ExcerptRecord, SourceOrigin, SourceRecord } from './schema';
import { TRACKED_LIMITS, type TrackedName, parseTrackedName } from './tracked-names';
import { checkTrackedList } from './tracked-review';

export const EXPORT_FORMAT = 'backstory-corpus';
/** The format of a file of sources and excerpts (readable by every Backstory). */
export const EXPORT_VERSION = 1;
/** The format of a file that also holds tracked names: the newest this Backstory reads and writes. */
export const TRACKED_EXPORT_VERSION = 2;

export const LIMITS = {
  /** Characters in one line. */
  line: 1_000_000,
  id: 200,
  title: 2_000,
  shortText: 2_000,
  url: 4_000,
  text: 50_000,
  entityIds: 1_000,
  mentions: 10_000,
  excerptsPerSource: 50_000,
} as const;

export interface ExportHeader {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  scope: ExportScope;
  sources: number;
  excerpts: number;
  /** Version 2: how many tracked names the file holds. */
  trackedNames?: number;
}

export interface ExportedSource {
  source: SourceRecord;
  excerpts: ExcerptRecord[];
}

/** Field order of the records as written (stable files, readable diffs). */
const SOURCE_FIELDS = [
  'id', 'origin', 'title', 'site', 'author', 'url', 'lang', 'date', 'dateSource', 'dateConfidence',
  'datePrecision', 'dateEvidence', 'addedAt', 'remembered', 'readAt', 'kind', 'excerptCount',
] as const;
const EXCERPT_FIELDS = ['id', 'sourceId', 'position', 'text', 'date', 'entityIds', 'mentions', 'url', 'cite', 'entryId', 'contested'] as const;

function pick(record: object, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = (record as Record<string, unknown>)[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}

export function exportHeader(scope: ExportScope, counts: { sources: number; excerpts: number; trackedNames?: number }, exportedAt: Date): ExportHeader {
  const tracked = counts.trackedNames ?? 0;
  return {
    format: EXPORT_FORMAT,
    version: tracked > 0 ? TRACKED_EXPORT_VERSION : EXPORT_VERSION,
    exportedAt: exportedAt.toISOString(),
    scope,
    sources: counts.sources,
    excerpts: counts.excerpts,
    ...(tracked > 0 ? { trackedNames: tracked } : {}),
  };
}

const TRACKED_FIELDS = ['id', 'name', 'kind', 'langs', 'spellings', 'gender', 'forms', 'removed', 'added', 'note', 'created', 'updated'] as const;

/** The lines of the tracked names (without line breaks). */
export function* trackedNameLines(names: readonly TrackedName[]): Generator<string> {
  for (const name of names) yield JSON.stringify({ trackedName: pick(name, TRACKED_FIELDS) });
}

/** The lines of one source: the source, then its excerpts in position order (without line breaks). */
export function* sourceLines({ source, excerpts }: ExportedSource): Generator<string> {
  yield JSON.stringify({ source: pick(source, SOURCE_FIELDS) });
  for (const excerpt of [...excerpts].sort((a, b) => a.position - b.position)) {
    yield JSON.stringify({ excerpt: pick(excerpt, EXCERPT_FIELDS) });
  }
}

/** The lines of an export file (without line breaks). */
export function* exportLines(scope: ExportScope, sources: readonly ExportedSource[], exportedAt: Date, trackedNames: readonly TrackedName[] = []): Generator<string> {
  const excerpts = sources.reduce((sum, entry) => sum + entry.excerpts.length, 0);
  yield JSON.stringify(exportHeader(scope, { sources: sources.length, excerpts, trackedNames: trackedNames.length }, exportedAt));
  yield* trackedNameLines(trackedNames);
  for (const entry of sources) yield* sourceLines(entry);
}

export function exportFileName(scope: ExportScope, exportedAt: Date): string {
  return `backstory-${scope === 'reader' ? 'my-pages' : 'corpus'}-${exportedAt.toISOString().slice(0, 10)}.jsonl`;
}

// ───────────────────────────── validation ─────────────────────────────

const ORIGINS: readonly SourceOrigin[] = ['bundled', 'reader'];
const DATE_SOURCES: readonly DateSource[] = [
  'date-line', 'json-ld', 'meta', 'time-element', 'url', 'dateline', 'month-day+context-year', 'latest-event', 'added', 'reader',
];
const PRECISIONS: readonly DatePrecision[] = ['instant', 'day', 'month'];
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const ISO_DATE = /^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/u;
// Control characters other than tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;

/**
 * The problems a reader meets with a whole file (not a damaged record): each has its own sentence
 * in the catalogs (errors.import.<kind>); any other problem is said with its line and its English detail.
 */
export type ImportProblemKind = 'not-export' | 'newer' | 'empty' | 'not-json' | 'truncated';

class Invalid extends Error {
  constructor(message: string, readonly kind?: ImportProblemKind, readonly params?: Record<string, number>) {
    super(message);
  }
}

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) &&
    (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);
}

/** Refuse keys that could reach a prototype, at any depth. */
function checkKeys(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkKeys(item, `${path}[${index}]`));
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) throw new Invalid(`the key "${key}" is not allowed (in ${path || 'the line'})`);
      checkKeys((value as Json)[key], path ? `${path}.${key}` : key);
    }
  }
}

function onlyKnownKeys(value: Json, allowed: readonly string[], what: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new Invalid(`${what} has an unknown field "${key.slice(0, 40)}"`);
  }
}

function string(value: Json, field: string, max: number, what: string, optional = false): string | undefined {
  const raw = value[field];
  if (raw === undefined && optional) return undefined;
  if (typeof raw !== 'string') throw new Invalid(`${what}: "${field}" must be a string`);
  if (raw.length > max) throw new Invalid(`${what}: "${field}" is too long (${raw.length} characters, at most ${max})`);
  if (field !== 'text' && CONTROL.test(raw)) throw new Invalid(`${what}: "${field}" contains control characters`);
  return raw;
}

function id(value: Json, field: string, what: string): string {
  const raw = string(value, field, LIMITS.id, what) as string;
  if (!raw.trim()) throw new Invalid(`${what}: "${field}" must not be empty`);
  if (FORBIDDEN_KEYS.has(raw)) throw new Invalid(`${what}: "${field}" may not be "${raw}"`);
  return raw;
}

function isoDate(value: Json, field: string, what: string, optional = false): string | undefined {
  const raw = string(value, field, 40, what, optional);
  if (raw === undefined) return undefined;
  if (!ISO_DATE.test(raw) || Number.isNaN(Date.parse(raw.length === 7 ? `${raw}-01` : raw))) {
    throw new Invalid(`${what}: "${field}" is not an ISO date ("${raw.slice(0, 40)}")`);
  }
  return raw;
}

function oneOf<T extends string>(value: Json, field: string, allowed: readonly T[], what: string): T {
  const raw = value[field];
  if (typeof raw !== 'string' || !allowed.includes(raw as T)) {
    throw new Invalid(`${what}: "${field}" must be one of ${allowed.join(', ')}`);
  }
  return raw as T;
}

function httpUrl(value: Json, field: string, what: string): string | undefined {
  const raw = string(value, field, LIMITS.url, what, true);
  if (raw === undefined) return undefined;
  if (!/^https?:\/\/[^\s]+$/iu.test(raw)) throw new Invalid(`${what}: "${field}" must be an http(s) address`);
  return raw;
}

function integer(value: Json, field: string, min: number, max: number, what: string): number {
  const raw = value[field];
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) {
    throw new Invalid(`${what}: "${field}" must be a whole number from ${min} to ${max}`);
  }
  return raw;
}

/** A checked copy of a source record, or an error message. */
export function validateSource(raw: unknown): SourceRecord | string {
  try {
    return checkSource(raw);
  } catch (error) {
    if (error instanceof Invalid) return error.message;
    throw error;
  }
}

function checkSource(raw: unknown): SourceRecord {
  if (!isPlainObject(raw)) throw new Invalid('a source must be an object');
  checkKeys(raw, 'source');
  onlyKnownKeys(raw, SOURCE_FIELDS, 'the source');
  const what = `source "${typeof raw.id === 'string' ? raw.id.slice(0, 60) : '?'}"`;
  const confidence = raw.dateConfidence;
  if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1)) {
    throw new Invalid(`${what}: "dateConfidence" must be a number from 0 to 1`);
  }
  const source: SourceRecord = {
    id: id(raw, 'id', what),
    origin: oneOf(raw, 'origin', ORIGINS, what),
    title: string(raw, 'title', LIMITS.title, what) as string,
    date: isoDate(raw, 'date', what) as string,
    dateSource: oneOf(raw, 'dateSource', DATE_SOURCES, what),
    dateConfidence: confidence,
    datePrecision: oneOf(raw, 'datePrecision', PRECISIONS, what),
    dateEvidence: string(raw, 'dateEvidence', LIMITS.shortText, what) as string,
    excerptCount: integer(raw, 'excerptCount', 0, LIMITS.excerptsPerSource, what),
  };
  const site = string(raw, 'site', LIMITS.shortText, what, true);
  const author = string(raw, 'author', LIMITS.shortText, what, true);
  const url = httpUrl(raw, 'url', what);
  const lang = string(raw, 'lang', 35, what, true);
  const addedAt = isoDate(raw, 'addedAt', what, true);
  const readAt = isoDate(raw, 'readAt', what, true);
  if (raw.remembered !== undefined && raw.remembered !== true) throw new Invalid(`${what}: "remembered" can only be true`);
  if (raw.remembered === true && source.origin !== 'reader') throw new Invalid(`${what}: only a reader page can be "remembered"`);
  if (source.dateSource === 'reader' && source.origin !== 'reader') throw new Invalid(`${what}: only a reader page can have a date set by the reader ("dateSource": "reader")`);
  if (site !== undefined) source.site = site;
  if (author !== undefined) source.author = author;
  if (url !== undefined) source.url = url;
  if (lang !== undefined) source.lang = lang;
  if (addedAt !== undefined) source.addedAt = addedAt;
  if (raw.remembered === true) source.remembered = true;
  if (raw.kind !== undefined) {
    if (raw.kind !== 'chronicle' || source.origin !== 'bundled') throw new Invalid(`${what}: "kind" can only be "chronicle", on a bundled source`);
    source.kind = 'chronicle';
  }
  if (readAt !== undefined) source.readAt = readAt;
  return source;
}

/** A checked copy of an excerpt record (entity ids sorted and unique), or an error message. */
export function validateExcerpt(raw: unknown): ExcerptRecord | string {
  try {
    return checkExcerpt(raw);
  } catch (error) {
    if (error instanceof Invalid) return error.message;
    throw error;
  }
}

function checkExcerpt(raw: unknown): ExcerptRecord {
  if (!isPlainObject(raw)) throw new Invalid('an excerpt must be an object');
  checkKeys(raw, 'excerpt');
  onlyKnownKeys(raw, EXCERPT_FIELDS, 'the excerpt');
  const what = `excerpt "${typeof raw.id === 'string' ? raw.id.slice(0, 60) : '?'}"`;
  const text = string(raw, 'text', LIMITS.text, what) as string;
  const entityList = raw.entityIds;
  if (!Array.isArray(entityList) || entityList.length > LIMITS.entityIds) {
    throw new Invalid(`${what}: "entityIds" must be a list of at most ${LIMITS.entityIds} ids`);
  }
  const entityIds = [...new Set(entityList.map((entity, index) => {
    if (typeof entity !== 'string' || !entity || entity.length > LIMITS.id || FORBIDDEN_KEYS.has(entity) || /\s/u.test(entity)) {
      throw new Invalid(`${what}: entityIds[${index}] must be an id (a short string without spaces)`);
    }
    return entity;
  }))].sort();
  const mentionList = raw.mentions;
  if (!Array.isArray(mentionList) || mentionList.length > LIMITS.mentions) {
    throw new Invalid(`${what}: "mentions" must be a list of at most ${LIMITS.mentions} mentions`);
  }
  const known = new Set(entityIds);
  const mentions: ExcerptMention[] = mentionList.map((mention, index) => {
    if (!Array.isArray(mention) || mention.length !== 3) {
      throw new Invalid(`${what}: mentions[${index}] must be [start, end, entityId]`);
    }
    const [start, end, entity] = mention as unknown[];
    if (!Number.isInteger(start) || !Number.isInteger(end) || (start as number) < 0 ||
        (end as number) <= (start as number) || (end as number) > text.length) {
      throw new Invalid(`${what}: mentions[${index}] has offsets outside the text`);
    }
    if (typeof entity !== 'string' || !known.has(entity)) {
      throw new Invalid(`${what}: mentions[${index}] names an entity that is not in entityIds`);
    }
    return [start as number, end as number, entity];
  });
  const excerpt: ExcerptRecord = {
    id: id(raw, 'id', what),
    sourceId: id(raw, 'sourceId', what),
    position: integer(raw, 'position', 0, LIMITS.excerptsPerSource, what),
    text,
    date: isoDate(raw, 'date', what) as string,
    entityIds,
    mentions,
  };
  const url = httpUrl(raw, 'url', what);
  if (url !== undefined) excerpt.url = url;
  const cite = string(raw, 'cite', LIMITS.shortText, what, true);
  const entryId = string(raw, 'entryId', LIMITS.id, what, true);
  const contested = string(raw, 'contested', LIMITS.shortText, what, true);
  if (cite !== undefined) excerpt.cite = cite;
  if (entryId !== undefined) excerpt.entryId = entryId;
  if (contested !== undefined) excerpt.contested = contested;
  return excerpt;
}

export interface ParsedCorpus {
  header: ExportHeader;
  /** Sources in file order, each with its excerpts in position order. */
  sources: ExportedSource[];
  excerptCount: number;
  trackedNames: TrackedName[];
}

export type ParseOutcome = { ok: true; corpus: ParsedCorpus } | { ok: false; line: number; message: string };

export interface ParseProgress {
  line: number;
  lines: number;
}

function checkHeader(raw: unknown): ExportHeader {
  if (!isPlainObject(raw) || raw.format !== EXPORT_FORMAT) {
    throw new Invalid('this is not a Backstory export (the first line must be its header)', 'not-export');
  }
  checkKeys(raw, 'header');
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new Invalid('the header has no valid format version');
  }
  if (version > TRACKED_EXPORT_VERSION) {
    throw new Invalid(`the file was made by a newer Backstory (format version ${version}); this one reads versions up to ${TRACKED_EXPORT_VERSION}`, 'newer',
      { version, max: TRACKED_EXPORT_VERSION });
  }
  onlyKnownKeys(raw, ['format', 'version', 'exportedAt', 'scope', 'sources', 'excerpts', ...(version >= 2 ? ['trackedNames'] : [])], 'the header');
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version,
    exportedAt: isoDate(raw, 'exportedAt', 'the header') as string,
    scope: oneOf(raw, 'scope', ['reader', 'all'] as const, 'the header'),
    sources: integer(raw, 'sources', 0, Number.MAX_SAFE_INTEGER, 'the header'),
    excerpts: integer(raw, 'excerpts', 0, Number.MAX_SAFE_INTEGER, 'the header'),
  };
  if (raw.trackedNames !== undefined) header.trackedNames = integer(raw, 'trackedNames', 0, 100_000, 'the header');
  return header;
}

/** One checked line: a source, an excerpt or a tracked name (the header and blank lines give nothing). */
export type CheckedLine = { source: SourceRecord } | { excerpt: ExcerptRecord } | { trackedName: TrackedName } | undefined;

/** What tracked names in a file are checked against (the reader's own, which the file's add to). */
export interface TrackedNameRules {
  gazetteer: Pick<Gazetteer, 'entities' | 'paradigms'>;
  /** The names already tracked: a file's name with the same id replaces one. */
  tracked: readonly TrackedName[];
}

export type CheckFailure = { ok: false; line: number; message: string };

/**
 * Checks an export file line by line as it arrives, so that a file of any size can be streamed:
 * each line is parsed and checked on its own (`line`), and what needs the whole file (every
 * excerpt's source is in it, positions are unique within a source, the header's counts match) is
 * checked at the end (`finish`). It keeps only ids, positions and line numbers, never the records.
 * The first problem is reported with its line number, as `Line N: …`.
 */
export class CorpusFileChecker {
  header: ExportHeader | undefined;
  private readonly sourceIds = new Set<string>();
  private readonly excerptIds = new Set<string>();
  /** Per source: excerpt positions seen, and their count. */
  private readonly positions = new Map<string, Set<number>>();
  /** Excerpts whose source had not appeared yet when they did. */
  private readonly early: { id: string; sourceId: string; position: number; line: number }[] = [];
  private excerptCount = 0;
  private lastLine = 0;
  /** The file's tracked names and the lines they are on. */
  readonly trackedNames: TrackedName[] = [];
  private readonly trackedLines: number[] = [];
  /** Some excerpt is tagged with a tracked id (tags a re-tagging must check). */
  hasTrackedTags = false;

  constructor(private readonly trackedRules?: TrackedNameRules) {}

  /** Check one line (1-based number, no line break). Throws `InvalidLine`. */
  line(rawLine: string, lineNumber: number): CheckedLine {
    this.lastLine = lineNumber;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const text = lineNumber === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
    if (!text.trim()) return undefined;
    if (text.length > LIMITS.line) throw new InvalidLine(lineNumber, `the line is too long (${text.length} characters)`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new InvalidLine(lineNumber, 'not valid JSON', 'not-json');
    }
    try {
      if (!this.header) {
        this.header = checkHeader(value);
        return undefined;
      }
      if (!isPlainObject(value)) throw new Invalid('each line must be an object: {"source": …} or {"excerpt": …}');
      checkKeys(value, '');
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === 'trackedName' && this.header.version >= 2) {
        const tracked = parseTrackedName(value.trackedName);
        if (typeof tracked === 'string') throw new Invalid(tracked);
        if (this.trackedNames.some((other) => other.id === tracked.id)) throw new Invalid(`tracked name "${tracked.id}" appears twice`);
        this.trackedNames.push(tracked);
        this.trackedLines.push(lineNumber);
        return { trackedName: tracked };
      }
      if (keys.length !== 1 || (keys[0] !== 'source' && keys[0] !== 'excerpt')) {
        throw new Invalid(this.header.version >= 2
          ? 'each line must be {"source": …}, {"excerpt": …} or {"trackedName": …}'
          : 'each line must be {"source": …} or {"excerpt": …}');
      }
      if (keys[0] === 'source') {
        const source = checkSource(value.source);
        if (this.sourceIds.has(source.id)) throw new Invalid(`source "${source.id}" appears twice`);
        this.sourceIds.add(source.id);
        if (!this.positions.has(source.id)) this.positions.set(source.id, new Set());
        return { source };
      }
      const excerpt = checkExcerpt(value.excerpt);
      if (this.excerptIds.has(excerpt.id)) throw new Invalid(`excerpt "${excerpt.id}" appears twice`);
      if (!this.hasTrackedTags && excerpt.entityIds.some((id) => id.startsWith('tracked-'))) this.hasTrackedTags = true;
      this.excerptIds.add(excerpt.id);
      this.excerptCount++;
      if (this.sourceIds.has(excerpt.sourceId)) this.place(excerpt.id, excerpt.sourceId, excerpt.position);
      else this.early.push({ id: excerpt.id, sourceId: excerpt.sourceId, position: excerpt.position, line: lineNumber });
      return { excerpt };
    } catch (error) {
      if (error instanceof Invalid) throw new InvalidLine(lineNumber, error.message, error.kind, error.params);
      throw error;
    }
  }

  private place(id: string, sourceId: string, position: number): void {
    let seen = this.positions.get(sourceId);
    if (!seen) this.positions.set(sourceId, (seen = new Set()));
    if (seen.has(position)) throw new Invalid(`excerpt "${id}" has the same position as another excerpt of its source`);
    seen.add(position);
  }

  /** The checks that need the whole file. Throws `InvalidLine`. */
  finish(): void {
    if (!this.header) throw new InvalidLine(1, 'the file is empty', 'empty');
    for (const { id, sourceId, position, line } of this.early) {
      if (!this.sourceIds.has(sourceId)) {
        throw new InvalidLine(line, `excerpt "${id}" belongs to source "${sourceId}", which is not in the file`);
      }
      try {
        this.place(id, sourceId, position);
      } catch (error) {
        throw new InvalidLine(line, (error as Error).message);
      }
    }
    if (this.header.sources !== this.sourceIds.size || this.header.excerpts !== this.excerptCount) {
      throw new InvalidLine(
        this.lastLine,
        `the file looks truncated or edited: its header announces ${this.header.sources} sources and ${this.header.excerpts} excerpts, ` +
        `it holds ${this.sourceIds.size} and ${this.excerptCount}`,
        'truncated',
      );
    }
    if ((this.header.trackedNames ?? 0) !== this.trackedNames.length) {
      throw new InvalidLine(
        this.lastLine,
        `the file looks truncated or edited: its header announces ${this.header.trackedNames ?? 0} tracked names, it holds ${this.trackedNames.length}`,
        'truncated',
      );
    }
    if (this.trackedRules && this.trackedNames.length > 0) {
      // The file's names with the reader's (those the file does not replace), under the form's rules.
      const incoming = new Set(this.trackedNames.map((name) => name.id));
      const kept = this.trackedRules.tracked.filter((name) => !incoming.has(name.id));
      if (kept.length + this.trackedNames.length > TRACKED_LIMITS.names) {
        throw new InvalidLine(this.trackedLines[0] as number, `with the names you track, this file would make ${kept.length + this.trackedNames.length}; Backstory keeps at most ${TRACKED_LIMITS.names}`);
      }
      // The reader's first: a clash is reported on the file's line, naming the file's name.
      const problem = checkTrackedList([...kept, ...this.trackedNames], this.trackedRules.gazetteer);
      if (problem) {
        const line = problem.index >= kept.length ? this.trackedLines[problem.index - kept.length] as number : this.lastLine;
        throw new InvalidLine(line, problem.message);
      }
    }
  }

  /** Excerpts of a source in the file (after `finish`). */
  excerptCountOf(sourceId: string): number {
    return this.positions.get(sourceId)?.size ?? 0;
  }

  get counts(): { sources: number; excerpts: number } {
    return { sources: this.sourceIds.size, excerpts: this.excerptCount };
  }
}

/** A problem found at a line of an import file. */
export class InvalidLine extends Error {
  constructor(
    readonly lineNumber: number,
    readonly reason: string,
    readonly kind?: ImportProblemKind,
    readonly params?: Record<string, number>,
  ) {
    super(`Line ${lineNumber}: ${reason}.`);
    this.name = 'InvalidLine';
  }
}

/**
 * Parse and check a whole export file held in memory (small files, tests). Returns the records,
 * or the first problem with its line number (1-based). `onProgress` is called every few thousand
 * lines.
 */
export function parseCorpusJsonl(text: string, onProgress?: (progress: ParseProgress) => void, trackedRules?: TrackedNameRules): ParseOutcome {
  const lines = text.split('\n');
  const checker = new CorpusFileChecker(trackedRules);
  const sources = new Map<string, ExportedSource>();
  const excerpts: ExcerptRecord[] = [];
  try {
    lines.forEach((line, index) => {
      if (onProgress && (index + 1) % 2000 === 0) onProgress({ line: index + 1, lines: lines.length });
      const checked = checker.line(line, index + 1);
      if (checked && 'source' in checked) sources.set(checked.source.id, { source: checked.source, excerpts: [] });
      else if (checked && 'excerpt' in checked) excerpts.push(checked.excerpt);
    });
    checker.finish();
  } catch (error) {
    if (error instanceof InvalidLine) return { ok: false, line: error.lineNumber, message: error.message };
    throw error;
  }
  for (const excerpt of excerpts) sources.get(excerpt.sourceId)?.excerpts.push(excerpt);
  const entries = [...sources.values()].map((entry) => {
    entry.excerpts.sort((a, b) => a.position - b.position);
    entry.source.excerptCount = entry.excerpts.length;
    return entry;
  });
  onProgress?.({ line: lines.length, lines: lines.length });
  return { ok: true, corpus: { header: checker.header as ExportHeader, sources: entries, excerptCount: excerpts.length, trackedNames: checker.trackedNames } };
}

/** Keys in a fixed order, for comparing records regardless of how they were written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as Json)
      .filter((key) => (value as Json)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Json)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
