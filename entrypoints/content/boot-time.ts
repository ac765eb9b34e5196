/**
 * The first module the content script evaluates: it notes when the script began (scan reports,
 * the popup and benchmarks count from here) and asks for the reader's settings (and which names
 * have excerpts, for drawing the marks) at once, so the storage round trip overlaps evaluating the
 * rest of the script and the page finishing its load.
 *
 * Why the first scan waits for the load event (`pageLoaded`): Chromium runs `document_idle`
 * scripts when the page has finished loading, just before its load event, and every task of ours
 * queued then (the scan yields with `scheduler.yield()`, whose continuations go first) holds the
 * load event back: before, Backstory delayed it by the whole scan on every page. After the load
 * event the scan costs the page nothing it waits for. A page still fetching slow resources (the
 * script then runs up to a few hundred ms after DOMContentLoaded) is not waited for longer than
 * LOAD_WAIT_MAX_MS: its load event waits for the network, not for us.
 */
import { type Coverage, getCoverage } from '../../lib/coverage';
import { type Settings, getSettings } from '../../lib/settings';

export const bootedAt = performance.now();

export const earlySettings: Promise<Settings> = getSettings();

export const earlyCoverage: Promise<Coverage | undefined> = getCoverage();

/** The longest the first scan waits for a load event that has not come. */
export const LOAD_WAIT_MAX_MS = 250;

/**
 * Resolves in the first task after the document's load event (at once when it has passed), or
 * after `maxMs` if the page is still loading then.
 */
export function pageLoaded(doc: Document, maxMs = LOAD_WAIT_MAX_MS): Promise<void> {
  const view = doc.defaultView;
  if (doc.readyState === 'complete' || !view) return Promise.resolve();
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      view.removeEventListener('load', onLoad);
      resolve();
    };
    // After the load event's own task, not inside it: listeners there would hold up its end.
    const onLoad = () => setTimeout(finish, 0);
    const timer = setTimeout(finish, maxMs);
    view.addEventListener('load', onLoad);
  });
}
