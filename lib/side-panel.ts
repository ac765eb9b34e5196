/**
 * Opening the reading room (Chrome's side panel, Firefox's sidebar) on a given entity.
 *
 * Both browsers open it only in response to a user action, so `openSidePanel` must be called
 * synchronously from the click or command handler (before any `await`). The entity to show travels
 * through session storage: the panel reads it when it opens and follows later changes. Where the
 * panel cannot be opened (no user gesture reached us, an older browser), the reading room opens in
 * a tab instead.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

export interface PanelFocus {
  entityId?: string;
  /** Which view to show. */
  view?: 'search' | 'entity' | 'reading' | 'sources' | 'names';
  /** Search for this (the search view): a source's excerpts, or a name the corpus has nothing on yet. */
  search?: { query?: string; sourceId?: string };
  /** Open "Track a name" (the names view) with this name filled in (the page's context menu). */
  track?: { name: string };
  /** When it was asked for (ms since epoch): a panel ignores requests it has already handled. */
  at: number;
}

export const panelFocusItem = storage.defineItem<PanelFocus | null>('session:panelFocus', { fallback: null });

interface ChromeSidePanel {
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
}
interface FirefoxSidebarAction {
  open(): Promise<void>;
}

function sidePanelApi(): ChromeSidePanel | undefined {
  return (globalThis as { chrome?: { sidePanel?: ChromeSidePanel } }).chrome?.sidePanel;
}

function sidebarActionApi(): FirefoxSidebarAction | undefined {
  return (browser as unknown as { sidebarAction?: FirefoxSidebarAction }).sidebarAction;
}

/** The reading room's address, for opening it in a tab. */
export function readingRoomUrl(focus: Omit<PanelFocus, 'at'> = {}): string {
  const hash = focus.track ? `#track=${encodeURIComponent(focus.track.name)}`
    : focus.entityId ? `#entity=${encodeURIComponent(focus.entityId)}` : focus.view ? `#${focus.view}` : '';
  return browser.runtime.getURL(`/sidepanel.html${hash}` as '/sidepanel.html');
}

/**
 * Open the reading room. Call synchronously inside a user-action handler. Resolves to how it was
 * opened.
 */
export function openSidePanel(target: { tabId?: number; windowId?: number }, focus: Omit<PanelFocus, 'at'> = {}): Promise<'panel' | 'tab'> {
  const stored = panelFocusItem.setValue({ ...focus, at: Date.now() });
  let opening: Promise<void> | undefined;
  try {
    const chromePanel = sidePanelApi();
    const firefoxSidebar = sidebarActionApi();
    if (chromePanel && (target.tabId !== undefined || target.windowId !== undefined)) {
      opening = chromePanel.open(target.tabId !== undefined ? { tabId: target.tabId } : { windowId: target.windowId as number });
    } else if (firefoxSidebar) {
      opening = firefoxSidebar.open();
    }
  } catch {
    opening = undefined;
  }
  const fallback = async (): Promise<'tab'> => {
    await browser.tabs.create({ url: readingRoomUrl(focus) });
    return 'tab';
  };
  if (!opening) return stored.then(fallback);
  return Promise.all([opening, stored]).then(() => 'panel' as const, fallback);
}
