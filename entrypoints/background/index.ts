/**
 * Background service worker (event page in Firefox): owns the corpus and answers every context's
 * requests through the typed protocol in core/protocol.ts.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import type { BackgroundRequest, BackgroundResponses, Reply } from '../../core/protocol';
import { parseBackgroundRequest, isProtocolError } from '../../core/protocol';
import type { CorpusFile } from '../../core/schema';
import bundledCorpus from '../../data/corpus.json';

const corpus = bundledCorpus as CorpusFile;

function answer(request: BackgroundRequest): BackgroundResponses[BackgroundRequest['type']] {
  switch (request.type) {
    case 'stats':
      return {
        sources: corpus.sources.length,
        excerpts: corpus.excerpts.length,
        readerSources: corpus.sources.filter((source) => source.origin === 'reader').length,
        entitiesTagged: new Set(corpus.excerpts.flatMap((excerpt) => excerpt.entityIds)).size,
      };
    case 'list-sources':
      return corpus.sources;
  }
}

export default defineBackground(() => {
  browser.runtime.onMessage.addListener(async (message: unknown, sender): Promise<Reply<unknown>> => {
    if (sender.id !== browser.runtime.id) {
      return { ok: false, error: { code: 'bad-request', message: 'Messages are accepted from Backstory only.' } };
    }
    const request = parseBackgroundRequest(message);
    if (isProtocolError(request)) return { ok: false, error: request };
    try {
      return { ok: true, value: answer(request) };
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
  });
});
