/**
 * Builds the bundled corpus from the seed documents: reads each seed's metadata from its text
 * (front matter, a date line, a standfirst's "says …", a "©" line), removes markup and boilerplate,
 * finds the date and says how, splits the article into excerpts and tags them as one page (the
 * spotter and the page step of core/page-sense.ts, as the content script marks a page).
 * The chronicle of key dates (data/chronicle, core/chronicle.ts) is added as sources of its own kind.
 * Pure: takes the seed texts, the gazetteer and the chronicle, returns the corpus. `build-corpus.ts` is the CLI.
 */
import { stripBoilerplate } from '../core/boilerplate';
import { type ChronicleFile, chronicleRecords } from '../core/chronicle';
import { findDateInText } from '../core/dates';
import { type Block, splitIntoPassages } from '../core/excerpts';
import { hashText } from '../core/page-records';
import type { Gazetteer } from '../core/gazetteer';
import { CORPUS_FILE_VERSION, type CorpusFile, type ExcerptRecord, type SourceRecord } from '../core/schema';
import { type Spotter, compileSpotter } from '../core/spotter';
import { type Tags, tagPassages } from '../core/tagger';

export interface SeedDocument {
  /** File name, e.g. "000_dd1ce97433807155.txt". */
  name: string;
  text: string;
}

interface SeedMeta {
  title?: string;
  author?: string;
  site?: string;
  url?: string;
  videoId?: string;
}

const TIMESTAMP_LINK = /\s*<a class="yt-timestamp" data-t="(\d{2}):(\d{2}):(\d{2})">\[[\d:]+\]<\/a>/gu;

/** Seconds → "&t=81s" style link to a moment of a YouTube video. */
function videoLink(videoId: string, seconds?: number): string {
  const base = `https://www.youtube.com/watch?v=${videoId}`;
  return seconds === undefined ? base : `${base}&t=${seconds}s`;
}

function parseFrontMatter(text: string): { meta: Record<string, string>; body: string } {
  const match = /^---\n([\s\S]*?)\n---\n/u.exec(text);
  if (!match) return { meta: {}, body: text };
  const meta: Record<string, string> = {};
  for (const line of (match[1] as string).split('\n')) {
    const pair = /^(\w+):\s*(.*)$/u.exec(line.trim());
    if (pair) meta[pair[1] as string] = (pair[2] as string).trim();
  }
  return { meta, body: text.slice(match[0].length) };
}

/** Wiki links, emphasis, tags and footnote marks → plain text. Timestamps are handled apart. */
function plainText(line: string): string {
  return line
    .replace(/\[\[[^\]|]*\|\s*([^\]]+?)\s*\]\]/gu, '$1')
    .replace(/\[\[([^\]]+)\]\]/gu, (_, slug: string) => slug.replace(/_/gu, ' '))
    .replace(/<[^>]+>/gu, '')
    .replace(/\*\*([^*]+)\*\*/gu, '$1')
    .replace(/\[\d{1,3}\]/gu, '')
    .replace(/\s+([,.;:!?])/gu, '$1')
    .replace(/([,;])(?=[.!?])/gu, '')
    .replace(/[ \t]+/gu, ' ')
    .trim();
}

/** The readable first clause of a standfirst, used as a title when the document has none. */
function titleFromStandfirst(line: string): string {
  const clause = line.split(/,\s/u)[0] ?? line;
  return clause.length >= 25 && clause.length <= 110 ? clause.replace(/[.]$/u, '') : line.slice(0, 100);
}

function readMeta(lines: string[], frontMatter: Record<string, string>, fullText: string): { meta: SeedMeta; lines: string[] } {
  const meta: SeedMeta = {};
  let rest = [...lines];
  if (frontMatter.title) meta.title = frontMatter.title;
  if (frontMatter.videoId) {
    meta.videoId = frontMatter.videoId;
    meta.url = videoLink(frontMatter.videoId);
    meta.site = 'YouTube';
  }
  // "date 2022-11-09 Title…" on the first line.
  const dateLine = /^\s*date\s+\d{4}-\d{2}-\d{2}\s+(.+)$/iu.exec(rest[0] ?? '');
  if (dateLine) {
    meta.title = (dateLine[1] as string).trim();
    rest = rest.slice(1);
  }
  // "NewsTitle" followed by "Title": a section label glued to the title.
  const first = rest[0]?.trim() ?? '';
  const second = rest.find((line, index) => index > 0 && line.trim())?.trim() ?? '';
  if (!meta.title && second && first !== second && first.endsWith(second)) {
    meta.title = second;
    rest = rest.slice(1);
  } else if (!meta.title && first && first.length <= 120 && !/[.:]$/u.test(first)) {
    meta.title = first;
    rest = rest.slice(1);
  }
  // "From: [[speaker]]"
  rest = rest.filter((line) => {
    const from = /^From:\s*(.+)$/u.exec(line.trim());
    if (from) meta.author = plainText((from[1] as string).replace(/\[\[([^\]|]+)\]\]/gu, '$1'));
    return !from;
  });
  // A standfirst ending "…, says Kim Sengupta" names the author.
  rest = rest.map((line) => {
    const says = /^(.{40,}?),\s+says\s+(\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){1,2})\.?$/u.exec(line.trim());
    if (says && !meta.author) {
      meta.author = says[2];
      return `${says[1]}.`;
    }
    return line;
  });
  if (!meta.title) {
    const standfirst = rest.find((line) => line.trim());
    if (standfirst) meta.title = titleFromStandfirst(plainText(standfirst));
  }
  // Publisher named in the text.
  const writes = /\bwrites (?:the )?((?:\p{Lu}[\p{L}]*\s?){1,4})\.\s*$/mu.exec(fullText);
  const copyright = /©\s*([a-z0-9-]+(?:\.[a-z0-9-]+)+)/iu.exec(fullText);
  const readers = /\bfollow other (\p{Lu}\p{L}+) readers\b/u.exec(fullText);
  const agency = /\bwith the support of the (\p{Lu}\p{L}+) agency\b/u.exec(fullText);
  const quoted = /^\s*(\p{Lu}{2,6}):\s*$/mu.exec(fullText);
  const blog = /^\s*Popular posts from this blog\s*$/mu.test(fullText);
  if (!meta.site) {
    if (writes) meta.site = (writes[1] as string).trim();
    else if (copyright) meta.site = copyright[1];
    else if (readers) meta.site = `The ${readers[1]}`;
    else if (blog) meta.site = quoted ? `Blog quoting ${quoted[1]}` : 'Blog';
  }
  if (agency && meta.site) meta.site = `${meta.site} (via ${agency[1]})`;
  return { meta, lines: rest };
}

