/**
 * The Firefox build (.output/firefox-mv2) in Debian's headless Firefox ESR, driven over WebDriver
 * BiDi: the manifest AMO needs, the extension marks mentions with the Highlight API and opens a
 * styled hover card (also under a strict Content-Security-Policy), adds and remembers pages with
 * the article extraction injected on demand, starts in a tab that was open before it was
 * installed, every keyboard command gets its key, and a name tracked from the reading room is
 * marked in its forms. (BiDi cannot reach into a
 * closed shadow root, so the card's contents are tested in Chromium; its size shows it is styled.)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCorpusFile } from '../../bench/store-files';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_EXTENSION_DIR, FIREFOX_PATH, FirefoxSession } from './firefox-bidi';
import { type StaticServer, startStaticServer } from './static-server';

const HIGHLIGHT_TEXTS = `[...(CSS.highlights.get('backstory-mention') || []), ...(CSS.highlights.get('backstory-mention-light') || [])].map((range) => {
  const live = document.createRange();
  live.setStart(range.startContainer, range.startOffset);
  live.setEnd(range.endContainer, range.endOffset);
  return live.toString();
})`;

/** The middle-left point of the first mark whose text is `text` (inside element #id when given). */
const pointOnMark = (text: string) => `(() => {
  const live = [...(CSS.highlights.get('backstory-mention') || []), ...(CSS.highlights.get('backstory-mention-light') || [])].map((range) => {
    const live = document.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    return live;
  }).find((live) => live.toString() === ${JSON.stringify(text)});
  const rect = live.getClientRects()[0];
  return { x: rect.left + 5, y: rect.top + rect.height / 2 };
})()`;

const CARD_BOX = `document.querySelector('backstory-card')?.getBoundingClientRect().toJSON()`;

/** Whether the open card's box intersects any client rect of the mention it explains (the active highlight). */
const CARD_COVERS_MENTION = `(() => {
  const box = document.querySelector('backstory-card').getBoundingClientRect();
  return [...CSS.highlights.get('backstory-active')].some((range) => {
    const live = document.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    return [...live.getClientRects()].some((rect) => rect.width > 0 && box.left < rect.right && rect.left < box.right && box.top < rect.bottom && rect.top < box.bottom);
  });
})()`;

if (!FIREFOX_PATH) console.warn('Firefox suites skipped: no Firefox (apt-get install -y firefox-esr)');

