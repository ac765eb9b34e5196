/**
 * The corpus store as a reader meets it, through the real extension in Debian's Chromium
 * (`npm run bench -- store-extension`): the built extension (.output/chrome-mv3), its service
 * worker, its messaging and Chromium's IndexedDB. Everything is asked the way the extension's own
 * pages and content scripts ask: `runtime.sendMessage` from an extension page, files through the
 * reading room.
 *
 * At 100k excerpts (10k with `--quick`), then 1M (ten imports of 100k; not with `--quick`):
 * - **import** of a 100k-excerpt export file through the reading room (its file input, streamed
 *   in chunks): seconds until it says "Imported";
 * - **first card after the worker was stopped** minus the same card with the worker awake (the
 *   wake penalty a reader meets when coming back to reading; Chrome stops an idle worker after
 *   30 s). Nine entities from the most to the least mentioned, each with a page being read; per
 *   entity: the median of 3 awake cards, then the worker is stopped (CDP `Target.closeTarget`) and
 *   the card asked again. Reported: the median penalty and the worst;
 * - **heap of the woken worker** after that card (V8 `Runtime.getHeapUsage` after a GC, through the
 *   worker's DevTools target);
 * - **search**: loading the index (after the import: a rebuild; after a wake: the snapshot), then
 *   p50/p95 of 60 queries asked as the reading room asks, and the heap with the index loaded;
 * - **adding a page** (6 excerpts) as "Add this page" does: the first after a wake, and the median;
 * - **export** of the same corpus through the reading room, to a file: seconds.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import type { PageContextInfo } from '../core/protocol';
import { type ExtensionSession, launchExtension } from '../tests/e2e/harness';
import { exportThroughReadingRoom, importThroughReadingRoom } from '../tests/e2e/reading-room-files';
import { type BenchModule, type BenchRow, median, percentile, round } from './harness';
import { CorpusGenerator, benchGazetteer, queries, random } from './store-corpus';
import { type CorpusFileInfo, writeCorpusFile } from './store-files';
import { freePort } from '../tests/e2e/free-port';

const PART = 100_000;

/** The worker's heap through its DevTools target (Playwright gives no CDP session on workers). */
async function workerHeapMb(port: number, extensionId: string): Promise<number> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { type: string; url: string; webSocketDebuggerUrl?: string }[];
  const target = targets.find((candidate) => candidate.type === 'service_worker' && candidate.url.includes(extensionId));
  if (!target?.webSocketDebuggerUrl) throw new Error('No DevTools target for the service worker');
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let id = 0;
  const send = (method: string) => new Promise<any>((resolve) => {
    const mine = ++id;
    socket.on('message', function listener(data) {
      const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
      if (message.id !== mine) return;
      socket.off('message', listener);
      resolve(message.result);
    });
    socket.send(JSON.stringify({ id: mine, method }));
  });
  await send('HeapProfiler.collectGarbage');
  const usage = (await send('Runtime.getHeapUsage')) as { usedSize: number };
  socket.close();
  return usage.usedSize / 1e6;
}

class Reader {
  private helper: Page | undefined;

  constructor(readonly session: ExtensionSession) {}

  /** An extension page to ask from (as the popup and the reading room do). */
  private async page(): Promise<Page> {
    if (!this.helper || this.helper.isClosed()) {
      this.helper = await this.session.context.newPage();
      await this.helper.goto(this.session.extensionUrl('options.html'));
    }
    return this.helper;
  }

  /** Ask the background; returns the reply and the milliseconds the round trip took. */
  async timed<T>(message: unknown): Promise<{ ms: number; value: T }> {
    const page = await this.page();
    const { ms, reply } = await page.evaluate(async (payload) => {
      const started = performance.now();
      const answer = await (globalThis as any).chrome.runtime.sendMessage(payload);
      return { ms: performance.now() - started, reply: answer };
    }, message);
    if (!reply?.ok) throw new Error(`${JSON.stringify(message).slice(0, 80)}: ${JSON.stringify(reply?.error)}`);
    return { ms, value: reply.value as T };
  }

