import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { spotterBuild } from './scripts/spotter-build-plugin';

// Unit tests: pure core logic, components and browser-API code against WXT's fakeBrowser,
// in happy-dom with fake-indexeddb.
export default defineConfig({
  // The build's virtual modules (the bundled spotter's id) resolve in tests as in the build.
  plugins: [WxtVitest(), spotterBuild()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['tests/unit/setup.ts'],
    testTimeout: 30_000,
  },
});
