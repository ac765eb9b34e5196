/**
 * Scrolling inside the hover card stays inside it: the mouse wheel past the end of the excerpt
 * list, or over the card's header, does not scroll the page or close the card; and from the
 * keyboard the list is a Tab stop that the arrows, Page Down, End and Home scroll, without the page
 * scrolling or the page's own key listeners hearing the keys; Escape closes and gives focus back.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardInspector, type ExtensionSession, hoverMention, launchExtension, waitForMarks } from './harness';
import { type StaticServer, startStaticServer } from './static-server';

describe('scrolling in the hover card', () => {
  let session: ExtensionSession;
  let server: StaticServer;

  beforeAll(async () => {
    server = await startStaticServer();
    session = await launchExtension({ viewport: { width: 1280, height: 860 } });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  /** The test article with room above and below it, so that the page could scroll either way. */
  async function openLongArticle(): Promise<{ page: Page; card: CardInspector }> {
    const page = await session.context.newPage();
    await page.goto(server.url('/article.html'));
    await waitForMarks(page, 5);
    await page.evaluate(() => {
      // Styles, not new elements: the scanner would re-read those and repaint the marks under an open card.
      document.body.style.paddingTop = '1500px';
      document.getElementById('later')!.style.height = '3000px';
    });
    return { page, card: await CardInspector.attach(page) };
  }

  /** Let wheel scrolling (animated in Chromium) finish: a few frames with no change. */
  async function settle(page: Page, read: () => Promise<unknown>): Promise<void> {
    let last = JSON.stringify(await read());
    for (let still = 0; still < 4;) {
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      await page.waitForTimeout(50);
      const now = JSON.stringify(await read());
      still = now === last ? still + 1 : 0;
      last = now;
    }
  }

  it('keeps the wheel from scrolling the page, past the end of the list and over the header', async () => {
    const { page, card } = await openLongArticle();
    await hoverMention(page, 'Kherson');
    await card.waitForContent();
    const list = (await card.list())!;
    expect(list.maxScrollTop).toBeGreaterThan(100); // the list has more than it shows
    const startY = await page.evaluate(() => scrollY);
    expect(startY).toBeGreaterThan(0); // the page could scroll up as well as down
    const state = async () => ({ list: (await card.list())?.scrollTop, page: await page.evaluate(() => scrollY) });

    await page.mouse.move(list.centre.x, list.centre.y, { steps: 3 });
    for (let turn = 0; turn < 12; turn++) await page.mouse.wheel(0, 400);
    await settle(page, state);
    const atEnd = (await card.list())!;
    expect(atEnd.scrollTop).toBeGreaterThanOrEqual(atEnd.maxScrollTop - 1);
    // More turns past the end: the page stays where it was and the card stays open.
    for (let turn = 0; turn < 6; turn++) await page.mouse.wheel(0, 400);
    await settle(page, state);
    expect(await page.evaluate(() => scrollY)).toBe(startY);
    expect(await card.isOpen()).toBe(true);

    // Over the header, which does not scroll, in both directions.
    const box = (await card.box())!;
    await page.mouse.move(box.x + 60, box.y + 20, { steps: 3 });
    for (const delta of [400, -400, 400]) await page.mouse.wheel(0, delta);
    await settle(page, state);
    expect(await page.evaluate(() => scrollY)).toBe(startY);
    expect(await card.isOpen()).toBe(true);

    // Back up to the top of the list and past it.
    await page.mouse.move(list.centre.x, list.centre.y, { steps: 3 });
    for (let turn = 0; turn < 16; turn++) await page.mouse.wheel(0, -400);
    await settle(page, state);
    expect((await card.list())!.scrollTop).toBe(0);
    expect(await page.evaluate(() => scrollY)).toBe(startY);
    expect(await card.isOpen()).toBe(true);

    // The same wheel over the page does scroll it: the checks above could have failed.
    await page.keyboard.press('Escape');
    await page.mouse.move(1200, 400, { steps: 3 });
    await page.mouse.wheel(0, 400);
    await settle(page, state);
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(startY);
    await card.detach();
    await page.close();
  });

  it('is usable from the keyboard: Tab to the list, arrows and End scroll it, Escape gives focus back', async () => {
    const { page, card } = await openLongArticle();
    // A reader on the page: focus on its Home link, and page shortcuts listening for keys.
    await page.evaluate(() => {
      (window as unknown as { heard: string[] }).heard = [];
      const hear = (event: KeyboardEvent) => (window as unknown as { heard: string[] }).heard.push(event.key);
      document.addEventListener('keydown', hear);
      window.addEventListener('keydown', hear);
      document.addEventListener('keyup', hear);
      document.getElementById('headline')!.scrollIntoView({ block: 'start' });
      getSelection()!.removeAllRanges();
      document.querySelector<HTMLElement>('nav a')!.focus();
    });
    const startY = await page.evaluate(() => scrollY);
    // What the show-card command (Alt+Shift+K) sends to the tab.
    const shown = await session.sendToTab<{ shown: boolean }>(page, { type: 'show-card-for-selection' });
    expect(shown.shown).toBe(true);
    const content = await card.waitForContent();
    expect(content.label).toContain('Kherson');
    expect(content.focused).toBe('×');

    await page.keyboard.press('Tab');
    let list = (await card.list())!;
    expect(list).toMatchObject({ focused: true, tabIndex: 0, role: 'region', label: 'Excerpts about Kherson', scrollTop: 0 });
    expect(list.maxScrollTop).toBeGreaterThan(100);

    await page.keyboard.press('ArrowDown');
    const afterOne = (await card.list())!.scrollTop;
    expect(afterOne).toBeGreaterThan(0);
    await page.keyboard.press('ArrowDown');
    const afterTwo = (await card.list())!.scrollTop;
    expect(afterTwo).toBeGreaterThan(afterOne);
    await page.keyboard.press('PageDown');
    expect((await card.list())!.scrollTop).toBeGreaterThan(afterTwo);
    await page.keyboard.press('End');
    list = (await card.list())!;
    expect(list.scrollTop).toBeGreaterThanOrEqual(list.maxScrollTop - 1);
    // Past the end: the page does not take over.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('Home');
    expect((await card.list())!.scrollTop).toBe(0);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('PageUp');

    // The arrows scroll the list from the card's buttons too.
    await page.keyboard.press('Shift+Tab');
    expect((await card.read())!.focused).toBe('×');
    await page.keyboard.press('End');
    list = (await card.list())!;
    expect(list.scrollTop).toBeGreaterThanOrEqual(list.maxScrollTop - 1);

    await settle(page, () => page.evaluate(() => scrollY));
    expect(await page.evaluate(() => scrollY)).toBe(startY);
    expect(await card.isOpen()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([]);

    await page.keyboard.press('Escape');
    expect(await card.isOpen()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Home');
    await card.detach();
    await page.close();
  });
});
