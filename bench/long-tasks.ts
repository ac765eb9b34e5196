/**
 * The Long Tasks API, recorded in a page's own world from the very start of its load (an init
 * script), and read back by the Chromium benchmarks as [startTime, duration] pairs.
 */
import type { Page } from 'playwright-core';

export const LONG_TASK_RECORDER = `
  window.__backstoryBenchTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__backstoryBenchTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) {}
`;

/** The long tasks recorded so far on the page. */
export async function longTasks(page: Page): Promise<[start: number, duration: number][]> {
  return (await page.evaluate('window.__backstoryBenchTasks || []')) as [number, number][];
}
