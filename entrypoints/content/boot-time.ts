/**
 * The first module the content script evaluates: it notes when the script began (scan reports,
 * the popup and benchmarks count from here) and asks for the reader's settings (and which names
 * have excerpts, for drawing the marks) at once, so the
 * storage round trip overlaps evaluating the rest of the script, compiling and reading the page.
 */
import { type Coverage, getCoverage } from '../../lib/coverage';
import { type Settings, getSettings } from '../../lib/settings';

export const bootedAt = performance.now();

export const earlySettings: Promise<Settings> = getSettings();

export const earlyCoverage: Promise<Coverage | undefined> = getCoverage();
