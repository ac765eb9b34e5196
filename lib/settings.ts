/**
 * The reader's settings, kept in the extension's local storage under "settings": pause everywhere,
 * the sites where Backstory is off, and the hover delay. Read with one storage call (content
 * scripts read them at every page start) and checked field by field, so a damaged or hand-edited
 * value falls back to the defaults instead of breaking pages.
 */
import { browser } from 'wxt/browser';

export interface Settings {
  paused: boolean;
  /** Host names (example.com) where Backstory does not run. */
  disabledSites: string[];
  /** How long the pointer rests on a mention before its card opens, in ms. */
  hoverDelayMs: number;
}

export const DEFAULT_SETTINGS: Settings = { paused: false, disabledSites: [], hoverDelayMs: 300 };
export const SETTINGS_KEY = 'settings';
export const MAX_HOVER_DELAY_MS = 3000;

/** Settings from whatever is stored: each valid field is kept, the rest take their defaults. */
export function parseSettings(raw: unknown): Settings {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const sites = Array.isArray(value.disabledSites)
    ? [...new Set(value.disabledSites.filter((site): site is string => typeof site === 'string' && site.length > 0 && site.length <= 253))]
    : DEFAULT_SETTINGS.disabledSites;
  const delay = typeof value.hoverDelayMs === 'number' && Number.isFinite(value.hoverDelayMs)
    ? Math.max(0, Math.min(MAX_HOVER_DELAY_MS, Math.round(value.hoverDelayMs)))
    : DEFAULT_SETTINGS.hoverDelayMs;
  return {
    paused: typeof value.paused === 'boolean' ? value.paused : DEFAULT_SETTINGS.paused,
    disabledSites: sites,
    hoverDelayMs: delay,
  };
}

export async function getSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return parseSettings(stored[SETTINGS_KEY]);
}

export async function updateSettings(change: Partial<Settings>): Promise<Settings> {
  const next = parseSettings({ ...(await getSettings()), ...change });
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

export function watchSettings(callback: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) callback(parseSettings(changes[SETTINGS_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
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
