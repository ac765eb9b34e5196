import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { spotterSnapshot } from './scripts/spotter-snapshot-plugin';

// Manifest and build settings for Chrome (MV3, side_panel) and Firefox (MV2, sidebar_action).
// See README "Permissions" for why each permission is asked for.
export default defineConfig({
  // Every import is written out: a reader of a file sees where each name comes from.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact(), spotterSnapshot()],
    // Imported JSON (the gazetteer) becomes JSON.parse("…"), which starts faster than an object literal.
    json: { stringify: true },
    build: { chunkSizeWarningLimit: 1500 },
  }),
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description:
      'Context while you read the news: marks the people, places and organisations of the Russia–Ukraine war and shows dated excerpts about them.',
    permissions: [
      'storage',
      'unlimitedStorage',
      'contextMenus',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    action: { default_title: 'Backstory' },
    commands: {
      'show-card': {
        suggested_key: { default: 'Alt+Shift+B' },
        description: 'Show the card for the selected mention, or the next mention on screen',
      },
      'open-side-panel': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Open the Backstory side panel',
      },
      'add-page': {
        suggested_key: { default: 'Alt+Shift+A' },
        description: 'Add this page to your Backstory corpus',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'backstory@backstory.invalid', strict_min_version: '128.0' },
          },
        }
      : {}),
  }),
});
