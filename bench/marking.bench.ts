/**
 * Marking benchmark (`npm run bench -- marking`), in Debian's headless Chromium with the built
 * extension (.output/chrome-mv3; built first when missing), on the 33 readability fixture pages
 * served from 127.0.0.1:
 *
 * - Backstory: for each page, several loads; per load, the content script's own report (the same
 *   one the popup reads): time from the content script's start to the last mark painted
 *   (`scanMs`; it includes waiting for the page's load event, `loadWaitMs` in the details, and
 *   starting the spotter), the work inside it (`busyMs`), the marks, the longest slice of work, and the longest
 *   main-thread task the page saw during the scan (Long Tasks API, in the page's own world).
 * - mark.js (npm `mark.js`, the usual keyword highlighter), in the same browser run, on the same
 *   pages with Backstory paused: one `mark(term)` call over the alias list (one base form per
 *   alias of data/entities.json, 1,480 terms: fewer than the 6,994 inflected forms Backstory
 *   matches, which favours mark.js), `accuracy: "exactly"`, `separateWordSearch: false`. mark.js
 *   makes one pass over the DOM per term, so it is slow: by default it runs on a sample of pages
 *   (`--full`: all of them), once per page.
 *
 * Page scripts are disabled by a Content-Security-Policy header (`script-src 'none'`) so that the
 * saved pages load the same way every time; the extension's content script is not affected.
 *
 * Targets: Backstory ≥ 5× faster than mark.js; ≤ 16 ms median from start to all marks on ordinary
 * article pages (under 500 kB of HTML); on the largest fixture ≤ 150 ms in total and no task of
 * ours over 50 ms.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { type Gazetteer, expandForms, normaliseAlias } from '../core/gazetteer';
import type { ScanSummary } from '../core/protocol';
import { type ExtensionSession, launchExtension } from '../tests/e2e/harness';
import { LONG_TASK_RECORDER, longTasks } from './long-tasks';
import { type BenchModule, type BenchRow, median, round } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const FIXTURES = join(root, '..', 'shared', 'fixtures', 'readability-pages');
const MARK_JS = join(root, 'node_modules', 'mark.js', 'dist', 'mark.min.js');
const ORDINARY_MAX_BYTES = 500_000;
/** Pages mark.js runs on by default: small, medium, non-English, and the largest. */
const MARKJS_SAMPLE = ['bbc-1', 'wapo-2', 'heise', 'liberation-1', 'nytimes-1', 'guardian-1', 'yahoo-2'];

interface Fixture {
  name: string;
  bytes: number;
  html: string;
}

interface LoadResult {
  scan: ScanSummary;
  /** From the end of DOMContentLoaded to the last mark (includes the browser's wait before running content scripts). */
  fromReadyMs: number;
  /** Longest main-thread task overlapping the scan, ms (0 when none over 50 ms was reported). */
  longestTask: number;
}

