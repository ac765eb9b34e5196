/**
 * Typed messaging used by every extension context: ask the background, ask a tab's content script.
 * Error replies are thrown as `BackstoryError` (with the protocol's error code).
 */
import { browser } from 'wxt/browser';
import {
  type BackgroundRequest,
  type BackgroundResponses,
  BackstoryError,
  IMPORT_PORT,
  type ImportPortMessage,
  type ImportProgressEvent,
  type ImportResult,
  type Reply,
  type TabRequest,
  type TabResponses,
} from '../core/protocol';

function unwrap<T>(reply: unknown): T {
  const typed = reply as Reply<T> | undefined;
  if (!typed || typeof typed !== 'object' || typeof typed.ok !== 'boolean') {
    throw new BackstoryError({ code: 'internal', message: 'No answer from Backstory’s background. Try again in a moment.' });
  }
  if (!typed.ok) throw new BackstoryError(typed.error);
  return typed.value;
}

export async function askBackground<R extends BackgroundRequest>(request: R): Promise<BackgroundResponses[R['type']]> {
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage(request);
  } catch (error) {
    // The background was stopped or restarted before it answered (the browser stops idle workers,
    // updates restart them). Nothing half-done is left behind: every write is one transaction.
    throw new BackstoryError({
      code: 'internal',
      message: /context invalidated/iu.test(String(error))
        ? 'Backstory was updated or reloaded. Reload this page to use it again.'
        : 'Backstory’s background stopped before it could answer. Nothing was changed; try again.',
    });
  }
  return unwrap(reply);
}

export async function askTab<R extends TabRequest>(tabId: number, request: R): Promise<TabResponses[R['type']]> {
  let reply: unknown;
  try {
    reply = await browser.tabs.sendMessage(tabId, request);
  } catch {
    throw new BackstoryError({ code: 'unreachable', message: 'Backstory cannot run on this page (browser pages, web stores and local files are off limits).' });
  }
  return unwrap(reply);
}

/**
 * Import an export file through a port, hearing the background's progress (checking every line,
 * writing, indexing) as it goes. Resolves with the result or throws the typed error; nothing is
 * written unless the whole file is valid.
 */
export function importWithProgress(text: string, onProgress: (progress: ImportProgressEvent) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const port = browser.runtime.connect({ name: IMPORT_PORT });
    let settled = false;
    port.onMessage.addListener((message: unknown) => {
      const typed = message as ImportPortMessage;
      if ('progress' in typed) {
        onProgress(typed.progress);
        return;
      }
      settled = true;
      port.disconnect();
      try {
        resolve(unwrap<ImportResult>(typed.reply));
      } catch (error) {
        reject(error);
      }
    });
    port.onDisconnect.addListener(() => {
      if (!settled) {
        reject(new BackstoryError({ code: 'internal', message: 'Backstory’s background stopped during the import. Nothing of the file was written; try again.' }));
      }
    });
    port.postMessage({ type: 'import', text });
  });
}
