/**
 * Spotter benchmarks (`npm run bench -- spotter`):
 *
 * 1. Scan speed: characters per second of `spotter.spot(text)` (both passes) over the visible-ish
 *    text of the 33 readability fixture pages, against a naive baseline measured in the same run on
 *    the same text: one Unicode-aware regex per alias (its endings as an alternation), run over the
 *    text one after the other, the way mark.js makes one pass per term. The baseline is generous to
 *    itself: no diacritic folding, no invisible characters, no case rules, no context.
 *    Targets: ≥ 5× the baseline and > 50 MB/s (MB = 10^6 UTF-16 code units of text).
 *    Also, for information: the same text judged as whole pages (`spotPage`: both passes and the
 *    page step of core/page-sense.ts, as the content script runs them), against the same target.
 * 2. Start-up, which every page's content script pays: in fresh Node processes (cold code,
 *    character tables filled on first use; medians of several processes): compileSpotter (target
 *    ≤ 10 ms), then the first spot of one page (which builds the letters of the trie it needs), then
 *    building the rest of the trie; and a full compile warm in this process.
 *
 * The fixture pages are read at bench time from ../shared/fixtures; nothing here is shipped.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Gazetteer, expandForms, normaliseAlias, validateGazetteer } from '../core/gazetteer';
import { spotPage } from '../core/page-sense';
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
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
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

/**
 * Run `fn` `runs` times after `warmup` unmeasured runs; returns each run's process CPU time and
 * wall time in ms. CPU time is what a scan costs; wall time also counts the moments a busy shared
 * machine gave the CPU to someone else.
 */
function timeCpuRuns(fn: () => void, runs: number, warmup: number): { cpu: number[]; wall: number[] } {
  for (let i = 0; i < warmup; i++) fn();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.cpuUsage();
    const start = performance.now();
    fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(started);
    cpu.push((used.user + used.system) / 1000);
  }
  return { cpu, wall };
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

interface ColdTimes {
  /** compileSpotter: what the content script pays before reading the page. */
  construct: number;
  /** The first spot of a page right after: builds the buckets the page needs, cold code. */
  firstSpot: number;
  /** compileAll afterwards: the rest of the trie (every script), still cold-ish. */
  compileRest: number;
}

/**
 * Start-up times in fresh processes (cold code, character tables filled on first use): import
 * the modules, then time compileSpotter, the first spot of one fixture page (bbc-1), and
 * compileAll for the remaining buckets.
 */
function coldTimes(processes: number): ColdTimes[] {
  const spotterUrl = new URL('../core/spotter.ts', import.meta.url).href;
  const page = join(FIXTURES, 'bbc-1', 'source.html');
  const script = [
    `import { readFileSync } from 'node:fs';`,
    `const { compileSpotter } = await import(${JSON.stringify(spotterUrl)});`,
    `const { visibleText } = await import(${JSON.stringify(new URL('./spotter.bench.ts', import.meta.url).href)});`,
    `const gazetteer = JSON.parse(readFileSync(${JSON.stringify(GAZETTEER)}, 'utf8'));`,
    `const text = visibleText(readFileSync(${JSON.stringify(page)}, 'utf8'));`,
    'let start = performance.now();',
    'const spotter = compileSpotter(gazetteer);',
    'const construct = performance.now() - start;',
    'start = performance.now();',
    'spotter.spot(text);',
    'const firstSpot = performance.now() - start;',
    'start = performance.now();',
    'spotter.compileAll();',
    'const compileRest = performance.now() - start;',
    'console.log(JSON.stringify({ construct, firstSpot, compileRest }));',
  ].join('\n');
  const times: ColdTimes[] = [];
  for (let i = 0; i < processes; i++) {
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    times.push(JSON.parse(output.trim().split('\n').pop() as string) as ColdTimes);
  }
  return times;
}

