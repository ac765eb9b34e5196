/**
 * The toolbar popup, opened as a page for a tab with a test article (popup.html?tab=<id>): the
 * entities by kind, showing one on the page, the best excerpts, the switches, and its states.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardInspector, type ExtensionSession, SCREENSHOTS_DIR, launchExtension, markCount, waitForMarks } from './harness';
import { type StaticServer, startStaticServer } from './static-server';

describe('the popup', () => {
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

  async function popupFor(page: Page): Promise<Page> {
    const tabId = await session.tabIdOf(page);
    const popup = await session.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    return popup;
  }

  async function article(): Promise<Page> {
    const page = await session.context.newPage();
    await page.goto(server.url('/article.html'));
    await session.scanReport(page);
    return page;
  }

  it('lists the entities on the page by kind, with counts and the spellings seen', async () => {
    const page = await article();
    const popup = await popupFor(page);
    const places = popup.getByRole('list', { name: 'Places' });
    await places.waitFor();
    const kherson = places.getByRole('listitem').filter({ hasText: 'Kherson' });
    expect(await kherson.getByRole('button').first().textContent()).toMatch(/Kherson\s*as Херсон, Херсона\s*4/u);
    expect(await popup.getByRole('list', { name: 'People' }).getByRole('listitem').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Vladimir Putin'), expect.stringContaining('Sergei Surovikin')]),
    );
    expect(await popup.getByRole('list', { name: 'Organisations' }).textContent()).toContain('NATO');
    expect(await popup.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['On this page', 'Best excerpts for this page']);
    await popup.close();
    await page.close();
  });

  it('shows the best excerpts for the page as a whole, dated', async () => {
    const page = await article();
    const popup = await popupFor(page);
    const list = popup.getByRole('list', { name: 'Best excerpts for this page' });
    await list.waitFor();
    const items = list.locator('article');
    expect(await items.count()).toBeGreaterThanOrEqual(3);
    for (const datetime of await list.locator('time').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime')))) {
      expect(datetime).toMatch(/^\d{4}-\d{2}-\d{2}/u);
    }
    await popup.screenshot({ path: join(SCREENSHOTS_DIR, 'popup.png') });
    await popup.close();
    await page.close();
  });

  it('shows an entity on the page: scrolls to its first mention and opens its card', async () => {
    const page = await article();
    const card = await CardInspector.attach(page);
    const popup = await popupFor(page);
    await popup.getByRole('list', { name: 'People' }).getByRole('button', { name: /^Sergei Surovikin/u }).click();
    const content = await card.waitForContent();
    expect(content.label).toBe('Backstory: Sergei Surovikin');
    await card.detach();
    await page.close();
  });

  it('pauses everywhere and turns off on this site, and says so', async () => {
    const page = await article();
    const popup = await popupFor(page);
    await popup.getByLabel('Pause Backstory everywhere').check();
    await page.waitForFunction(() => !CSS.highlights.has('backstory-mention') && !CSS.highlights.has('backstory-mention-light'));
    await popup.getByText('Backstory is paused everywhere.').waitFor();
    await popup.getByLabel('Pause Backstory everywhere').uncheck();
    await waitForMarks(page, 5);
    await popup.getByLabel('Turn off on 127.0.0.1').check();
    await page.waitForFunction(() => !CSS.highlights.has('backstory-mention') && !CSS.highlights.has('backstory-mention-light'));
    await popup.getByText('Backstory is off on 127.0.0.1.', { exact: false }).waitFor();
    await popup.getByLabel('Turn off on 127.0.0.1').uncheck();
    await waitForMarks(page, 5);
    expect(await markCount(page)).toBeGreaterThan(4);
    await popup.close();
    await page.close();
  });

  it('says when a page has no mentions', async () => {
    server.route('/plain.html', '<!doctype html><title>Recipes</title><body><p>Slow-cooked lentil soup with cumin.</p></body>');
    const page = await session.context.newPage();
    await page.goto(server.url('/plain.html'));
    await session.scanReport(page);
    const popup = await popupFor(page);
    await popup.getByText('No people, places or organisations of the war on this page.').waitFor();
    await popup.close();
    await page.close();
  });

  it('says when Backstory cannot run on the tab', async () => {
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('options.html'));
    const popup = await popupFor(page);
    await popup.getByText(/Backstory cannot read this page/u).waitFor();
    // Nothing to add from there either.
    expect(await popup.getByRole('button', { name: 'Add this page' }).count()).toBe(0);
    await popup.close();
    await page.close();
  });
});