function fixtures(): Fixture[] {
  if (!existsSync(FIXTURES)) throw new Error(`Fixture pages not found at ${FIXTURES}`);
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(FIXTURES, entry.name, 'source.html')))
    .map((entry) => {
      const file = join(FIXTURES, entry.name, 'source.html');
      return { name: entry.name, bytes: statSync(file).size, html: readFileSync(file, 'utf8') };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One base form per alias: the first expansion with no ending where there is one. */
export function markJsTerms(gazetteer: Gazetteer): string[] {
  const terms = new Set<string>();
  for (const entity of gazetteer.entities) {
    for (const alias of entity.aliases) {
      const forms = expandForms(normaliseAlias(alias).form, gazetteer.paradigms);
      if (forms[0]) terms.add(forms[0]);
    }
  }
  return [...terms];
}

async function serve(pages: Fixture[]): Promise<{ url: (name: string) => string; close: () => Promise<void> }> {
  const byName = new Map(pages.map((page) => [page.name, page.html]));
  const server = createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').split('?')[0]!.replace(/^\/|\/$/gu, ''));
    const html = byName.get(name);
    if (html === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "script-src 'none'; connect-src 'none'; img-src 'none'; media-src 'none'; font-src 'none'; frame-src 'none'",
    });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function loadWithBackstory(session: ExtensionSession, page: Page, url: string): Promise<LoadResult> {
  await page.goto(url, { waitUntil: 'load' });
  const report = await session.scanReport(page);
  if (!report.scan) throw new Error(`No scan report for ${url}`);
  const scan = report.scan;
  const tasks = await longTasks(page);
  const ready = await page.evaluate('performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd') as number;
  const overlapping = tasks.filter(([start, duration]) => start < scan.finishedAt && start + duration > scan.startedAt);
  return { scan, fromReadyMs: scan.finishedAt - ready, longestTask: Math.max(0, ...overlapping.map(([, duration]) => duration)) };
}

async function markJsOnce(page: Page, url: string, source: string, terms: string[]): Promise<{ ms: number; marks: number }> {
  await page.goto(url, { waitUntil: 'load' });
  // page.evaluate goes through the DevTools protocol, which the page's CSP does not block.
  await page.evaluate(source);
  // A string, not a function: the bench runs through tsx, whose helpers do not exist in the page.
  return page.evaluate(`new Promise((resolve) => {
    const words = ${JSON.stringify(terms)};
    const start = performance.now();
    let marks = 0;
    new window.Mark(document.body).mark(words, {
      accuracy: 'exactly',
      separateWordSearch: false,
      diacritics: false,
      caseSensitive: false,
      exclude: ['script', 'style', 'noscript', 'textarea', 'input', 'select'],
      each: function () { marks++; },
      done: function () { resolve({ ms: performance.now() - start, marks: marks }); },
    });
  })`) as Promise<{ ms: number; marks: number }>;
}

const bench: BenchModule = {
  title: 'Marking pages in Chromium: Backstory vs mark.js',
  async run({ quick }) {
    const full = process.argv.includes('--full');
    const runs = quick ? 2 : 5;
    if (!existsSync(join(root, '.output', 'chrome-mv3', 'manifest.json'))) {
      execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore' });
    }
    const pages = fixtures();
    const gazetteer = JSON.parse(readFileSync(join(root, 'data', 'entities.json'), 'utf8')) as Gazetteer;
    const terms = markJsTerms(gazetteer);
    const markJsSource = readFileSync(MARK_JS, 'utf8');
    const server = await serve(pages);
    const session = await launchExtension({ viewport: { width: 1280, height: 900 } });
    const rows: BenchRow[] = [];
    try {
      await session.context.addInitScript(LONG_TASK_RECORDER);
      const page = await session.context.newPage();
      const perPage = new Map<string, { scanMs: number; fromReadyMs: number; busyMs: number; spotMs: number; loadWaitMs: number; slice: number; worstSlice: number; task: number; marks: number; markJs?: { ms: number; marks: number } }>();
      for (const fixture of pages) {
        const loads: LoadResult[] = [];
        await loadWithBackstory(session, page, server.url(fixture.name)); // warm-up load
        for (let run = 0; run < runs; run++) loads.push(await loadWithBackstory(session, page, server.url(fixture.name)));
        perPage.set(fixture.name, {
          scanMs: median(loads.map((load) => load.scan.finishedAt - load.scan.startedAt)),
          fromReadyMs: median(loads.map((load) => load.fromReadyMs)),
          busyMs: median(loads.map((load) => load.scan.busyMs)),
          spotMs: median(loads.map((load) => load.scan.spotMs)),
          loadWaitMs: median(loads.map((load) => load.scan.loadWaitMs ?? 0)),
          slice: median(loads.map((load) => load.scan.longestSliceMs)),
          worstSlice: Math.max(...loads.map((load) => load.scan.longestSliceMs)),
          task: Math.max(...loads.map((load) => load.longestTask)),
          marks: loads[0]!.scan.marks,
        });
        console.error(`  ${fixture.name}: ${round(perPage.get(fixture.name)!.scanMs)} ms, ${loads[0]!.scan.marks} marks`);
      }
      // mark.js, with Backstory paused so the two never run on the same load.
      await session.setSettings({ paused: true });
      const sample = full ? pages.map((fixture) => fixture.name) : quick ? MARKJS_SAMPLE.slice(0, 3) : MARKJS_SAMPLE;
      const markJsErrors: Record<string, string> = {};
      for (const name of sample) {
        try {
          perPage.get(name)!.markJs = await markJsOnce(page, server.url(name), markJsSource, terms);
          console.error(`  mark.js ${name}: ${round(perPage.get(name)!.markJs!.ms)} ms`);
        } catch (error) {
          // mark.js builds one regular expression per term; on some pages the browser gives up.
          markJsErrors[name] = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 160);
          console.error(`  mark.js ${name}: failed (${markJsErrors[name]})`);
        }
      }
      await session.setSettings({ paused: false });

      for (const fixture of pages) {
        const result = perPage.get(fixture.name)!;
        rows.push({
          area: 'marking',
          name: `${fixture.name} (${Math.round(fixture.bytes / 1000)} kB): start → all marks`,
          value: round(result.scanMs),
          unit: 'ms',
          ...(result.markJs ? { baseline: round(result.markJs.ms), baselineName: 'mark.js', ratio: round(result.markJs.ms / Math.max(result.scanMs, 0.01), 1), ratioLabel: 'faster' } : {}),
          details: { busyMs: round(result.busyMs), spotMs: round(result.spotMs), loadWaitMs: round(result.loadWaitMs), fromDomContentLoadedMs: round(result.fromReadyMs), marks: result.marks, longestSliceMs: round(result.slice), longestSliceWorstLoadMs: round(result.worstSlice), longestTaskMs: round(result.task), markJsMarks: result.markJs?.marks, runs },
        });
      }
      const ordinary = pages.filter((fixture) => fixture.bytes < ORDINARY_MAX_BYTES).map((fixture) => perPage.get(fixture.name)!.scanMs);
      rows.push({
        area: 'marking',
        name: `median over ${ordinary.length} ordinary pages (< 500 kB)`,
        value: round(median(ordinary)),
        unit: 'ms',
        target: '≤ 16 ms',
        pass: median(ordinary) <= 16,
      });
      const largest = [...pages].sort((a, b) => b.bytes - a.bytes)[0]!;
      const big = perPage.get(largest.name)!;
      rows.push({
        area: 'marking',
        name: `largest page (${largest.name}): total`,
        value: round(big.scanMs),
        unit: 'ms',
        target: '≤ 150 ms',
        pass: big.scanMs <= 150,
      });
      // Our own slices are the tasks we are responsible for; a long task during the scan may be the
      // page's own layout (see bench/hard-pages.bench.ts for a paused baseline), so it is reported apart.
      const longestSlice = Math.max(...[...perPage.values()].map((result) => result.slice));
      rows.push({
        area: 'marking',
        name: 'longest slice of ours, any page (median over loads)',
        value: round(longestSlice),
        unit: 'ms',
        target: '≤ 50 ms',
        pass: longestSlice <= 50,
        details: { worstSingleLoadMs: round(Math.max(...[...perPage.values()].map((result) => result.worstSlice))) },
      });
      rows.push({
        area: 'marking',
        name: 'longest main-thread task during a scan, any page (the page’s own work included)',
        value: round(Math.max(...[...perPage.values()].map((result) => result.task))),
        unit: 'ms',
      });
      const compared = [...perPage.values()].filter((result) => result.markJs);
      const ratios = compared.map((result) => result.markJs!.ms / Math.max(result.scanMs, 0.01));
      rows.push({
        area: 'marking',
        name: `speed-up over mark.js (median of ${compared.length} pages)`,
        value: round(median(ratios), 1),
        unit: '×',
        baseline: round(median(compared.map((result) => result.markJs!.ms))),
        baselineName: 'mark.js median ms',
        target: '≥ 5×',
        pass: median(ratios) >= 5,
        details: { terms: terms.length, markJsFailed: markJsErrors },
      });
    } finally {
      await session.close();
      await server.close();
    }
    return rows;
  },
};

export default bench;
