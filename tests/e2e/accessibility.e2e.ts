/**
 * Automated accessibility checks (axe-core, WCAG 2.0/2.1 A and AA plus best practices, colour
 * contrast included) of every surface of the built extension, with real content: the hover card
 * (light page, dark page, dark browser; loading; after "Add this page"), the popup on a page with
 * marks, each tab of the reading room (search results, the entity directory and a timeline, your
 * reading, the sources, the names tracked with a name under review), the options page and the first-run page, each in the light and the dark
 * theme. Loading states are caught by holding the background in the debugger while they show.
 * Any violation fails the test with the rule, the node and what to fix (see axe.ts).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AxeCheck, assertAccessible, runAxe, runAxeOnCard } from './axe';
import { CardInspector, type ExtensionSession, hoverMention, launchExtension, waitForMarks } from './harness';
import { type StaticServer, startStaticServer } from './static-server';

/** A small news article; `style` is its stylesheet. */
function newsPage(title: string, date: string, paragraphs: string[], style = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta property="article:published_time" content="${date}T08:00:00Z"><style>${style}</style></head>
<body><main><article><h1>${title}</h1>
${paragraphs.map((text) => `<p>${text}</p>`).join('\n')}
</article></main></body></html>`;
}

/** A page with a dark background of its own: the card takes its dark theme there. */
const DARK_PAGE = newsPage('A year after Kherson', '2023-11-11', [
  'A year after Russian troops left Kherson, the city on the Dnipro still comes under fire from the far bank almost every day.',
  'Officials in Kyiv said the anniversary was a reminder of what Vladimir Putin had lost, while residents spoke of empty streets after dark.',
], 'body { background: #16181c; color: #e4e6eb; font: 18px/1.6 Georgia, serif; max-width: 40em; margin: 2em auto; }');

/** An article for "Your reading" to remember (not one added from a card: added pages are never remembered over). */
const READ_PAGE = newsPage('Grain ships keep leaving Odesa', '2024-02-02', [
  'Volodymyr Zelensky said on Friday that the sea corridor from Odesa had carried more grain in January than in any month since the full-scale invasion began.',
  'Ships leave the ports of Odesa under the cover of air defence, and insurers in London have lowered their premiums for the route, according to officials in Kyiv.',
  'Russian drones struck port buildings twice during the month; the port authority said loading resumed within hours each time and that no ship was hit at sea.',
  'Zelensky thanked the navy and the crews, and asked partners for more air defence systems for the southern regions before the spring.',
]);

describe('accessibility (axe-core)', () => {
  let session: ExtensionSession;
  let server: StaticServer;

  beforeAll(async () => {
    server = await startStaticServer();
    server.route('/dark.html', DARK_PAGE);
    server.route('/read.html', READ_PAGE);
    // keepWelcome: the harness otherwise closes every first-run page, the one checked here too.
    session = await launchExtension({ keepWelcome: true });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  /** Check `page` as it is in the light theme and, emulating a dark browser, in the dark theme. */
  async function checkBothThemes(page: Page, label: string): Promise<void> {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      assertAccessible(await runAxe(page, `${label}, ${colorScheme}`));
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }

  /**
   * Hold the background: pause its service worker in the debugger, so that every request to it
   * waits and the page shows its loading state for as long as the check takes. Returns the function
   * that lets it go on. (Playwright's CDP sessions cannot address a worker: this one attaches to it
   * through `from`'s session and speaks to it with Target.sendMessageToTarget.)
   */
  async function holdBackground(from: Page): Promise<() => Promise<void>> {
    const cdp = await session.context.newCDPSession(from);
    const { targetInfos } = await cdp.send('Target.getTargets');
    const worker = targetInfos.find((target) => target.type === 'service_worker' && target.url.includes(session.extensionId));
    if (!worker) throw new Error('The service worker is not running: nothing to hold');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
    let id = 0;
    const send = (method: string) => cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: ++id, method, params: {} }) });
    await send('Debugger.enable');
    await send('Debugger.pause');
    return async () => {
      await send('Debugger.resume');
      await send('Debugger.disable');
      await cdp.send('Target.detachFromTarget', { sessionId });
      await cdp.detach();
    };
  }

  async function ask<T>(message: unknown): Promise<T> {
    const reply = await session.request<T>(message);
    if (!reply.ok) throw new Error(reply.error?.message);
    return reply.value as T;
  }

  /** A page with an open card for `mention`, loaded with excerpts and key dates. */
  async function openCard(path: string, mention: string): Promise<{ page: Page; card: CardInspector }> {
    const page = await session.context.newPage();
    await page.goto(server.url(path));
    await waitForMarks(page, 3);
    const card = await CardInspector.attach(page);
    await hoverMention(page, mention);
    const content = await card.waitForContent();
    expect(content.excerpts.length).toBeGreaterThan(0);
    expect(content.keyDates.length).toBeGreaterThan(0);
    expect(content.buttons).toEqual(expect.arrayContaining([expect.stringMatching(/^More in side panel/u), 'Add this page']));
    return { page, card };
  }

  /** The card's check, proven to have looked inside the card (its texts' contrast). */
  async function checkCard(page: Page, label: string): Promise<AxeCheck> {
    const check = await runAxeOnCard(page, label);
    // Proof that axe looked inside the closed shadow root: a text of the card passed the contrast rule.
    expect(check.passed['color-contrast'], `${label}: no text of the card was checked`).toMatch(/^\[\["backstory-card",/u);
    assertAccessible(check);
    return check;
  }

  const cardTheme = (card: CardInspector) => card.evaluate<string>(`function () { return this.querySelector('.bs-root').className; }`);

  it('the hover card on a light page, and in a dark browser', async () => {
    const { page, card } = await openCard('/article.html', 'Kherson');
    // article.html has no background of its own: the card follows the browser's colour scheme.
    expect(await cardTheme(card)).toBe('bs-root');
    await checkCard(page, 'card, light');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await card.isOpen()).toBe(true);
    await checkCard(page, 'card, dark browser');
    await card.detach();
    await page.close();
  });

  it('the hover card while its excerpts load', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/article.html'));
    await waitForMarks(page, 3);
    const card = await CardInspector.attach(page);
    // The first card of a page brings what draws it from the background (a part injected on
    // demand): open one, then hold the background, so the next card waits for its excerpts only.
    await hoverMention(page, 'Vladimir Putin');
    await card.waitForContent();
    await page.keyboard.press('Escape');
    await expect.poll(() => card.isOpen()).toBe(false);
    const release = await holdBackground(page);
    try {
      await hoverMention(page, 'Kherson');
      await expect.poll(async () => (await card.read())?.loading ?? false, { timeout: 10_000 }).toBe(true);
      await checkCard(page, 'card, loading');
    } finally {
      await release();
    }
    expect((await card.waitForContent()).excerpts.length).toBeGreaterThan(0);
    await card.detach();
    await page.close();
  });

  it('the hover card on a dark page', async () => {
    const { page, card } = await openCard('/dark.html', 'Kherson');
    expect(await cardTheme(card)).toContain('bs-theme-dark');
    await checkCard(page, 'card, dark page');
    await card.detach();
    await page.close();
  });

  it('the hover card with no excerpts yet: description, key dates and the next steps', async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/frontline.html'));
    await waitForMarks(page, 5);
    const card = await CardInspector.attach(page);
    await hoverMention(page, 'United Nations');
    const content = await card.waitForContent();
    expect(content.excerpts).toEqual([]);
    expect(content.buttons).toEqual(expect.arrayContaining(['Remember the articles you read', 'Search your corpus for “United Nations”']));
    await checkCard(page, 'empty card, light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await checkCard(page, 'empty card, dark browser');
    await card.detach();
    await page.close();
  });

  it('the hover card with what “Add this page” says: added, or not an article', async () => {
    const click = async (page: Page, card: CardInspector, label: string) => {
      const button = await card.buttonCentre(label);
      await page.mouse.move(button.x, button.y, { steps: 3 });
      await page.mouse.click(button.x, button.y);
    };
    const added = /^(Added|Updated): /u;
    const article = await openCard('/article.html', 'Kherson');
    await click(article.page, article.card, 'Add this page');
    await expect.poll(async () => (await article.card.read())?.status ?? '', { timeout: 15_000 }).toMatch(added);
    await checkCard(article.page, 'card, page added');
    await article.card.detach();
    await article.page.close();
    // The dark page is too short for an article: the card says so and offers "Add anyway".
    const dark = await openCard('/dark.html', 'Kherson');
    await click(dark.page, dark.card, 'Add this page');
    await expect.poll(async () => (await dark.card.read())?.buttons ?? [], { timeout: 15_000 }).toContain('Add anyway');
    await checkCard(dark.page, 'card, dark page, not an article');
    await click(dark.page, dark.card, 'Add anyway');
    await expect.poll(async () => (await dark.card.read())?.status ?? '', { timeout: 15_000 }).toMatch(added);
    await checkCard(dark.page, 'card, dark page, added');
    await dark.card.detach();
    await dark.page.close();
  });

  it('the popup on a page with marks', async () => {
    const article = await session.context.newPage();
    await article.goto(server.url('/article.html'));
    await waitForMarks(article, 5);
    const tabId = await session.tabIdOf(article);
    const popup = await session.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    // The entities come from the page itself; the excerpts wait for the background.
    const release = await holdBackground(article);
    try {
      await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
      await popup.getByRole('list', { name: 'Places' }).waitFor();
      await popup.getByRole('progressbar', { name: 'Loading excerpts' }).waitFor();
      await checkBothThemes(popup, 'popup, loading excerpts');
    } finally {
      await release();
    }
    await popup.getByRole('list', { name: 'Best excerpts for this page' }).locator('article').first().waitFor();
    await checkBothThemes(popup, 'popup');
    await popup.getByRole('checkbox', { name: 'Pause Backstory everywhere' }).check();
    await popup.getByText('Backstory is paused everywhere.').waitFor();
    await checkBothThemes(popup, 'popup, paused');
    await popup.getByRole('checkbox', { name: 'Pause Backstory everywhere' }).uncheck();
    await waitForMarks(article, 5);
    await popup.close();
    await article.close();
  });

  async function panel(hash: string): Promise<Page> {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 420, height: 900 });
    await page.goto(session.extensionUrl(`sidepanel.html${hash}`));
    return page;
  }

  it('the reading room: search, with results and the filters open', async () => {
    const opener = await session.context.newPage();
    let release = await holdBackground(opener);
    const page = await panel('#search');
    try {
      await page.getByRole('progressbar', { name: 'Loading the corpus' }).waitFor();
      await checkBothThemes(page, 'reading room, loading');
    } finally {
      await release();
    }
    await page.getByText(/^Search \d+ excerpts/u).waitFor();
    await checkBothThemes(page, 'reading room, search (empty)');
    release = await holdBackground(opener);
    try {
      await page.getByRole('searchbox', { name: 'Search the corpus' }).fill('Kherson');
      await page.getByRole('progressbar', { name: 'Searching' }).waitFor();
      await checkBothThemes(page, 'reading room, searching');
    } finally {
      await release();
    }
    await opener.close();
    await page.getByRole('list', { name: 'Search results' }).locator('article').first().waitFor();
    await page.getByText('Filters').click();
    await page.getByLabel('Entity').selectOption('kherson');
    await page.getByRole('button', { name: 'Clear filters' }).waitFor();
    await page.waitForFunction(() => document.querySelector('.bs-results')?.getAttribute('aria-busy') === 'false');
    await checkBothThemes(page, 'reading room, search results');
    await page.close();
  });

  it('the reading room: the entity directory and an entity’s timeline', async () => {
    const page = await panel('#entity');
    await page.getByRole('heading', { name: 'Person', level: 2 }).waitFor();
    await checkBothThemes(page, 'reading room, entities');
    const release = await holdBackground(page);
    try {
      await page.evaluate(() => { location.hash = '#entity=putin'; });
      await page.getByRole('progressbar', { name: 'Loading the timeline' }).waitFor();
      await checkBothThemes(page, 'reading room, loading a timeline');
    } finally {
      await release();
    }
    await page.getByRole('heading', { name: 'Vladimir Putin', level: 2 }).waitFor();
    const chart = page.getByRole('group', { name: 'Excerpts about Vladimir Putin per month' });
    await chart.getByRole('button').first().waitFor();
    await page.getByRole('list', { name: 'Excerpts about Vladimir Putin' }).locator('article').first().waitFor();
    await checkBothThemes(page, 'reading room, timeline');
    await chart.getByRole('button').first().click();
    await page.getByRole('button', { name: /^Show all/u }).waitFor();
    await checkBothThemes(page, 'reading room, timeline filtered to a month');
    await page.close();
  });

  it('the reading room: your reading, off and with a remembered page', async () => {
    const page = await panel('#reading');
    await page.getByRole('button', { name: 'Remember the articles I read' }).waitFor();
    await checkBothThemes(page, 'reading room, your reading (off)');
    await session.setSettings({ remember: true, dwellSeconds: 3, welcomed: true });
    const article = await session.context.newPage();
    await article.goto(server.url('/read.html'));
    await waitForMarks(article, 2);
    await article.bringToFront();
    await expect.poll(async () => (await ask<{ remembered?: true }[]>({ type: 'list-sources' })).some((source) => source.remembered), { timeout: 20_000 }).toBe(true);
    await article.close();
    await page.reload();
    await page.getByRole('heading', { name: /Remembered as you read \(1\)/u }).waitFor();
    await checkBothThemes(page, 'reading room, your reading');
    await page.getByRole('button', { name: /^Forget this site/u }).first().click();
    await page.getByRole('button', { name: 'Forget', exact: true }).waitFor();
    await checkBothThemes(page, 'reading room, your reading (confirming)');
    await page.close();
  });

  it('the reading room: sources, with a page of the reader’s and an undo notice', async () => {
    const report = await session.context.newPage();
    await report.goto(server.url('/report.html'));
    await session.scanReport(report);
    await ask({ type: 'add-tab', tabId: await session.tabIdOf(report) });
    await report.close();
    const page = await panel('#sources');
    await page.getByRole('heading', { name: /Your pages \([1-9]\d*\)/u }).waitFor();
    await checkBothThemes(page, 'reading room, sources');
    await page.getByRole('button', { name: /^Delete “/u }).first().click();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    await checkBothThemes(page, 'reading room, sources (undo)');
    await page.close();
  });

  it('the reading room: names, one tracked and one under review with warnings and forms left out', async () => {
    const page = await panel('#names');
    await page.getByLabel('Name', { exact: true }).fill('Вадим Філашкін');
    await page.getByLabel(/^Note/u).fill('Голова Донецької обласної військової адміністрації.');
    await page.getByRole('button', { name: 'Track', exact: true }).click();
    await page.getByRole('list', { name: 'Names you track' }).getByText('Вадим Філашкін').waitFor();
    await page.getByText(/Your corpus is up to date with your names/u).waitFor({ timeout: 20_000 });
    // A name whose surname Backstory knows (forms left out) and a form that is a common word (a warning).
    await page.getByLabel('Name', { exact: true }).fill('Олег Синєгубов');
    await page.getByLabel('Add a form').fill('Мороз');
    await page.getByRole('button', { name: 'Add form' }).click();
    await page.getByText(/^Left out \(\d+\)/u).click();
    await page.getByText(/is also a common Ukrainian and Russian word/u).waitFor();
    await checkBothThemes(page, 'reading room, names');
    await page.close();
  });

  it('the options page, with sites listed', async () => {
    await session.setSettings({
      disabledSites: ['example.com'], neverRememberSites: ['example.org'], remember: true, rememberPaused: true,
      unmarked: [{ site: 'sport.example', form: 'Medvedev', entityId: 'dmitry-medvedev', name: 'Dmitry Medvedev' }],
    });
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('options.html'));
    await page.getByRole('list', { name: 'Keyboard shortcuts' }).locator('kbd').first().waitFor();
    await page.getByRole('list', { name: 'Sites where Backstory is off' }).waitFor();
    await page.getByRole('list', { name: 'Sites never remembered' }).waitFor();
    await page.getByRole('list', { name: 'Marks you turned off' }).waitFor();
    await page.getByText(/^\d[\d,]* excerpts from/u).waitFor();
    await checkBothThemes(page, 'options');
    await page.getByRole('textbox', { name: 'Site' }).fill('not a site');
    await page.getByRole('button', { name: 'Turn off there' }).click();
    await page.getByRole('alert').waitFor();
    await checkBothThemes(page, 'options (with an error)');
    await page.close();
  });

  it('the first-run page, before and after the answer', async () => {
    await session.setSettings({ remember: false, welcomed: false });
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('welcome.html'));
    await page.getByRole('button', { name: 'Not now' }).waitFor();
    await checkBothThemes(page, 'welcome');
    await page.getByRole('button', { name: 'Not now' }).click();
    await page.getByRole('status').waitFor();
    await checkBothThemes(page, 'welcome (answered)');
    await page.close();
  });
});
