/**
 * The reader's settings, kept with the extension's storage API (synced where the browser syncs):
 * pause everywhere, sites where Backstory is off, and the hover delay.
 */
import { storage } from 'wxt/utils/storage';

export interface Settings {
  paused: boolean;
  /** Host names (example.com) where Backstory does not run. */
  disabledSites: string[];
  /** How long the pointer rests on a mention before its card opens, in ms. */
  hoverDelayMs: number;
}

export const DEFAULT_SETTINGS: Settings = { paused: false, disabledSites: [], hoverDelayMs: 300 };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}

export async function updateSettings(change: Partial<Settings>): Promise<Settings> {
  const next = { ...(await getSettings()), ...change };
  await settingsItem.setValue(next);
  return next;
}

export function watchSettings(callback: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => callback({ ...DEFAULT_SETTINGS, ...value }));
}

export function siteOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname : undefined;
  } catch {
    return undefined;
  }
}

export function isActiveOn(settings: Settings, url: string): boolean {
  const site = siteOf(url);
  return !settings.paused && site !== undefined && !settings.disabledSites.includes(site);
}
