/**
 * Export files of generated corpora, written to disk a hundred thousand excerpts at a time (a
 * million excerpts is ~600 MB of JSON Lines: never held whole). Shared by the store benchmark
 * through the real extension (bench/store-extension.bench.ts) and the end-to-end round trip at
 * 100k (tests/e2e/store-scale.e2e.ts). The corpus comes from bench/store-corpus.ts.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { exportHeader, sourceLines } from '../core/corpus-export';
import type { ExportedSource } from '../core/corpus-export';
import { CorpusGenerator, benchGazetteer } from './store-corpus';

export interface CorpusFileInfo {
  path: string;
  sources: number;
  excerpts: number;
  /** A few of the file's sources, to build pages being read from. */
  sample: ExportedSource[];
}

/**
 * Write `excerpts` excerpts of generated reader pages to `path` as a Backstory export file. `part`
 * makes the ids differ between files meant for one store (a million = ten parts of 100k).
 */
export async function writeCorpusFile(path: string, excerpts: number, part = 0): Promise<CorpusFileInfo> {
  const generator = new CorpusGenerator(benchGazetteer(), 1000 + part);
  const entries = generator.corpus(excerpts).map((entry) => renumber(entry, part));
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${JSON.stringify(exportHeader('reader', { sources: entries.length, excerpts }, new Date('2025-06-01T00:00:00Z')))}\n`);
  let buffer = '';
  for (const entry of entries) {
    for (const line of sourceLines(entry)) buffer += `${line}\n`;
    if (buffer.length > 1 << 20) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer);
  out.end();
  await once(out, 'finish');
  const step = Math.max(1, Math.floor(entries.length / 40));
  return { path, sources: entries.length, excerpts, sample: entries.filter((_, index) => index % step === 0).slice(0, 40) };
}

/** Ids and URLs unique to a part. */
function renumber(entry: ExportedSource, part: number): ExportedSource {
  if (part === 0) return entry;
  const id = `${entry.source.id}-p${part}`;
  return {
    source: { ...entry.source, id, url: `${entry.source.url}?part=${part}` },
    excerpts: entry.excerpts.map((excerpt) => ({ ...excerpt, id: `${id}#${excerpt.position}`, sourceId: id })),
  };
}
