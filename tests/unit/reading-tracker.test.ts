/**
 * The content script's reading tracker: only time in the foreground counts toward the dwell, the
 * page is remembered once per address (again after a single-page app moves on), and nothing
 * happens while the page is not eligible (remembering off, a private window, too few entities).
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ReadingTracker } from '../../entrypoints/content/reading-tracker';

let visibility: DocumentVisibilityState = 'visible';
let clock = 0;
beforeEach(() => {
  vi.useFakeTimers();
  clock = 0;
  visibility = 'visible';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
});
afterEach(() => {
  vi.useRealTimers();
});

function advance(ms: number): void {
  clock += ms;
  vi.advanceTimersByTime(ms);
}
function setVisibility(state: DocumentVisibilityState): void {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}
function tracker(eligible = () => true) {
  const remember = vi.fn(async () => undefined);
  const reading = new ReadingTracker(document, { dwellSeconds: () => 10, eligible, remember, now: () => clock });
  return { reading, remember };
}
/** Idle callbacks (or their timeout fallback) run. */
function idle(): void {
  advance(2100);
}

test('remembers after the dwell time in front, once', () => {
  const { reading, remember } = tracker();
  reading.start();
  advance(9_000);
  expect(remember).not.toHaveBeenCalled();
  advance(1_000);
  idle();
  expect(remember).toHaveBeenCalledTimes(1);
  reading.start(); // settings changed, a rescan: still once for this address
  advance(20_000);
  expect(remember).toHaveBeenCalledTimes(1);
});

test('time in a background tab does not count', () => {
  const { reading, remember } = tracker();
  reading.start();
  advance(6_000);
  setVisibility('hidden');
  advance(60_000);
  expect(remember).not.toHaveBeenCalled();
  setVisibility('visible');
  advance(3_000);
  expect(remember).not.toHaveBeenCalled();
  advance(1_000);
  idle();
  expect(remember).toHaveBeenCalledTimes(1);
  expect(reading.read).toBeLessThan(10_500);
});

test('nothing while the page is not eligible; counting starts when it becomes so', () => {
  let eligible = false;
  const { reading, remember } = tracker(() => eligible);
  reading.start();
  advance(30_000);
  expect(remember).not.toHaveBeenCalled();
  eligible = true;
  reading.start();
  advance(10_000);
  idle();
  expect(remember).toHaveBeenCalledTimes(1);
});

test('stops when Backstory stops on the page; a new address in a single-page app counts again', () => {
  const { reading, remember } = tracker();
  reading.start();
  advance(5_000);
  reading.stop();
  advance(30_000);
  expect(remember).not.toHaveBeenCalled();
  reading.start();
  advance(5_000);
  idle();
  expect(remember).toHaveBeenCalledTimes(1);
  reading.navigated('https://news.example/next-story');
  advance(9_000);
  expect(remember).toHaveBeenCalledTimes(1);
  advance(1_000);
  idle();
  expect(remember).toHaveBeenCalledTimes(2);
});
