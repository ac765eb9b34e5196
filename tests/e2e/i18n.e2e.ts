/**
 * Backstory in the reader's language, in Chromium started in Ukrainian and in German: the
 * browser's own texts from _locales (the commands), the reading room's tabs and buttons, the
 * options' controls, the popup, the first-run page, and the hover card's heading and buttons on a
 * Ukrainian news page. Each view's texts are searched for English left over (i18n-check.ts), and a
 * few are compared with the catalogs word for word. Then the options' override: a Ukrainian
 * browser set to Russian.
 *
 * How the browser gets its language: on Linux, Chromium reads the LANGUAGE and LANG environment
 * variables (uiLanguageEnv in harness.ts); --lang is read on Windows only, and a language whose
 * .pak file is not installed (Debian's chromium-l10n) falls back to en-US. The first test checks
 * that browser.i18n.getUILanguage() really says "uk", so a wrong setup fails loudly.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardInspector, type ExtensionSession, hoverMention, launchExtension, waitForMarks } from './harness';
import { INTERFACE_TEXTS, englishLeaks, messageOf } from './i18n-check';
import { type StaticServer, startStaticServer } from './static-server';

async function interfaceTexts(page: Page): Promise<string[]> {
  // eslint-disable-next-line no-new-func
  return page.evaluate(new Function(`return (${INTERFACE_TEXTS}).call(document)`) as () => string[]);
}

async function cardTexts(card: CardInspector): Promise<string[]> {
  return (await card.evaluate<string[]>(INTERFACE_TEXTS)) ?? [];
}

async function roomTabs(page: Page): Promise<string[]> {
  return page.getByRole('tab').allTextContents();
}

/** Every tab of the reading room, each opened in turn: the texts the reader meets there. */
async function readingRoomTexts(page: Page): Promise<string[]> {
  const texts: string[] = [];
  const count = await page.getByRole('tab').count();
  for (let index = 0; index < count; index += 1) {
    await page.getByRole('tab').nth(index).click();
    await page.waitForTimeout(300);
    texts.push(...(await interfaceTexts(page)));
  }
  return texts;
}

