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
import { openSidePanel } from '../../lib/side-panel';
import { addTab } from './add-tab';

export const MENU_ADD_PAGE = 'backstory-add-page';
export const MENU_OPEN_PANEL = 'backstory-open-panel';
export const MENU_TRACK_NAME = 'backstory-track-name';

/** Characters of a selection offered as a name to track (a name, not a paragraph). */
export const TRACK_SELECTION_CHARS = 100;

const BADGE_MS = 6000;

export const NO_ENTITIES_QUESTION =
  'Backstory: this page names none of the people, places and organisations Backstory follows, so no card would show it. ' +
  'Add it anyway? Do “Add this page” again within a minute (the same key or menu item), or click here and choose “Add anyway”.';

/** The pending reset of each tab's badge: a newer badge replaces it. */
const resets = new Map<number, ReturnType<typeof setTimeout>>();

/** Show an "Add this page" outcome on the toolbar button of that tab for a few seconds. */
async function badge(tabId: number, text: string, color: string, title: string, forMs = BADGE_MS): Promise<void> {
  const action = browser.action ?? browser.browserAction;
  clearTimeout(resets.get(tabId));
  await action.setBadgeBackgroundColor({ tabId, color });
  await action.setBadgeText({ tabId, text });
  await action.setTitle({ tabId, title });
  resets.set(tabId, setTimeout(() => {
    resets.delete(tabId);
    void action.setBadgeText({ tabId, text: '' }).catch(() => undefined);
    void action.setTitle({ tabId, title: 'Backstory' }).catch(() => undefined);
  }, forMs));
}

export async function addTabWithBadge(tab: Tabs.Tab | undefined): Promise<void> {
  if (tab?.id === undefined) return;
  const tabId = tab.id;
  // Asked about this page a moment ago: doing it again is the answer "add it anyway".
  const answering = (await pendingQuestion(tabId, tab.url).catch(() => undefined)) !== undefined;
  try {
    await badge(tabId, '…', '#6e7781', 'Backstory: adding this page…');
    const result = await addTab(tabId, answering ? { force: true } : { skip: ['not-article'] });
    await forgetQuestion(tabId).catch(() => undefined);
    await badge(tabId, String(result.excerptCount), '#1a7f37',
      `Backstory: ${result.updated ? 'updated' : 'added'} “${result.source.title}” (${result.excerptCount} excerpts, dated ${result.source.date.slice(0, 10)})`);
  } catch (error) {
    if (error instanceof BackstoryError && error.code === 'no-entities') {
      await askAboutPage({ tabId, ...(tab.url ? { url: tab.url } : {}), message: error.message, at: Date.now() }).catch(() => undefined);
      await badge(tabId, '?', '#9a6700', NO_ENTITIES_QUESTION, ADD_QUESTION_MS).catch(() => undefined);
      return;
    }
    await badge(tabId, '!', '#cf222e', `Backstory could not add this page: ${error instanceof Error ? error.message : String(error)}`)
      .catch(() => undefined);
  }
}

export function createContextMenus(): void {
  const menus = browser.contextMenus;
  void menus.removeAll().then(() => {
    menus.create({ id: MENU_ADD_PAGE, title: 'Add this page to Backstory', contexts: ['page', 'selection'], documentUrlPatterns: ['http://*/*', 'https://*/*'] });
    menus.create({ id: MENU_OPEN_PANEL, title: 'Open the Backstory reading room', contexts: ['page', 'selection'], documentUrlPatterns: ['http://*/*', 'https://*/*'] });
    menus.create({ id: MENU_TRACK_NAME, title: 'Track “%s” in Backstory', contexts: ['selection'], documentUrlPatterns: ['http://*/*', 'https://*/*'] });
  });
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
