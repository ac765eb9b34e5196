/**
 * The first module the content script evaluates: it notes when the script began (scan reports,
 * the popup and benchmarks count from here), and says when the page path may start working.
 *
 * Why nothing starts before the page's load event (`pageLoaded`): Chromium runs `document_idle`
 * scripts when the page has finished loading, just before its load event, and the load event waits
 * for everything the script does in that task and for every task of ours queued then (the scan
 * yields with `scheduler.yield()`, whose continuations go first). Before, Backstory delayed the load
 * event of every page by its whole start and scan. So the task that runs the script only evaluates
 * it; reading the settings (the storage API's first use costs milliseconds), starting the spotter
 * and scanning come in the first task after the load event. A page still fetching slow resources
 * (the script then runs up to a few hundred ms after DOMContentLoaded) is not waited for longer than
 * LOAD_WAIT_MAX_MS: its load event waits for the network, not for us.
 */
import { type Coverage, getCoverage } from '../../lib/coverage';
import { type Settings, getSettings } from '../../lib/settings';
import { type TrackedSpotter, getTrackedSpotter } from '../../lib/tracked-spotter';
import { getStoredSpotter } from '../../lib/bundled-spotter';
import type { SpotterSnapshot } from '../../core/spotter-automaton';

export const bootedAt = performance.now();

/** The longest the page path waits for a load event that has not come. */
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

/**
 * Ask storage at once for what the page path needs: the bundled spotter of this build, the reader's
 * settings, the names that have excerpts (to draw the marks) and the names the reader tracks, so
 * that the round trips overlap.
 */
export function askEarly(build: string): {
  spotter: Promise<SpotterSnapshot | undefined>;
  settings: Promise<Settings>;
  coverage: Promise<Coverage | undefined>;
  trackedNames: Promise<TrackedSpotter | undefined>;
} {
  return { spotter: getStoredSpotter(build), settings: getSettings(), coverage: getCoverage(), trackedNames: getTrackedSpotter() };
}
