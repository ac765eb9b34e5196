/**
 * Spotter benchmarks (`npm run bench -- spotter`):
 *
 * 1. Scan speed: characters per second of `spotter.spot(text)` (both passes) over the visible-ish
 *    text of the 33 readability fixture pages, against a naive baseline measured in the same run on
 *    the same text: one Unicode-aware regex per alias (its endings as an alternation), run over the
 *    text one after the other, the way mark.js makes one pass per term. The baseline is generous to
 *    itself: no diacritic folding, no invisible characters, no case rules, no context.
 *    Targets: ≥ 5× the baseline and > 50 MB/s (MB = 10^6 UTF-16 code units of text).
 * 2. Compile time of the gazetteer, which every page's content script pays at start-up: in a fresh
 *    Node process (cold code, character tables built on first use; the median of several
 *    processes) and warm in this process. Target: ≤ 10 ms cold.
 *
 * The fixture pages are read at bench time from ../shared/fixtures; nothing here is shipped.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Gazetteer, expandForms, normaliseAlias, validateGazetteer } from '../core/gazetteer';
import { compileSpotter } from '../core/spotter';
import { type BenchModule, type BenchRow, median, round, timeRuns } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const FIXTURES = join(root, '..', 'shared', 'fixtures', 'readability-pages');
const GAZETTEER = join(root, 'data', 'entities.json');

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad', mdash: '—', ndash: '–',
  rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', hellip: '…', laquo: '«', raquo: '»', copy: '©',
};

/** Crude HTML to text: drop head, scripts, styles, comments and tags; decode common entities. */
export function visibleText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/gu, ' ')
    .replace(/<(head|script|style|noscript|template|svg)\b[\s\S]*?<\/\1\s*>/giu, ' ')
    .replace(/<\/?(p|div|br|li|h[1-6]|tr|section|article|header|footer|ul|ol|table|blockquote)\b[^>]*>/giu, '\n')
    .replace(/<[^>]*>/gu, ' ')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/giu, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+/gu, ' ')
    .replace(/\n\s*\n+/gu, '\n');
}

export function fixtureTexts(): string[] {
  if (!existsSync(FIXTURES)) throw new Error(`Fixture pages not found at ${FIXTURES}`);
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(FIXTURES, entry.name, 'source.html')))
    .map((entry) => visibleText(readFileSync(join(FIXTURES, entry.name, 'source.html'), 'utf8')))
    .filter((text) => text.length > 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/gu, '\\$&');
}

