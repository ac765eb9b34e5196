/**
 * Where the hover card goes: a pure rule from the mention's client rects, the card's natural height
 * and the viewport to a position, a width and a maximum height.
 *
 * The promise is that the card never covers any part of the mention it explains (a mention that
 * wraps has several rects) and never leaves the viewport. The card's height is negotiable (its
 * excerpt list scrolls inside it), its position relative to the word is not:
 *
 * 1. below the mention when the whole card fits there, else above when it fits there;
 * 2. else on the larger of the two sides, shrunk to the room there, if that room is at least
 *    MIN_USABLE_HEIGHT (a header, a few lines of excerpts and the actions);
 * 3. else beside the mention (right, then left) at full height, when the viewport is wide enough;
 * 4. else on the larger vertical side however small: a short card beats one over the word.
 */

export interface AnchorRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface ViewportSize {
  width: number;
  height: number;
}

export type CardSide = 'below' | 'above' | 'right' | 'left';

export interface CardPlacement {
  left: number;
  top: number;
  width: number;
  /** The card may be at most this tall; its content scrolls inside. */
  maxHeight: number;
  side: CardSide;
}

/** Distance kept from the viewport's edges. */
export const VIEWPORT_MARGIN_PX = 8;
/** Distance kept from the mention. */
export const ANCHOR_GAP_PX = 6;
/** The card's width where the viewport allows. */
export const CARD_WIDTH_PX = 400;
/** The card never grows taller than this, however much it has to show. */
export const CARD_MAX_HEIGHT_PX = 560;
/** Below this the card shows too little to read above or below the word: try beside it instead. */
export const MIN_USABLE_HEIGHT_PX = 180;

/** The card's width in a viewport: 400 px, or the viewport less its margins. */
export function cardWidth(viewport: ViewportSize): number {
  return Math.max(0, Math.min(CARD_WIDTH_PX, Math.floor(viewport.width - 2 * VIEWPORT_MARGIN_PX)));
}

/** The smallest box holding every rect (the rects of a mention that wraps over lines). */
function union(rects: readonly AnchorRect[]): AnchorRect {
  return {
    left: Math.min(...rects.map((rect) => rect.left)),
    top: Math.min(...rects.map((rect) => rect.top)),
    right: Math.max(...rects.map((rect) => rect.right)),
    bottom: Math.max(...rects.map((rect) => rect.bottom)),
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(value, high));
}

/**
 * Place a card of natural height `naturalHeight` (what it would be without a limit) next to the
 * mention whose client rects are `rects`, in viewport coordinates. Pixel values are whole numbers,
 * rounded away from the mention, so rounding never brings the card closer than ANCHOR_GAP_PX.
 */
export function placeCard(rects: readonly AnchorRect[], naturalHeight: number, viewport: ViewportSize): CardPlacement {
  if (rects.length === 0) throw new Error('placeCard needs at least one rect of the mention');
  const M = VIEWPORT_MARGIN_PX;
  const G = ANCHOR_GAP_PX;
  const width = cardWidth(viewport);
  const cap = Math.max(0, Math.min(CARD_MAX_HEIGHT_PX, Math.floor(viewport.height - 2 * M)));
  const wanted = clamp(Math.ceil(naturalHeight), 0, cap);
  const box = union(rects);

  // Below: under the mention's lowest line, left-aligned with that line.
  const belowTop = Math.max(M, Math.ceil(box.bottom + G));
  const roomBelow = Math.floor(viewport.height - M) - belowTop;
  // Above: over its highest line, left-aligned with that line; the card's bottom is fixed.
  const aboveBottom = Math.min(Math.floor(viewport.height - M), Math.floor(box.top - G));
  const roomAbove = aboveBottom - M;
  const lowest = rects.reduce((best, rect) => (rect.bottom > best.bottom ? rect : best));
  const highest = rects.reduce((best, rect) => (rect.top < best.top ? rect : best));
  const alignedLeft = (line: AnchorRect) => Math.floor(clamp(line.left, M, viewport.width - M - width));

  const below = (height: number): CardPlacement =>
    ({ left: alignedLeft(lowest), top: belowTop, width, maxHeight: Math.max(0, Math.min(cap, height)), side: 'below' });
  // Above, the limit is the height reserved: content that grows later scrolls instead of
  // reaching down over the word before the next placement.
  const above = (height: number): CardPlacement => {
    const reserved = Math.max(0, Math.min(wanted, height));
    return { left: alignedLeft(highest), top: aboveBottom - reserved, width, maxHeight: reserved, side: 'above' };
  };

  if (wanted <= roomBelow) return below(roomBelow);
  if (wanted <= roomAbove) return above(roomAbove);
  const larger = roomBelow >= roomAbove ? below(roomBelow) : above(roomAbove);
  if (Math.max(roomBelow, roomAbove) >= MIN_USABLE_HEIGHT_PX) return larger;

  // Beside: the full height, vertically next to the mention's first line, kept in the viewport.
  const top = Math.floor(clamp(box.top, M, viewport.height - M - wanted));
  const rightLeft = Math.max(M, Math.ceil(box.right + G));
  if (rightLeft + width <= viewport.width - M) return { left: rightLeft, top, width, maxHeight: wanted, side: 'right' };
  const leftLeft = Math.min(Math.floor(viewport.width - M), Math.floor(box.left - G)) - width;
  if (leftLeft >= M) return { left: leftLeft, top, width, maxHeight: wanted, side: 'left' };
  return larger;
}
