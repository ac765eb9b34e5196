/** Tells open extension pages (popup, reading room, options) that the corpus changed. */
import { browser } from 'wxt/browser';
import type { CorpusChangedEvent } from '../../core/protocol';

export function announceCorpusChange(reason: CorpusChangedEvent['reason']): void {
  const event: CorpusChangedEvent = { event: 'corpus-changed', reason };
  // Rejects when no extension page is open to hear it: nothing to do then.
  browser.runtime.sendMessage(event).catch(() => undefined);
}
