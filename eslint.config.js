// ESLint (flat config): correctness rules for the TypeScript, and the rules that keep the layout's
// boundaries (DEVELOPERS.md "Layout"). `npm run lint`; part of `npm test`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Browser globals that code in core/ must not touch: it runs in Node (tests, tools) as well. */
const BROWSER_GLOBALS = Object.keys(globals.browser).filter(
  // Timers, text encoding, URLs, performance and structured cloning exist in Node too.
  (name) => !(name in globals.node) && !['performance', 'structuredClone', 'queueMicrotask', 'crypto'].includes(name),
);

const PRODUCT = ['core/**/*.ts', 'corpus/**/*.ts', 'lib/**/*.ts', 'entrypoints/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'data/**/*.ts'];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'bench/results/**', 'test-results/**', '.scratch/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // Casts and non-null assertions are used where a typed-array read is known to be in range.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    // Rooms small enough to read: no file over 600 lines in the product's folders.
    files: PRODUCT,
    rules: { 'max-lines': ['error', { max: 600, skipBlankLines: false, skipComments: false }] },
  },
  {
    // core/ is plain TypeScript: no browser, no extension API, nothing from the rooms above it.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...BROWSER_GLOBALS.map((name) => ({ name, message: 'core/ runs outside the browser too: take what you need as a parameter.' }))],
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/lib/**', '**/entrypoints/**', '**/components/**', '**/corpus/**'], message: 'core/ is the bottom layer: it imports nothing from lib/, corpus/, entrypoints/ or components/.' },
          { group: ['wxt', 'wxt/*', '@wxt-dev/*', 'webextension-polyfill', 'preact', 'preact/*'], message: 'core/ does not use the extension API or the UI library.' },
        ],
      }],
    },
  },
);
