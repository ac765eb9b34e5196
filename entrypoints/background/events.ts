/**
 * Tells open extension pages (popup, reading room, options) that the corpus changed, and the
 * content scripts of open tabs, whose cards keep what they read until then.
 */
import { browser } from 'wxt/browser';
import type { CorpusChangedEvent, TabRequest } from '../../core/protocol';

export function announceCorpusChange(reason: CorpusChangedEvent['reason']): void {
  const event: CorpusChangedEvent = { event: 'corpus-changed', reason };
  // Rejects when no extension page is open to hear it: nothing to do then.
  browser.runtime.sendMessage(event).catch(() => undefined);
  void tellTabs();
}

async function tellTabs(): Promise<void> {
  const request: TabRequest = { type: 'corpus-changed' };
  try {
    const tabs = await browser.tabs.query({});
    // Tabs without Backstory's content script (browser pages, stores) do not answer: nothing to do.
    await Promise.all(tabs.map(async (tab) => {
      if (tab.id !== undefined) await browser.tabs.sendMessage(tab.id, request);
    }).map((told) => told.catch(() => undefined)));
  } catch {
    // No tabs to tell.
  }
}
