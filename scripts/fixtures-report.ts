/**
 * `npm run fixtures`: article extraction (core/article-extract.ts) on the 33 Readability fixture
 * pages in ../shared/fixtures/readability-pages, as a table: for each page the expected title,
 * byline and date (cleaned, from tests/readability-fixtures/fixtures.ts, which the unit tests tie to
 * each page's expected-metadata.json), what was extracted, whether it matches, the date source that
 * won, article or not, and the time extractArticle took; then totals and every mismatch in full.
 *
 * Options: `--dom happy-dom` (default) or `--dom linkedom` to parse the pages with another DOM;
 * `--runs N` to time N extractions per page and report the median. Exits with 1 on any mismatch.
 */
import { performance } from 'node:perf_hooks';
import { extractArticle } from '../core/article-extract';
import type { ExtractedPage } from '../core/protocol';
import {
  FIXTURES,
  FIXTURE_LOCATION,
  type FixtureExpectation,
  datesMatch,
  parseWithHappyDom,
  readFixture,
} from '../tests/readability-fixtures/fixtures';

type Dom = 'happy-dom' | 'linkedom';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const dom = (option('dom') ?? 'happy-dom') as Dom;
const runs = Math.max(1, Number(option('runs') ?? 1));
if (dom !== 'happy-dom' && dom !== 'linkedom') {
  console.error(`--dom must be happy-dom or linkedom, not "${dom}"`);
  process.exit(2);
}

async function parse(html: string): Promise<{ document: Document; close: () => Promise<void> }> {
  if (dom === 'happy-dom') return parseWithHappyDom(html);
  // linkedom is not a dependency of Backstory (wxt brings it): load it only when asked for.
  const linkedom = (await import('linkedom').catch(() => undefined)) as
    { parseHTML: (html: string) => { document: unknown } } | undefined;
  if (!linkedom) {
    console.error('linkedom is not installed; run with --dom happy-dom');
    process.exit(2);
  }
  return { document: linkedom.parseHTML(html).document as Document, close: async () => {} };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** Display width: CJK and full-width characters take two columns. */
function columns(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/** A text cut to `width` display columns, with "…" when cut; "—" for nothing. */
function cut(text: string | undefined, width: number): string {
  const value = text === undefined ? '—' : text.replace(/\s+/gu, ' ');
  if (columns(value) <= width) return value;
  let result = '';
  for (const char of value) {
    if (columns(result + char) > width - 1) break;
    result += char;
  }
  return `${result}…`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - columns(text)));
}

const mark = (ok: boolean) => (ok ? '✓' : '✗');

interface Row {
  expected: FixtureExpectation;
  page: ExtractedPage;
  titleOk: boolean;
  bylineOk: boolean;
  dateOk: boolean;
  articleOk: boolean;
  ms: number;
}

const rows: Row[] = [];
for (const expected of FIXTURES) {
  const { html } = readFixture(expected.name);
  const { document, close } = await parse(html);
  const times: number[] = [];
  let page: ExtractedPage | undefined;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    page = extractArticle(document, FIXTURE_LOCATION);
    times.push(performance.now() - start);
  }
  await close();
  if (!page) continue;
  rows.push({
    expected,
    page,
    titleOk: page.title === expected.title,
    bylineOk: page.byline === expected.byline,
    dateOk: expected.date ? datesMatch(page.date?.date, expected.date, expected.dateMatch) && page.date?.source === expected.dateSource
      : page.date === undefined,
    articleOk: page.article.isArticle === expected.isArticle,
    ms: median(times),
  });
}

const header = [pad('page', 26), pad('title (✓ = as expected; extracted)', 36), pad('byline: expected → extracted', 48),
  pad('date: expected → extracted (source)', 66), pad('article', 9), 'ms'].join(' ');
console.log(`Article extraction on ${rows.length} fixture pages (${dom}, median of ${runs} run${runs > 1 ? 's' : ''})\n`);
console.log(header);
console.log('─'.repeat(columns(header) + 6));
for (const row of rows) {
  const { expected, page } = row;
  const byline = `${mark(row.bylineOk)} ${cut(expected.byline, 20)} → ${cut(page.byline, 20)}`;
  const date = `${mark(row.dateOk)} ${cut(expected.date, 25)} → ${cut(page.date?.date, 25)} (${page.date?.source ?? 'none'})`;
  const article = `${mark(row.articleOk)} ${page.article.isArticle ? 'yes' : 'no'}`;
  const title = `${mark(row.titleOk)} ${cut(page.title, 32)}`;
  console.log([pad(expected.name, 26), pad(title, 36), pad(byline, 48), pad(date, 66), pad(article, 9),
    row.ms.toFixed(0).padStart(5)].join(' '));
}

const count = (key: 'titleOk' | 'bylineOk' | 'dateOk' | 'articleOk') => rows.filter((row) => row[key]).length;
console.log(`\nTotals: title ${count('titleOk')}/${rows.length}, byline ${count('bylineOk')}/${rows.length}, ` +
  `date ${count('dateOk')}/${rows.length}, article ${count('articleOk')}/${rows.length}`);
const sources = new Map<string, number>();
for (const row of rows) sources.set(row.page.date?.source ?? 'none', (sources.get(row.page.date?.source ?? 'none') ?? 0) + 1);
console.log(`Date sources: ${[...sources].map(([source, n]) => `${source} ${n}`).join(', ')}`);
const slowest = [...rows].sort((a, b) => b.ms - a.ms).slice(0, 3);
console.log(`Slowest: ${slowest.map((row) => `${row.expected.name} ${row.ms.toFixed(0)} ms`).join(', ')}; ` +
  `total ${rows.reduce((sum, row) => sum + row.ms, 0).toFixed(0)} ms`);

const nonArticles = rows.filter((row) => !row.page.article.isArticle);
if (nonArticles.length) {
  console.log('\nNot articles:');
  for (const row of nonArticles) console.log(`  ${row.expected.name}: ${row.page.article.reason}`);
}

const mismatches = rows.filter((row) => !(row.titleOk && row.bylineOk && row.dateOk && row.articleOk));
if (mismatches.length) {
  console.log('\nMismatches:');
  for (const row of mismatches) {
    const { expected, page } = row;
    if (!row.titleOk) console.log(`  ${expected.name} title: expected ${JSON.stringify(expected.title)}, got ${JSON.stringify(page.title)}`);
    if (!row.bylineOk) console.log(`  ${expected.name} byline: expected ${JSON.stringify(expected.byline)}, got ${JSON.stringify(page.byline)}`);
    if (!row.dateOk) {
      console.log(`  ${expected.name} date: expected ${expected.date ?? 'none'} (${expected.dateSource ?? '—'}, ${expected.dateMatch ?? '—'}), ` +
        `got ${page.date ? `${page.date.date} (${page.date.source}: ${page.date.evidence})` : 'none'}`);
    }
    if (!row.articleOk) console.log(`  ${expected.name} article: expected ${expected.isArticle}, got ${page.article.isArticle} (${page.article.reason ?? ''})`);
  }
  process.exitCode = 1;
} else {
  console.log('\nNo mismatches.');
}
