/**
 * What every page pays for Backstory (`npm run bench -- page-cost`), in Debian's headless Chromium:
 *
 * 1. Size: the content scripts the manifest injects into every http(s) page (every `js` and `css`
 *    file of `content_scripts`), raw and gzipped (level 9), in the Chrome build and, when it was
 *    built, the Firefox build. Target: ≤ 60 KB gzip in all.
 * 2. Load and heap, side by side in one run against two references built into a temporary
 *    directory and launched next to Backstory: the same browser with **no extension**, and with an
 *    extension whose only content script is **one line** (on the same pages, at the same
 *    `document_idle`). The one-line extension is the baseline: it is what any content script costs.
 *    Each load is a fresh tab (a fresh renderer: its heap is the tab's own), and the three browsers
 *    take turns page by page, so a busy moment of this shared machine falls on all of them. Per
 *    load: when the load event started, counted from the end of DOMContentLoaded (navigation
 *    timing), then, one second after it (Backstory has marked the page by then), the V8 heap in
 *    use after two forced garbage collections (the content script's isolated world shares the
 *    page's heap). Per page the median over the loads; the rows give the median over the pages of
 *    (Backstory − one line). Why from DOMContentLoaded: a `document_idle` script runs after it, so
 *    it cannot move it, and what comes before it (fetching and parsing a saved page of up to 1 MB
 *    in a fresh renderer) varies by tens of ms from load to load on a shared machine; the delay of
 *    the load event counted from navigation start is given in the details too.
 *    Targets: load-event delay ≤ 15 ms, heap ≤ 0.6 MiB.
 *
 * Page scripts, images, fonts and frames are off (a Content-Security-Policy header), as in
 * bench/marking.bench.ts, so the saved pages load the same way every time; requests to other hosts
 * fail at once. Backstory's own report (the popup's) is read after the heap, to check that it
 * marked the page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, type ExtensionSession, launchExtension } from '../tests/e2e/harness';
import { type BenchModule, type BenchRow, median, round } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const FIXTURES = join(root, '..', 'shared', 'fixtures', 'readability-pages');
/** Real saved news pages of every size, in several languages. */
const PAGES = [
  'bbc-1', 'cnn', 'guardian-1', 'heise', 'lemonde-1', 'liberation-1', 'nytimes-1', 'wapo-1', 'wapo-2', 'telegraph',
  'aktualne', 'folha',
];
const QUICK_PAGES = ['bbc-1', 'heise', 'nytimes-1', 'guardian-1'];
const MIB = 1024 * 1024;
const SETTLE_MS = 1000;
const SIZE_TARGET_KB = 60;
const DELAY_TARGET_MS = 15;
const HEAP_TARGET_MIB = 0.6;

type Variant = 'none' | 'one-line' | 'backstory';

interface LoadSample {
  /** From navigation start. */
  loadEventStart: number;
  /** From the end of DOMContentLoaded. */
  loadAfterReady: number;
  domContentLoaded: number;
  heapBytes: number;
  embedderBytes: number;
}

/** The content scripts a built extension's manifest injects, raw and gzipped. */
export function injectedSize(dir: string): { files: string[]; bytes: number; gzipBytes: number } {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { content_scripts?: { js?: string[]; css?: string[] }[] };
  const files = [...new Set((manifest.content_scripts ?? []).flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])]))];
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(join(dir, file));
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files, bytes, gzipBytes };
}

/** An MV3 extension whose content script is one line, on the same pages at the same time as Backstory's. */
function buildOneLineExtension(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3,
    name: 'One line',
    version: '1.0',
    content_scripts: [{ matches: ['http://*/*', 'https://*/*'], run_at: 'document_idle', js: ['content.js'] }],
  }));
  writeFileSync(join(dir, 'content.js'), 'globalThis.oneLineStartedAt = performance.now();\n');
}

