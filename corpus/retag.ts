/**
 * Re-tagging the stored corpus for the names the reader tracks, in the background: when a name is
 * tracked, edited or deleted, every excerpt that mentions it (or mentioned it) gets its tracked
 * tags recomputed (core/tracked-names.ts `retagExcerpt`: bundled tags are never touched), so that
 * its card shows the excerpts that already name it and a deleted name leaves nothing behind.
 *
 * The work is a series of small writes through the corpus writer (corpus/writes.ts), one batch of
 * excerpts each: shelves, counts, near-copy clusters and the search index's journal follow from the
 * writes as for any other, and other writes (a page added meanwhile) go between batches.
 *
 * What has been applied is recorded in `meta`, so that a stopped worker resumes where it was and an
 * unchanged list costs nothing:
 *   - `trackedTagsApplied`: the tagging keys (per id, the folded forms) and the bundled corpus's
 *     checksum the whole store is tagged for; `dirty` after an import that brought tracked tags;
 *   - `trackedTagsPass`: a pass under way: its target, which excerpts it covers (all of them, or
 *     those tagged with removed names) and the last excerpt written, saved in the same transaction
 *     as the batch.
 * Deleting names only reads the excerpts tagged with them (the `by-entity` index); a new or edited
 * name reads every excerpt once. A bundled corpus replaced by an update is re-tagged too.
 */
import type { ExcerptRecord, SourceRecord } from '../core/schema';
import type { Spotter } from '../core/spotter';
import { retagExcerpt } from '../core/tracked-names';
import type { CorpusDb } from './db';
import { quiet } from './errors';
import type { CorpusWriter, WriteOutcome } from './writes';

export const APPLIED_KEY = 'trackedTagsApplied';
export const PASS_KEY = 'trackedTagsPass';

/** Excerpts per write. */
export const RETAG_BATCH = 250;

/** What the store is (to be) tagged for. */
export interface TaggingState {
  /** The bundled corpus's checksum. */
  bundled: string;
  /** Per tracked id, its tagging key (core/tracked-names.ts `taggingKeys`). */
  keys: Record<string, string>;
  /** Tags of unknown origin may be present (an import): every excerpt must be read. */
  dirty?: true;
}

interface PassRecord {
  target: TaggingState;
  mode: 'all' | 'entities';
  /** For `entities`: the removed ids whose excerpts are read. */
  ids?: string[];
  /** The last excerpt id written. */
  after?: string;
}

export interface RetagProgressEvent {
  done: number;
  total: number;
  changed: number;
}

export interface RetagResult extends RetagProgressEvent {
  /** The pass stopped because the target changed (a newer list of names): run again. */
  superseded?: boolean;
}

export interface RetagOptions {
  /** The tracked names' spotter (undefined when none are tracked). */
  spotter: Spotter | undefined;
  target: TaggingState;
  onProgress?: (progress: RetagProgressEvent) => void;
  /** Asked between batches: true stops the pass (it resumes or restarts on the next run). */
  superseded?: () => boolean;
  batch?: number;
}

