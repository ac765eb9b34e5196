/**
 * "Remember the articles I read", on the page: counts the time the page is in the foreground
 * (visible; time in a background tab or a minimised window does not count), and once the reader
 * has read it for the dwell time, extracts the article when the page is idle and hands it to the
 * background, which decides (core rules in corpus/reading.ts). Once per address: a single-page
 * app moving to another article starts the count again.
 *
 * It costs the page nothing until then: one visibilitychange listener and one timer. Nothing is
 * added to the page, and the page's scripts cannot see any of it (content scripts run in their
 * own world).
 */

export interface ReadingTrackerOptions {
  /** Seconds in the foreground before a page counts as read. */
  dwellSeconds: () => number;
  /** Whether the page may be remembered now (settings, private window, site, two entities). */
  eligible: () => boolean;
  /** Extract the article and send it; called once per address, at idle. */
  remember: () => Promise<unknown>;
  now?: () => number;
}

export class ReadingTracker {
  private readonly doc: Document;
  private readonly now: () => number;
  private visibleSince: number | undefined;
  private readMs = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private doneFor: string | undefined;
  private url: string;
  private running = false;
  private readonly onVisibility = () => this.update();

  constructor(doc: Document, private readonly options: ReadingTrackerOptions) {
    this.doc = doc;
    this.now = options.now ?? (() => performance.now());
    this.url = doc.location?.href ?? '';
  }

  /** Start (or go on) counting, if the page is eligible. Safe to call again (settings changed, scan ended). */
  start(): void {
    if (!this.running) {
      this.running = true;
      this.doc.addEventListener('visibilitychange', this.onVisibility);
    }
    this.update();
  }

  stop(): void {
    this.running = false;
    this.doc.removeEventListener('visibilitychange', this.onVisibility);
    this.pause();
  }

  /** The page moved to another address (a single-page app): count again from zero. */
  navigated(url: string): void {
    if (url === this.url) return;
    this.url = url;
    this.pause();
    this.readMs = 0;
    this.update();
  }

  /** Milliseconds read so far on this address. */
  get read(): number {
    return this.readMs + (this.visibleSince !== undefined ? this.now() - this.visibleSince : 0);
  }

  private update(): void {
    const counting = this.running && this.doneFor !== this.url && this.doc.visibilityState === 'visible' && this.options.eligible();
    if (!counting) {
      this.pause();
      return;
    }
    if (this.visibleSince === undefined) this.visibleSince = this.now();
    clearTimeout(this.timer);
    const left = Math.max(0, this.options.dwellSeconds() * 1000 - this.read);
    this.timer = setTimeout(() => this.reached(), left);
  }

  private pause(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.visibleSince !== undefined) this.readMs += this.now() - this.visibleSince;
    this.visibleSince = undefined;
  }

  private reached(): void {
    if (this.read < this.options.dwellSeconds() * 1000 - 5) {
      this.update();
      return;
    }
    if (!this.options.eligible() || this.doneFor === this.url) return;
    this.doneFor = this.url;
    this.pause();
    const view = this.doc.defaultView as (Window & { requestIdleCallback?: Window['requestIdleCallback'] }) | null;
    const run = () => {
      this.options.remember().catch(() => undefined);
    };
    // Off the reader's path: when the page is idle (at most 2 s later).
    if (typeof view?.requestIdleCallback === 'function') view.requestIdleCallback(run, { timeout: 2000 });
    else setTimeout(run, 0);
  }
}
