/**
 * "Add this page" in the built extension: from the popup and the card, the date and how it was
 * found, updating instead of duplicating, non-article and empty pages, and the added page showing
 * up in cards on other pages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddPageResult } from '../../core/protocol';
import { CardInspector, type ExtensionSession, hoverMention, launchExtension, waitForMarks } from './harness';
import { type StaticServer, startStaticServer } from './static-server';

describe('adding pages to the corpus', () => {
  let session: ExtensionSession;
  let server: StaticServer;

  beforeAll(async () => {
    server = await startStaticServer();
    session = await launchExtension();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  async function openPopupFor(page: Page): Promise<Page> {
    const tabId = await session.tabIdOf(page);
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    return popup;
  }

  async function ask<T>(message: unknown): Promise<T> {
    const reply = await session.request<T>(message);
    if (!reply.ok) throw new Error(reply.error?.message);
    return reply.value as T;
  }

  it('adds an article from the popup, dated from its metadata, and updates it when added again', async () => {
    const article = await session.context.newPage();
    await article.goto(server.url('/report.html'));
    await session.scanReport(article);
    const popup = await openPopupFor(article);
    await popup.getByRole('button', { name: 'Add this page' }).click();
    const status = popup.getByRole('status').filter({ hasText: /Added|Updated|could not/u });
    await status.waitFor({ timeout: 15_000 });
    expect(await status.textContent()).toMatch(/Added: \d+ excerpts, dated Nov 20, 2024 \(from the page’s structured data \(JSON-LD\)\)\./u);

    const sources = await ask<{ id: string; url?: string; title: string; origin: string; author?: string; site?: string; dateSource: string }[]>({ type: 'list-sources' });
    const added = sources.filter((source) => source.origin === 'reader');
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      url: 'https://news.example/2024/11/20/pokrovsk-front',
      title: 'Fighting intensifies near Pokrovsk as Syrskyi visits the front',
      author: 'Olena Testwriter',
      site: 'Example News',
      dateSource: 'json-ld',
    });

    await popup.getByRole('button', { name: 'Add again' }).click();
    await popup.getByRole('status').filter({ hasText: /Updated/u }).waitFor({ timeout: 15_000 });
    const after = await ask<{ origin: string }[]>({ type: 'list-sources' });
    expect(after.filter((source) => source.origin === 'reader')).toHaveLength(1);
    await popup.close();
    await article.close();
  });

  it('shows the added page in cards on other pages, marked as the reader’s own', async () => {
    server.route('/other.html', '<!doctype html><title>Elsewhere</title><body><p>The road from Pokrovsk to Kostiantynivka is under fire, soldiers say.</p></body>');
    const page = await session.context.newPage();
    await page.goto(server.url('/other.html'));
    await waitForMarks(page, 2);
    const card = await CardInspector.attach(page);
    await hoverMention(page, 'Pokrovsk');
    const content = await card.waitForContent();
    expect(content.excerpts.length).toBeGreaterThan(0);
    const own = content.excerpts.filter((excerpt) => excerpt.own);
    expect(own.length).toBeGreaterThan(0);
    expect(own[0]).toMatchObject({ datetime: '2024-11-20T07:45:00+02:00', source: 'Example News', link: 'https://news.example/2024/11/20/pokrovsk-front' });
    await card.detach();
    await page.close();
  });

  it('recognises a front page, explains why, and adds it anyway when asked', async () => {
    const front = await session.context.newPage();
    await front.goto(server.url('/front.html'));
    await session.scanReport(front);
    const popup = await openPopupFor(front);
    await popup.getByRole('button', { name: 'Add this page' }).click();
    const failure = popup.getByRole('status').filter({ hasText: /not look like an article|rather than an article/u });
    await failure.waitFor({ timeout: 15_000 });
    expect(await failure.textContent()).toMatch(/not look like an article|rather than an article/u);
    await popup.getByRole('button', { name: 'Add anyway' }).click();
    await popup.getByRole('status').filter({ hasText: /Added/u }).waitFor({ timeout: 15_000 });
    await popup.close();
    await front.close();
  });

  it('gives a clear message for a page with no article text, and stores nothing', async () => {
    const before = await ask<unknown[]>({ type: 'list-sources' });
    const empty = await session.context.newPage();
    await empty.goto(server.url('/empty.html'));
    await session.scanReport(empty);
    const tabId = await session.tabIdOf(empty);
    await expect(ask<AddPageResult>({ type: 'add-tab', tabId, force: true })).rejects.toThrow(/no passage of text|no article text|could not find any article text/iu);
    expect(await ask<unknown[]>({ type: 'list-sources' })).toHaveLength(before.length);
    await empty.close();
  });

  it('adds the page from the card, and the card then shows it', async () => {
    server.route('/kursk.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sudzha after the incursion</title>
      <meta property="article:published_time" content="2025-03-14T10:00:00Z"></head><body><article><h1>Sudzha after the incursion</h1>
      <p>Ukrainian troops withdrew from Sudzha in March, ending the largest part of their hold on Russia's Kursk region that had begun in August 2024. Russian officials said the town was largely destroyed.</p>
      <p>Residents who returned to Sudzha described streets of burned houses and a gas metering station damaged in the fighting. The governor of the Kursk region promised compensation, but many families are still waiting.</p>
      <p>Military bloggers argued over whether the withdrawal was orderly. Ukrainian commanders insisted their units left the Kursk salient in good order after weeks of pressure on the supply roads.</p>
      </article></body></html>`);
    const page = await session.context.newPage();
    await page.goto(server.url('/kursk.html'));
    await waitForMarks(page, 2);
    const card = await CardInspector.attach(page);
    await hoverMention(page, 'Sudzha');
    const before = await card.waitForContent();
    // A fresh install already knows Sudzha's key dates (the Backstory chronicle), each linked to its record.
    expect(before.keyDates.length).toBeGreaterThanOrEqual(2);
    for (const item of before.keyDates) {
      expect(item.datetime).toMatch(/^\d{4}-\d{2}/u);
      expect(item.source).toMatch(/^https:\/\//u);
    }
    // What happened before the page (2025-03-14) comes first.
    expect(before.keyDates[0]!.datetime! <= '2025-03-14').toBe(true);
    expect(before.empty).toMatch(/No excerpts about Sudzha from your pages yet/u);
    const button = await card.buttonCentre('Add this page');
    await page.mouse.move(button.x, button.y, { steps: 3 });
    await page.mouse.click(button.x, button.y);
    for (let i = 0; i < 100; i++) {
      const content = await card.read();
      if (content?.status.startsWith('Added')) break;
      await page.waitForTimeout(100);
    }
    const after = await card.read();
    expect(after?.status).toMatch(/Added: 3 excerpts, dated Mar 14, 2025/u);
    // A page is not its own backstory: its excerpts show on other pages.
    expect(after?.empty).toMatch(/now in your corpus/u);
    await card.detach();
    server.route('/sudzha-elsewhere.html', '<!doctype html><title>Elsewhere</title><body><p>Gas transit through Sudzha stopped on 1 January.</p></body>');
    await page.goto(server.url('/sudzha-elsewhere.html'));
    await waitForMarks(page, 1);
    const other = await CardInspector.attach(page);
    await hoverMention(page, 'Sudzha');
    const content = await other.waitForContent();
    expect(content.excerpts[0]).toMatchObject({ datetime: '2025-03-14T10:00:00Z', own: true });
    await other.detach();
    await page.close();
  });
});