function sameKeys(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

function sameState(a: TaggingState, b: TaggingState): boolean {
  return a.bundled === b.bundled && !a.dirty === !b.dirty && sameKeys(a.keys, b.keys);
}

/** What must be read to go from what is applied (and a pass half done) to `target`; undefined: nothing. */
export function planPass(applied: TaggingState | undefined, pass: PassRecord | undefined, target: TaggingState): PassRecord | undefined {
  if (pass && sameState(pass.target, target)) return pass;
  const clean: TaggingState = { bundled: target.bundled, keys: target.keys };
  const known = { ...(applied?.keys ?? {}), ...(pass?.target.keys ?? {}) };
  const tracked = Object.keys(target.keys);
  if (applied?.dirty || pass?.target.dirty) return { target: clean, mode: 'all' };
  if (tracked.length > 0 && (applied?.bundled !== target.bundled || (pass && pass.target.bundled !== target.bundled))) return { target: clean, mode: 'all' };
  const changed = tracked.filter((id) => applied?.keys[id] !== target.keys[id] || (pass !== undefined && pass.target.keys[id] !== target.keys[id]));
  if (changed.length > 0) return { target: clean, mode: 'all' };
  const removed = Object.keys(known).filter((id) => !(id in target.keys));
  if (removed.length > 0) return { target: clean, mode: 'entities', ids: removed.sort() };
  return undefined;
}

async function readMeta<T>(db: CorpusDb, key: string): Promise<T | undefined> {
  return (await db.get('meta', key))?.value as T | undefined;
}

/** Forget what was applied: the next pass reads every excerpt (after an import that brought tracked tags). */
export function markDirty(writer: CorpusWriter, db: CorpusDb): Promise<void> {
  return writer.exclusive(async () => {
    const applied = await readMeta<TaggingState>(db, APPLIED_KEY);
    await db.put('meta', { key: APPLIED_KEY, value: { bundled: applied?.bundled ?? '', keys: applied?.keys ?? {}, dirty: true } });
  });
}

/**
 * Bring the store's tracked tags to `target`, in batches. Resolves when done (or superseded);
 * errors (a full disk) leave the batches written so far and the pass record, to resume.
 */
export async function retagTracked(db: CorpusDb, writer: CorpusWriter, options: RetagOptions): Promise<RetagResult> {
  const size = options.batch ?? RETAG_BATCH;
  const [applied, stored] = await Promise.all([readMeta<TaggingState>(db, APPLIED_KEY), readMeta<PassRecord>(db, PASS_KEY)]);
  const pass = planPass(applied, stored, options.target);
  if (!pass) {
    if (!applied || !sameState(applied, options.target)) await finish(writer, db, options.target);
    return { done: 0, total: 0, changed: 0 };
  }
  if (pass !== stored) await writer.exclusive(() => db.put('meta', { key: PASS_KEY, value: pass }));

  // The excerpts the pass covers, as an ordered list of ids (by-entity) or a key range (all).
  let ids: string[] | undefined;
  let total: number;
  if (pass.mode === 'entities') {
    const lists = await Promise.all((pass.ids ?? []).map((id) => db.getAllKeysFromIndex('excerpts', 'by-entity', id)));
    ids = [...new Set(lists.flat())].sort();
    total = ids.length;
  } else {
    total = await db.count('excerpts');
  }
  let done = 0;
  let changed = 0;
  let after = pass.after;
  if (after !== undefined) done = ids ? ids.filter((id) => id <= (after as string)).length : await db.count('excerpts', IDBKeyRange.upperBound(after));
  options.onProgress?.({ done, total, changed });

  for (;;) {
    if (options.superseded?.()) return { done, total, changed, superseded: true };
    const wanted = ids ? ids.filter((id) => after === undefined || id > after).slice(0, size) : undefined;
    if (wanted && wanted.length === 0) break;
    const batch = await writer.write('retag', async (tx): Promise<WriteOutcome<{ read: number; changed: number; last?: string }>> => {
      const store = tx.objectStore('excerpts');
      const records: ExcerptRecord[] = wanted
        ? (await Promise.all(wanted.map((id) => quiet(store.get(id))))).filter((record): record is ExcerptRecord => record !== undefined)
        : await quiet(store.getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), size));
      const last = wanted ? wanted[wanted.length - 1] : records[records.length - 1]?.id;
      const removed: ExcerptRecord[] = [];
      const added: ExcerptRecord[] = [];
      for (const record of records) {
        const next = retagExcerpt(record, options.spotter);
        if (!next) continue;
        removed.push(record);
        added.push(next);
      }
      const result = { read: wanted ? wanted.length : records.length, changed: added.length, ...(last !== undefined ? { last } : {}) };
      if (added.length === 0) return { result, removed: [], added: [], sourcesPut: [], sourcesDeleted: [], noop: true };
      // The sources of the excerpts rewritten: their shelves rows keep the source's URL key.
      const sourceIds = [...new Set(added.map((record) => record.sourceId))];
      const sources = (await Promise.all(sourceIds.map((id) => quiet(tx.objectStore('sources').get(id)))))
        .filter((source): source is SourceRecord => source !== undefined);
      const progress: PassRecord = { ...pass, ...(last !== undefined ? { after: last } : {}) };
      return {
        result,
        write: () => [...added.map((record) => quiet(store.put(record))), quiet(tx.objectStore('meta').put({ key: PASS_KEY, value: progress }))],
        removed,
        added,
        sourcesPut: sources,
        sourcesDeleted: [],
      };
    });
    done += batch.read;
    changed += batch.changed;
    after = batch.last ?? after;
    options.onProgress?.({ done: Math.min(done, total), total, changed });
    if (batch.last === undefined || (!wanted && batch.read < size)) break;
  }
  if (options.superseded?.()) return { done, total, changed, superseded: true };
  await finish(writer, db, pass.target);
  return { done: Math.min(done, total), total, changed };
}

/** Record that the store is tagged for `target`, and that no pass is under way (one transaction). */
async function finish(writer: CorpusWriter, db: CorpusDb, target: TaggingState): Promise<void> {
  await writer.exclusive(async () => {
    const tx = db.transaction('meta', 'readwrite');
    await Promise.all([tx.store.put({ key: APPLIED_KEY, value: target }), tx.store.delete(PASS_KEY), tx.done]);
  });
}
