/**
 * Evaluation of the spotter on the labelled passages in `passages.jsonl` (format in README.md):
 * precision, recall and F1 overall and per language, with the list of misses and false positives.
 * Used by `npm run eval:spotter` (scripts/eval-spotter.ts) and by tests/unit/spotter-eval.test.ts.
 *
 * Scoring is strict: a predicted mention counts as right only when its start, end and entity id all
 * equal a labelled mention's (a label may list `alternatives`: longer or shorter surfaces overlapping it that
 * are equally right, such as "Kherson" / "Kherson oblast" or "Kursk" / "submarine Kursk"). A right span
 * with the wrong entity is one false positive and one miss.
 * Each passage is spotted as a page of its own, with its `lang` as the hint (or none, `useLang: false`).
 * With `asPage: true` the text is also judged as a whole page the way the content script judges one
 * (`spotPage`, core/page-sense.ts: the page step, general names only on war pages). The page set
 * (pages.jsonl, pages.ts) is scored that way.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Mention, Spotter } from '../../core/spotter';
import { spotPage as spotPageInCore } from '../../core/page-sense';

export const PASSAGES_PATH = join(dirname(fileURLToPath(import.meta.url)), 'passages.jsonl');
export const TARGET = 0.97;

export interface GoldMention {
  start: number;
  end: number;
  entity: string;
  /** Other spans that are equally right (from `alternatives`: "Kherson" or "Kherson oblast"). */
  alternatives: { start: number; end: number }[];
}

export interface Passage {
  id: string;
  lang: string;
  text: string;
  mentions: GoldMention[];
  note?: string;
  /** Page set only (pages.jsonl): which half the page belongs to. */
  split?: string;
  /** Page set only: "other-topic" or "war-page". */
  class?: string;
  /** Page set only: what makes the page hard (kursk-submarine, tennis, german-forms…). */
  subclass?: string;
  /** 1-based line in the passages file. */
  line: number;
}

/** Read and check the labelled passages; throws with the line number of the first bad one. */
export function loadPassages(path = PASSAGES_PATH): Passage[] {
  const passages: Passage[] = [];
  const ids = new Set<string>();
  readFileSync(path, 'utf8').split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    const fail = (problem: string): never => {
      throw new Error(`${path}:${line}: ${problem}`);
    };
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(raw) as Record<string, unknown>;
    } catch (error) {
      return fail(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const { id, lang, text, mentions, note, split, subclass } = value;
    const pageClass = value.class;
    for (const [field, given] of [['split', split], ['class', pageClass], ['subclass', subclass]] as const) {
      if (given !== undefined && (typeof given !== 'string' || !given)) fail(`"${field}" must be a non-empty string when given`);
    }
    if (typeof id !== 'string' || !id) fail('"id" must be a non-empty string');
    if (ids.has(id as string)) fail(`duplicate id "${id as string}"`);
    ids.add(id as string);
    if (typeof lang !== 'string' || !/^[a-z]{2}$/u.test(lang)) fail('"lang" must be a two-letter code');
    if (typeof text !== 'string' || !text) fail('"text" must be a non-empty string');
    if (!Array.isArray(mentions)) return fail('"mentions" must be an array');
    const body = text as string;
    const gold = mentions.map((mention: unknown, position: number): GoldMention => {
      const at = `mention #${position + 1}`;
      if (typeof mention !== 'object' || mention === null) return fail(`${at}: expected an object`);
      const m = mention as Record<string, unknown>;
      if (typeof m.entity !== 'string' || !m.entity) fail(`${at}: "entity" must be an entity id`);
      if (typeof m.start === 'number' && typeof m.end === 'number') {
        if (!(m.start >= 0 && m.end > m.start && m.end <= body.length)) fail(`${at}: offsets out of range`);
        if (typeof m.text === 'string' && body.slice(m.start, m.end) !== m.text) {
          fail(`${at}: text "${m.text}" is not at ${m.start}–${m.end}`);
        }
        return { start: m.start, end: m.end, entity: m.entity as string, alternatives: alternativeSpans(m.start, m.end) };
      }
      if (typeof m.text !== 'string' || !m.text) return fail(`${at}: give "text" (and "occurrence") or "start" and "end"`);
      const occurrence = m.occurrence ?? 1;
      if (typeof occurrence !== 'number' || !Number.isInteger(occurrence) || occurrence < 1) {
        fail(`${at}: "occurrence" must be a positive integer`);
      }
      let start = -1;
      for (let seen = 0; seen < (occurrence as number); seen++) {
        start = body.indexOf(m.text, start + 1);
        if (start < 0) fail(`${at}: "${m.text}" occurs fewer than ${occurrence as number} time(s)`);
      }
      return { start, end: start + m.text.length, entity: m.entity as string, alternatives: alternativeSpans(start, start + m.text.length) };

      function alternativeSpans(from: number, to: number): { start: number; end: number }[] {
        if (m.alternatives === undefined) return [];
        if (!Array.isArray(m.alternatives) || !m.alternatives.every((alt) => typeof alt === 'string' && alt)) {
          return fail(`${at}: "alternatives" must be an array of surfaces`);
        }
        return (m.alternatives as string[]).map((alt) => {
          // The occurrence of the alternative that contains the mention or lies within it.
          for (let k = body.indexOf(alt); k >= 0; k = body.indexOf(alt, k + 1)) {
            const end = k + alt.length;
            if ((k <= from && end >= to) || (k >= from && end <= to)) return { start: k, end };
          }
          return fail(`${at}: alternative "${alt}" does not overlap the mention`);
        });
      }
    });
    gold.sort((a, b) => a.start - b.start);
    for (let k = 1; k < gold.length; k++) {
      if ((gold[k] as GoldMention).start < (gold[k - 1] as GoldMention).end) fail('labelled mentions overlap');
    }
    passages.push({
      id: id as string,
      lang: lang as string,
      text: body,
      mentions: gold,
      ...(typeof note === 'string' ? { note } : {}),
      ...(typeof split === 'string' ? { split } : {}),
      ...(typeof pageClass === 'string' ? { class: pageClass } : {}),
      ...(typeof subclass === 'string' ? { subclass } : {}),
      line,
    });
  });
  return passages;
}

