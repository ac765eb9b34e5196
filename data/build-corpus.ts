/**
 * `npm run corpus`: builds data/corpus.json from the seed documents in ../shared/seeds (or the
 * folder named by BACKSTORY_SEEDS), the gazetteer data/entities.json and the chronicle of key dates
 * data/chronicle/*.json (checked first: a chronicle with problems is not built).
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChronicleFile, chronicleProblems } from '../core/chronicle';
import type { Gazetteer } from '../core/gazetteer';
import { compileSpotter } from '../core/spotter';
import type { CorpusFile } from '../core/schema';
import { type SeedDocument, buildCorpus } from './corpus-builder';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SEEDS_DIR = resolve(here, '..', '..', 'shared', 'seeds');
export const CORPUS_PATH = join(here, 'corpus.json');
export const ENTITIES_PATH = join(here, 'entities.json');
export const CHRONICLE_DIR = join(here, 'chronicle');

export function readChronicle(dir = CHRONICLE_DIR): ChronicleFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as ChronicleFile);
}

export function readSeeds(dir = process.env.BACKSTORY_SEEDS ?? DEFAULT_SEEDS_DIR): SeedDocument[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

export function readGazetteer(): Gazetteer {
  return JSON.parse(readFileSync(ENTITIES_PATH, 'utf8')) as Gazetteer;
}

/** One record per line: small diffs when a seed or the gazetteer changes. */
export function serialiseCorpus(corpus: CorpusFile): string {
  const lines = (records: unknown[]) => records.map((record) => JSON.stringify(record)).join(',\n');
  return `{"version":${corpus.version},"checksum":"${corpus.checksum}",\n"sources":[\n${lines(corpus.sources)}\n],\n"excerpts":[\n${lines(corpus.excerpts)}\n]}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const seeds = readSeeds();
  const gazetteer = readGazetteer();
  const chronicle = readChronicle();
  const problems = chronicleProblems(chronicle, gazetteer, compileSpotter(gazetteer));
  if (problems.length) {
    console.error(`The chronicle has ${problems.length} problem(s):\n  ${problems.slice(0, 40).join('\n  ')}`);
    process.exit(1);
  }
  const corpus = buildCorpus(seeds, gazetteer, chronicle);
  writeFileSync(CORPUS_PATH, serialiseCorpus(corpus));
  console.log(`corpus.json: ${corpus.sources.length} sources, ${corpus.excerpts.length} excerpts`);
  for (const source of corpus.sources) {
    console.log(`  ${source.id}  ${source.date}  ${source.dateSource} (${source.dateConfidence})  ${source.title}`);
  }
}
