/**
 * The hover card's placement rule (entrypoints/content/card-placement.ts): worked examples for each
 * branch, and a seeded property test over thousands of mentions (one line or wrapped, near every
 * edge, partly scrolled out) in viewports from 360×640 to 1920×1080: the card never intersects a
 * rect of its mention, stays inside the viewport, and is as tall as the rule promises.
 */
import { describe, expect, it } from 'vitest';
import {
  ANCHOR_GAP_PX,
  type AnchorRect,
  CARD_MAX_HEIGHT_PX,
  type CardPlacement,
  MIN_USABLE_HEIGHT_PX,
  VIEWPORT_MARGIN_PX,
  cardWidth,
  placeCard,
} from '../../entrypoints/content/card-placement';

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rect = (left: number, top: number, width: number, height: number): AnchorRect => ({ left, top, right: left + width, bottom: top + height });

/** The card's box: the placement's maximum height bounds the real height from above. */
function boxOf(placement: CardPlacement): AnchorRect {
  return { left: placement.left, top: placement.top, right: placement.left + placement.width, bottom: placement.top + placement.maxHeight };
}

function intersects(a: AnchorRect, b: AnchorRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Distance between two boxes that do not intersect (0 when they touch). */
function gapBetween(a: AnchorRect, b: AnchorRect): number {
  const dx = Math.max(b.left - a.right, a.left - b.right, 0);
  const dy = Math.max(b.top - a.bottom, a.top - b.bottom, 0);
  return Math.max(dx, dy);
}

function expectInside(placement: CardPlacement, viewport: { width: number; height: number }): void {
  expect(placement.left).toBeGreaterThanOrEqual(VIEWPORT_MARGIN_PX);
  expect(placement.top).toBeGreaterThanOrEqual(VIEWPORT_MARGIN_PX);
  expect(placement.left + placement.width).toBeLessThanOrEqual(viewport.width - VIEWPORT_MARGIN_PX);
  expect(placement.top + placement.maxHeight).toBeLessThanOrEqual(viewport.height - VIEWPORT_MARGIN_PX);
}

describe('placeCard', () => {
  const desktop = { width: 1280, height: 860 };

  it('puts a card that fits below the mention there, left-aligned with it, at its full height', () => {
    const placement = placeCard([rect(300, 100, 80, 20)], 420, desktop);
    expect(placement).toMatchObject({ side: 'below', left: 300, top: 120 + ANCHOR_GAP_PX, width: 400 });
    expect(placement.maxHeight).toBeGreaterThanOrEqual(420);
  });

  it('flips above when the card fits only there; its bottom sits a gap above the word', () => {
    const placement = placeCard([rect(300, 700, 80, 20)], 420, desktop);
    expect(placement.side).toBe('above');
    expect(placement.top + placement.maxHeight).toBe(700 - ANCHOR_GAP_PX);
    expect(placement.maxHeight).toBe(420);
  });

  it('shrinks to the larger side when the card fits on neither (1366×657, a word in the middle)', () => {
    const viewport = { width: 1366, height: 657 };
    const word = rect(600, 340, 90, 22);
    const placement = placeCard([word], 900, viewport);
    expect(placement.side).toBe('above');
    expect(placement.maxHeight).toBe(340 - ANCHOR_GAP_PX - VIEWPORT_MARGIN_PX);
    expect(intersects(boxOf(placement), word)).toBe(false);
    const lower = placeCard([rect(600, 280, 90, 22)], 900, viewport);
    expect(lower.side).toBe('below');
    expect(lower.top).toBe(302 + ANCHOR_GAP_PX);
    expect(lower.top + lower.maxHeight).toBe(657 - VIEWPORT_MARGIN_PX);
  });

  it('never grows past 560 px however much there is to show', () => {
    const placement = placeCard([rect(10, 10, 50, 20)], 5000, { width: 1920, height: 1080 });
    expect(placement.maxHeight).toBe(CARD_MAX_HEIGHT_PX);
  });

  it('goes beside the word, right then left, when neither side leaves a usable height', () => {
    const short = { width: 1000, height: 360 };
    const right = placeCard([rect(200, 165, 80, 24)], 500, short);
    expect(right.side).toBe('right');
    expect(right.left).toBe(280 + ANCHOR_GAP_PX);
    expect(right.maxHeight).toBe(360 - 2 * VIEWPORT_MARGIN_PX);
    const left = placeCard([rect(700, 165, 80, 24)], 500, short);
    expect(left.side).toBe('left');
    expect(left.left + left.width).toBe(700 - ANCHOR_GAP_PX);
    for (const placement of [right, left]) expectInside(placement, short);
  });

  it('takes the larger vertical side, however short, when there is no room beside either', () => {
    const cramped = { width: 600, height: 300 };
    const word = rect(250, 150, 100, 24);
    const placement = placeCard([word], 500, cramped);
    expect(placement.side).toBe('above');
    expect(placement.maxHeight).toBe(150 - ANCHOR_GAP_PX - VIEWPORT_MARGIN_PX);
    expect(intersects(boxOf(placement), word)).toBe(false);
  });

  it('keeps clear of every line of a wrapped mention, aligned with the line it sits next to', () => {
    // "Vladimir | Putin": the end of one line and the start of the next.
    const first = rect(900, 500, 120, 22);
    const second = rect(100, 524, 60, 22);
    const below = placeCard([first, second], 280, desktop);
    expect(below.side).toBe('below');
    expect(below.left).toBe(100);
    expect(below.top).toBe(546 + ANCHOR_GAP_PX);
    const above = placeCard([first, second], 450, desktop);
    expect(above.side).toBe('above');
    expect(above.left).toBe(desktop.width - VIEWPORT_MARGIN_PX - 400);
    expect(above.top + above.maxHeight).toBe(500 - ANCHOR_GAP_PX);
  });

  it('is as wide as a phone allows: 390 px wide gives a 374 px card', () => {
    expect(cardWidth({ width: 390, height: 700 })).toBe(374);
    expect(cardWidth({ width: 1280, height: 860 })).toBe(400);
    expect(placeCard([rect(300, 200, 40, 20)], 300, { width: 390, height: 700 })).toMatchObject({ left: 8, width: 374 });
  });

  it('never covers the mention and stays in the viewport (seeded, 20 000 cases from 360×640 to 1920×1080)', () => {
    const random = seeded(20260709);
    const between = (low: number, high: number) => low + random() * (high - low);
    const shrunkBelowFloor: string[] = [];
    for (let trial = 0; trial < 20_000; trial++) {
      const viewport = { width: Math.round(between(360, 1920)), height: Math.round(between(640, 1080)) };
      const lineHeight = between(14, 48);
      const lines = random() < 0.25 ? (random() < 0.7 ? 2 : 3) : 1;
      // Where the first line is: anywhere, or pressed against an edge (partly scrolled out too).
      const where = random();
      const top = where < 0.15 ? between(-lineHeight / 2, 12)
        : where < 0.3 ? between(viewport.height - lineHeight * lines - 12, viewport.height - lineHeight / 2)
          : between(0, viewport.height - lineHeight * lines);
      const columnLeft = random() < 0.2 ? between(0, 10) : between(0, viewport.width * 0.5);
      const columnRight = random() < 0.2 ? viewport.width - between(0, 10) : between(Math.min(viewport.width, columnLeft + 200), viewport.width);
      const rects: AnchorRect[] = [];
      if (lines === 1) {
        const width = between(20, Math.min(320, columnRight - columnLeft));
        const left = random() < 0.3 ? (random() < 0.5 ? columnLeft : columnRight - width) : between(columnLeft, columnRight - width);
        rects.push(rect(left, top, width, lineHeight));
      } else {
        const startLeft = between(columnLeft, columnRight - 20);
        rects.push(rect(startLeft, top, columnRight - startLeft, lineHeight));
        for (let line = 1; line < lines - 1; line++) rects.push(rect(columnLeft, top + line * lineHeight, columnRight - columnLeft, lineHeight));
        rects.push(rect(columnLeft, top + (lines - 1) * lineHeight, between(10, columnRight - columnLeft), lineHeight));
      }
      const natural = between(80, 1000);
      const placement = placeCard(rects, natural, viewport);
      const context = `trial ${trial}: ${JSON.stringify({ viewport, rects, natural, placement })}`;

      expect(placement.width, context).toBe(Math.min(400, viewport.width - 16));
      expectInside(placement, viewport);
      const box = boxOf(placement);
      for (const line of rects) {
        expect(intersects(box, line), context).toBe(false);
        expect(gapBetween(box, line), context).toBeGreaterThanOrEqual(ANCHOR_GAP_PX);
      }
      const wanted = Math.min(Math.ceil(natural), CARD_MAX_HEIGHT_PX, viewport.height - 16);
      // Shrunk only to a usable height; beside, never shrunk.
      if (placement.side === 'below' || placement.side === 'above') {
        const visible = rects.every((line) => line.top >= 0 && line.bottom <= viewport.height);
        if (placement.maxHeight < Math.min(wanted, MIN_USABLE_HEIGHT_PX) && visible) shrunkBelowFloor.push(context);
      } else {
        expect(placement.maxHeight, context).toBe(wanted);
      }
    }
    // In viewports this size a visible mention always leaves a usable height on one side or beside.
    expect(shrunkBelowFloor).toEqual([]);
  });

  it('prefers below, then above, whenever the whole card fits there', () => {
    const random = seeded(7);
    for (let trial = 0; trial < 2000; trial++) {
      const viewport = { width: 360 + Math.round(random() * 1560), height: 640 + Math.round(random() * 440) };
      const top = random() * (viewport.height - 30);
      const word = rect(random() * (viewport.width - 60), top, 60, 24);
      const natural = 100 + random() * 500;
      const placement = placeCard([word], natural, viewport);
      const roomBelow = viewport.height - VIEWPORT_MARGIN_PX - Math.ceil(word.bottom + ANCHOR_GAP_PX);
      const roomAbove = Math.floor(word.top - ANCHOR_GAP_PX) - VIEWPORT_MARGIN_PX;
      const wanted = Math.min(Math.ceil(natural), CARD_MAX_HEIGHT_PX);
      if (wanted <= roomBelow) {
        expect(placement.side).toBe('below');
        expect(placement.maxHeight).toBeGreaterThanOrEqual(wanted);
      } else if (wanted <= roomAbove) {
        expect(placement).toMatchObject({ side: 'above', maxHeight: wanted });
      } else {
        expect(placement.maxHeight).toBe(Math.max(roomBelow, roomAbove));
      }
    }
  });
});