const bench: BenchModule = {
  title: 'Spotter: scan speed against one-regex-per-alias, and gazetteer compile time',
  async run({ quick }) {
    const gazetteer = validateGazetteer(JSON.parse(readFileSync(GAZETTEER, 'utf8')));
    const rows: BenchRow[] = [];

    const cold = coldTimes(quick ? 3 : 7);
    const warm = await timeRuns(() => compileSpotter(gazetteer).compileAll(), quick ? 5 : 15, 2);
    const spotter = compileSpotter(gazetteer).compileAll();
    const coldMs = median(cold.map((time) => time.construct));
    rows.push({
      area: 'spotter',
      name: 'compile gazetteer (fresh process)',
      value: round(coldMs),
      unit: 'ms',
      target: '≤ 10 ms',
      pass: coldMs <= 10,
      details: {
        runs: cold.map((time) => round(time.construct)),
        note: 'compileSpotter files aliases by first letter; each letter\'s trie is built when a page first needs it',
        entities: gazetteer.entities.length,
        forms: spotter.formCount,
        trieNodes: spotter.nodeCount,
      },
    });
    rows.push({
      area: 'spotter',
      name: 'first spot of a page after compile (fresh process)',
      value: round(median(cold.map((time) => time.firstSpot))),
      unit: 'ms',
      details: {
        page: 'bbc-1 (12 k chars of text): builds the letters it needs, cold code',
        runs: cold.map((time) => round(time.firstSpot)),
      },
    });
    rows.push({
      area: 'spotter',
      name: 'build the rest of the trie (fresh process)',
      value: round(median(cold.map((time) => time.compileRest))),
      unit: 'ms',
      details: {
        runs: cold.map((time) => round(time.compileRest)),
        warmFullCompileMedianMs: round(median(warm)),
      },
    });

    const texts = fixtureTexts();
    const chars = texts.reduce((sum, text) => sum + text.length, 0);
    const patterns = baselinePatterns(gazetteer);
    // The spotter's runs are short: each timed run scans the whole text REPEAT times.
    const REPEAT = 4;
    let mentions = 0;
    const spotTimes = timeCpuRuns(() => {
      for (let r = 0; r < REPEAT; r++) {
        mentions = 0;
        for (const text of texts) mentions += spotter.spot(text).length;
      }
    }, quick ? 3 : 15, 2);
    let pageMentions = 0;
    const pageTimes = timeCpuRuns(() => {
      for (let r = 0; r < REPEAT; r++) {
        pageMentions = 0;
        for (const text of texts) pageMentions += spotPage(spotter, text).length;
      }
    }, quick ? 3 : 15, 1);
    const passOneTimes = timeCpuRuns(() => {
      for (let r = 0; r < REPEAT; r++) for (const text of texts) spotter.findMatches(text);
    }, quick ? 3 : 15, 1);
    let baselineFound = 0;
    const baselineTimes = timeCpuRuns(() => {
      baselineFound = baselineScan(patterns, texts);
    }, quick ? 1 : 3, quick ? 0 : 1);
    const mbps = (times: number[], repeat = REPEAT) => (chars * repeat) / 1e6 / (median(times) / 1000);
    const spotMBps = mbps(spotTimes.cpu);
    const baselineMBps = mbps(baselineTimes.cpu, 1);
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
        timing: 'medians of process CPU time per run (a shared machine descheduling us does not count); wall-clock figures below',
        spotCpuMsPerScan: spotTimes.cpu.map((time) => round(time / REPEAT)),
        spotWallMBps: round(mbps(spotTimes.wall), 1),
        baselineCpuMs: baselineTimes.cpu.map((time) => round(time)),
        baselineWallMBps: round(mbps(baselineTimes.wall, 1), 2),
        passOneOnlyMBps: round(mbps(passOneTimes.cpu), 1),
        unit: 'MB = 10^6 UTF-16 code units of text',
      },
    });
    const pageMBps = mbps(pageTimes.cpu);
    rows.push({
      area: 'spotter',
      name: 'spot readability fixtures as whole pages (page step included)',
      value: round(pageMBps, 1),
      unit: 'MB/s',
      baseline: round(baselineMBps, 2),
      baselineName: `${patterns.length} regexes, one per alias`,
      ratio: round(pageMBps / baselineMBps, 1),
      ratioLabel: 'faster',
      target: '> 50 MB/s',
      pass: pageMBps > 50,
      details: {
        mentions: pageMentions,
        pageCpuMsPerScan: pageTimes.cpu.map((time) => round(time / REPEAT)),
        pageWallMBps: round(mbps(pageTimes.wall), 1),
      },
    });
    return rows;
  },
};

export default bench;