async function launchPlain(extensionDir: string | undefined): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'backstory-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    viewport: { width: 1280, height: 900 },
    args: [...CHROMIUM_ARGS, ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : [])],
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/u, (route) => route.abort('internetdisconnected'));
  if (extensionDir) {
    // Wait until the extension is loaded: its content script must run on the first page too.
    const probe = await context.newPage();
    await probe.close();
  }
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function serve(names: readonly string[]): Promise<{ url: (name: string) => string; close: () => Promise<void> }> {
  const byName = new Map(names.map((name) => [name, readFileSync(join(FIXTURES, name, 'source.html'), 'utf8')]));
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
      'cache-control': 'no-store',
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

/** One load in a fresh tab: the load event, then the heap once the page has settled. */
async function loadOnce(context: BrowserContext, url: string, check?: (page: Page) => Promise<void>): Promise<LoadSample> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(SETTLE_MS);
    const timing = await page.evaluate('(() => { const n = performance.getEntriesByType("navigation")[0]; return [n.loadEventStart, n.domContentLoadedEventEnd]; })()') as [number, number];
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage') as { usedSize: number; embedderHeapUsedSize?: number };
    await cdp.detach();
    await check?.(page);
    return { loadEventStart: timing[0], loadAfterReady: timing[0] - timing[1], domContentLoaded: timing[1], heapBytes: heap.usedSize, embedderBytes: heap.embedderHeapUsedSize ?? 0 };
  } finally {
    await page.close();
  }
}

