/**
 * The lean page path's own pieces: the content script starts after the page's load event (or after
 * a cap on a page still loading), and the parts injected on demand are asked for once, taken only
 * when registered after the request (never a copy left by an older version), and asked for again
 * after a failure.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LOAD_WAIT_MAX_MS, pageLoaded } from '../../entrypoints/content/boot-time';
import { loadPart, registerPart } from '../../entrypoints/content/page-parts';

/** A document in the given state, with a window that dispatches `load` when told. */
function fakeDocument(readyState: DocumentReadyState): { doc: Document; fireLoad: () => void } {
  const view = new EventTarget();
  const doc = { readyState, defaultView: view } as unknown as Document;
  return { doc, fireLoad: () => view.dispatchEvent(new Event('load')) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

test('a page whose load event has passed starts at once', async () => {
  const { doc } = fakeDocument('complete');
  await expect(pageLoaded(doc)).resolves.toBeUndefined();
});

test('a page still loading starts in the task after its load event, not inside it', async () => {
  const { doc, fireLoad } = fakeDocument('interactive');
  let started = false;
  void pageLoaded(doc).then(() => {
    started = true;
  });
  await vi.advanceTimersByTimeAsync(10);
  expect(started).toBe(false);
  fireLoad();
  await Promise.resolve();
  expect(started).toBe(false);
  await vi.advanceTimersByTimeAsync(0);
  expect(started).toBe(true);
});

test('a page whose load event does not come is not waited for longer than the cap', async () => {
  const { doc } = fakeDocument('interactive');
  let started = false;
  void pageLoaded(doc).then(() => {
    started = true;
  });
  await vi.advanceTimersByTimeAsync(LOAD_WAIT_MAX_MS - 1);
  expect(started).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  expect(started).toBe(true);
});

test('a part is asked for once, and taken only when registered after the request', async () => {
  vi.useRealTimers();
  // A copy left in this world by an older version of the extension.
  const stale = { extractArticle: vi.fn() };
  registerPart('extract', stale as never);
  const fresh = { extractArticle: vi.fn() };
  const asked: unknown[] = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    asked.push(message);
    // What the background does: run the part's file in the tab, which registers it.
    registerPart('extract', fresh as never);
    return Promise.resolve({ ok: true, value: { loaded: true } });
  });
  const [first, second] = await Promise.all([loadPart('extract'), loadPart('extract')]);
  expect(first).toBe(fresh);
  expect(second).toBe(fresh);
  expect(await loadPart('extract')).toBe(fresh);
  expect(asked).toEqual([{ type: 'load-part', part: 'extract' }]);
});

test('a part that could not be loaded is asked for again next time', async () => {
  vi.useRealTimers();
  let attempts = 0;
  fakeBrowser.runtime.onMessage.addListener(() => {
    attempts++;
    if (attempts === 1) return Promise.resolve({ ok: false, error: { code: 'unreachable', message: 'Reload the page and try again.' } });
    registerPart('card', { createCardView: vi.fn(), pageDate: vi.fn() } as never);
    return Promise.resolve({ ok: true, value: { loaded: true } });
  });
  await expect(loadPart('card')).rejects.toThrow(/Reload the page/u);
  await expect(loadPart('card')).resolves.toMatchObject({ pageDate: expect.any(Function) });
  expect(attempts).toBe(2);
});
