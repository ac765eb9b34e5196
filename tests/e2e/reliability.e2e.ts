/**
 * Reliability, privacy and security of the built extension: no request of its own, hostile pages,
 * the service worker stopped mid-write, concurrent adds, and pages that are hard on a content
 * script (huge text, 100,000 nodes, 10,000 mentions, frames).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExcerptView, PageReport, SearchResult } from '../../core/protocol';
import type { SourceRecord } from '../../core/schema';
import { FRAME_CONTENT, framesPage, longTextPage, manyMentionsPage, manyNodesPage } from './hard-pages';
import { CardInspector, type ExtensionSession, hoverMention, launchExtension, waitForMarks } from './harness';
import { readNetLog } from './net-log';
import { type StaticServer, startStaticServer } from './static-server';

const HOSTILE_ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile article about Kharkiv</title>
<meta property="article:published_time" content="2024-05-10T08:00:00Z"></head><body><article>
<h1>Hostile article about Kharkiv</h1>
<p>Shelling hit Kharkiv again on Friday, officials said, and the regional governor urged residents to stay in shelters. <img src="x" onerror="window.__pwned = 'img'; alert('img')"> The city has been under fire since the start of the full-scale invasion.</p>
<p>Kharkiv residents wrote on a wall: &lt;script&gt;window.__pwned = 'text'&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; as a joke about hackers, a volunteer told reporters in the city centre.</p>
<p>Read the <a href="javascript:window.__pwned='link'">full report from Kharkiv</a> and the statement of the mayor of Kharkiv, Ihor Terekhov, who asked for more air defence systems for the city.</p>
<p>Kharkiv ${'Superlongwordwithoutanybreaks'.repeat(400)} ends here, and the rest of the paragraph about Kharkiv is plain text of ordinary length.</p>
<script>window.__pageScriptRan = true;</script>
</article></body></html>`;

describe('privacy: Backstory makes no request of its own', () => {
  it('records every request of a whole session and finds none from the extension', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backstory-netlog-'));
    const log = join(dir, 'netlog.json');
    const server = await startStaticServer();
    server.route('/hostile.html', HOSTILE_ARTICLE);
    const session = await launchExtension({ args: [`--log-net-log=${log}`, '--net-log-capture-mode=Default'], blockExternal: false });
    try {
      // Browse with "Remember the articles I read" on, hover, open the popup and the reading room,
      // add pages, search, export.
      await session.worker.evaluate(() => (globalThis as any).chrome.storage.local.set({ settings: { remember: true, dwellSeconds: 3, welcomed: true } }));
      const article = await session.context.newPage();
      await article.goto(server.url('/article.html'));
      await waitForMarks(article, 5);
      await article.bringToFront();
      await expect.poll(async () => ((await session.request<{ remembered?: true }[]>({ type: 'list-sources' })).value ?? []).some((source) => source.remembered), { timeout: 15_000 }).toBe(true);
      const card = await CardInspector.attach(article);
      await hoverMention(article, 'Kherson');
      await card.waitForContent();
      await card.detach();
      const tabId = await session.tabIdOf(article);
      const popup = await session.context.newPage();
      await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
      await popup.getByRole('button', { name: /^Add (this page|again)$/u }).click();
      await popup.getByRole('status').filter({ hasText: /Added|Updated/u }).waitFor({ timeout: 15_000 });
      const panel = await session.context.newPage();
      await panel.goto(session.extensionUrl('sidepanel.html#search'));
      await panel.getByRole('searchbox').fill('Kherson withdrawal');
      await panel.getByRole('list', { name: 'Search results' }).waitFor();
      await panel.goto(session.extensionUrl('sidepanel.html#entity=kherson'));
      await panel.getByRole('heading', { name: 'Kherson', level: 2 }).waitFor();
      await panel.goto(session.extensionUrl('sidepanel.html#sources'));
      const download = panel.waitForEvent('download');
      await panel.getByRole('button', { name: 'Export everything' }).click();
      expect((await download).suggestedFilename()).toMatch(/^backstory-corpus-.*\.jsonl$/u);
      // A positive control, so that this test can fail: one request made on purpose from the worker.
      await session.worker.evaluate(() => fetch('http://control.invalid/backstory-probe').catch(() => undefined));
      await article.waitForTimeout(300);
    } finally {
      await session.close();
      await server.close();
    }
    const requests = readNetLog(log);
    rmSync(dir, { recursive: true, force: true });
    const fromExtension = requests.filter((request) => request.initiator.startsWith('chrome-extension://') && /^(https?|wss?):/u.test(request.url));
    expect(fromExtension.map((request) => request.url)).toEqual(['http://control.invalid/backstory-probe']);
    // Pages served by the test server make requests only to it (content scripts run in the page).
    const fromTestPages = requests.filter((request) => request.initiator.startsWith('http://127.0.0.1'));
    for (const request of fromTestPages) expect(request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//u);
    expect(requests.length).toBeGreaterThan(5);
  });
});

describe('hostile pages and hard pages', () => {
  let session: ExtensionSession;
  let server: StaticServer;
  const extensionErrors: string[] = [];

  beforeAll(async () => {
    server = await startStaticServer();
    session = await launchExtension();
    session.worker.on('console', (message) => {
      if (message.type() === 'error') extensionErrors.push(`worker: ${message.text()}`);
    });
    session.context.on('page', (page) => {
      page.on('console', (message) => {
        // Errors from the content script or an extension page (the page's own 404s are not ours).
        const where = message.location().url ?? '';
        if (page.url().includes('?probe')) return;
        if (message.type() === 'error' && (where.startsWith('chrome-extension://') || /backstory/iu.test(message.text()))) {
          extensionErrors.push(`${page.url()}: ${message.text()}`);
        }
      });
    });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('stores and shows a hostile article as text: no script, no handler, no javascript: link runs', async () => {
    server.route('/hostile.html', HOSTILE_ARTICLE);
    const page = await session.context.newPage();
    const dialogs: string[] = [];
    session.context.on('page', (opened) => opened.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    }));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(server.url('/hostile.html'));
    await session.scanReport(page);
    // The page's own onerror fired on the page (that is the page's business); reset the flag.
    await page.evaluate(() => {
      (window as unknown as { __pwned?: string }).__pwned = undefined;
    });
    dialogs.length = 0;
    const tabId = await session.tabIdOf(page);
    const added = await session.request<{ excerptCount: number }>({ type: 'add-tab', tabId });
    expect(added.ok).toBe(true);

    const panel = await session.context.newPage();
    panel.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await panel.goto(session.extensionUrl('sidepanel.html#search'));
    await panel.getByRole('searchbox').fill('hackers');
    const results = panel.getByRole('list', { name: 'Search results' });
    await results.waitFor();
    expect(await results.locator('script, img, iframe, [onerror], [onload]').count()).toBe(0);
    expect(await results.textContent()).toContain('<script>window.__pwned = \'text\'</script>');
    expect(await results.textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await panel.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    // Every link the reading room shows is http(s).
    const hrefs = await panel.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
    for (const href of hrefs) expect(href).toMatch(/^https?:/u);
    // The very long word wraps instead of widening the panel.
    await panel.getByRole('searchbox').fill('Superlongwordwithoutanybreaks');
    await panel.waitForFunction(() => document.querySelector('[aria-label="Search results"] article') !== null);
    expect(await panel.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1)).toBe(true);

    // And the card on another page shows the same excerpts as text.
    server.route('/kharkiv.html', '<!doctype html><title>Kharkiv</title><body><p>News from Kharkiv tonight.</p></body>');
    const other = await session.context.newPage();
    await other.goto(server.url('/kharkiv.html'));
    await waitForMarks(other, 1);
    const card = await CardInspector.attach(other);
    await hoverMention(other, 'Kharkiv');
    const content = await card.waitForContent();
    expect(content.excerpts.some((excerpt) => excerpt.own)).toBe(true);
    const cardElements = await card.evaluate<{ active: number; hrefs: string[] }>(`function () {
      return {
        active: this.querySelectorAll('script, img, iframe, [onerror], [onload]').length,
        hrefs: [...this.querySelectorAll('a[href]')].map((link) => link.getAttribute('href')),
      };
    }`);
    expect(cardElements?.active).toBe(0);
    for (const href of cardElements?.hrefs ?? []) expect(href).toMatch(/^https?:/u);
    expect(await other.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await card.detach();
    await other.close();
    await panel.close();
    await page.close();
  });

  it('gives a page no way to reach the extension', async () => {
    const page = await session.context.newPage();
    // "?probe": the fetch below fails on purpose; its console error is the test's, not Backstory's.
    await page.goto(server.url('/article.html?probe'));
    await waitForMarks(page, 3);
    const reach = await page.evaluate(async (id) => {
      const chromeApi = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
      let sent = 'no api';
      if (typeof chromeApi?.runtime?.sendMessage === 'function') {
        try {
          await (chromeApi.runtime.sendMessage as (id: string, message: unknown) => Promise<unknown>)(id, { type: 'list-sources' });
          sent = 'answered';
        } catch {
          sent = 'refused';
        }
      }
      // Messages posted to the window reach no listener of ours.
      window.postMessage({ type: 'list-sources' }, '*');
      return { sent, resource: await fetch(`chrome-extension://${id}/manifest.json`).then(() => 'fetched', () => 'blocked') };
    }, session.extensionId);
    expect(reach.sent).not.toBe('answered');
    expect(reach.resource).toBe('blocked');
    await page.close();
  });

  it('keeps the store consistent when the service worker is stopped in the middle of adding pages', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/report.html'));
    await session.scanReport(page);
    const tabId = await session.tabIdOf(page);
    const helper = await session.context.newPage();
    await helper.goto(session.extensionUrl('options.html'));
    const cdp = await session.context.newCDPSession(helper);
    const stopWorker = async () => {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { type: string; targetId: string; url: string }[] };
      const worker = targetInfos.find((target) => target.type === 'service_worker' && target.url.includes(session.extensionId));
      if (worker) await cdp.send('Target.closeTarget', { targetId: worker.targetId });
      return worker !== undefined;
    };
    let stops = 0;
    for (const delay of [0, 2, 5, 10, 20, 40, 80]) {
      const adding = helper.evaluate(async (id) => (globalThis as any).chrome.runtime.sendMessage({ type: 'add-tab', tabId: id }), tabId).catch(() => undefined);
      await helper.waitForTimeout(delay);
      if (await stopWorker()) stops++;
      await adding;
      await helper.waitForTimeout(100);
      // Woken again by the next request: the page is there whole, or not at all.
      const sources = (await session.request<SourceRecord[]>({ type: 'list-sources' })).value!;
      const reader = sources.filter((source) => source.url === 'https://news.example/2024/11/20/pokrovsk-front');
      expect(reader.length).toBeLessThanOrEqual(1);
      if (reader[0]) {
        // Every excerpt of the source is stored and indexed, and its entities' timelines know them.
        const found = (await session.request<SearchResult>({ type: 'search', query: '', filters: { sourceIds: [reader[0].id] }, limit: 100 })).value!;
        expect(found.total).toBe(reader[0].excerptCount);
        const tagged = found.hits.filter((view) => view.excerpt.entityIds.includes('pokrovsk')).length;
        const timeline = (await session.request<{ excerpts: ExcerptView[] }>({ type: 'entity-timeline', entityId: 'pokrovsk' })).value!;
        expect(timeline.excerpts.filter((view) => view.source.id === reader[0]!.id)).toHaveLength(tagged);
      }
      expect((await session.request<{ sources: number }>({ type: 'stats' })).value!.sources).toBe(sources.filter((source) => source.origin === 'bundled').length + reader.length + sources.filter((source) => source.origin === 'reader' && source.url !== 'https://news.example/2024/11/20/pokrovsk-front').length);
    }
    expect(stops).toBe(7);
    await cdp.detach();
    await helper.close();
    await page.close();
  });

  it('adds pages from two tabs at once', async () => {
    server.route('/one.html', `<!doctype html><title>One</title><body><article><h1>Sumy under fire</h1><p>${'Drones struck Sumy overnight, the regional administration said, damaging homes and a school. '.repeat(4)}</p></article></body>`);
    server.route('/two.html', `<!doctype html><title>Two</title><body><article><h1>Odesa port</h1><p>${'Ships kept leaving Odesa with grain despite the attacks on the port, the ministry said on Monday. '.repeat(4)}</p></article></body>`);
    const one = await session.context.newPage();
    await one.goto(server.url('/one.html'));
    await session.scanReport(one);
    const two = await session.context.newPage();
    await two.goto(server.url('/two.html'));
    await session.scanReport(two);
    const [first, second] = await Promise.all([
      session.request({ type: 'add-tab', tabId: await session.tabIdOf(one), force: true }),
      session.request({ type: 'add-tab', tabId: await session.tabIdOf(two), force: true }),
    ]);
    expect([first.ok, second.ok]).toEqual([true, true]);
    const titles = (await session.request<SourceRecord[]>({ type: 'list-sources' })).value!.map((source) => source.title);
    expect(titles).toEqual(expect.arrayContaining(['One', 'Two']));
    await one.close();
    await two.close();
  });

  async function hardPage(path: string, html: string): Promise<{ page: Page; report: PageReport }> {
    server.route(path, html);
    const page = await session.context.newPage();
    await page.goto(server.url(path), { waitUntil: 'domcontentloaded' });
    const report = await session.scanReport(page);
    return { page, report };
  }

  it('scans a 5 MB page in slices, letting the page run in between', async () => {
    const { page, report } = await hardPage('/long.html', longTextPage(5));
    expect(report.scan!.chars).toBeGreaterThan(5_000_000);
    expect(report.scan!.slices).toBeGreaterThan(2);
    expect(report.scan!.mentions).toBeGreaterThan(500);
    // The page's own timer kept ticking while Backstory scanned (it yields between slices).
    expect(await page.evaluate(() => (window as unknown as { __ticks: number }).__ticks)).toBeGreaterThan(3);
    await page.close();
  });

  it('handles a page with 100,000 nodes', async () => {
    const { page, report } = await hardPage('/nodes.html', manyNodesPage(100_000));
    expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeGreaterThan(100_000);
    expect(report.scan!.mentions).toBe(50);
    expect(report.scan!.slices).toBeGreaterThan(1);
    await page.close();
  });

  it('caps the marks on a page with 10,000 mentions but counts them all', async () => {
    const { page, report } = await hardPage('/mentions.html', manyMentionsPage(10_000));
    expect(report.scan!.mentions).toBe(10_000);
    expect(report.scan!.marks).toBe(2000);
    expect(await page.evaluate(() => (((CSS.highlights.get('backstory-mention') as { size: number } | undefined)?.size ?? 0) + ((CSS.highlights.get('backstory-mention-light') as { size: number } | undefined)?.size ?? 0)))).toBe(2000);
    expect(report.entities.reduce((sum, entity) => sum + entity.count, 0)).toBe(10_000);
    // Still responsive: a card opens.
    const card = await CardInspector.attach(page);
    await hoverMention(page, 'Kyiv');
    expect((await card.waitForContent()).label).toBe('Backstory: Kyiv');
    await card.detach();
    await page.close();
  });

  it('marks the top document of a page with frames and leaves the frames alone', async () => {
    server.route('/frame.html', FRAME_CONTENT);
    const { page, report } = await hardPage('/frames.html', framesPage(server.url('/frame.html')));
    expect(report.entities.map((entity) => entity.id).sort()).toEqual(['kyiv', 'zelensky']);
    await page.close();
  });

  it('logged no error from the extension on any of these pages', () => {
    expect(extensionErrors).toEqual([]);
  });
});
