/**
 * Background service worker (an event page in Firefox). It owns the corpus — IndexedDB, with the
 * full-text index loaded only for search, see corpus/service.ts — and answers every other context through the typed
 * protocol in core/protocol.ts:
 *
 *   router           validates each message and calls the corpus service
 *   corpus           opens the service once per worker lifetime (installs/updates the bundled corpus)
 *   add-tab          "Add this page": extract in the tab's content script, then store
 *   file-ports       import and export files of any size, streamed over ports
 *   browser-actions  context menu, keyboard commands, toolbar badge
 *   open-tabs        starts the content script in tabs opened before install or update
 *   remember         pages the reader read, remembered when the reader opted in
 *   welcome          the first-run page
 *   tracked          the names the reader tracks: tagging with them, re-tagging the corpus
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createContextMenus, listenToBrowserActions } from './browser-actions';
import { corpus } from './corpus';
import { listenForFiles } from './file-ports';
import { announceCorpusChange } from './events';
import { startInOpenTabs } from './open-tabs';
import { route } from './router';
import { listenForTrackedNames } from './tracked';
import { getSettings, watchSettings } from '../../lib/settings';
import { openWelcome } from './welcome';

export default defineBackground({
  // Firefox (MV2): an event page, unloaded when idle like Chrome's worker, not a persistent page.
  persistent: false,
  main() {
    browser.runtime.onMessage.addListener(route);
    listenForFiles();
    listenToBrowserActions();
    listenForTrackedNames(corpus);
    // The menus speak the reader's language: written again when the language setting changes,
    // and at each browser start (the browser's own language may have changed).
    let language: string | undefined;
    watchSettings((settings) => {
      if (language !== undefined && settings.language !== language) void createContextMenus().catch(() => undefined);
      language = settings.language;
    });
    void getSettings().then((settings) => (language ??= settings.language), () => undefined);
    browser.runtime.onStartup.addListener(() => void createContextMenus().catch(() => undefined));
    browser.runtime.onInstalled.addListener(({ reason }) => {
      void createContextMenus().catch(() => undefined);
      // Install (or, after an update, replace) the bundled corpus now rather than on the first hover.
      void corpus().then(() => announceCorpusChange('installed'), () => undefined);
      if (reason === 'install' || reason === 'update') void startInOpenTabs().catch(() => undefined);
      // Asked once: what Backstory does, and whether to remember the articles the reader reads.
      if (reason === 'install') void openWelcome().catch(() => undefined);
    });
  },
});
