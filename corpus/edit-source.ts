/**
 * Correcting a page of the reader's (its date, title or site) in one write of corpus/writes.ts:
 * the source record, its excerpts' dates, the shelves that rank them, the near-copy clusters, the
 * counts and a journal entry for the search index, all in one transaction. The excerpts are passed
 * to the writer as removed and added again, so that every structure holding a date or a title (the
 * shelves, the full-text index and its table) follows exactly as when the page was added; the
 * service's caches are dropped after the commit as after every write. Bundled sources are not
 * editable. The page as it was is returned, so that the reading room can undo the edit.
 */
import { readerError, say } from '../lib/i18n/reader-error';
import type { EditedSource } from '../core/protocol';
import type { SourceEdit } from '../core/source-edit';
import { applySourceEdit } from '../core/source-edit';
import { quiet } from './errors';
import type { CorpusWriter, WriteOutcome } from './writes';

/** Apply a checked edit (core/source-edit.ts#checkSourceEdit) to a reader page; `today` is the reader's day. */
export function editSource(writer: CorpusWriter, sourceId: string, edit: SourceEdit, today: string): Promise<EditedSource> {
  return writer.write('edit-source', async (tx): Promise<WriteOutcome<EditedSource>> => {
    const sources = tx.objectStore('sources');
    const store = tx.objectStore('excerpts');
    const [source, excerpts] = await Promise.all([quiet(sources.get(sourceId)), quiet(store.index('by-source').getAll(sourceId))]);
    if (!source) throw readerError('not-found', say('errors.editGone'));
    if (source.origin !== 'reader') throw readerError('bad-request', say('errors.editBundled'));
    excerpts.sort((a, b) => a.position - b.position);
    const before = { source, excerpts };
    const { source: record, changed, dateChanged } = applySourceEdit(source, edit, today);
    if (!changed) return { result: { source, changed: false, before }, removed: [], added: [], sourcesPut: [], sourcesDeleted: [], noop: true };
    const records = dateChanged ? excerpts.map((excerpt) => ({ ...excerpt, date: record.date })) : excerpts;
    return {
      result: { source: record, changed: true, before },
      write: () => [quiet(sources.put(record)), ...(dateChanged ? records.map((excerpt) => quiet(store.put(excerpt))) : [])],
      // Out and in again: the shelves take the new date, the search index the new title.
      removed: excerpts,
      added: records,
      sourcesPut: [record],
      sourcesDeleted: [],
    };
  });
}
