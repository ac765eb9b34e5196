/**
 * Scrolling inside the hover card stays inside the card. The card is a fixed box over the page; a
 * wheel turn, a swipe or a key that the card cannot use would otherwise scroll the page under it,
 * move the mention away and close the card while the reader was reading it.
 *
 * - `overscroll-behavior: contain` on the card's scrollers (styles.css) stops scroll chaining at
 *   the end of a list; the listeners here cancel what that does not cover: wheel and touch moves
 *   over parts of the card that do not scroll, and over a scroller already at its end in that
 *   direction (the first event of a gesture there would still chain in some browsers).
 * - Keys are handled by the card itself (`keyScrollTop`), not by the browser's default, which
 *   scrolls the page when focus is on a button or when the list is at its end.
 */

export interface ScrollMetrics {
  scrollTop: number;
  clientHeight: number;
  scrollHeight: number;
}

/** One arrow-key step, as browsers scroll for a line of text. */
export const LINE_STEP_PX = 40;
/** A page step keeps a little of the previous page in view, as browsers do. */
const PAGE_FRACTION = 0.875;

/** The largest scrollTop of a scroller. */
export function maxScrollTop(metrics: ScrollMetrics): number {
  return Math.max(0, metrics.scrollHeight - metrics.clientHeight);
}

/** Whether a scroller can move further in `direction` (1: down, -1: up); sub-pixel remainders do not count. */
export function canScroll(metrics: ScrollMetrics, direction: 1 | -1): boolean {
  return direction > 0 ? metrics.scrollTop < maxScrollTop(metrics) - 1 : metrics.scrollTop > 1;
}

/**
 * Where a scroll key takes the list: ArrowUp/ArrowDown a line, PageUp/PageDown and Space
 * (Shift+Space back) most of a page, Home/End the ends. Undefined for any other key.
 */
export function keyScrollTop(key: string, shiftKey: boolean, metrics: ScrollMetrics): number | undefined {
  const page = Math.max(LINE_STEP_PX, Math.round(metrics.clientHeight * PAGE_FRACTION));
  const steps: Record<string, number> = {
    ArrowDown: LINE_STEP_PX,
    ArrowUp: -LINE_STEP_PX,
    PageDown: page,
    PageUp: -page,
    ' ': shiftKey ? -page : page,
  };
  const end = maxScrollTop(metrics);
  if (key === 'Home') return 0;
  if (key === 'End') return end;
  const step = steps[key];
  if (step === undefined) return undefined;
  return Math.max(0, Math.min(end, metrics.scrollTop + step));
}

/** Whether an element scrolls vertically (its style allows it and its content overflows). */
function isScroller(element: Element): boolean {
  const view = element.ownerDocument.defaultView;
  if (!view) return false;
  const overflow = view.getComputedStyle(element).overflowY;
  return (overflow === 'auto' || overflow === 'scroll') && element.scrollHeight > element.clientHeight + 1;
}

/** True when some scroller between the event's target and `root` can move in `direction`. */
function scrollsInside(event: Event, root: Element, direction: 1 | -1): boolean {
  for (const node of event.composedPath()) {
    if ((node as Node).nodeType !== 1) continue; // the path ends with the document and the window
    const element = node as Element;
    if (isScroller(element) && canScroll(element, direction)) return true;
    if (element === root) break;
  }
  return false;
}

/**
 * Keep wheel and touch scrolling over `root` (the card's root, inside its shadow root, where the
 * events' full path is visible) from reaching the page. Listeners end with `signal`.
 */
export function containScrolling(root: HTMLElement, signal: AbortSignal): void {
  root.addEventListener(
    'wheel',
    (event) => {
      // Ctrl+wheel (and a trackpad pinch) zooms the page: not ours to stop.
      if (event.ctrlKey || event.deltaY === 0) {
        if (!event.ctrlKey && event.deltaX !== 0) event.preventDefault(); // the card never scrolls sideways
        return;
      }
      if (!scrollsInside(event, root, event.deltaY > 0 ? 1 : -1)) event.preventDefault();
    },
    { passive: false, signal },
  );
  let lastY: number | undefined;
  root.addEventListener(
    'touchstart',
    (event) => {
      lastY = event.touches.length === 1 ? event.touches[0]!.clientY : undefined;
    },
    { passive: true, signal },
  );
  root.addEventListener(
    'touchmove',
    (event) => {
      // Two fingers pinch-zoom the page: leave them alone.
      if (event.touches.length !== 1 || lastY === undefined) return;
      const y = event.touches[0]!.clientY;
      const delta = lastY - y;
      lastY = y;
      if (delta === 0) return;
      if (event.cancelable && !scrollsInside(event, root, delta > 0 ? 1 : -1)) event.preventDefault();
    },
    { passive: false, signal },
  );
}
