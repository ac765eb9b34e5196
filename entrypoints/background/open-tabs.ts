/**
 * Start Backstory in the tabs that were already open when it was installed or updated. Browsers
 * run a content script only in pages loaded after the extension arrived (Chromium never injects
 * into open tabs; after an update the old scripts are cut off), so without this the first page a
 * new reader looks at would say Backstory cannot run there until they reload it.
 *
 * A tab whose content script already answers (Firefox injects into open tabs on install) is left
 * alone; discarded tabs get the script when they are loaded again. A tab still loading is asked
 * again once it has loaded: the manifest's script may be about to start there (document_idle), and
 * a second copy would restart the first one's marking under the reader's pointer.
 */
import { browser } from 'wxt/browser';
import { askTab } from '../../lib/messaging';

/** The build's own script paths (WXT types them; the manifest is the source at run time). */
type ScriptFiles = NonNullable<Parameters<typeof browser.scripting.executeScript>[0]['files']>;

/** The content script's files, as the manifest lists them. */
function contentScriptFiles(): { js: ScriptFiles; css: string[] } {
  const [script] = browser.runtime.getManifest().content_scripts ?? [];
  return { js: (script?.js ?? []) as ScriptFiles, css: script?.css ?? [] };
}

async function alreadyRunning(tabId: number): Promise<boolean> {
  try {
    await askTab(tabId, { type: 'page-entities' });
    return true;
  } catch {
    return false;
  }
}

/** Resolves when the tab has finished loading (or after `timeoutMs`, or if it closes). */
function loaded(tabId: number, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      browser.tabs.onUpdated.removeListener(listener);
      resolve();
    };
    const listener = (id: number, change: { status?: string }) => {
      if (id === tabId && change.status === 'complete') done();
    };
    const timer = setTimeout(done, timeoutMs);
    browser.tabs.onUpdated.addListener(listener);
    browser.tabs.get(tabId).then((tab) => tab.status === 'complete' && done(), done);
  });
}

/** Inject the content script into every open http(s) tab that lacks it; returns how many got it. */
export async function startInOpenTabs(): Promise<number> {
  const { js, css } = contentScriptFiles();
  if (js.length === 0) return 0;
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*'] });
  let started = 0;
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.discarded) return;
      if (tab.status === 'loading') await loaded(tab.id);
      if (await alreadyRunning(tab.id)) return;
      // document_idle comes right after the load event at the latest: ask once more before starting a copy.
      await new Promise((wait) => setTimeout(wait, 300));
      if (await alreadyRunning(tab.id)) return;
      const target = { tabId: tab.id };
      try {
        if (css.length > 0) await browser.scripting.insertCSS({ target, files: css });
        await browser.scripting.executeScript({ target, files: js });
        started++;
      } catch {
        // A tab that navigated to a page Backstory may not touch (a web store, an error page) in
        // the meantime: it gets the script the normal way on its next page.
      }
    }),
  );
  return started;
}