const bench: BenchModule = {
  title: 'What every page pays: injected size, load-event delay and heap over a one-line content script',
  async run({ quick }) {
    const chromeDir = join(root, '.output', 'chrome-mv3');
    if (!existsSync(join(chromeDir, 'manifest.json'))) execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore' });
    const rows: BenchRow[] = [];

    const chrome = injectedSize(chromeDir);
    const firefoxDir = join(root, '.output', 'firefox-mv2');
    const firefox = existsSync(join(firefoxDir, 'manifest.json')) ? injectedSize(firefoxDir) : undefined;
    const worstGzip = Math.max(chrome.gzipBytes, firefox?.gzipBytes ?? 0);
    rows.push({
      area: 'page cost',
      name: 'content scripts the manifest injects, gzip (Chrome build; Firefox in details)',
      value: round(chrome.gzipBytes / 1000, 1),
      unit: 'KB',
      target: `≤ ${SIZE_TARGET_KB} KB`,
      pass: worstGzip <= SIZE_TARGET_KB * 1000,
      details: {
        files: chrome.files,
        rawKB: round(chrome.bytes / 1000, 1),
        ...(firefox ? { firefoxRawKB: round(firefox.bytes / 1000, 1), firefoxGzipKB: round(firefox.gzipBytes / 1000, 1) } : {}),
      },
    });

    const names = (quick ? QUICK_PAGES : PAGES).filter((name) => existsSync(join(FIXTURES, name, 'source.html')));
    if (names.length === 0) throw new Error(`Fixture pages not found at ${FIXTURES}`);
    const runs = quick ? 2 : 5;
    const oneLineDir = mkdtempSync(join(tmpdir(), 'backstory-one-line-'));
    buildOneLineExtension(oneLineDir);
    const server = await serve(names);
    const none = await launchPlain(undefined);
    const oneLine = await launchPlain(oneLineDir);
    let backstory: ExtensionSession | undefined;
    try {
      backstory = await launchExtension();
      const session = backstory;
      const contexts: Record<Variant, BrowserContext> = { none: none.context, 'one-line': oneLine.context, backstory: session.context };
      const marks = new Map<string, number>();
      const checkBackstory = async (page: Page) => {
        const report = await session.scanReport(page);
        marks.set(page.url(), report.scan?.marks ?? 0);
      };
      const samples = new Map<string, Record<Variant, LoadSample[]>>();
      const order: Variant[] = ['none', 'one-line', 'backstory'];
      // A warm-up load of the first page in each browser: the first load of a browser is slow for everyone.
      for (const variant of order) await loadOnce(contexts[variant], server.url(names[0]!), variant === 'backstory' ? checkBackstory : undefined);
      for (const name of names) {
        const perVariant: Record<Variant, LoadSample[]> = { none: [], 'one-line': [], backstory: [] };
        for (let run = 0; run < runs; run++) {
          // Rotate the order so that no variant always follows another.
          for (let k = 0; k < order.length; k++) {
            const variant = order[(k + run) % order.length]!;
            perVariant[variant].push(await loadOnce(contexts[variant], server.url(name), variant === 'backstory' ? checkBackstory : undefined));
          }
        }
        samples.set(name, perVariant);
        const m = (variant: Variant, key: keyof LoadSample) => median(perVariant[variant].map((sample) => sample[key]));
        console.error(`  ${name}: load ${round(m('none', 'loadEventStart'))} / ${round(m('one-line', 'loadEventStart'))} / ${round(m('backstory', 'loadEventStart'))} ms, ` +
          `after DOMContentLoaded ${round(m('none', 'loadAfterReady'))} / ${round(m('one-line', 'loadAfterReady'))} / ${round(m('backstory', 'loadAfterReady'))} ms, ` +
          `heap ${round(m('none', 'heapBytes') / MIB, 2)} / ${round(m('one-line', 'heapBytes') / MIB, 2)} / ${round(m('backstory', 'heapBytes') / MIB, 2)} MiB (none / one line / Backstory), ` +
          `${marks.get(server.url(name)) ?? 0} marks`);
      }
      const over = (variant: Variant, baseline: Variant, key: keyof LoadSample) =>
        names.map((name) => {
          const perVariant = samples.get(name)!;
          return median(perVariant[variant].map((sample) => sample[key])) - median(perVariant[baseline].map((sample) => sample[key]));
        });
      const perPage = (variant: Variant, key: keyof LoadSample) => Object.fromEntries(names.map((name) => [name, round(median(samples.get(name)![variant].map((sample) => sample[key])), 1)]));
      const delay = median(over('backstory', 'one-line', 'loadAfterReady'));
      const heap = median(over('backstory', 'one-line', 'heapBytes')) / MIB;
      rows.push({
        area: 'page cost',
        name: `load-event delay over a one-line content script (median of ${names.length} real pages, ${runs} loads each)`,
        value: round(delay, 1),
        unit: 'ms',
        baseline: round(median(over('one-line', 'none', 'loadAfterReady')), 1),
        baselineName: 'one line over no extension',
        target: `≤ ${DELAY_TARGET_MS} ms`,
        pass: delay <= DELAY_TARGET_MS,
        details: {
          backstoryOverNoneMs: round(median(over('backstory', 'none', 'loadAfterReady')), 1),
          perPageDelayMs: Object.fromEntries(names.map((name, index) => [name, round(over('backstory', 'one-line', 'loadAfterReady')[index]!, 1)])),
          fromNavigationStartOverOneLineMs: round(median(over('backstory', 'one-line', 'loadEventStart')), 1),
          loadAfterReadyMs: { none: perPage('none', 'loadAfterReady'), oneLine: perPage('one-line', 'loadAfterReady'), backstory: perPage('backstory', 'loadAfterReady') },
          loadEventStartMs: { none: perPage('none', 'loadEventStart'), oneLine: perPage('one-line', 'loadEventStart'), backstory: perPage('backstory', 'loadEventStart') },
          domContentLoadedOverOneLineMs: round(median(over('backstory', 'one-line', 'domContentLoaded')), 1),
          marks: Object.fromEntries(names.map((name) => [name, marks.get(server.url(name)) ?? 0])),
        },
      });
      rows.push({
        area: 'page cost',
        name: `heap added per tab over a one-line content script (median of ${names.length} real pages)`,
        value: round(heap, 2),
        unit: 'MiB',
        baseline: round(median(over('one-line', 'none', 'heapBytes')) / MIB, 2),
        baselineName: 'one line over no extension',
        target: `≤ ${HEAP_TARGET_MIB} MiB`,
        pass: heap <= HEAP_TARGET_MIB,
        details: {
          backstoryOverNoneMiB: round(median(over('backstory', 'none', 'heapBytes')) / MIB, 2),
          embedderHeapOverOneLineMiB: round(median(over('backstory', 'one-line', 'embedderBytes')) / MIB, 2),
          perPageHeapMiB: Object.fromEntries(names.map((name, index) => [name, round(over('backstory', 'one-line', 'heapBytes')[index]! / MIB, 2)])),
        },
      });
    } finally {
      await backstory?.close();
      await oneLine.close();
      await none.close();
      await server.close();
      rmSync(oneLineDir, { recursive: true, force: true });
    }
    return rows;
  },
};

export default bench;
