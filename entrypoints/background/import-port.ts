/**
 * Imports arriving on a port (IMPORT_PORT) rather than as one message, so that the page that sent
 * the file hears the progress of a large import: checking each line, writing, indexing.
 */
import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import {
  IMPORT_PORT,
  type ImportPortMessage,
  type ImportProgressEvent,
  type ImportResult,
  errorReply,
  isProtocolError,
  parseBackgroundRequest,
  toErrorReply,
} from '../../core/protocol';
import { corpus } from './corpus';
import { announceCorpusChange } from './events';

/** Import an export file into the corpus and tell open pages; one place for both ways in. */
export async function importCorpus(text: string, onProgress?: (progress: ImportProgressEvent) => void): Promise<ImportResult> {
  const result = await (await corpus()).importJsonl(text, onProgress);
  announceCorpusChange('imported');
  return result;
}

/** Progress messages are sent at most this often. */
const PROGRESS_EVERY_MS = 100;

export function listenForImports(): void {
  browser.runtime.onConnect.addListener((port: Runtime.Port) => {
    if (port.name !== IMPORT_PORT) return;
    // Only the extension's own pages (a content script's port carries its tab; pages' do not).
    if (port.sender?.id !== browser.runtime.id || port.sender?.tab?.url?.startsWith('http')) {
      port.disconnect();
      return;
    }
    let connected = true;
    port.onDisconnect.addListener(() => {
      connected = false;
    });
    const post = (message: ImportPortMessage) => {
      if (connected) port.postMessage(message);
    };
    port.onMessage.addListener((message: unknown) => {
      const request = parseBackgroundRequest(message);
      if (isProtocolError(request) || request.type !== 'import') {
        post({ reply: errorReply('bad-request', isProtocolError(request) ? request.message : 'Only imports are accepted on this port.') });
        return;
      }
      let last = 0;
      void (async () => {
        try {
          const result = await importCorpus(request.text, (progress) => {
            const now = Date.now();
            if (now - last < PROGRESS_EVERY_MS && progress.done < progress.total) return;
            last = now;
            post({ progress });
          });
          post({ reply: { ok: true, value: result } });
        } catch (error) {
          post({ reply: toErrorReply(error) });
        }
      })();
    });
  });
}
