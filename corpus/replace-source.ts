/**
 * The records of one write that replaces a source and all its excerpts (adding a page, remembering
 * one, restoring one): the excerpts it no longer has are deleted, the rest put. When the page was
 * stored before, it keeps when it was first stored (`addedAt`), a date the reader set on it, and,
 * if no date was found on it either time, the day it was first stored; when it was last read stays
 * unless the new record says.
 */
import type { ExcerptRecord, SourceRecord } from '../core/schema';
import { quiet } from './errors';
import type { WriteTransaction } from './writes';

export interface SourceReplacement {
  record: SourceRecord;
  records: ExcerptRecord[];
  /** The source and the excerpts stored before (all removed or replaced). */
  existing: SourceRecord | undefined;
  old: ExcerptRecord[];
  /** Issue the puts and deletes. */
  write: () => Promise<unknown>[];
}

export async function sourceReplacement(
  tx: WriteTransaction,
  source: SourceRecord,
  excerpts: ExcerptRecord[],
  /** The stored source, when the caller has it; else it is read here (with the excerpts, at once). */
  known: SourceRecord | undefined | 'read',
  keepFirstStored: boolean,
): Promise<SourceReplacement> {
  const sources = tx.objectStore('sources');
  const store = tx.objectStore('excerpts');
  const [existing, old] = await Promise.all([
    known === 'read' ? quiet(sources.get(source.id)) : known,
    quiet(store.index('by-source').getAll(source.id)),
  ]);
  let record = source;
  let records = excerpts;
  if (existing && keepFirstStored && existing.addedAt) {
    record = { ...source, addedAt: existing.addedAt, ...(source.readAt === undefined && existing.readAt ? { readAt: existing.readAt } : {}) };
    if (existing.dateSource === 'reader' || (source.dateSource === 'added' && existing.dateSource === 'added')) {
      // A date the reader set stays: they corrected what the page says.
      const { date, dateSource, dateConfidence, datePrecision, dateEvidence } = existing;
      Object.assign(record, { date, dateSource, dateConfidence, datePrecision, dateEvidence });
      records = excerpts.map((excerpt) => ({ ...excerpt, date }));
    }
  }
  const keep = new Set(records.map((excerpt) => excerpt.id));
  return {
    record,
    records,
    existing,
    old,
    write: () => [
      quiet(sources.put(record)),
      ...old.filter((excerpt) => !keep.has(excerpt.id)).map((excerpt) => quiet(store.delete(excerpt.id))),
      ...records.map((excerpt) => quiet(store.put(excerpt))),
    ],
  };
}