describe.skipIf(!FIREFOX_PATH)(`the Firefox build in headless Firefox (${FirefoxSession.version()})`, () => {
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

  it('has the manifest addons.mozilla.org needs: a real id, the oldest Firefox tested, no data collected, an event page', () => {
    const manifest = FirefoxSession.manifest();
    const gecko = manifest.browser_specific_settings.gecko;
    expect(gecko.id).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/u);
    expect(gecko.strict_min_version).toBe('140.0');
    expect(gecko).toMatchObject({ data_collection_permissions: { required: ['none'] } });
    expect(manifest.background).toMatchObject({ persistent: false });
    expect(manifest.permissions).not.toContain('sidePanel');
  });

  it('opens the first-run page on install, asking whether to remember the articles read', () => {
    expect(firefox.welcomeSeen).toBe(true);
  });

  it('runs on the Firefox this machine has, no older than the manifest says', () => {
    const major = Number(/(\d+)\./u.exec(FirefoxSession.version())?.[1]);
    expect(major).toBeGreaterThanOrEqual(Number.parseInt(FirefoxSession.manifest().browser_specific_settings.gecko.strict_min_version, 10));
  });

  it('marks mentions on a page, and none of the traps', async () => {
    await firefox.navigate(server.url('/article.html'));
    await firefox.waitFor(`((CSS.highlights.get('backstory-mention')?.size ?? 0) + (CSS.highlights.get('backstory-mention-light')?.size ?? 0)) >= 5`);
    const texts = await firefox.evaluate<string[]>(HIGHLIGHT_TEXTS);
    expect(texts).toEqual(expect.arrayContaining(['Kherson', 'Vladimir Putin', 'Sergei Surovikin', 'NATO', 'Херсона', 'Києві']));
    expect(texts).not.toEqual(expect.arrayContaining(['Kyivstar', 'Херсонес']));
  });

  it('opens a styled hover card on a mention, closed to the page', async () => {
    const point = await firefox.evaluate<{ x: number; y: number }>(pointOnMark('Sergei Surovikin'));
    await firefox.movePointer([{ x: point.x + 40, y: point.y + 60 }, point]);
    await firefox.waitFor(`document.querySelector('backstory-card')?.style.visibility === 'visible'`);
    // Closed to the page, as in Chrome.
    expect(await firefox.evaluate<boolean>(`document.querySelector('backstory-card').shadowRoot === null`)).toBe(true);
    // The card's style sheet applies: its width is the stylesheet's 400 px, not the text's.
    expect((await firefox.evaluate<{ width: number }>(CARD_BOX)).width).toBe(400);
    expect(await firefox.evaluate<boolean>(CARD_COVERS_MENTION)).toBe(false);
  });

  it('keeps wheel turns over the card from scrolling the page, and the card open', async () => {
    // Start with no card: the pointer leaves the one the previous test opened.
    await firefox.movePointer([{ x: 2, y: 2 }]);
    await firefox.waitFor(`!document.querySelector('backstory-card')`);
    await firefox.evaluate(`(() => {
      // Room above and below through styles, which the scanner does not re-read (new nodes would repaint the marks).
      document.body.style.paddingTop = '1500px';
      document.getElementById('later').style.height = '3000px';
      document.getElementById('p2').scrollIntoView({ block: 'center' });
      return true;
    })()`);
    const point = await firefox.evaluate<{ x: number; y: number }>(pointOnMark('NATO'));
    await firefox.movePointer([{ x: point.x + 40, y: point.y + 60 }, point]);
    await firefox.waitFor(`document.querySelector('backstory-card')?.style.visibility === 'visible'`);
    expect(await firefox.evaluate<boolean>(CARD_COVERS_MENTION)).toBe(false);
    const startY = await firefox.evaluate<number>('scrollY');
    expect(startY).toBeGreaterThan(0);
    // The card grows once its excerpts come (the closed root hides the loading state): wait until its box holds still.
    let box = await firefox.evaluate<{ x: number; y: number; width: number; height: number }>(CARD_BOX);
    for (let still = 0; still < 3;) {
      await new Promise((wait) => setTimeout(wait, 150));
      const now = await firefox.evaluate<typeof box>(CARD_BOX);
      still = JSON.stringify(now) === JSON.stringify(box) ? still + 1 : 0;
      box = now;
    }
    expect(await firefox.evaluate<boolean>(CARD_COVERS_MENTION)).toBe(false);
    // Over the middle of the card (its excerpt list) and over its header, down past any end, then up.
    for (const y of [box.y + box.height / 2, box.y + 20]) {
      const at = { x: Math.round(box.x + box.width / 2), y: Math.round(y) };
      await firefox.movePointer([at]);
      await firefox.wheel(at, [600, 600, 600, 600, -600, -600, -600, -600, -600]);
    }
    await new Promise((wait) => setTimeout(wait, 500));
    expect(await firefox.evaluate<number>('scrollY')).toBe(startY);
    expect(await firefox.evaluate<boolean>(`document.querySelector('backstory-card')?.style.visibility === 'visible'`)).toBe(true);
  });

  it('opens a styled card on a page with a strict Content-Security-Policy', async () => {
    server.route('/csp.html', '<!doctype html><title>Strict</title><body><p>Kyiv and Kharkiv under attack; NATO responds.</p></body>', {
      'content-security-policy': "default-src 'none'; style-src 'self'; script-src 'none'",
    });
    await firefox.navigate(server.url('/csp.html'));
    await firefox.waitFor(`((CSS.highlights.get('backstory-mention')?.size ?? 0) + (CSS.highlights.get('backstory-mention-light')?.size ?? 0)) >= 3`);
    const point = await firefox.evaluate<{ x: number; y: number }>(pointOnMark('Kharkiv'));
    await firefox.movePointer([{ x: point.x + 40, y: point.y + 60 }, point]);
    await firefox.waitFor(`document.querySelector('backstory-card')?.style.visibility === 'visible'`);
    expect((await firefox.evaluate<{ width: number }>(CARD_BOX)).width).toBe(400);
  });

  it('gives every keyboard command a key, and the options page shows them', async () => {
    await firefox.navigate(firefox.extensionUrl('/options.html'));
    const commands = await firefox.evaluate<{ name: string; shortcut?: string }[]>(`browser.commands.getAll()`);
    expect(commands.map((command) => command.name).sort()).toEqual(['add-page', 'open-side-panel', 'show-card']);
    for (const command of commands) expect(command.shortcut, command.name).toMatch(/^Alt\+Shift\+[A-Z]$/u);
    await firefox.waitFor(`document.querySelectorAll('[data-command] kbd').length === 3`);
    expect(await firefox.evaluate<boolean>(`document.body.textContent.includes('No key set')`)).toBe(false);
  });
  it('knows every entity’s key dates on a fresh install (the Backstory chronicle)', async () => {
    await firefox.navigate(firefox.extensionUrl('/options.html'));
    const card = await firefox.evaluate<{ keyDates: { excerpt: { date: string; url: string } }[] }>(
      `browser.runtime.sendMessage({ type: 'excerpts-for', entityId: 'sudzha', page: { entityIds: ['sudzha'], date: '2025-03-14' }, limit: 5 }).then((reply) => reply.value)`,
    );
    expect(card.keyDates.length).toBeGreaterThanOrEqual(2);
    for (const view of card.keyDates) expect(view.excerpt.url).toMatch(/^https:\/\//u);
  });

  it('remembers an article read for the dwell time once the reader opted in', async () => {
    await firefox.navigate(firefox.extensionUrl('/options.html'));
    await firefox.evaluate(`browser.storage.local.get('settings').then(({ settings }) => browser.storage.local.set({ settings: { ...settings, remember: true, dwellSeconds: 3, welcomed: true } })).then(() => true)`);
    await firefox.navigate(server.url('/report.html'));
    await firefox.waitFor(`((CSS.highlights.get('backstory-mention')?.size ?? 0) + (CSS.highlights.get('backstory-mention-light')?.size ?? 0)) >= 2`);
    await new Promise((wait) => setTimeout(wait, 5000));
    await firefox.navigate(firefox.extensionUrl('/options.html'));
    const waitForRemembered = async () => {
      for (let attempt = 0; attempt < 30; attempt++) {
        const sources = await firefox.evaluate<{ url?: string; remembered?: boolean }[]>(`browser.runtime.sendMessage({ type: 'list-sources' }).then((reply) => reply.value)`);
        const kept = sources.filter((source) => source.remembered);
        if (kept.length > 0) return kept;
        await new Promise((wait) => setTimeout(wait, 200));
      }
      return [];
    };
    const kept = await waitForRemembered();
    expect(kept.map((source) => source.url)).toEqual(['https://news.example/2024/11/20/pokrovsk-front']);
    await firefox.evaluate(`browser.storage.local.get('settings').then(({ settings }) => browser.storage.local.set({ settings: { ...settings, remember: false } })).then(() => true)`);
    await firefox.evaluate(`browser.runtime.sendMessage({ type: 'forget-remembered' }).then((reply) => reply.value.forgotten.length)`);
  });

  it('adds a page as the popup does: the tab loads the article extraction on demand', async () => {
    await firefox.navigate(server.url('/report.html'));
    await firefox.waitFor(`((CSS.highlights.get('backstory-mention')?.size ?? 0) + (CSS.highlights.get('backstory-mention-light')?.size ?? 0)) >= 2`);
    // The reader's popup, in a second tab: it asks the background to add the article's tab.
    const articleTab = firefox.context;
    const { context: popupTab } = await firefox.send('browsingContext.create', { type: 'tab' });
    firefox.context = popupTab;
    try {
      await firefox.navigate(firefox.extensionUrl('/options.html'));
      const added = await firefox.evaluate<{ ok: boolean; value?: { source: { id: string; url: string; origin: string }; excerptCount: number } }>(
        `browser.tabs.query({}).then((tabs) => browser.runtime.sendMessage({ type: 'add-tab', tabId: tabs.find((tab) => tab.url === ${JSON.stringify(server.url('/report.html'))}).id }))`,
      );
      expect(added.ok).toBe(true);
      expect(added.value!.source).toMatchObject({ url: 'https://news.example/2024/11/20/pokrovsk-front', origin: 'reader' });
      expect(added.value!.excerptCount).toBeGreaterThan(0);
      await firefox.evaluate(`browser.runtime.sendMessage({ type: 'delete-source', sourceId: ${JSON.stringify(added.value!.source.id)} }).then((reply) => reply.ok)`);
    } finally {
      await firefox.send('browsingContext.close', { context: popupTab });
      firefox.context = articleTab;
      await firefox.send('browsingContext.activate', { context: articleTab }).catch(() => undefined);
    }
  });

  it('imports an export file through the reading room in chunks, then finds its excerpts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backstory-ff-import-'));
    try {
      const file = await writeCorpusFile(join(dir, 'corpus.jsonl'), 3000, 5);
      const text = readFileSync(file.path, 'utf8');
      await firefox.navigate(firefox.extensionUrl('/sidepanel.html#sources'));
      await firefox.waitFor(`document.querySelector('input[type=file]') !== null`);
      const before = await firefox.evaluate<{ readerSources: number }>(`browser.runtime.sendMessage({ type: 'stats' }).then((reply) => reply.value)`);
      // What a reader's file choice does: the input gets a File and fires "change".
      await firefox.evaluate(`(() => {
        const input = document.querySelector('input[type=file]');
        const transfer = new DataTransfer();
        transfer.items.add(new File([${JSON.stringify(text)}], 'backstory-export.jsonl', { type: 'application/x-ndjson' }));
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      })()`);
      await firefox.waitFor(`/Imported [\\d,]+ sources? and 3,000 excerpts/.test(document.body.textContent)`, 60_000);
      const stats = await firefox.evaluate<{ excerpts: number; readerSources: number }>(`browser.runtime.sendMessage({ type: 'stats' }).then((reply) => reply.value)`);
      expect(stats.readerSources).toBe(before.readerSources + file.sources);
      const title = file.sample[0]!.source.title;
      const found = await firefox.evaluate<{ total: number }>(`browser.runtime.sendMessage({ type: 'search', query: ${JSON.stringify(title.split(' ').slice(0, 3).join(' '))}, limit: 5 }).then((reply) => reply.value)`);
      expect(found.total).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!FIREFOX_PATH)('Firefox: tracking a name from the reading room', () => {
  it('marks the name in its forms on a Russian news page, re-tags the corpus, and unmarks it when deleted', async () => {
    const server = await startStaticServer();
    const firefox = await FirefoxSession.launch();
    const tracked = `${HIGHLIGHT_TEXTS}.filter((text) => text.includes('Хинштейн'))`;
    try {
      await firefox.navigate(server.url('/kursk-governor.html'));
      await firefox.waitFor(`((CSS.highlights.get('backstory-mention')?.size ?? 0) + (CSS.highlights.get('backstory-mention-light')?.size ?? 0)) >= 5`);
      expect(await firefox.evaluate<string[]>(tracked)).toEqual([]);

      // The Names tab of the reading room (Firefox's sidebar page), as a reader fills it in.
      await firefox.navigate(firefox.extensionUrl('/sidepanel.html#names'));
      await firefox.waitFor(`document.getElementById('bs-track-name') !== null`);
      await firefox.evaluate(`(() => {
        const input = document.getElementById('bs-track-name');
        input.value = 'Александр Хинштейн';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        return true;
      })()`);
      await firefox.waitFor(`[...document.querySelectorAll('.bs-track-form-text')].some((node) => node.textContent === 'Хинштейном')`);
      await firefox.evaluate(`(() => { [...document.querySelectorAll('button')].find((button) => button.textContent === 'Track').click(); return true; })()`);
      await firefox.waitFor(`/Tracking “Александр Хинштейн”/.test(document.body.textContent)`);
      await firefox.waitFor(`browser.storage.local.get('trackedRetag').then(({ trackedRetag }) => trackedRetag?.state === 'done')`, 30_000);

      await firefox.navigate(server.url('/kursk-governor.html'));
      await firefox.waitFor(`${tracked}.length === 7`);
      expect(await firefox.evaluate<string[]>(tracked)).toEqual(['Хинштейн', 'Александр Хинштейн', 'Хинштейна', 'Хинштейну', 'Хинштейном', 'Хинштейна', 'Хинштейне']);

      await firefox.navigate(firefox.extensionUrl('/sidepanel.html#names'));
      await firefox.waitFor(`[...document.querySelectorAll('button')].some((button) => button.getAttribute('aria-label') === 'Delete Александр Хинштейн')`);
      await firefox.evaluate(`(() => { [...document.querySelectorAll('button')].find((button) => button.getAttribute('aria-label') === 'Delete Александр Хинштейн').click(); return true; })()`);
      await firefox.waitFor(`/No longer tracking/.test(document.body.textContent)`);
      await firefox.navigate(server.url('/kursk-governor.html'));
      await firefox.waitFor(`((CSS.highlights.get('backstory-mention')?.size ?? 0) + (CSS.highlights.get('backstory-mention-light')?.size ?? 0)) >= 5`);
      expect(await firefox.evaluate<string[]>(tracked)).toEqual([]);
    } finally {
      await firefox.close();
      await server.close();
    }
  });
});

describe.skipIf(!FIREFOX_PATH)('Firefox: a tab opened before Backstory was installed', () => {
  it('is marked without a reload once Backstory is installed', async () => {
    const server = await startStaticServer();
    const firefox = await FirefoxSession.launch({ install: false });
    try {
      await firefox.navigate(server.url('/article.html'));
      await firefox.evaluate(`(window.loadedOnce = true)`);
      await firefox.installExtension();
      await firefox.closeWelcome();
      await firefox.waitFor(`((CSS.highlights.get('backstory-mention')?.size ?? 0) + (CSS.highlights.get('backstory-mention-light')?.size ?? 0)) >= 5`);
      // The same document: it was not reloaded.
      expect(await firefox.evaluate<boolean>(`window.loadedOnce === true`)).toBe(true);
    } finally {
      await firefox.close();
      await server.close();
    }
  });
});
