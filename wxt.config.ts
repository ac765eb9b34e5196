import { type Entrypoint, defineConfig } from 'wxt';
import type { InlineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { asciiPageScripts } from './scripts/ascii-page-scripts-plugin';
import { entityL10nCheck } from './scripts/entity-l10n-plugin';
import { spotterBuild } from './scripts/spotter-build-plugin';

// Manifest and build settings for Chrome (MV3, side_panel) and Firefox (MV2, sidebar_action).
// See README "Permissions" for why each permission is asked for.
/** Backstory's add-on id on addons.mozilla.org. */
const GECKO_ID = '{2cba9ce3-b60d-4320-bda1-2efd8fac19e8}';
const HOST_PATTERNS = ['http://*/*', 'https://*/*'];

/**
 * What runs in web pages (the content script and the parts it loads on demand) uses the browser's
 * own promise-based `browser`/`chrome` object, not webextension-polyfill (~3 KB gzip on every
 * page): Chromium's MV3 APIs return promises and both browsers answer a message listener through
 * sendResponse (entrypoints/content/index.ts). The extension's own pages keep the polyfill.
 */
const PAGE_ENTRYPOINT_TYPES = new Set(['content-script', 'unlisted-script']);
const NATIVE_BROWSER = '@wxt-dev/browser';

function pageScriptsWithoutPolyfill(entrypoints: readonly Entrypoint[], config: InlineConfig): void {
  if (!entrypoints.every((entrypoint) => PAGE_ENTRYPOINT_TYPES.has(entrypoint.type))) return;
  const alias = config.resolve?.alias;
  if (Array.isArray(alias)) {
    for (const entry of alias) if (entry.find === 'wxt/browser') entry.replacement = NATIVE_BROWSER;
  } else if (alias && typeof alias === 'object') {
    (alias as Record<string, string>)['wxt/browser'] = NATIVE_BROWSER;
  }
}

export default defineConfig({
  // Every import is written out: a reader of a file sees where each name comes from.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact(), spotterBuild(), entityL10nCheck(), asciiPageScripts()],
    // Imported JSON (the gazetteer) becomes JSON.parse("…"), which starts faster than an object literal.
    json: { stringify: true },
    build: { chunkSizeWarningLimit: 1500 },
  }),
  // What the browser shows before any of Backstory's code runs (name, description, commands, the
  // button's title) comes from public/_locales/<lang>/messages.json in the browser's language;
  // everything Backstory draws follows its own language setting (lib/i18n/README.md).
  hooks: {
    'vite:build:extendConfig': pageScriptsWithoutPolyfill,
    // WXT takes the toolbar button's and Firefox sidebar's titles from the pages' <title>: make
    // them the browser's localised messages instead.
    'build:manifestGenerated': (_wxt, manifest) => {
      const action = manifest.action ?? manifest.browser_action;
      if (action) action.default_title = '__MSG_actionTitle__';
      const sidebar = (manifest as { sidebar_action?: { default_title?: string } }).sidebar_action;
      if (sidebar) sidebar.default_title = '__MSG_sidebarTitle__';
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'unlimitedStorage',
      'contextMenus',
      // With the host permissions below: start Backstory in the tabs that were already open when
      // it was installed or updated (see entrypoints/background/open-tabs.ts).
      'scripting',
      ...(browser === 'firefox' ? HOST_PATTERNS : ['sidePanel']),
    ],
    // The same sites the content script runs on, so no new install warning.
    ...(browser === 'firefox' ? {} : { host_permissions: HOST_PATTERNS }),
    // Keys that Chromium (150 and 156) and Firefox (ESR 140 and 153) really assign: Chromium keeps
    // Alt+Shift+A, B, C, N, P, R, T, W, X and Z for itself and leaves such a command without a key.
    // The e2e tests check that every command has its key after install.
    commands: {
      'show-card': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandShowCard__',
      },
      'open-side-panel': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandOpenSidePanel__',
      },
      'add-page': {
        suggested_key: { default: 'Alt+Shift+D' },
        description: '__MSG_commandAddPage__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              // Fixed forever at the first upload to addons.mozilla.org.
              id: GECKO_ID,
              // The oldest Firefox tested (ESR 140, Debian 12's), and the first that reads
              // data_collection_permissions.
              strict_min_version: '140.0',
              // Backstory sends nothing anywhere: every byte stays in the browser.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
