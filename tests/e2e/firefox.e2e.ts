/**
 * The Firefox build (.output/firefox-mv2) in Debian's headless Firefox ESR, driven over WebDriver
 * BiDi: the extension installs, marks mentions with the Highlight API and opens the hover card.
 * (BiDi cannot open moz-extension:// pages or reach into a closed shadow root, so the popup, the
 * reading room and the card's contents are tested in Chromium only.)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_EXTENSION_DIR, FIREFOX_PATH, FirefoxSession } from './firefox-bidi';
import { type StaticServer, startStaticServer } from './static-server';

const HIGHLIGHT_TEXTS = `[...(CSS.highlights.get('backstory-mention') || [])].map((range) => {
  const live = document.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  return live.toString();
})`;

describe.skipIf(!FIREFOX_PATH)('the Firefox build in headless Firefox', () => {
  let firefox: FirefoxSession;
  let server: StaticServer;

  beforeAll(async () => {
    if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) throw new Error('Build it first: npm run build:firefox');
    server = await startStaticServer();
    firefox = await FirefoxSession.launch();
  });
  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it('marks mentions on a page, and none of the traps', async () => {
    await firefox.navigate(server.url('/article.html'));
    await firefox.waitFor(`CSS.highlights.get('backstory-mention')?.size >= 5`);
    const texts = await firefox.evaluate<string[]>(HIGHLIGHT_TEXTS);
    expect(texts).toEqual(expect.arrayContaining(['Kherson', 'Vladimir Putin', 'Sergei Surovikin', 'NATO', 'Херсона', 'Києві']));
    expect(texts).not.toEqual(expect.arrayContaining(['Kyivstar', 'Херсонес']));
  });

  it('opens the hover card on a mention', async () => {
    const point = await firefox.evaluate<{ x: number; y: number }>(`(() => {
      const range = [...CSS.highlights.get('backstory-mention')].find((candidate) => candidate.startContainer.parentElement.id === 'p1');
      const live = document.createRange();
      live.setStart(range.startContainer, range.startOffset);
      live.setEnd(range.endContainer, range.endOffset);
      const rect = live.getClientRects()[0];
      return { x: rect.left + 5, y: rect.top + rect.height / 2 };
    })()`);
    await firefox.movePointer([{ x: point.x + 40, y: point.y + 60 }, point]);
    await firefox.waitFor(`document.querySelector('backstory-card')`);
    // Closed to the page, as in Chrome.
    expect(await firefox.evaluate<boolean>(`document.querySelector('backstory-card').shadowRoot === null`)).toBe(true);
  });
});
