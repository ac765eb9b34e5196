/**
 * The reader's settings, kept in the extension's local storage under "settings": pause everywhere,
 * the sites where Backstory is off, the hover delay, remembering the articles the reader reads
 * (opt-in: off until the reader says yes, on the first-run page or in the options), and the marks
 * the reader turned off on a site ("Not this" in a card), and the interface language ("auto":
 * the browser's; see lib/i18n). Read with one storage call (content
 * scripts read them at every page start) and checked field by field, so a damaged or hand-edited
 * value falls back to the defaults instead of breaking pages.
 */
import { browser } from 'wxt/browser';
import { watchStored } from './stored-value';
import { type LanguageSetting, isLanguageSetting } from '../core/i18n/lang';
import { siteOf } from '../core/safe-url';
import { foldText } from '../core/text-fold';

/** A mark the reader said is wrong on a site: this written form, as this entity, is not marked there. */
export interface UnmarkedForm {
  site: string;
  /** The form as it was written on the page ("Курска", "Medvedev’s" is kept as "Medvedev"). */
  form: string;
  entityId: string;
  /** The entity's name when it was turned off (for the options page). */
  name: string;
}

/** At most this many marks turned off, in all. */
export const MAX_UNMARKED = 1000;

export interface Settings {
  paused: boolean;
  /** Host names (example.com) where Backstory does not run. */
  disabledSites: string[];
  /** How long the pointer rests on a mention before its card opens, in ms. */
  hoverDelayMs: number;
  /** "Remember the articles I read": off unless the reader turned it on. */
  remember: boolean;
  /** Remembering paused from the popup (the choice above stays). */
  rememberPaused: boolean;
  /** Host names whose pages are never remembered (Backstory still marks them). */
  neverRememberSites: string[];
  /** Seconds a page must be in the foreground before it counts as read. */
  dwellSeconds: number;
  /** Storage budget for remembered pages, in MB: over it, the oldest remembered pages go first. */
  budgetMb: number;
  /** The reader has seen the first-run page and answered (or closed it). */
  welcomed: boolean;
  /** Marks turned off on a site ("Not this"), newest last. */
  unmarked: UnmarkedForm[];
  /** The interface language: "auto" follows the browser's, or one of en, uk, ru, de. */
  language: LanguageSetting;
}

export const DEFAULT_SETTINGS: Settings = {
  paused: false, disabledSites: [], hoverDelayMs: 300,
  remember: false, rememberPaused: false, neverRememberSites: [], dwellSeconds: 10, budgetMb: 500, welcomed: false, unmarked: [],
  language: 'auto',
};
export const DWELL_RANGE = { min: 3, max: 600 } as const;
export const BUDGET_RANGE = { min: 50, max: 20_000 } as const;
export const SETTINGS_KEY = 'settings';
export const MAX_HOVER_DELAY_MS = 3000;

/** Settings from whatever is stored: each valid field is kept, the rest take their defaults. */
export function parseSettings(raw: unknown): Settings {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const siteList = (raw: unknown, fallback: string[]) => Array.isArray(raw)
    ? [...new Set(raw.filter((site): site is string => typeof site === 'string' && site.length > 0 && site.length <= 253))]
    : fallback;
  const sites = siteList(value.disabledSites, DEFAULT_SETTINGS.disabledSites);
  const whole = (raw: unknown, range: { min: number; max: number }, fallback: number) =>
    typeof raw === 'number' && Number.isFinite(raw) ? Math.max(range.min, Math.min(range.max, Math.round(raw))) : fallback;
  const flag = (raw: unknown, fallback: boolean) => (typeof raw === 'boolean' ? raw : fallback);
  const delay = typeof value.hoverDelayMs === 'number' && Number.isFinite(value.hoverDelayMs)
    ? Math.max(0, Math.min(MAX_HOVER_DELAY_MS, Math.round(value.hoverDelayMs)))
    : DEFAULT_SETTINGS.hoverDelayMs;
  return {
    paused: flag(value.paused, DEFAULT_SETTINGS.paused),
    disabledSites: sites,
    hoverDelayMs: delay,
    remember: flag(value.remember, DEFAULT_SETTINGS.remember),
    rememberPaused: flag(value.rememberPaused, DEFAULT_SETTINGS.rememberPaused),
    neverRememberSites: siteList(value.neverRememberSites, DEFAULT_SETTINGS.neverRememberSites),
    dwellSeconds: whole(value.dwellSeconds, DWELL_RANGE, DEFAULT_SETTINGS.dwellSeconds),
    budgetMb: whole(value.budgetMb, BUDGET_RANGE, DEFAULT_SETTINGS.budgetMb),
    welcomed: flag(value.welcomed, DEFAULT_SETTINGS.welcomed),
    unmarked: unmarkedList(value.unmarked),
    language: isLanguageSetting(value.language) ? value.language : DEFAULT_SETTINGS.language,
  };
}