describe.each([
  { lang: 'uk', kyiv: 'Київ' },
  { lang: 'de', kyiv: 'Kyjiw' },
])('Backstory in a browser started in $lang', ({ lang, kyiv }) => {
  let session: ExtensionSession;
  let server: StaticServer;

  beforeAll(async () => {
    server = await startStaticServer();
    session = await launchExtension({ uiLanguage: lang, keepWelcome: true });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('runs in that language: the browser says so, and its own texts (the commands) come from _locales', async () => {
    const browserSide = await session.worker.evaluate(async () => {
      const chrome = (globalThis as any).chrome;
      return {
        ui: chrome.i18n.getUILanguage() as string,
        description: chrome.i18n.getMessage('extDescription') as string,
        commands: ((await chrome.commands.getAll()) as { name: string; description: string }[]).map((command) => command.description),
      };
    });
    expect(browserSide.ui).toBe(lang);
    expect(browserSide.description).not.toMatch(/Marks the people/u);
    expect(englishLeaks(browserSide.commands, lang)).toEqual([]);
    expect(browserSide.commands).toContain(messageOf(lang, 'options.keys.add-page'));
  });

  it('opens the first-run page in that language', async () => {
    const welcome = session.context.pages().find((page) => page.url().includes('/welcome.html'))
      ?? await session.context.waitForEvent('page', { predicate: (page) => page.url().includes('/welcome.html'), timeout: 15_000 });
    await welcome.getByRole('heading', { level: 1 }).waitFor();
    expect(await welcome.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(await welcome.getByRole('heading', { level: 1 }).textContent()).toContain(messageOf(lang, 'welcome.pageTitle'));
    expect(await welcome.getByRole('button', { name: messageOf(lang, 'welcome.notNow') }).count()).toBe(1);
    expect(englishLeaks(await interfaceTexts(welcome), lang)).toEqual([]);
    await welcome.close();
  });

  it('shows the reading room’s tabs and buttons in that language', async () => {
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('sidepanel.html'));
    await page.getByRole('tab').first().waitFor();
    expect(await page.title()).toBe(messageOf(lang, 'room.pageTitle'));
    expect(await roomTabs(page)).toEqual(['search', 'entity', 'reading', 'sources', 'names'].map((tab) => messageOf(lang, `room.tabs.${tab}`)));
    const texts = await readingRoomTexts(page);
    expect(texts).toContain(messageOf(lang, 'room.sources.exportAll'));
    expect(englishLeaks(texts, lang)).toEqual([]);
    await page.close();
  });

  it('shows the options’ controls in that language, the language choice following the browser', async () => {
    const page = await session.context.newPage();
    await page.goto(session.extensionUrl('options.html'));
    await page.locator('#bs-language').waitFor();
    expect(await page.title()).toBe(messageOf(lang, 'options.pageTitle'));
    const auto = await page.locator('#bs-language option[value=auto]').textContent();
    expect(auto).toBe(messageOf(lang, 'common.language.auto').replace('{language}', messageOf(lang, `common.language.${lang}`)));
    expect(await page.getByRole('checkbox', { name: messageOf(lang, 'options.marking.pause') }).count()).toBe(1);
    expect(await page.getByRole('button', { name: messageOf(lang, 'options.sites.turnOff') }).count()).toBe(1);
    expect(englishLeaks(await interfaceTexts(page), lang)).toEqual([]);
    await page.close();
  });

  it(`names the page’s entities in that language in the popup, and in the card on a Ukrainian news page (${kyiv})`, async () => {
    const page = await session.context.newPage();
    await page.goto(server.url('/uk-news.html'));
    await waitForMarks(page, 3);

    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${await session.tabIdOf(page)}`));
    await popup.locator('.bs-entity-name').first().waitFor();
    expect(await popup.locator('.bs-entity-name').allTextContents()).toContain(kyiv);
    expect(englishLeaks(await interfaceTexts(popup), lang)).toEqual([]);
    await popup.close();

    await page.bringToFront();
    const card = await CardInspector.attach(page);
    await hoverMention(page, 'Києві');
    const content = await card.waitForContent();
    expect(content.label).toContain(kyiv);
    expect(content.seenAs).toContain('Києві');
    expect(content.description).not.toMatch(/Capital of Ukraine/u);
    expect(content.buttons).toEqual(expect.arrayContaining([messageOf(lang, 'card.add.button')]));
    expect(englishLeaks(await cardTexts(card), lang)).toEqual([]);
    expect(await card.evaluate<string>(`function () { return this.querySelector('[lang]') ? this.querySelector('[lang]').getAttribute('lang') : this.host && this.host.getAttribute('lang'); }`)).not.toBe('en');
    await card.detach();
    await page.close();
  });
});

describe('the options’ language overrides the browser’s', () => {
  let session: ExtensionSession;

  beforeAll(async () => {
    session = await launchExtension({ uiLanguage: 'uk' });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('a Ukrainian browser set to Russian in the options shows the options and the reading room in Russian at once', async () => {
    const options = await session.context.newPage();
    await options.goto(session.extensionUrl('options.html'));
    await options.locator('#bs-language').selectOption('ru');
    await expect.poll(() => options.title()).toBe(messageOf('ru', 'options.pageTitle'));
    expect(await options.evaluate(() => document.documentElement.lang)).toBe('ru');
    expect(englishLeaks(await interfaceTexts(options), 'ru')).toEqual([]);

    const room = await session.context.newPage();
    await room.goto(session.extensionUrl('sidepanel.html'));
    await room.getByRole('tab').first().waitFor();
    expect(await roomTabs(room)).toEqual(['search', 'entity', 'reading', 'sources', 'names'].map((tab) => messageOf('ru', `room.tabs.${tab}`)));

    // Back to the browser's language: the open reading room follows without a reload.
    await options.bringToFront();
    await options.locator('#bs-language').selectOption('auto');
    await expect.poll(() => roomTabs(room)).toEqual(['search', 'entity', 'reading', 'sources', 'names'].map((tab) => messageOf('uk', `room.tabs.${tab}`)));
    await room.close();
    await options.close();
  });
});