interface SeedBlocks {
  blocks: Block<number>[];
}

/** Lines → blocks: "## " headings, "* " list items, paragraphs; timestamps become anchors. */
function toBlocks(lines: string[]): SeedBlocks {
  const blocks: Block<number>[] = [];
  for (const raw of lines) {
    let line = raw.trim();
    let kind: Block['kind'] = 'paragraph';
    if (/^#{1,6}\s/u.test(line)) {
      kind = 'heading';
      line = line.replace(/^#{1,6}\s+/u, '');
    } else if (/^[*\-•]\s+/u.test(line)) {
      kind = 'list-item';
      line = line.replace(/^[*\-•]\s+/u, '');
    }
    // Timestamps: remember where each was written, then remove the markup.
    const anchors: { offset: number; value: number }[] = [];
    let clean = '';
    let last = 0;
    for (const match of line.matchAll(TIMESTAMP_LINK)) {
      clean += line.slice(last, match.index);
      anchors.push({ offset: plainText(clean).length, value: Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) });
      last = (match.index ?? 0) + match[0].length;
    }
    clean += line.slice(last);
    const text = plainText(clean);
    if (!text) continue;
    // A short line without closing punctuation is a subheading.
    if (kind === 'paragraph' && text.length < 80 && !/[.!?:;"”»)]$/u.test(text)) kind = 'heading';
    blocks.push({ kind, text, anchors });
  }
  return { blocks };
}

function sourceIdOf(name: string): string {
  const hash = /_([0-9a-f]+)\.txt$/u.exec(name)?.[1] ?? name.replace(/\.txt$/u, '');
  return `seed-${hash}`;
}

export function buildSource(seed: SeedDocument, spotter: Spotter): { source: SourceRecord; excerpts: ExcerptRecord[] } {
  const normalised = seed.text.replace(/\r\n?/gu, '\n').replace(/[\u00a0\u2007\u202f]/gu, ' ');
  const { meta: frontMatter, body } = parseFrontMatter(normalised);
  const date = findDateInText(normalised);
  if (!date) throw new Error(`${seed.name}: no date could be found or inferred`);
  const { meta, lines } = readMeta(body.split('\n'), frontMatter, normalised);
  const dateLineText = /^dateline: “(.*)”$/u.exec(date.evidence)?.[1];
  const articleLines = stripBoilerplate(lines).filter((line) => line !== dateLineText);
  const { blocks } = toBlocks(articleLines);
  const passages = splitIntoPassages(blocks, 'en');
  const id = sourceIdOf(seed.name);
  // The document's passages are one page, tagged as the content script marks a page (core/tagger.ts).
  const tagged = tagPassages(spotter, passages.map((passage) => passage.text), 'en');
  const excerpts: ExcerptRecord[] = passages.map((passage, position) => {
    const tags = tagged[position] as Tags;
    const excerpt: ExcerptRecord = {
      id: `${id}#${position}`,
      sourceId: id,
      position,
      text: passage.text,
      date: date.date,
      entityIds: tags.entityIds,
      mentions: tags.mentions,
    };
    if (meta.videoId) excerpt.url = videoLink(meta.videoId, passage.anchor);
    return excerpt;
  });
  const source: SourceRecord = {
    id,
    origin: 'bundled',
    title: meta.title ?? seed.name,
    ...(meta.site ? { site: meta.site } : {}),
    ...(meta.author ? { author: meta.author } : {}),
    ...(meta.url ? { url: meta.url } : {}),
    lang: 'en',
    date: date.date,
    dateSource: date.source,
    dateConfidence: date.confidence,
    datePrecision: date.precision,
    dateEvidence: date.evidence,
    excerptCount: excerpts.length,
  };
  return { source, excerpts };
}

/** A hash of the serialised records: cheap, stable, no crypto needed. */
export function corpusChecksum(sources: readonly SourceRecord[], excerpts: readonly ExcerptRecord[]): string {
  return hashText(JSON.stringify([sources, excerpts]));
}

export function buildCorpus(seeds: readonly SeedDocument[], gazetteer: Gazetteer, chronicle: readonly ChronicleFile[] = []): CorpusFile {
  const spotter = compileSpotter(gazetteer);
  const sources: SourceRecord[] = [];
  const excerpts: ExcerptRecord[] = [];
  for (const seed of [...seeds].sort((a, b) => a.name.localeCompare(b.name))) {
    const built = buildSource(seed, spotter);
    sources.push(built.source);
    excerpts.push(...built.excerpts);
  }
  // The key dates of every entity (data/chronicle), as sources of their own kind.
  const chronicled = chronicleRecords(chronicle, gazetteer, spotter);
  sources.push(...chronicled.sources);
  excerpts.push(...chronicled.excerpts);
  return { version: CORPUS_FILE_VERSION, checksum: corpusChecksum(sources, excerpts), sources, excerpts };
}
