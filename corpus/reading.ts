/**
 * The reader's reading, kept (opt-in) as the corpus grows by itself: rules for remembering a page
 * the reader read, and forgetting remembered pages — by hand, by site, or when the storage budget
 * is full. Each is one write of corpus/writes.ts, so it is all or nothing like every other write.
 *
 * What is remembered: an article (the same extraction and date finding as "Add this page") that
 * names at least two distinct entities. The same article read again updates its record ("read
 * on" moves), and so does a syndicated copy read on another site: when most of the new page's
 * excerpts are near-copies of one remembered page, that page is the one read again. A page the
 * reader added on purpose (or a bundled one) is never touched by remembering.
 */
import type { ExtractedPage, RememberResult } from '../core/protocol';
import type { ExcerptRecord, SourceRecord } from '../core/schema';
import { pageRecords } from '../core/page-records';
import { siteOf } from '../core/safe-url';
import type { Spotter } from '../core/spotter';
import { quiet } from './errors';
import { sourcesCopied } from './near-copies';
import { sourceReplacement } from './replace-source';
import type { CorpusWriter, WriteOutcome, WriteTransaction } from './writes';

/** A remembered page names at least this many distinct entities. */
export const MIN_REMEMBERED_ENTITIES = 2;
/** A page whose excerpts are at least this share near-copies of one remembered page is that page, read again. */
const SAME_ARTICLE_SHARE = 0.6;

const skipped = (reason: string): RememberResult => ({ kept: false, reason });

/** Remember a page the reader read (the background checked the settings and the dwell). */
export async function rememberPage(writer: CorpusWriter, spotter: Spotter, page: ExtractedPage, now: Date): Promise<RememberResult> {
  if (!page.article.isArticle) return skipped('not an article');
  const records = pageRecords(page, spotter, now);
  if (records.excerpts.length === 0) return skipped('no passage long enough to keep');
  const entities = new Set(records.excerpts.flatMap((excerpt) => excerpt.entityIds));
  if (entities.size < MIN_REMEMBERED_ENTITIES) return skipped('it names fewer than two of the people, places and organisations Backstory knows');
  const readAt = now.toISOString();
  const fresh: SourceRecord = { ...records.source, remembered: true, readAt };

  return writer.write('remember', async (tx): Promise<WriteOutcome<RememberResult>> => {
    const sources = tx.objectStore('sources');
    const existing = await quiet(sources.get(fresh.id));
    if (existing && !existing.remembered) return nothing(skipped(existing.origin === 'bundled' ? 'part of the bundled corpus' : 'already in your pages'));
    if (!existing) {
      const copied = await sourcesCopied(tx, records.excerpts);
      const [copyOf, count] = [...copied.entries()].sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
      if (copyOf !== undefined && count >= Math.max(1, Math.ceil(records.excerpts.length * SAME_ARTICLE_SHARE))) {
        const original = await quiet(sources.get(copyOf));
        if (original && !original.remembered) return nothing(skipped('a copy of a page already in your corpus'));
        if (original) {
          const again: SourceRecord = { ...original, readAt };
          return {
            result: { kept: true, updated: true, source: again },
            write: () => [quiet(sources.put(again))],
            removed: [], added: [], sourcesPut: [again], sourcesDeleted: [],
          };
        }
      }
    }
    return replace(tx, fresh, records.excerpts, existing);
  });
}

/** Replace a remembered page's records (or store them the first time), keeping when it was first read. */
async function replace(tx: WriteTransaction, fresh: SourceRecord, excerpts: ExcerptRecord[], existing: SourceRecord | undefined): Promise<WriteOutcome<RememberResult>> {
  // No date on the page: it keeps the day it was first read.
  const { record, records, old, write } = await sourceReplacement(tx, fresh, excerpts, existing, true);
  return {
    result: { kept: true, updated: existing !== undefined, source: record },
    write,
    removed: old, added: records, sourcesPut: [record], sourcesDeleted: [],
  };
}

function nothing<T>(result: T): WriteOutcome<T> {
  return { result, removed: [], added: [], sourcesPut: [], sourcesDeleted: [], noop: true };
}

/** Which remembered pages to forget. */
export type ForgetFilter =
  | { all: true }
  | { site: string }
  /** The oldest read first, until about `oldestBytes` are freed (at `bytesPerExcerpt`), sparing `spare`. */
  | { oldestBytes: number; bytesPerExcerpt: number; spare?: string };

/** Forget remembered pages (never pages added on purpose) in one write; the sources forgotten. */
export async function forgetRemembered(writer: CorpusWriter, filter: ForgetFilter): Promise<SourceRecord[]> {
  return writer.write('forget', async (tx) => {
    const sources = tx.objectStore('sources');
    const store = tx.objectStore('excerpts');
    const remembered = (await quiet(sources.index('by-origin').getAll('reader'))).filter((source) => source.remembered);
    let chosen: SourceRecord[];
    if ('all' in filter) chosen = remembered;
    else if ('site' in filter) chosen = remembered.filter((source) => siteOf(source.url) === filter.site);
    else {
      chosen = [];
      let freed = 0;
      const oldestFirst = remembered.sort((a, b) => (a.readAt ?? a.addedAt ?? '').localeCompare(b.readAt ?? b.addedAt ?? ''));
      for (const source of oldestFirst) {
        if (freed >= filter.oldestBytes) break;
        if (source.id === filter.spare) continue;
        chosen.push(source);
        freed += source.excerptCount * filter.bytesPerExcerpt;
      }
    }
    if (chosen.length === 0) return nothing<SourceRecord[]>([]);
    const excerpts = (await Promise.all(chosen.map((source) => quiet(store.index('by-source').getAll(source.id))))).flat();
    return {
      result: chosen,
      write: () => [...excerpts.map((excerpt) => quiet(store.delete(excerpt.id))), ...chosen.map((source) => quiet(sources.delete(source.id)))],
      removed: excerpts, added: [], sourcesPut: [], sourcesDeleted: chosen.map((source) => source.id),
    };
  });
}
