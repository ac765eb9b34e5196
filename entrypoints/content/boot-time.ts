/**
 * When the content script began to run: imported first, so this line is evaluated before the
 * gazetteer and every other module. Scan reports (popup, benchmarks) count from here.
 */
export const bootedAt = performance.now();
