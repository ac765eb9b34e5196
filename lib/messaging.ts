/**
 * Typed messaging helpers used by every extension context: ask the background, ask a tab's
 * content script. Errors come back as `ProtocolError` values and are thrown here as `BackstoryError`.
 */
import { browser } from 'wxt/browser';
import type {
  BackgroundRequest,
  BackgroundResponses,
  ProtocolError,
  Reply,
  TabRequest,
  TabResponses,
} from '../core/protocol';

export class BackstoryError extends Error {
  readonly code: ProtocolError['code'];
  constructor(error: ProtocolError) {
    super(error.message);
    this.code = error.code;
  }
}

function unwrap<T>(reply: unknown): T {
  const typed = reply as Reply<T> | undefined;
  if (!typed || typeof typed !== 'object') {
    throw new BackstoryError({ code: 'internal', message: 'No answer from the extension.' });
  }
  if (!typed.ok) throw new BackstoryError(typed.error);
  return typed.value;
}

export async function askBackground<R extends BackgroundRequest>(request: R): Promise<BackgroundResponses[R['type']]> {
  return unwrap(await browser.runtime.sendMessage(request));
}

export async function askTab<R extends TabRequest>(tabId: number, request: R): Promise<TabResponses[R['type']]> {
  return unwrap(await browser.tabs.sendMessage(tabId, request));
}
