/**
 * Scrolling inside the hover card (entrypoints/content/card-scroll.ts): where each scroll key takes
 * the excerpt list, and which wheel and touch moves are kept from the page (the ones nothing in the
 * card can take: over the header, or a list already at its end in that direction).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LINE_STEP_PX, canScroll, containScrolling, keyScrollTop, maxScrollTop } from '../../entrypoints/content/card-scroll';

describe('keyScrollTop', () => {
  const list = { scrollTop: 100, clientHeight: 200, scrollHeight: 1000 };

  it('moves a line with the arrows, most of a page with Page Up/Down and Space, to the ends with Home/End', () => {
    expect(keyScrollTop('ArrowDown', false, list)).toBe(100 + LINE_STEP_PX);
    expect(keyScrollTop('ArrowUp', false, list)).toBe(100 - LINE_STEP_PX);
    expect(keyScrollTop('PageDown', false, list)).toBe(275);
    expect(keyScrollTop(' ', false, list)).toBe(275);
    expect(keyScrollTop('PageUp', false, list)).toBe(0);
    expect(keyScrollTop(' ', true, { ...list, scrollTop: 500 })).toBe(325);
    expect(keyScrollTop('Home', false, list)).toBe(0);
    expect(keyScrollTop('End', false, list)).toBe(800);
  });

  it('stays within the list', () => {
    expect(keyScrollTop('ArrowDown', false, { ...list, scrollTop: 790 })).toBe(800);
    expect(keyScrollTop('ArrowUp', false, { ...list, scrollTop: 10 })).toBe(0);
    expect(keyScrollTop('End', false, { scrollTop: 0, clientHeight: 300, scrollHeight: 200 })).toBe(0);
  });

  it('leaves other keys alone', () => {
    for (const key of ['Tab', 'Enter', 'a', 'ArrowLeft', 'Escape']) expect(keyScrollTop(key, false, list)).toBeUndefined();
  });
});

describe('canScroll', () => {
  it('knows the ends, ignoring a sub-pixel remainder', () => {
    expect(maxScrollTop({ scrollTop: 0, clientHeight: 200, scrollHeight: 500 })).toBe(300);
    expect(canScroll({ scrollTop: 0, clientHeight: 200, scrollHeight: 500 }, 1)).toBe(true);
    expect(canScroll({ scrollTop: 0, clientHeight: 200, scrollHeight: 500 }, -1)).toBe(false);
    expect(canScroll({ scrollTop: 299.5, clientHeight: 200, scrollHeight: 500 }, 1)).toBe(false);
    expect(canScroll({ scrollTop: 299.5, clientHeight: 200, scrollHeight: 500 }, -1)).toBe(true);
  });
});

describe('containScrolling', () => {
  let abort: AbortController | undefined;
  afterEach(() => {
    abort?.abort();
    document.body.replaceChildren();
  });

  /** A card: a header that does not scroll and a list whose scroll state the test sets. */
  function card(list: { scrollTop: number; clientHeight: number; scrollHeight: number }) {
    const root = document.createElement('div');
    const header = document.createElement('header');
    const scroller = document.createElement('section');
    scroller.style.overflowY = 'auto';
    const inner = document.createElement('p');
    scroller.append(inner);
    root.append(header, scroller);
    document.body.append(root);
    Object.defineProperty(scroller, 'clientHeight', { value: list.clientHeight });
    Object.defineProperty(scroller, 'scrollHeight', { value: list.scrollHeight });
    scroller.scrollTop = list.scrollTop;
    abort = new AbortController();
    containScrolling(root, abort.signal);
    return { root, header, scroller, inner };
  }

  const wheel = (target: Element, deltaY: number, init: WheelEventInit = {}) => {
    const event = new WheelEvent('wheel', { deltaY, bubbles: true, cancelable: true, composed: true, ...init });
    // happy-dom's WheelEvent is not a MouseEvent and drops the modifier keys.
    if (init.ctrlKey) Object.defineProperty(event, 'ctrlKey', { value: true });
    target.dispatchEvent(event);
    return event.defaultPrevented;
  };

  it('lets the list take a wheel turn it can scroll by', () => {
    const { inner } = card({ scrollTop: 100, clientHeight: 200, scrollHeight: 600 });
    expect(wheel(inner, 120)).toBe(false);
    expect(wheel(inner, -120)).toBe(false);
  });

  it('keeps a wheel turn past the list’s end, or over the header, from the page', () => {
    const atEnd = card({ scrollTop: 400, clientHeight: 200, scrollHeight: 600 });
    expect(wheel(atEnd.inner, 120)).toBe(true);
    expect(wheel(atEnd.inner, -120)).toBe(false);
    expect(wheel(atEnd.header, -120)).toBe(true);
    expect(wheel(atEnd.header, 0, { deltaX: 80 })).toBe(true);
  });

  it('leaves Ctrl+wheel (zoom) to the browser', () => {
    const { header } = card({ scrollTop: 0, clientHeight: 200, scrollHeight: 200 });
    expect(wheel(header, 120, { ctrlKey: true })).toBe(false);
  });

  it('keeps a swipe the list cannot follow from the page, and lets it follow one it can', () => {
    const { inner } = card({ scrollTop: 0, clientHeight: 200, scrollHeight: 600 });
    const touch = (type: string, y: number) => {
      const event = new TouchEvent(type, {
        bubbles: true,
        cancelable: true,
        composed: true,
        touches: [{ identifier: 1, target: inner, clientX: 10, clientY: y } as unknown as Touch],
      });
      inner.dispatchEvent(event);
      return event.defaultPrevented;
    };
    touch('touchstart', 300);
    // The finger moves down: the content would move up, but the list is at its top.
    expect(touch('touchmove', 320)).toBe(true);
    // The finger moves up: the list scrolls down.
    expect(touch('touchmove', 250)).toBe(false);
  });
});
