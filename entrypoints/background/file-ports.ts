/**
 * Files in and out, streamed over ports so that no message comes near the browser's 64 MiB limit
 * and neither side holds a large file twice:
 *
 * - IMPORT_PORT: the reading room sends the file's lines in chunks, each accepted (checked and
 *   staged, corpus/import.ts) before the next is sent; `end` commits the whole file in one
 *   transaction, with progress; `cancel`, a bad line or a closed port leaves the corpus untouched.
 * - EXPORT_PORT: the corpus is read in one transaction and sent in ~1 MB chunks of whole lines.
 *
 * Both accept only the extension's own pages (a content script's port carries an http(s) tab).
 */
import { say } from '../../lib/i18n/reader-error';
import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import {
  EXPORT_PORT,
  type ExportPortMessage,
  IMPORT_PORT,
  type ImportPortMessage,
  type ImportProgressEvent,
  errorReply,
  isProtocolError,
  parseImportClientMessage,
  toErrorReply,
} from '../../core/protocol';
import type { ImportSession } from '../../corpus/import';
import { mergeTrackedNames } from '../../lib/tracked-names';
import { corpus } from './corpus';
import { announceCorpusChange } from './events';
import { trackedNamesChanged } from './tracked';

/** Progress messages are sent at most this often. */
const PROGRESS_EVERY_MS = 100;

function fromOwnPage(port: Runtime.Port): boolean {
  return port.sender?.id === browser.runtime.id && !port.sender?.tab?.url?.startsWith('http');
}

/** Post on a port while it is open (the page may close at any time). */
function poster<T>(port: Runtime.Port): { post(message: T): void; readonly open: boolean } {
  let open = true;
  port.onDisconnect.addListener(() => {
    open = false;
  });
  return {
    post(message: T) {
      if (open) port.postMessage(message);
    },
    get open() {
      return open;
    },
  };
}

function listenForImport(port: Runtime.Port): void {
  const channel = poster<ImportPortMessage>(port);
  let session: ImportSession | undefined;
  let finished = false;
  // Messages are handled one after the other: a chunk is staged before the next one is read.
  let queue: Promise<void> = Promise.resolve();
  let last = 0;
  const progress = (event: ImportProgressEvent) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS && event.done < event.total) return;
    last = now;
    channel.post({ progress: event });
  };
  const fail = async (error: unknown) => {
    finished = true;
    await session?.cancel();
    channel.post({ reply: toErrorReply(error) });
  };
  port.onDisconnect.addListener(() => {
    // The page went away before the end: forget what was staged.
    if (!finished) queue = queue.then(() => session?.cancel());
  });
  port.onMessage.addListener((raw: unknown) => {
    queue = queue.then(async () => {
      if (finished) return;
      const message = parseImportClientMessage(raw);
      if (isProtocolError(message)) {
        finished = true;
        await session?.cancel();
        channel.post({ reply: errorReply('bad-request', message.message) });
        return;
      }
      try {
        session ??= (await corpus()).beginImport();
        if ('cancel' in message) {
          finished = true;
          await session.cancel();
          channel.post({ reply: errorReply('bad-request', 'The import was cancelled. Nothing was imported.', [say('errors.importCancelled')]) });
        } else if ('lines' in message) {
          await session.addLines(message.lines);
          channel.post({ accepted: session.linesRead });
          progress({ phase: 'checking', done: session.linesRead, total: 0 });
        } else {
          finished = true;
          const result = await session.finish(progress);
          announceCorpusChange('imported');
          await afterImport(session);
          channel.post({ reply: { ok: true, value: result } });
        }
      } catch (error) {
        await fail(error);
      }
    });
  });
}

/**
 * The file's tracked names join the reader's; the excerpts it brought, tagged with tracked names
 * of the exporting browser, are re-tagged with this one's names (all of them, once).
 */
async function afterImport(session: ImportSession): Promise<void> {
  if (session.trackedNames.length === 0 && !session.hasTrackedTags) return;
  if (session.trackedNames.length > 0) await mergeTrackedNames(session.trackedNames);
  const service = await corpus();
  if (session.hasTrackedTags) await service.retagEverything();
  void trackedNamesChanged(service).catch(() => undefined);
}

function listenForExport(port: Runtime.Port): void {
  const channel = poster<ExportPortMessage>(port);
  port.onMessage.addListener((raw: unknown) => {
    const scope = (raw as { scope?: unknown } | null)?.scope;
    if (scope !== 'reader' && scope !== 'all') {
      channel.post({ reply: errorReply('bad-request', 'An export asks for { scope: "reader" | "all" }.') });
      return;
    }
    void (async () => {
      try {
        const done = await (await corpus()).exportStream(scope, (chunk, { lines, totalLines }) => {
          channel.post({ chunk, lines, totalLines });
        });
        channel.post({ reply: { ok: true, value: done } });
      } catch (error) {
        channel.post({ reply: toErrorReply(error) });
      }
    })();
  });
}

export function listenForFiles(): void {
  browser.runtime.onConnect.addListener((port: Runtime.Port) => {
    if (port.name !== IMPORT_PORT && port.name !== EXPORT_PORT) return;
    if (!fromOwnPage(port)) {
      port.disconnect();
      return;
    }
    if (port.name === IMPORT_PORT) listenForImport(port);
    else listenForExport(port);
  });
}
