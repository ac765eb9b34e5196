/**
 * The browser's own entry points: the context-menu item and the keyboard command "Add this page"
 * extract the tab's article through its content script, store it, and show the result on the
 * toolbar badge; "show card" is forwarded to the tab.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MENU_ADD_PAGE, addTabWithBadge, createContextMenus, listenToBrowserActions } from '../../entrypoints/background/browser-actions';
import type { ExtractedPage } from '../../core/protocol';

const PAGE: ExtractedPage = {
  url: 'https://news.example/2024/05/10/sumy',
  title: 'Drones over Sumy',
  site: 'News Example',
  date: { date: '2024-05-10', source: 'meta', confidence: 0.9, precision: 'day', evidence: 'meta article:published_time' },
  blocks: [
    { kind: 'paragraph', text: 'Drones struck Sumy overnight, the regional administration said, damaging homes, a school and a power line in the north of the city near the border with Russia.' },
    { kind: 'paragraph', text: 'The governor of the Sumy region asked residents to stay in shelters until the all-clear, and said repair crews would restore power to the affected districts by the evening.' },
  ],
  article: { isArticle: true, textLength: 360 },
};

type Listener = (...args: any[]) => unknown;

function stubBrowserUi() {
  const menuListeners: Listener[] = [];
  const commandListeners: Listener[] = [];
  const badges: { text: string; title: string }[] = [];
  const state = { text: '', title: '' };
  const action = {
    setBadgeBackgroundColor: vi.fn(async () => {}),
    setBadgeText: vi.fn(async ({ text }: { text: string }) => { state.text = text; badges.push({ ...state }); }),
    setTitle: vi.fn(async ({ title }: { title: string }) => { state.title = title; badges.push({ ...state }); }),
  };
  Object.assign(fakeBrowser, {
    action,
    contextMenus: {
      create: vi.fn(),
      removeAll: vi.fn(async () => {}),
      onClicked: { addListener: (listener: Listener) => menuListeners.push(listener) },
    },
  });
  Object.assign(fakeBrowser.commands, { onCommand: { addListener: (listener: Listener) => commandListeners.push(listener) } });
  return { menuListeners, commandListeners, badges };
}

describe('context menu and keyboard commands', () => {
  beforeEach(() => {
    vi.restoreAllMocks();
  });

  it('creates its two menu items on http(s) pages only', async () => {
    stubBrowserUi();
    createContextMenus();
    await vi.waitFor(() => expect(fakeBrowser.contextMenus.create).toHaveBeenCalledTimes(2));
    for (const [item] of vi.mocked(fakeBrowser.contextMenus.create).mock.calls) {
      expect(item).toMatchObject({ documentUrlPatterns: ['http://*/*', 'https://*/*'] });
    }
  });

  it('"Add this page to Backstory" extracts the article in the tab, stores it and shows the count on the badge', async () => {
    const ui = stubBrowserUi();
    const sendMessage = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, value: PAGE });
    listenToBrowserActions();
    await ui.menuListeners[0]!({ menuItemId: MENU_ADD_PAGE }, { id: 7 });
    await vi.waitFor(() => expect(ui.badges.at(-1)?.title).toMatch(/added “Drones over Sumy” \(2 excerpts, dated 2024-05-10\)/u));
    expect(sendMessage).toHaveBeenCalledWith(7, { type: 'extract-page' });
    expect(ui.badges.map((badge) => badge.text)).toContain('2');
  });

  it('shows why a page could not be added', async () => {
    const ui = stubBrowserUi();
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    await addTabWithBadge({ id: 9 } as never);
    expect(ui.badges.at(-1)).toMatchObject({ text: '!', title: expect.stringMatching(/could not add this page: Backstory cannot read this page/u) });
  });

  it('the "show card" command asks the active tab to open the card of the selected mention', async () => {
    const ui = stubBrowserUi();
    const sendMessage = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, value: { shown: true } });
    listenToBrowserActions();
    ui.commandListeners[0]!('show-card', { id: 3 });
    await vi.waitFor(() => expect(sendMessage).toHaveBeenCalledWith(3, { type: 'show-card-for-selection' }));
  });
});