export interface Score {
  passages: number;
  gold: number;
  predicted: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Miss {
  passage: string;
  lang: string;
  text: string;
  start: number;
  end: number;
  entity: string;
  /** What the spotter said about this exact span, if anything (a wrong entity). */
  predicted?: string;
  context: string;
}

export interface FalsePositive {
  passage: string;
  lang: string;
  text: string;
  start: number;
  end: number;
  entity: string;
  confidence: number;
  /** The labelled entity for this span, if the span was right and the entity wrong. */
  expected?: string;
  context: string;
}

/** The tally of one passage: how many labelled, found and right. */
export interface PassageResult {
  passage: string;
  gold: number;
  predicted: number;
  truePositives: number;
}

export interface EvaluationReport {
  overall: Score;
  byLang: Record<string, Score>;
  /** One entry per passage, in input order (for scores by any grouping: `scoreOf`). */
  perPassage: PassageResult[];
  misses: Miss[];
  falsePositives: FalsePositive[];
  /** Entity ids used in labels that the gazetteer does not have. */
  unknownEntities: string[];
}

export interface Tally {
  passages: number;
  gold: number;
  predicted: number;
  truePositives: number;
}

/** Precision, recall and F1 of a tally. */
export function scoreOf(tally: Tally): Score {
  const precision = tally.predicted === 0 ? 1 : tally.truePositives / tally.predicted;
  const recall = tally.gold === 0 ? 1 : tally.truePositives / tally.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...tally, precision, recall, f1 };
}

function contextOf(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 40);
  return `${before}[${text.slice(start, end)}]${after}`.replace(/\s+/gu, ' ');
}

/**
 * The mentions the content script would mark in `text` if it were a whole page: `spotPage` of
 * core/page-sense.ts (pass 1 over the text, the page context, pass 2, then the page step: team
 * names, strong cues, one sense per page, the page's topic, general names only on war pages).
 * The content script calls the same page step over its pieces.
 */
export function spotPage(spotter: Spotter, text: string, lang?: string): Mention[] {
  return spotPageInCore(spotter, text, lang ?? null);
}

