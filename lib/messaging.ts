/**
 * Typed messaging used by every extension context: ask the background, ask a tab's content script.
 * Error replies are thrown as `BackstoryError` (with the protocol's error code).
 */
import { browser } from 'wxt/browser';
import {
  type BackgroundRequest,
  type BackgroundResponses,
  BackstoryError,
  EXPORT_PORT,
  type ExportPortMessage,
  type ExportScope,
  IMPORT_CHUNK_CHARS,
  IMPORT_PORT,
  type ImportClientMessage,
  type ImportPortMessage,
  type ImportProgressEvent,
  type ImportResult,
  type Reply,
  type TabRequest,
  type TabResponses,
  errorText,
} from '../core/protocol';

/** Import progress as the reading room shows it: reading the file (bytes), writing, indexing. */
export type ImportProgress = ImportProgressEvent;

function unwrap<T>(reply: unknown): T {
  const typed = reply as Reply<T> | undefined;
  if (!typed || typeof typed !== 'object' || typeof typed.ok !== 'boolean') {
    throw new BackstoryError({ code: 'internal', message: 'No answer from Backstory’s background. Try again in a moment.', text: [{ key: 'errors.backgroundSilent' }] });
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
    const reloaded = /context invalidated/iu.test(String(error));
    throw new BackstoryError({
      code: 'internal',
      message: reloaded
        ? 'Backstory was updated or reloaded. Reload this page to use it again.'
        : 'Backstory’s background stopped before it could answer. Nothing was changed; try again.',
      text: [{ key: reloaded ? 'errors.reloaded' : 'errors.backgroundStopped' }],
    });
  }
  return unwrap(reply);
}

export async function askTab<R extends TabRequest>(tabId: number, request: R): Promise<TabResponses[R['type']]> {
  let reply: unknown;
  try {
    reply = await browser.tabs.sendMessage(tabId, request);
  } catch {
    throw new BackstoryError({ code: 'unreachable', message: 'Backstory cannot run on this page (browser pages, web stores and local files are off limits).', text: [{ key: 'errors.cannotRunHere' }] });
  }
  return unwrap(reply);
}

/**
 * Import an export file of any size through a port: the file is read in pieces (never whole), its
 * lines sent in chunks of a few megabytes, each chunk sent only once the background accepted the
 * previous one. Resolves with the result or throws the typed error; nothing is written unless the
 * whole file is valid. `signal` cancels: the background drops what it staged.
 */
export function importFile(file: Blob, onProgress: (progress: ImportProgress) => void, signal?: AbortSignal): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const port = browser.runtime.connect({ name: IMPORT_PORT });
    let settled = false;
    let accepted: (() => void) | undefined;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      accepted?.();
      action();
    };
    port.onMessage.addListener((message: unknown) => {
      const typed = message as ImportPortMessage;
      if ('accepted' in typed) {
        const next = accepted;
        accepted = undefined;
        next?.();
      } else if ('progress' in typed) {
        if (typed.progress.phase !== 'checking') onProgress(typed.progress);
      } else {
        port.disconnect();
        settle(() => {
          try {
            resolve(unwrap<ImportResult>(typed.reply));
          } catch (error) {
            reject(error);
          }
        });
      }
    });
    port.onDisconnect.addListener(() => settle(() => reject(new BackstoryError({
      code: 'internal',
      message: 'Backstory’s background stopped during the import. Your corpus is as it was, or — if it stopped while finishing — holds the whole file: nothing in between. Import the file again to be sure (what is already there is left unchanged).',
      text: [{ key: 'errors.importStopped' }],
    }))));
    signal?.addEventListener('abort', () => {
      port.postMessage({ cancel: true } satisfies ImportClientMessage);
    });
    void (async () => {
      let sent = 0;
      for await (const lines of fileLines(file, IMPORT_CHUNK_CHARS, (read) => onProgress({ phase: 'checking', done: read, total: file.size }))) {
        if (settled || signal?.aborted) return;
        await new Promise<void>((next) => {
          accepted = next;
          port.postMessage({ lines } satisfies ImportClientMessage);
        });
        sent += lines.length;
      }
      if (!settled && !signal?.aborted) port.postMessage({ end: true } satisfies ImportClientMessage);
      return sent;
    })().catch((error: unknown) => {
      port.disconnect();
      settle(() => reject(new BackstoryError({
        code: 'invalid-file',
        message: `The file could not be read (${errorText(error)}). Nothing was imported.`,
        text: [{ key: 'errors.fileUnreadable', params: { detail: errorText(error) } }],
      })));
    });
  });
}

/** A file's lines in chunks of about `chunkChars` characters, read piece by piece (UTF-8). */
export async function* fileLines(file: Blob, chunkChars: number, onRead?: (bytes: number) => void): AsyncGenerator<string[]> {
  const decoder = new TextDecoder('utf-8');
  const pieceBytes = 4 * 1024 * 1024;
  let carry = '';
  let chunk: string[] = [];
  let size = 0;
  for (let offset = 0; offset < file.size; offset += pieceBytes) {
    const bytes = new Uint8Array(await file.slice(offset, offset + pieceBytes).arrayBuffer());
    const text = carry + decoder.decode(bytes, { stream: offset + pieceBytes < file.size });
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) {
      chunk.push(line);
      size += line.length;
      if (size >= chunkChars) {
        yield chunk;
        chunk = [];
        size = 0;
      }
    }
    onRead?.(Math.min(file.size, offset + pieceBytes));
  }
  carry += decoder.decode();
  if (carry) chunk.push(carry);
  if (chunk.length) yield chunk;
}

/**
 * Export the reader's pages (or everything) as a file, streamed: each chunk the background sends
 * becomes a Blob part at once, so the text is never held whole in this page either.
 */
export function exportToFile(scope: ExportScope, onProgress: (lines: number, totalLines: number) => void): Promise<{ blob: Blob; fileName: string; lines: number }> {
  return new Promise((resolve, reject) => {
    const port = browser.runtime.connect({ name: EXPORT_PORT });
    const parts: Blob[] = [];
    let settled = false;
    port.onMessage.addListener((message: unknown) => {
      const typed = message as ExportPortMessage;
      if ('chunk' in typed) {
        parts.push(new Blob([typed.chunk]));
        onProgress(typed.lines, typed.totalLines);
        return;
      }
      settled = true;
      port.disconnect();
      try {
        const { lines, fileName } = unwrap<{ lines: number; fileName: string }>(typed.reply);
        resolve({ blob: new Blob(parts, { type: 'application/x-ndjson' }), fileName, lines });
      } catch (error) {
        reject(error);
      }
    });
    port.onDisconnect.addListener(() => {
      if (!settled) reject(new BackstoryError({ code: 'internal', message: 'Backstory’s background stopped during the export; try again.', text: [{ key: 'errors.exportStopped' }] }));
    });
    port.postMessage({ scope });
  });
}