/** The stored "Not this" list, each entry checked; one per site, form and entity. */
function unmarkedList(raw: unknown): UnmarkedForm[] {
  if (!Array.isArray(raw)) return [];
  const out: UnmarkedForm[] = [];
  const seen = new Set<string>();
  const short = (item: unknown, max: number) => typeof item === 'string' && item.trim().length > 0 && item.length <= max;
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const { site, form, entityId, name } = item as Record<string, unknown>;
    if (!short(site, 253) || !short(form, 200) || !short(entityId, 200) || !short(name, 200)) continue;
    const key = `${site as string}\u0000${unmarkKey(form as string, entityId as string)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ site: site as string, form: form as string, entityId: entityId as string, name: name as string });
  }
  return out.slice(-MAX_UNMARKED);
}

/** How a written form and its entity are compared: folded like the spotter folds, without an English ’s. */
export function unmarkKey(form: string, entityId: string): string {
  return `${foldText(form.replace(/['’ʼ‘]s$/u, ''))}\u0000${entityId}`;
}

/** "Not this": stop marking `form` as this entity on `site`. Returns the settings as saved. */
export function turnOffMark(entry: UnmarkedForm): Promise<Settings> {
  return getSettings().then((settings) => {
    const clean = { ...entry, form: entry.form.replace(/['’ʼ‘]s$/u, '').trim() };
    const key = unmarkKey(clean.form, clean.entityId);
    const others = settings.unmarked.filter((other) => !(other.site === clean.site && unmarkKey(other.form, other.entityId) === key));
    return updateSettings({ unmarked: [...others, clean] });
  });
}

/** Undo "Not this": mark `form` as this entity on `site` again. */
export async function turnOnMark(entry: Pick<UnmarkedForm, 'site' | 'form' | 'entityId'>): Promise<Settings> {
  const settings = await getSettings();
  const key = unmarkKey(entry.form, entry.entityId);
  return updateSettings({ unmarked: settings.unmarked.filter((other) => !(other.site === entry.site && unmarkKey(other.form, other.entityId) === key)) });
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
  return watchStored(SETTINGS_KEY, parseSettings, callback);
}

export { siteOf };

export function isActiveOn(settings: Settings, url: string): boolean {
  const site = siteOf(url);
  return !settings.paused && site !== undefined && !settings.disabledSites.includes(site);
}

/** Why a page would not be remembered under these settings, or undefined when it would be. */
export function rememberBlocker(settings: Settings, url: string, incognito: boolean): string | undefined {
  if (!settings.remember) return 'remembering is off';
  if (incognito) return 'a private window';
  if (settings.rememberPaused) return 'remembering is paused';
  if (!isActiveOn(settings, url)) return 'Backstory is off here';
  const site = siteOf(url);
  if (site && settings.neverRememberSites.includes(site)) return 'this site is never remembered';
  return undefined;
}