  /** Stop the service worker, as Chrome does after 30 s idle; the next message starts it again. */
  async stopWorker(): Promise<void> {
    const page = await this.page();
    const cdp = await this.session.context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; targetId: string; url: string }[] };
    const worker = targetInfos.find((target) => target.type === 'service_worker' && target.url.includes(this.session.extensionId));
    if (worker) await cdp.send('Target.closeTarget', { targetId: worker.targetId });
    await cdp.detach();
    await page.waitForTimeout(300);
  }

  /** Import a file through the reading room's file input; seconds until it says so. */
  async importFile(path: string): Promise<number> {
    return (await importThroughReadingRoom(this.session, path)).seconds;
  }

  /** Export everything through the reading room; seconds and the file's size. */
  async exportAll(): Promise<{ seconds: number; bytes: number; lines: number }> {
    const { seconds, bytes, lines, path } = await exportThroughReadingRoom(this.session);
    rmSync(dirname(path), { recursive: true, force: true });
    return { seconds, bytes, lines };
  }
}

/** Nine entities from the most to the least mentioned, each with a page being read that names it. */
function cardCalls(counts: Record<string, number>, files: CorpusFileInfo[]): { entityId: string; count: number; page: PageContextInfo }[] {
  const ranked = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const picks = [0, 1, 3, 8, 20, 40, 80, 120, ranked.length - 1].map((index) => ranked[Math.min(index, ranked.length - 1)] as [string, number]);
  const samples = files.flatMap((file) => file.sample);
  const next = random(99);
  return picks.map(([entityId, count]) => {
    const entry = samples[Math.floor(next() * samples.length)]!;
    const others = [...new Set(entry.excerpts.flatMap((excerpt) => excerpt.entityIds))].filter((id) => id !== entityId).slice(0, 6);
    return {
      entityId,
      count,
      page: { url: `https://reading.example/${entry.source.id}`, title: entry.source.title, date: entry.source.date, entityIds: [entityId, ...others] },
    };
  });
}

async function measureCards(reader: Reader, port: number, label: string, files: CorpusFileInfo[], details: Record<string, unknown>): Promise<BenchRow[]> {
  const counts = (await reader.timed<Record<string, number>>({ type: 'entity-counts' })).value;
  const calls = cardCalls(counts, files);
  const penalties: number[] = [];
  const awakeTimes: number[] = [];
  const coldTimes: number[] = [];
  let heap = Number.NaN;
  for (const [index, call] of calls.entries()) {
    const ask = () => reader.timed({ type: 'excerpts-for', entityId: call.entityId, page: call.page, limit: 5 });
    await ask();
    const awake = median([(await ask()).ms, (await ask()).ms, (await ask()).ms]);
    await reader.stopWorker();
    const cold = (await ask()).ms;
    if (index === 0) heap = await workerHeapMb(port, reader.session.extensionId);
    awakeTimes.push(awake);
    coldTimes.push(cold);
    penalties.push(cold - awake);
  }
  const row = (name: string, value: number, unit: string, extra: Partial<BenchRow> = {}): BenchRow => ({
    area: 'store (extension)', name: `${name} (${label})`, value: round(value), unit, ...extra, details: { ...details, ...(extra.details ?? {}) },
  });
  return [
    row('first card after the worker stopped, minus awake', median(penalties), 'ms', {
      baseline: round(median(awakeTimes)), baselineName: 'same card, worker awake',
      target: label === '100k' ? '≤ 250 ms' : undefined, pass: label === '100k' ? median(penalties) <= 250 : undefined,
      details: { entities: calls.map((call) => `${call.entityId}:${call.count}`), cold: coldTimes.map(round), awake: awakeTimes.map(round) },
    }),
    row('first card after the worker stopped, minus awake, worst entity', Math.max(...penalties), 'ms'),
    row('card, worker awake, median', median(awakeTimes), 'ms'),
    row('heap of the woken worker after a card', heap, 'MB', label === '100k' ? { target: '≤ 30 MB', pass: heap <= 30 } : {}),
  ];
}

/** Adding a page as "Add this page" does: the first after a wake, then the median of the next ones. */
async function measureAdds(reader: Reader, label: string, details: Record<string, unknown>): Promise<BenchRow[]> {
  const generator = new CorpusGenerator(benchGazetteer(), 4242);
  await reader.stopWorker();
  const first = (await reader.timed({ type: 'add-page', page: generator.page() })).ms;
  const next: number[] = [];
  for (let i = 0; i < 8; i++) next.push((await reader.timed({ type: 'add-page', page: generator.page() })).ms);
  const row = (name: string, value: number): BenchRow => ({
    area: 'store (extension)', name: `${name} (${label})`, value: round(value), unit: 'ms', target: '≤ 100 ms', pass: value <= 100, details: { ...details, excerptsPerPage: 6 },
  });
  return [row('add a page, first after the worker stopped', first), row('add a page, median', median(next))];
}

