import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in Debian's headless Chromium (driven by playwright-core)
// and Firefox ESR (over WebDriver BiDi), against pages served from 127.0.0.1.
// E2E_BROWSER=chromium or firefox runs one browser's suites (scripts/test.sh runs them apart);
// unset, both.
const FIREFOX_SUITES = 'tests/e2e/**/firefox*.e2e.ts';
const only = process.env.E2E_BROWSER;

export default defineConfig({
  test: {
    include: only === 'firefox' ? [FIREFOX_SUITES] : ['tests/e2e/**/*.e2e.ts'],
    exclude: only === 'chromium' ? [FIREFOX_SUITES, '**/node_modules/**'] : ['**/node_modules/**'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
