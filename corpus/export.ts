/**
 * Exporting the corpus as a JSON Lines file (core/corpus-export.ts), streamed: the lines are
 * produced source by source and handed out in chunks of about a megabyte, so neither the service
 * worker nor a message ever holds the whole file (a browser message is limited to 64 MiB; a
 * reader's corpus of 100k excerpts is ~60 MB of JSON). The reading room turns each chunk into a
 * Blob part as it arrives (entrypoints/sidepanel, lib/messaging.ts `exportToFile`).
 *
 * All reads are in one read-only transaction, so the file is one consistent state of the corpus
 * even if a page is added meanwhile (the header's counts must match its lines, or an import of it
 * refuses the file as truncated).
 */
import { exportFileName, exportHeader, sourceLines, trackedNameLines } from '../core/corpus-export';
import type { ExportScope } from '../core/protocol';
import type { TrackedName } from '../core/tracked-names';
import type { CorpusDb } from './db';

/** Characters per chunk handed to `emit`. */
export const EXPORT_CHUNK_CHARS = 1 << 20;

export interface ExportProgress {
  lines: number;
  totalLines: number;
}

/**
 * Stream the reader's pages (or everything) as an export file: `emit` gets each chunk of text
 * (whole lines, each ending in a line break) and the progress. Returns the line count and the
 * file name to save under. The reader's tracked names, when any, follow the header.
 */
export async function streamExport(
  db: CorpusDb,
  scope: ExportScope,
  exportedAt: Date,
  emit: (chunk: string, progress: ExportProgress) => void,
  chunkChars = EXPORT_CHUNK_CHARS,
  trackedNames: readonly TrackedName[] = [],
): Promise<{ lines: number; fileName: string }> {
  const tx = db.transaction(['sources', 'excerpts'], 'readonly');
  const bySource = tx.objectStore('excerpts').index('by-source');
  const chosen = (await tx.objectStore('sources').getAll())
    .filter((source) => scope === 'all' || source.origin === 'reader')
    .sort((a, b) => (a.origin === b.origin ? 0 : a.origin === 'bundled' ? -1 : 1) || a.id.localeCompare(b.id));
  const counts = await Promise.all(chosen.map((source) => bySource.count(source.id)));
  const excerpts = counts.reduce((sum, count) => sum + count, 0);
  const totalLines = 1 + trackedNames.length + chosen.length + excerpts;
  let buffer = `${JSON.stringify(exportHeader(scope, { sources: chosen.length, excerpts, trackedNames: trackedNames.length }, exportedAt))}\n`;
  let lines = 1;
  for (const line of trackedNameLines(trackedNames)) {
    buffer += `${line}\n`;
    lines++;
  }
  const flush = () => {
    if (!buffer) return;
    emit(buffer, { lines, totalLines });
    buffer = '';
  };
  // One source's excerpts are read while the previous one's lines are written.
  let next = chosen[0] ? bySource.getAll(chosen[0].id) : undefined;
  for (let index = 0; index < chosen.length; index++) {
    const source = chosen[index]!;
    const current = await next!;
    next = chosen[index + 1] ? bySource.getAll(chosen[index + 1]!.id) : undefined;
    for (const line of sourceLines({ source: { ...source, excerptCount: current.length }, excerpts: current })) {
      buffer += `${line}\n`;
      lines++;
      if (buffer.length >= chunkChars) flush();
    }
  }
  flush();
  await tx.done;
  return { lines, fileName: exportFileName(scope, exportedAt) };
}
