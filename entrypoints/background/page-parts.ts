/**
 * Parts of the page path injected on demand (core/protocol.ts `PagePart`,
 * entrypoints/content/page-parts.ts): the content script of a tab asks for one when the reader's
 * gesture needs it, and it is run in that tab's frame, in the content script's own world, where it
 * registers itself. The files are not web-accessible: a page can neither load them nor tell that
 * Backstory is there.
 *
 * Chromium and Firefox (140 and newer, MV2 included) both have `scripting.executeScript`; where a
 * browser lacks it, `tabs.executeScript` does the same for one file.
 */
import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { BackstoryError, type PagePart } from '../../core/protocol';

/** The built file of each part (entrypoints/page-extract.ts, entrypoints/page-card.ts). */
const PART_FILES: Record<PagePart, '/page-extract.js' | '/page-card.js'> = {
  extract: '/page-extract.js',
  card: '/page-card.js',
};

export async function injectPart(part: PagePart, sender: Runtime.MessageSender): Promise<{ loaded: true }> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new BackstoryError({ code: 'bad-request', message: 'Only a page in a tab loads parts of Backstory.' });
  const frameId = sender.frameId ?? 0;
  const file = PART_FILES[part];
  try {
    if (browser.scripting?.executeScript) {
      await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [file] });
    } else {
      await browser.tabs.executeScript(tabId, { file, frameId });
    }
  } catch (error) {
    throw new BackstoryError({
      code: 'unreachable',
      message: `Backstory could not finish loading on this page (${error instanceof Error ? error.message : String(error)}). Reload the page and try again.`,
      text: [{ key: 'errors.partFailed' }],
    });
  }
  return { loaded: true };
}
