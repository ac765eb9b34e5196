/**
 * The browser's own entry points: the context-menu item and the keyboard command "Add this page"
 * extract the tab's article through its content script, store it, and show the result on the
 * toolbar badge (a page naming nothing Backstory follows is asked about first); "show card" is
 * forwarded to the tab.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MENU_ADD_PAGE, MENU_TRACK_NAME, addTabWithBadge, createContextMenus, listenToBrowserActions } from '../../entrypoints/background/browser-actions';
import { translatorFor } from '../../lib/i18n/catalogs';
import { updateSettings } from '../../lib/settings';

const NO_ENTITIES_QUESTION = translatorFor('en').t('background.badge.question');
import { panelFocusItem } from '../../lib/side-panel';
import type { ExtractedPage } from '../../core/protocol';
import { pendingQuestion } from '../../lib/add-question';

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

type Listener = (...args: unknown[]) => unknown;

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

  it('creates its three menu items on http(s) pages only', async () => {
    stubBrowserUi();
    void createContextMenus();
    await vi.waitFor(() => expect(fakeBrowser.contextMenus.create).toHaveBeenCalledTimes(3));
    for (const [item] of vi.mocked(fakeBrowser.contextMenus.create).mock.calls) {
      expect(item).toMatchObject({ documentUrlPatterns: ['http://*/*', 'https://*/*'] });
    }
    expect(vi.mocked(fakeBrowser.contextMenus.create).mock.calls.map(([item]) => item)).toContainEqual(
      expect.objectContaining({ id: MENU_TRACK_NAME, title: 'Track “%s” in Backstory', contexts: ['selection'] }),
    );
  });

  it('titles the menu items in the reader’s language, the selection kept for the browser to fill in', async () => {
    stubBrowserUi();
    await updateSettings({ language: 'uk' });
    await createContextMenus();
    expect(vi.mocked(fakeBrowser.contextMenus.create).mock.calls.map(([item]) => item.title)).toEqual([
      'Додати цю сторінку до Backstory', 'Відкрити читальну залу Backstory', 'Відстежувати «%s» у Backstory',
    ]);
  });

  it('writes the badge’s tooltip in the reader’s language, the date too', async () => {
    const ui = stubBrowserUi();
    await updateSettings({ language: 'de' });
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, value: { ...PAGE, url: 'https://news.example/de' } });
    await addTabWithBadge({ id: 21 } as never);
    expect(ui.badges.at(-1)?.title).toBe('Backstory: „Drones over Sumy“ hinzugefügt (2 Auszüge, datiert auf 10. Mai 2024)');
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    await addTabWithBadge({ id: 22 } as never);
    expect(ui.badges.at(-1)?.title).toMatch(/^Backstory konnte diese Seite nicht hinzufügen: Backstory kann diese Seite nicht lesen/u);
  });

  it('"Track “…” in Backstory" opens the reading room’s Names tab with the selection filled in', async () => {
    const ui = stubBrowserUi();
    vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({ id: 9 } as never);
    listenToBrowserActions();
    await ui.menuListeners[0]!({ menuItemId: MENU_TRACK_NAME, selectionText: '  Александр\n Хинштейн ' }, { id: 7 });
    await vi.waitFor(async () => expect(await panelFocusItem.getValue()).toMatchObject({ view: 'names', track: { name: 'Александр Хинштейн' } }));
  });

  it('"Add this page to Backstory" extracts the article in the tab, stores it and shows the count on the badge', async () => {
    const ui = stubBrowserUi();
    const sendMessage = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, value: PAGE });
    listenToBrowserActions();
    await ui.menuListeners[0]!({ menuItemId: MENU_ADD_PAGE }, { id: 7 });
    // Opening the whole corpus (bundled corpus installed) comes first: on a busy machine that takes
    // longer than waitFor's default second.
    await vi.waitFor(() => expect(ui.badges.at(-1)?.title).toMatch(/added “Drones over Sumy” \(2 excerpts, dated May 10, 2024\)/u), { timeout: 15_000 });
    expect(sendMessage).toHaveBeenCalledWith(7, { type: 'extract-page' });
    expect(ui.badges.map((badge) => badge.text)).toContain('2');
  });

  it('asks before adding a page that names nothing Backstory follows; doing it again adds it anyway', async () => {
    const ui = stubBrowserUi();
    const garden: ExtractedPage = {
      url: 'https://garden.example/tomatoes', title: 'Growing tomatoes', article: { isArticle: true, textLength: 330 },
      blocks: [
        { kind: 'paragraph', text: 'Tomatoes want six hours of sun, deep watering twice a week and a stake or a cage before the first trusses set, or the stems snap under the weight of the fruit.' },
        { kind: 'paragraph', text: 'Pinch out the side shoots of cordon varieties every few days, and feed with a high-potash fertiliser once the first fruits swell on the lowest truss of the plant.' },
      ],
    };
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true, value: garden });
    const tab = { id: 11, url: garden.url } as never;
    await addTabWithBadge(tab);
    expect(ui.badges.at(-1)).toEqual({ text: '?', title: NO_ENTITIES_QUESTION });
    expect(NO_ENTITIES_QUESTION).toMatch(/names none of the people, places and organisations Backstory follows.*Add it anyway\?/u);
    // The popup opened on that tab finds the question; another page in the tab does not.
    expect(await pendingQuestion(11, garden.url)).toMatchObject({ message: expect.stringMatching(/Add it anyway\?$/u) });
    expect(await pendingQuestion(11, 'https://garden.example/other')).toBeUndefined();
    expect(await pendingQuestion(12, garden.url)).toBeUndefined();

    await addTabWithBadge(tab);
    expect(ui.badges.at(-1)?.title).toMatch(/added “Growing tomatoes” \(2 excerpts/u);
    expect(await pendingQuestion(11, garden.url)).toBeUndefined();
  });

  it('adds a page that does not look like an article without asking, as before', async () => {
    const ui = stubBrowserUi();
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({
      ok: true, value: { ...PAGE, url: 'https://news.example/sumy-live', article: { isArticle: false, reason: 'a live page', textLength: 360 } },
    });
    await addTabWithBadge({ id: 13 } as never);
    expect(ui.badges.at(-1)?.text).toBe('2');
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