/** The naive baseline: one regex per alias, endings as alternations, Unicode-aware boundaries. */
export function baselinePatterns(gazetteer: Gazetteer): RegExp[] {
  const patterns: RegExp[] = [];
  for (const entity of gazetteer.entities) {
    for (const raw of entity.aliases) {
      const alias = normaliseAlias(raw);
      const tokens = alias.form.trim().split(/ +/u).map((token) => {
        const match = /^([^{}]*)(?:\{([^{}]*)\})?$/u.exec(token);
        const stem = match?.[1] ?? token;
        if (match?.[2] === undefined) return escapeRegExp(stem);
        const endings = expandForms(`x{${match[2]}}`, gazetteer.paradigms).map((form) => form.slice(1));
        return `${escapeRegExp(stem)}(?:${endings.map(escapeRegExp).sort((a, b) => b.length - a.length).join('|')})`;
      });
      const flags = alias.case === 'exact' ? 'gu' : 'giu';
      patterns.push(new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])${tokens.join('\\s+')}(?![\\p{L}\\p{M}\\p{N}])`, flags));
    }
  }
  return patterns;
}

function baselineScan(patterns: readonly RegExp[], texts: readonly string[]): number {
  let found = 0;
  for (const text of texts) {
    for (const pattern of patterns) {
      pattern.lastIndex = 0;
      while (pattern.exec(text) !== null) found++;
    }
  }
  return found;
}

/** Compile time in fresh processes: import the modules, then time the first compileSpotter. */
function coldCompileTimes(processes: number): number[] {
  const spotterUrl = new URL('../core/spotter.ts', import.meta.url).href;
  const script = [
    `import { readFileSync } from 'node:fs';`,
    `const { compileSpotter } = await import(${JSON.stringify(spotterUrl)});`,
    `const gazetteer = JSON.parse(readFileSync(${JSON.stringify(GAZETTEER)}, 'utf8'));`,
    'const start = performance.now();',
    'compileSpotter(gazetteer);',
    'console.log(performance.now() - start);',
  ].join('\n');
  const times: number[] = [];
  for (let i = 0; i < processes; i++) {
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    times.push(Number.parseFloat(output.trim()));
  }
  return times;
}

const bench: BenchModule = {
  title: 'Spotter: scan speed against one-regex-per-alias, and gazetteer compile time',
  async run({ quick }) {
    const gazetteer = validateGazetteer(JSON.parse(readFileSync(GAZETTEER, 'utf8')));
    const rows: BenchRow[] = [];

    const cold = coldCompileTimes(quick ? 3 : 7);
    const warm = await timeRuns(() => compileSpotter(gazetteer), quick ? 5 : 15, 2);
    const spotter = compileSpotter(gazetteer);
    const coldMs = median(cold);
    rows.push({
      area: 'spotter',
      name: 'compile gazetteer (fresh process)',
      value: round(coldMs),
      unit: 'ms',
      target: '≤ 10 ms',
      pass: coldMs <= 10,
      details: {
        runs: cold.map((time) => round(time)),
        warmMedianMs: round(median(warm)),
        entities: gazetteer.entities.length,
        forms: spotter.formCount,
        trieNodes: spotter.nodeCount,
      },
    });

    const texts = fixtureTexts();
    const chars = texts.reduce((sum, text) => sum + text.length, 0);
    const patterns = baselinePatterns(gazetteer);
    // The spotter's runs are short: each timed run scans the whole text REPEAT times.
    const REPEAT = 4;
    let mentions = 0;
    const spotTimes = await timeRuns(() => {
      for (let r = 0; r < REPEAT; r++) {
        mentions = 0;
        for (const text of texts) mentions += spotter.spot(text).length;
      }
    }, quick ? 3 : 9, 2);
    const passOneTimes = await timeRuns(() => {
      for (let r = 0; r < REPEAT; r++) for (const text of texts) spotter.findMatches(text);
    }, quick ? 3 : 9, 1);
    let baselineFound = 0;
    const baselineTimes = await timeRuns(() => {
      baselineFound = baselineScan(patterns, texts);
    }, quick ? 1 : 3, quick ? 0 : 1);
    const mbps = (times: number[], repeat = REPEAT) => (chars * repeat) / 1e6 / (median(times) / 1000);
    const spotMBps = mbps(spotTimes);
    const baselineMBps = mbps(baselineTimes, 1);
    const ratio = spotMBps / baselineMBps;
    rows.push({
      area: 'spotter',
      name: 'spot readability fixtures (text)',
      value: round(spotMBps, 1),
      unit: 'MB/s',
      baseline: round(baselineMBps, 2),
      baselineName: `${patterns.length} regexes, one per alias`,
      ratio: round(ratio, 1),
      ratioLabel: 'faster',
      target: '≥ 5× baseline and > 50 MB/s',
      pass: ratio >= 5 && spotMBps > 50,
      details: {
        pages: texts.length,
        chars,
        mentions,
        baselineMatches: baselineFound,
        spotMsPerScan: spotTimes.map((time) => round(time / REPEAT)),
        baselineMs: baselineTimes.map((time) => round(time)),
        passOneOnlyMBps: round(mbps(passOneTimes), 1),
        unit: 'MB = 10^6 UTF-16 code units of text',
      },
    });
    return rows;
  },
};

export default bench;