export function evaluate(
  spotter: Spotter,
  passages: readonly Passage[],
  options: { useLang?: boolean; asPage?: boolean } = {},
): EvaluationReport {
  const useLang = options.useLang ?? true;
  const perPassage: PassageResult[] = [];
  const total: Tally = { passages: 0, gold: 0, predicted: 0, truePositives: 0 };
  const tallies = new Map<string, Tally>();
  const misses: Miss[] = [];
  const falsePositives: FalsePositive[] = [];
  const unknown = new Set<string>();
  for (const passage of passages) {
    const mentions: Mention[] = options.asPage
      ? spotPage(spotter, passage.text, useLang ? passage.lang : undefined)
      : spotter.spot(passage.text, useLang ? { lang: passage.lang } : {});
    let tally = tallies.get(passage.lang);
    if (!tally) {
      tally = { passages: 0, gold: 0, predicted: 0, truePositives: 0 };
      tallies.set(passage.lang, tally);
    }
    const key = (start: number, end: number, entity: string) => `${start}:${end}:${entity}`;
    const spans = (gold: GoldMention) => [{ start: gold.start, end: gold.end }, ...gold.alternatives];
    const goldKeys = new Set(passage.mentions.flatMap((gold) => spans(gold).map((span) => key(span.start, span.end, gold.entity))));
    const predictedKeys = new Set(mentions.map((mention) => key(mention.start, mention.end, mention.entity.id)));
    const found = (gold: GoldMention) => spans(gold).some((span) => predictedKeys.has(key(span.start, span.end, gold.entity)));
    const sameSpan = (gold: GoldMention, mention: Mention) =>
      spans(gold).some((span) => span.start === mention.start && span.end === mention.end);
    let right = 0;
    for (const mention of mentions) {
      if (goldKeys.has(key(mention.start, mention.end, mention.entity.id))) {
        right++;
        continue;
      }
      const labelled = passage.mentions.find((gold) => sameSpan(gold, mention));
      falsePositives.push({
        passage: passage.id,
        lang: passage.lang,
        text: mention.text,
        start: mention.start,
        end: mention.end,
        entity: mention.entity.id,
        confidence: mention.confidence,
        ...(labelled ? { expected: labelled.entity } : {}),
        context: contextOf(passage.text, mention.start, mention.end),
      });
    }
    for (const gold of passage.mentions) {
      if (!spotter.entityById(gold.entity)) unknown.add(gold.entity);
      if (found(gold)) continue;
      const other = mentions.find((mention) => sameSpan(gold, mention));
      misses.push({
        passage: passage.id,
        lang: passage.lang,
        text: passage.text.slice(gold.start, gold.end),
        start: gold.start,
        end: gold.end,
        entity: gold.entity,
        ...(other ? { predicted: other.entity.id } : {}),
        context: contextOf(passage.text, gold.start, gold.end),
      });
    }
    perPassage.push({ passage: passage.id, gold: passage.mentions.length, predicted: mentions.length, truePositives: right });
    for (const target of [tally, total]) {
      target.passages++;
      target.gold += passage.mentions.length;
      target.predicted += mentions.length;
      target.truePositives += right;
    }
  }
  const byLang: Record<string, Score> = {};
  for (const [lang, tally] of [...tallies.entries()].sort(([a], [b]) => a.localeCompare(b))) byLang[lang] = scoreOf(tally);
  return { overall: scoreOf(total), byLang, perPassage, misses, falsePositives, unknownEntities: [...unknown].sort() };
}

function percent(value: number): string {
  return value.toFixed(3);
}

export function formatScoreTable(report: EvaluationReport): string {
  const rows = [['lang', 'passages', 'labelled', 'found', 'right', 'precision', 'recall', 'F1']];
  const add = (name: string, s: Score) => rows.push([
    name, String(s.passages), String(s.gold), String(s.predicted), String(s.truePositives),
    percent(s.precision), percent(s.recall), percent(s.f1),
  ]);
  for (const [lang, s] of Object.entries(report.byLang)) add(lang, s);
  add('all', report.overall);
  const widths = (rows[0] as string[]).map((_, column) => Math.max(...rows.map((row) => (row[column] as string).length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number))).join('  ')).join('\n');
}

export function formatReport(report: EvaluationReport): string {
  const lines = [formatScoreTable(report)];
  if (report.unknownEntities.length) {
    lines.push('', `Entity ids labelled but missing from the gazetteer (${report.unknownEntities.length}): ${report.unknownEntities.join(', ')}`);
  }
  lines.push('', `Misses (${report.misses.length}):`);
  for (const miss of report.misses) {
    lines.push(`  ${miss.passage} [${miss.lang}] "${miss.text}" → ${miss.entity}${miss.predicted ? ` (found as ${miss.predicted})` : ''}  …${miss.context}…`);
  }
  lines.push('', `False positives (${report.falsePositives.length}):`);
  for (const fp of report.falsePositives) {
    lines.push(`  ${fp.passage} [${fp.lang}] "${fp.text}" → ${fp.entity} (${fp.confidence})${fp.expected ? ` (labelled ${fp.expected})` : ''}  …${fp.context}…`);
  }
  return lines.join('\n');
}
