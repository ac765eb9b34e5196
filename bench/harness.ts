/**
 * What every benchmark shares: timing helpers and the shape of a result row.
 *
 * Rules (see README "Benchmarks"): these machines are shared and noisy, so each figure is a median
 * of several runs, and every speed target is a ratio against a baseline measured in the same run
 * where a baseline exists. Targets are reported (pass/fail), never asserted in unit tests.
 */

export interface BenchRow {
  /** Area, e.g. "spotter", "store", "marking". */
  area: string;
  /** What was measured, e.g. "scan readability fixtures". */
  name: string;
  value: number;
  unit: string;
  /** The baseline measured in the same run, in the same unit. */
  baseline?: number;
  baselineName?: string;
  /** value / baseline or baseline / value, as `ratioLabel` says. */
  ratio?: number;
  ratioLabel?: string;
  /** The target in words, e.g. "≥ 5× baseline". */
  target?: string;
  pass?: boolean;
  /** Free-form details: run count, sizes. */
  details?: Record<string, unknown>;
}

/** A benchmark module: `bench/<area>.bench.ts` exports `run` returning its rows. */
export interface BenchModule {
  title: string;
  run(options: { quick: boolean }): Promise<BenchRow[]>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

/** Run `fn` `runs` times after `warmup` unmeasured runs; returns each run's milliseconds. */
export async function timeRuns(fn: () => unknown | Promise<unknown>, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * Each item's median time over `rounds` passes, after one unmeasured warm-up pass; `collectGarbage`
 * runs before each pass so that one pass's garbage does not land in the next one's times.
 */
export async function medianTimes<T>(
  items: readonly T[],
  run: (item: T) => Promise<unknown>,
  rounds: number,
  collectGarbage: () => void,
): Promise<number[]> {
  const perItem: number[][] = items.map(() => []);
  for (const item of items) await run(item);
  for (let pass = 0; pass < rounds; pass++) {
    collectGarbage();
    for (let i = 0; i < items.length; i++) {
      const started = performance.now();
      await run(items[i] as T);
      (perItem[i] as number[]).push(performance.now() - started);
    }
  }
  return perItem.map((times) => median(times));
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
