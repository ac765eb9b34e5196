/**
 * Content script: finds mentions on the page with the spotter and marks them with the CSS Custom
 * Highlight API, without touching the page's DOM. Answers the popup's "what is on this page?".
 */
import './highlight.css';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { Gazetteer } from '../../core/gazetteer';
import { compileSpotter } from '../../core/spotter';
import { parseTabRequest, isProtocolError } from '../../core/protocol';
import type { PageEntity, Reply, TabResponses } from '../../core/protocol';
import gazetteer from '../../data/entities.json';
import { getSettings, isActiveOn } from '../../lib/settings';
import { scanPage, type PageScan } from './page-scan';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    const spotter = compileSpotter(gazetteer as Gazetteer);
    const settings = await getSettings();
    let scan: PageScan | undefined;
    if (isActiveOn(settings, location.href)) scan = scanPage(document, spotter);

    browser.runtime.onMessage.addListener((message: unknown): Promise<Reply<TabResponses['page-entities']>> | undefined => {
      const request = parseTabRequest(message);
      if (isProtocolError(request)) return undefined;
      const entities: PageEntity[] = scan ? scan.entities() : [];
      return Promise.resolve({
        ok: true,
        value: { url: location.href, title: document.title, entities, paused: !scan },
      });
    });
    ctx.onInvalidated(() => scan?.clear());
  },
});