async function measureSearch(reader: Reader, port: number, label: string, details: Record<string, unknown>): Promise<BenchRow[]> {
  const afterImport = await reader.timed<{ excerpts: number; tookMs: number }>({ type: 'prepare-search' });
  await reader.stopWorker();
  const afterWake = await reader.timed<{ excerpts: number; tookMs: number }>({ type: 'prepare-search' });
  const heap = await workerHeapMb(port, reader.session.extensionId);
  const workload = queries(benchGazetteer(), random(7));
  const times: number[] = [];
  const inWorker: number[] = [];
  // As the reading room asks: the first page of 20 results.
  for (const item of workload) await reader.timed({ type: 'search', query: item.query, filters: item.filters ?? {}, limit: 20 });
  for (const item of workload) {
    const answer = await reader.timed<{ tookMs: number }>({ type: 'search', query: item.query, filters: item.filters ?? {}, limit: 20 });
    times.push(answer.ms);
    inWorker.push(answer.value.tookMs);
  }
  const row = (name: string, value: number, unit: string, extra: Partial<BenchRow> = {}): BenchRow => ({
    area: 'store (extension)', name: `${name} (${label})`, value: round(value), unit, ...extra, details: { ...details, ...(extra.details ?? {}) },
  });
  const p95 = percentile(times, 95);
  return [
    row('load the search index after an import (rebuild)', afterImport.ms, 'ms'),
    row('load the search index after a wake (snapshot)', afterWake.ms, 'ms'),
    row('heap of the worker with the search index loaded', heap, 'MB'),
    row('search p50, index loaded', percentile(times, 50), 'ms', { details: { queries: workload.length } }),
    row('search p95, index loaded', p95, 'ms', { ...(label === '100k' ? { target: '≤ 20 ms', pass: p95 <= 20 } : {}), details: { queries: workload.length, inWorkerP50: round(percentile(inWorker, 50)), inWorkerP95: round(percentile(inWorker, 95)) } }),
  ];
}

const bench: BenchModule = {
  title: 'Corpus store through the real extension in Chromium: import, cards after a wake, search, export',
  async run({ quick }) {
    const first = quick ? 10_000 : PART;
    // STORE_BENCH_PARTS=1 stops at 100k (the 1M run takes ten imports).
    const parts = quick ? 1 : Number(process.env.STORE_BENCH_PARTS ?? 10);
    const dir = mkdtempSync(join(tmpdir(), 'backstory-store-bench-'));
    const port = await freePort();
    const session = await launchExtension({ args: ['--js-flags=--expose-gc', `--remote-debugging-port=${port}`] });
    const reader = new Reader(session);
    const rows: BenchRow[] = [];
    try {
      const files: CorpusFileInfo[] = [];
      console.error(`  store-extension: writing a ${first.toLocaleString('en-US')}-excerpt export file…`);
      files.push(await writeCorpusFile(join(dir, 'part-0.jsonl'), first, 0));
      const label = quick ? '10k' : '100k';
      const importSeconds = await reader.importFile(files[0]!.path);
      const details = { excerpts: first, sources: files[0]!.sources, fileMB: round(statSync(files[0]!.path).size / 1e6) };
      rows.push({ area: 'store (extension)', name: `import an export through the reading room (${label})`, value: round(importSeconds), unit: 's', target: quick ? undefined : '≤ 60 s', pass: quick ? undefined : importSeconds <= 60, details });
      rows.push(...(await measureCards(reader, port, label, files, details)));
      rows.push(...(await measureAdds(reader, label, details)));
      rows.push(...(await measureSearch(reader, port, label, details)));
      const exported = await reader.exportAll();
      rows.push({ area: 'store (extension)', name: `export everything through the reading room (${label})`, value: round(exported.seconds), unit: 's', details: { ...details, lines: exported.lines, fileMB: round(exported.bytes / 1e6) } });
      if (parts > 1) {
        const more: number[] = [];
        for (let part = 1; part < parts; part++) {
          console.error(`  store-extension: part ${part + 1} of ${parts}…`);
          const file = await writeCorpusFile(join(dir, `part-${part}.jsonl`), PART, part);
          files.push(file);
          more.push(await reader.importFile(file.path));
          rmSync(file.path, { force: true });
        }
        const big = { excerpts: PART * parts, imports: more.map(round) };
        rows.push({ area: 'store (extension)', name: 'import 100k more into a growing store, median (to 1M)', value: round(median(more)), unit: 's', details: big });
        rows.push(...(await measureCards(reader, port, '1M', files, big)));
      }
    } finally {
      await session.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};

export default bench;
