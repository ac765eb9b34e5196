/**
 * The hover card never covers the mention it explains: on the served test pages, the demo page and
 * real saved news pages, at a desktop (1280×860), a short laptop (1366×657) and a phone-sized
 * (390×700) viewport, many marks are brought to different heights of the viewport and hovered; the
 * card's box (read through the closed shadow root) must intersect none of the mention's rects and
 * stay inside the viewport.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardInspector, type ExtensionSession, type ViewportRect, activeMentionRects, launchExtension, markCount } from './harness';
import { type StaticServer, startStaticServer } from './static-server';

/** Pages with marks all over them: the test pages, the demo page and saved news pages. */
const PAGES = [
  '/article.html',
  '/report.html',
  '/front.html',
  '/demo.html',
  '/fixtures/nytimes-1/',
  '/fixtures/yahoo-2/',
  '/fixtures/yahoo-3/',
  '/fixtures/breitbart/',
];
/** Marks tried per page, spread over the page. */
const MARKS_PER_PAGE = 5;
/** Where the mark is put before hovering, as a fraction of the viewport's height: middle, edges, between. */
const HEIGHTS = [0.5, 0.08, 0.92, 0.3, 0.7, 0.97, 0.02];

const VIEWPORTS = [
  { width: 1280, height: 860 },
  { width: 1366, height: 657 },
  { width: 390, height: 700 },
];

interface Checked {
  page: string;
  mark: number;
  box: { x: number; y: number; width: number; height: number };
  rects: ViewportRect[];
  viewport: { width: number; height: number };
}

describe('where the hover card goes', () => {
  let session: ExtensionSession;
  let server: StaticServer;

  beforeAll(async () => {
    server = await startStaticServer();
    server.route('/demo.html', readFileSync(join(import.meta.dirname, '..', '..', 'assets', 'demo', 'index.html'), 'utf8'));
    session = await launchExtension();
    // A short rest is enough here: this suite is about where the card goes, not when.
    await session.setSettings({ hoverDelayMs: 150 });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  /**
   * Scroll mark `index` so that its first line sits at `fraction` of the viewport's height and
   * return the point to hover, or undefined when the mark cannot be hovered there (out of view
   * sideways, or under something else such as a sticky bar).
   */
  async function bringMarkTo(page: Page, index: number, fraction: number): Promise<{ x: number; y: number } | undefined> {
    return page.evaluate(([i, at]) => {
      // Full and light marks alike (light: a name with only its description and key dates).
      const range = [...((CSS.highlights.get('backstory-mention') ?? []) as Iterable<AbstractRange>), ...((CSS.highlights.get('backstory-mention-light') ?? []) as Iterable<AbstractRange>)][i];
      if (!range) return undefined;
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      const element = range.startContainer.parentElement;
      if (!element) return undefined;
      element.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
      const before = live.getClientRects()[0];
      if (!before) return undefined;
      scrollBy({ top: before.top - at * innerHeight, behavior: 'instant' as ScrollBehavior });
      const first = [...live.getClientRects()].find((rect) => rect.width > 0 && rect.height > 0);
      if (!first || first.top < 0 || first.bottom > innerHeight || first.left < 0 || first.right > document.documentElement.clientWidth) return undefined;
      const x = first.left + Math.min(first.width / 2, 20);
      const y = first.top + first.height / 2;
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(hit === element || hit.contains(element) || element.contains(hit))) return undefined;
      return { x, y };
    }, [index, fraction] as const);
  }

  async function waitForOpen(card: CardInspector): Promise<boolean> {
    for (let attempt = 0; attempt < 30; attempt++) {
      if (await card.isOpen()) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }

  /** Hover marks across every page at one viewport; returns what was checked. */
  async function hoverAcrossPages(viewport: { width: number; height: number }): Promise<Checked[]> {
    const checked: Checked[] = [];
    let heightTurn = 0;
    for (const path of PAGES) {
      const page = await session.context.newPage();
      await page.setViewportSize(viewport);
      await page.goto(server.url(path), { waitUntil: 'domcontentloaded' });
      await session.scanReport(page);
      const count = await markCount(page);
      const card = await CardInspector.attach(page);
      const step = Math.max(1, Math.floor(count / MARKS_PER_PAGE));
      for (let index = 0; index < count && index / step < MARKS_PER_PAGE; index += step) {
        const point = await bringMarkTo(page, index, HEIGHTS[heightTurn++ % HEIGHTS.length]!);
        if (!point) continue;
        await page.mouse.move(point.x + 30, point.y + 45);
        await page.mouse.move(point.x, point.y, { steps: 4 });
        if (!(await waitForOpen(card))) continue;
        await card.waitForContent();
        await page.waitForTimeout(100); // a frame or two for the placement after the content came
        const box = await card.box();
        const rects = await activeMentionRects(page);
        const seen = await page.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight }));
        if (box && rects.length > 0) checked.push({ page: path, mark: index, box, rects, viewport: seen });
        await page.keyboard.press('Escape');
        await page.mouse.move(0, 0);
      }
      await card.detach();
      await page.close();
    }
    return checked;
  }

  for (const viewport of VIEWPORTS) {
    it(`never covers the mention and stays in the viewport at ${viewport.width}×${viewport.height}`, async () => {
      const checked = await hoverAcrossPages(viewport);
      expect(checked.length).toBeGreaterThanOrEqual(20);
      const covering: string[] = [];
      const outside: string[] = [];
      for (const { page, mark, box, rects, viewport: seen } of checked) {
        const where = `${page} mark ${mark}: card ${JSON.stringify(box)}, mention ${JSON.stringify(rects)}`;
        for (const rect of rects) {
          const overlaps = box.x < rect.right && rect.left < box.x + box.width && box.y < rect.bottom && rect.top < box.y + box.height;
          if (overlaps) covering.push(where);
        }
        if (box.x < 7.5 || box.y < 7.5 || box.x + box.width > seen.width - 7.5 || box.y + box.height > seen.height - 7.5) outside.push(where);
      }
      expect(covering).toEqual([]);
      expect(outside).toEqual([]);
      // The card is as wide as the viewport allows.
      for (const { box, viewport: seen } of checked) expect(Math.round(box.width)).toBe(Math.min(400, seen.width - 16));
    }, 300_000);
  }
});
