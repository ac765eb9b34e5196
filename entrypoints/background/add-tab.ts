/**
 * "Add this page" for a tab: ask its content script to extract the article (Readability runs on a
 * clone of the page's document there), then store it. Used by the popup, the context menu and the
 * keyboard shortcut; the hover card sends its extracted page directly. The store may answer with a
 * question (not an article, names nothing Backstory tracks): `force` adds the page anyway, `skip`
 * leaves some questions unasked.
 */
import { readerError, say } from '../../lib/i18n/reader-error';
import { browser } from 'wxt/browser';
import { type AddPageResult, BackstoryError, type ExtractedPage, type Reply } from '../../core/protocol';
import { corpus } from './corpus';
import { announceCorpusChange } from './events';

export interface AddOptions {
  force?: boolean;
  skip?: readonly ('not-article' | 'no-entities')[];
}

export async function extractTab(tabId: number): Promise<ExtractedPage> {
  let reply: Reply<ExtractedPage> | undefined;
  try {
    reply = (await browser.tabs.sendMessage(tabId, { type: 'extract-page' })) as Reply<ExtractedPage> | undefined;
  } catch {
    throw readerError('unreachable', say('errors.unreachableReload'));
  }
  if (!reply || typeof reply !== 'object') throw readerError('unreachable', say('errors.noAnswer'));
  if (!reply.ok) throw new BackstoryError(reply.error);
  return reply.value;
}

export async function addPage(page: ExtractedPage, options: AddOptions = {}): Promise<AddPageResult> {
  const result = await (await corpus()).addPage(page, options);
  announceCorpusChange('added');
  return result;
}

export async function addTab(tabId: number, options: AddOptions = {}): Promise<AddPageResult> {
  return addPage(await extractTab(tabId), options);
}
