/**
 * "Remember the articles I read": a content script says the reader read its page for the dwell
 * time and sends the extracted article; the background checks the reader's choice again (on, not
 * paused, not a private window, not a site Backstory is off on or never remembers), stores the page
 * (corpus/reading.ts), and keeps the store within the reader's storage budget.
 */
import type { Runtime } from 'webextension-polyfill';
import type { ExtractedPage, RememberResult } from '../../core/protocol';
import { getSettings, rememberBlocker } from '../../lib/settings';
import { corpus, estimateUsage } from './corpus';
import { announceCorpusChange } from './events';

export async function rememberFromTab(page: ExtractedPage, sender: Runtime.MessageSender): Promise<RememberResult> {
  const tab = sender.tab;
  if (!tab || tab.id === undefined) return { kept: false, reason: 'only a page the reader reads in a tab is remembered' };
  const settings = await getSettings();
  const blocker = rememberBlocker(settings, tab.url ?? page.url, tab.incognito === true);
  if (blocker) return { kept: false, reason: blocker };
  const service = await corpus();
  const result = await service.rememberPage(page);
  if (!result.kept) return result;
  const usage = await estimateUsage();
  if (usage !== undefined) {
    const evicted = await service.keepWithinBudget(settings.budgetMb * 1e6, usage, result.source?.id);
    if (evicted.length > 0) result.evicted = evicted.length;
  }
  announceCorpusChange('remembered');
  return result;
}
