/**
 * What remembering a page the reader read costs (`npm run bench -- remember`), through the real
 * extension in Debian's Chromium, on the saved news pages of ../shared/fixtures (served from
 * 127.0.0.1 with their scripts blocked, so every long task on the page is Backstory's):
 *
 * - **extraction in the page**: the content script's article extraction (Readability on a clone,
 *   the date finder), as the tracker runs it at idle after the dwell — asked through the same tab
 *   message the background uses; the median time, and the longest task it caused on the page;
 * - **the write**: the `remember-page` message sent from the content script's own world (so the
 *   background sees a real tab, as in use), stored and budget-checked; the median round trip.
 *
 * Measured with a corpus of 10k excerpts, then 100k (`--quick`: 10k only).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { type ExtensionSession, launchExtension } from '../tests/e2e/harness';
import { importThroughReadingRoom } from '../tests/e2e/reading-room-files';
import { type BenchModule, type BenchRow, median, round } from './harness';
import { LONG_TASK_RECORDER, longTasks } from './long-tasks';
import { writeCorpusFile } from './store-files';

const FIXTURES = resolve(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'readability-pages');

async function serveFixtures(): Promise<{ names: string[]; url: (name: string) => string; close: () => Promise<void> }> {
  if (!existsSync(FIXTURES)) throw new Error(`Fixture pages not found at ${FIXTURES}`);
  const names = readdirSync(FIXTURES).filter((name) => existsSync(join(FIXTURES, name, 'source.html'))).sort();
  const server = createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').split('?')[0]!.replace(/^\/|\/$/gu, ''));
    if (!names.includes(name)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'none'; connect-src 'none'; img-src 'none'; font-src 'none'; frame-src 'none'" });
    response.end(readFileSync(join(FIXTURES, name, 'source.html')));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return { names, url: (name) => `http://127.0.0.1:${port}/${name}/`, close: () => new Promise((done) => server.close(() => done())) };
}

/** The content script's isolated world in a page (found through the DevTools protocol). */
async function contentWorld(session: ExtensionSession, page: Page): Promise<{ cdp: CDPSession; contextId: number }> {
  const cdp = await session.context.newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const world = contexts.find((context) => context.auxData?.type === 'isolated' && context.origin.includes(session.extensionId))
    ?? contexts.find((context) => context.auxData?.type === 'isolated');
  if (!world) throw new Error(`No content script world in ${page.url()}`);
  return { cdp, contextId: world.id };
}

interface PageCost {
  extractMs: number;
  longestTask: number;
  writeMs: number;
  kept: boolean;
}

async function rememberCost(session: ExtensionSession, page: Page, url: string): Promise<PageCost> {
  await page.goto(url, { waitUntil: 'load' });
  await session.scanReport(page);
  const tabId = await session.tabIdOf(page);
  const before = (await page.evaluate('performance.now()')) as number;
  const worker = session.context.serviceWorkers().find((candidate) => candidate.url().includes(session.extensionId)) ?? session.worker;
  const extracted = await worker.evaluate(async (id) => {
    const started = performance.now();
    const reply = await (globalThis as any).chrome.tabs.sendMessage(id, { type: 'extract-page' });
    return { ms: performance.now() - started, reply };
  }, tabId);
  if (!extracted.reply?.ok) throw new Error(`extract-page failed on ${url}: ${JSON.stringify(extracted.reply?.error)}`);
  await page.waitForTimeout(50);
  const tasks = (await longTasks(page)).filter(([start]) => start >= before);
  const { cdp, contextId } = await contentWorld(session, page);
  const written = await cdp.send('Runtime.evaluate', {
    contextId,
    awaitPromise: true,
    returnByValue: true,
    expression: `(async () => {
      const started = performance.now();
      const reply = await chrome.runtime.sendMessage({ type: 'remember-page', page: ${JSON.stringify(extracted.reply.value)} });
      return { ms: performance.now() - started, reply };
    })()`,
  });
  await cdp.detach();
  const value = written.result.value as { ms: number; reply: { ok: boolean; value?: { kept: boolean }; error?: unknown } };
  if (!value.reply.ok) throw new Error(`remember-page failed on ${url}: ${JSON.stringify(value.reply.error)}`);
  return { extractMs: extracted.ms, longestTask: Math.max(0, ...tasks.map(([, duration]) => duration)), writeMs: value.ms, kept: value.reply.value?.kept === true };
}

const bench: BenchModule = {
  title: 'Remembering a page the reader read, through the real extension in Chromium',
  async run({ quick }) {
    const fixtures = await serveFixtures();
    const dir = mkdtempSync(join(tmpdir(), 'backstory-remember-bench-'));
    const session = await launchExtension();
    const rows: BenchRow[] = [];
    try {
      await session.context.addInitScript(LONG_TASK_RECORDER);
      // On, with a dwell long enough that the tracker never fires by itself during the bench.
      await session.worker.evaluate(() => (globalThis as any).chrome.storage.local.set({ settings: { remember: true, dwellSeconds: 600, welcomed: true } }));
      const sizes = quick ? [10_000] : [10_000, 100_000];
      let stored = 0;
      for (const [part, size] of sizes.entries()) {
        const file = await writeCorpusFile(join(dir, `part-${part}.jsonl`), size - stored, 20 + part);
        await importThroughReadingRoom(session, file.path);
        rmSync(file.path, { force: true });
        stored = size;
        const page = await session.context.newPage();
        const costs: PageCost[] = [];
        for (const name of fixtures.names) costs.push(await rememberCost(session, page, fixtures.url(name)));
        await page.close();
        // Forget them again, so that the next size measures first-time writes too.
        await session.request({ type: 'forget-remembered' });
        const kept = costs.filter((cost) => cost.kept);
        const label = `${size / 1000}k`;
        const details = { pages: costs.length, kept: kept.length, excerpts: size };
        rows.push(
          { area: 'remember', name: `extract the article in the page, median (${label})`, value: round(median(costs.map((cost) => cost.extractMs))), unit: 'ms', details },
          {
            area: 'remember', name: `longest task on the page while extracting, worst page (${label})`, value: round(Math.max(...costs.map((cost) => cost.longestTask))), unit: 'ms',
            target: '≤ 50 ms (0: none over 50)', pass: costs.every((cost) => cost.longestTask <= 50),
            details: { ...details, pagesWithLongTasks: costs.filter((cost) => cost.longestTask > 0).length },
          },
          { area: 'remember', name: `store a remembered page, median (${label})`, value: round(median(kept.map((cost) => cost.writeMs))), unit: 'ms', details },
        );
      }
    } finally {
      await session.close();
      await fixtures.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};

export default bench;
