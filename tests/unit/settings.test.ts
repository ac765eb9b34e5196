import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, getSettings, isActiveOn, parseSettings, updateSettings, watchSettings } from '../../lib/settings';

describe('settings', () => {
  it('falls back to the defaults, field by field, for damaged values', () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('nonsense')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ paused: 'yes', disabledSites: 'x.com', hoverDelayMs: Number.NaN })).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ paused: true, disabledSites: ['a.com', 7, 'a.com', ''], hoverDelayMs: 99_999 }))
      .toEqual({ ...DEFAULT_SETTINGS, paused: true, disabledSites: ['a.com'], hoverDelayMs: 3000 });
  });

  it('stores changes and tells watchers', async () => {
    const seen: boolean[] = [];
    const unwatch = watchSettings((settings) => seen.push(settings.paused));
    await updateSettings({ paused: true });
    expect(await getSettings()).toMatchObject({ paused: true, disabledSites: [] });
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({ settings: { ...DEFAULT_SETTINGS, paused: true } });
    unwatch();
    await updateSettings({ paused: false });
    expect(seen).toEqual([true]);
  });

  it('is active on http(s) pages unless paused or off for the site', () => {
    expect(isActiveOn(DEFAULT_SETTINGS, 'https://www.bbc.com/news')).toBe(true);
    expect(isActiveOn({ ...DEFAULT_SETTINGS, paused: true }, 'https://www.bbc.com/news')).toBe(false);
    expect(isActiveOn({ ...DEFAULT_SETTINGS, disabledSites: ['www.bbc.com'] }, 'https://www.bbc.com/news')).toBe(false);
    expect(isActiveOn(DEFAULT_SETTINGS, 'chrome://extensions')).toBe(false);
    expect(isActiveOn(DEFAULT_SETTINGS, 'not a url')).toBe(false);
  });
});
