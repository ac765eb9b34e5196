/**
 * The browser's own entry points into Backstory: the context-menu items and the keyboard commands
 * (listed in the README). Results of "Add this page" from these show on the toolbar badge. A page
 * that does not look like an article is added all the same from here (the reader asked for this
 * page); a page that names none of the entities Backstory follows is asked about: the badge shows
 * "?" and says how to answer, the popup shows the question with "Add anyway" (lib/add-question.ts),
 * and doing "Add this page" again within a minute adds it anyway.
 */
import { browser } from 'wxt/browser';
import type { Tabs } from 'webextension-polyfill';
import { BackstoryError } from '../../core/protocol';
import { ADD_QUESTION_MS, askAboutPage, forgetQuestion, pendingQuestion } from '../../lib/add-question';
import type { I18n } from '../../core/i18n/translator';
import { translatorFor } from '../../lib/i18n/catalogs';
import { errorMessage } from '../../lib/i18n/error-text';
import { currentReaderLang } from '../../lib/i18n/reader-lang';
import { openSidePanel } from '../../lib/side-panel';
import { addTab } from './add-tab';

export const MENU_ADD_PAGE = 'backstory-add-page';
export const MENU_OPEN_PANEL = 'backstory-open-panel';
export const MENU_TRACK_NAME = 'backstory-track-name';

/** Characters of a selection offered as a name to track (a name, not a paragraph). */
export const TRACK_SELECTION_CHARS = 100;

const BADGE_MS = 6000;

/** The reader's language now: the badges and menus are written in it. */
async function readerI18n(): Promise<I18n> {
  return translatorFor(await currentReaderLang().catch(() => 'en' as const));
}

/** The pending reset of each tab's badge: a newer badge replaces it. */
const resets = new Map<number, ReturnType<typeof setTimeout>>();

/** Show an "Add this page" outcome on the toolbar button of that tab for a few seconds. */
async function badge(tabId: number, text: string, color: string, title: string, i18n: I18n, forMs = BADGE_MS): Promise<void> {
  const action = browser.action ?? browser.browserAction;
  clearTimeout(resets.get(tabId));
  await action.setBadgeBackgroundColor({ tabId, color });
  await action.setBadgeText({ tabId, text });
  await action.setTitle({ tabId, title });
  resets.set(tabId, setTimeout(() => {
    resets.delete(tabId);
    void action.setBadgeText({ tabId, text: '' }).catch(() => undefined);
    void action.setTitle({ tabId, title: i18n.t('background.actionTitle') }).catch(() => undefined);
  }, forMs));
}

export async function addTabWithBadge(tab: Tabs.Tab | undefined): Promise<void> {
  if (tab?.id === undefined) return;
  const tabId = tab.id;
  const i18n = await readerI18n();
  const { t } = i18n;
  // Asked about this page a moment ago: doing it again is the answer "add it anyway".
  const answering = (await pendingQuestion(tabId, tab.url).catch(() => undefined)) !== undefined;
  try {
    await badge(tabId, '…', '#6e7781', t('background.badge.adding'), i18n);
    const result = await addTab(tabId, answering ? { force: true } : { skip: ['not-article'] });
    await forgetQuestion(tabId).catch(() => undefined);
    await badge(tabId, String(result.excerptCount), '#1a7f37', t(result.updated ? 'background.badge.updated' : 'background.badge.added', {
      title: result.source.title,
      count: result.excerptCount,
      date: i18n.formatDate(result.source.date, result.source.datePrecision === 'month' ? 'month' : 'day'),
    }), i18n);
  } catch (error) {
    if (error instanceof BackstoryError && error.code === 'no-entities') {
      await askAboutPage({
        tabId, ...(tab.url ? { url: tab.url } : {}), message: error.message, ...(error.text ? { text: error.text } : {}), at: Date.now(),
      }).catch(() => undefined);
      await badge(tabId, '?', '#9a6700', t('background.badge.question'), i18n, ADD_QUESTION_MS).catch(() => undefined);
      return;
    }
    await badge(tabId, '!', '#cf222e', t('background.badge.failed', { reason: errorMessage(error, t) }), i18n).catch(() => undefined);
  }
}

/** The context-menu items, titled in the reader's language (created again when it changes). */
export async function createContextMenus(): Promise<void> {
  const menus = browser.contextMenus;
  const { t } = await readerI18n();
  await menus.removeAll();
  menus.create({ id: MENU_ADD_PAGE, title: t('background.menu.addPage'), contexts: ['page', 'selection'], documentUrlPatterns: ['http://*/*', 'https://*/*'] });
  menus.create({ id: MENU_OPEN_PANEL, title: t('background.menu.openRoom'), contexts: ['page', 'selection'], documentUrlPatterns: ['http://*/*', 'https://*/*'] });
  // %s: the browser puts the selected text there.
  menus.create({ id: MENU_TRACK_NAME, title: t('background.menu.track', { selection: '%s' }), contexts: ['selection'], documentUrlPatterns: ['http://*/*', 'https://*/*'] });
}

export function listenToBrowserActions(): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_ADD_PAGE) void addTabWithBadge(tab);
    if (info.menuItemId === MENU_OPEN_PANEL) void openSidePanel(tab?.id !== undefined ? { tabId: tab.id } : {}, { view: 'search' });
    if (info.menuItemId === MENU_TRACK_NAME) {
      // The reading room's "Track a name", filled in with the selection (opened before any await: a user gesture).
      const name = (info.selectionText ?? '').replace(/\s+/gu, ' ').trim().slice(0, TRACK_SELECTION_CHARS);
      void openSidePanel(tab?.id !== undefined ? { tabId: tab.id } : {}, { view: 'names', track: { name } });
    }
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'open-side-panel') {
      void openSidePanel(tab?.id !== undefined ? { tabId: tab.id } : {}, {});
      return;
    }
    void (async () => {
      const target = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      if (command === 'add-page') await addTabWithBadge(target);
      if (command === 'show-card' && target?.id !== undefined) {
        await browser.tabs.sendMessage(target.id, { type: 'show-card-for-selection' }).catch(() => undefined);
      }
    })();
  });
}
