// The i18n core: which language a reader gets, plurals and placeholders, formatters in the
// language, the pseudo-locale, and useI18n following the language setting.
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resolveLang } from '../../core/i18n/lang';
import { formatMessage } from '../../core/i18n/messages';
import { makeI18n } from '../../core/i18n/translator';
import { fullCatalog } from '../../lib/i18n/catalogs';
import { startI18n } from '../../lib/i18n/start';
import { installCatalog, t, useI18n } from '../../lib/i18n/use-i18n';
import { DEFAULT_SETTINGS, parseSettings, updateSettings } from '../../lib/settings';

describe('resolveLang', () => {
  it('takes the setting when it names a language, whatever the browser says', () => {
    expect(resolveLang('de', 'uk')).toBe('de');
    expect(resolveLang('en', 'ru-RU')).toBe('en');
  });

  it('follows the browser’s language on auto, by its primary tag, and falls back to English', () => {
    expect(resolveLang('auto', 'uk')).toBe('uk');
    expect(resolveLang('auto', 'ru_RU')).toBe('ru');
    expect(resolveLang('auto', 'de-AT')).toBe('de');
    expect(resolveLang('auto', 'en-GB')).toBe('en');
    expect(resolveLang('auto', 'pl')).toBe('en');
    expect(resolveLang('auto', '')).toBe('en');
    expect(resolveLang('auto', undefined)).toBe('en');
  });
});

describe('the language setting', () => {
  it('is auto by default and keeps only a language Backstory speaks', () => {
    expect(DEFAULT_SETTINGS.language).toBe('auto');
    expect(parseSettings({ language: 'uk' }).language).toBe('uk');
    expect(parseSettings({ language: 'fr' }).language).toBe('auto');
    expect(parseSettings({ language: 7 }).language).toBe('auto');
  });
});

describe('formatMessage', () => {
  const excerpts = {
    uk: { one: '{count} уривок', few: '{count} уривки', many: '{count} уривків', other: '{count} уривка' },
    en: { one: '{count} excerpt', other: '{count} excerpts' },
  };

  it('chooses the Ukrainian form by Intl.PluralRules: 1, 2–4, 5–20, 21, 22, fractions', () => {
    const say = (count: number) => formatMessage('uk', excerpts.uk, { count });
    expect([1, 2, 5, 11, 21, 22, 25, 1.5].map(say)).toEqual([
      '1 уривок', '2 уривки', '5 уривків', '11 уривків', '21 уривок', '22 уривки', '25 уривків', '1,5 уривка',
    ]);
  });

  it('writes number parameters with the language’s grouping and leaves strings as they are', () => {
    expect(formatMessage('en', excerpts.en, { count: 12345 })).toBe('12,345 excerpts');
    expect(formatMessage('uk', excerpts.uk, { count: 12345 }).replace(/\s/gu, ' ')).toBe('12 345 уривків');
    expect(formatMessage('de', 'Auf {site} aus ({n})', { site: 'example.com', n: 1234 })).toBe('Auf example.com aus (1.234)');
  });

  it('leaves a placeholder without its parameter visible', () => {
    expect(formatMessage('en', 'Turn off on {site}', {})).toBe('Turn off on {site}');
  });
});

describe('makeI18n', () => {
  it('formats dates and sizes in its language', () => {
    expect(makeI18n('uk', {}).formatDate('2022-11-09')).toBe('9 лист. 2022 р.');
    expect(makeI18n('de', {}).formatDate('2022-11-09', 'month')).toBe('Nov. 2022');
    expect(makeI18n('ru', {}).formatMegabytes(3_210_000)).toBe('3,2 МБ');
    expect(makeI18n('en', {}).formatList(['Kyiv', 'Kharkiv', 'Odesa'])).toBe('Kyiv, Kharkiv, and Odesa');
  });

  it('falls back to English for a missing key, and shows an unknown key as itself', () => {
    const i18n = makeI18n('de', { 'card.close': 'Schließen' }, { fallback: { 'common.undo': 'Undo' } });
    expect(i18n.t('card.close')).toBe('Schließen');
    expect(i18n.t('common.undo')).toBe('Undo');
    expect(i18n.t('common.loading')).toBe('common.loading');
  });

  it('in the pseudo-locale, brackets each message and sets string parameters apart', () => {
    const i18n = makeI18n('en', { 'common.language.auto': 'As the browser ({language})' }, { pseudo: true });
    expect(i18n.t('common.language.auto', { language: 'English' })).toBe('⟦As the browser (⟧English⟦)⟧');
    expect(i18n.formatNumber(1234)).toBe('⟦1,234⟧');
  });
});

describe('useI18n and startI18n', () => {
  afterEach(() => vi.restoreAllMocks());

  it('renders in the browser’s language, then re-renders when the setting changes', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('uk');
    await startI18n({ title: 'options.pageTitle' });
    expect(document.documentElement.lang).toBe('uk');
    expect(document.title).toBe(fullCatalog('uk')['options.pageTitle']);

    const host = document.createElement('div');
    function Title() {
      const { t: say, lang } = useI18n();
      return h('p', { lang }, say('options.language.title'));
    }
    await act(() => render(h(Title, {}), host));
    expect(host.textContent).toBe('Мова');

    await act(async () => {
      await updateSettings({ language: 'de' });
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(host.textContent).toBe('Sprache');
    expect(host.querySelector('p')?.getAttribute('lang')).toBe('de');
    expect(document.documentElement.lang).toBe('de');
    expect(document.title).toBe('Backstory-Einstellungen');
    expect(t('common.undo')).toBe('Rückgängig');
    render(null, host);
  });

  it('installCatalog re-renders every component that uses the messages', async () => {
    const host = document.createElement('div');
    function Undo() {
      return h('span', {}, useI18n().t('common.undo'));
    }
    installCatalog('en', fullCatalog('en'));
    await act(() => render(h(Undo, {}), host));
    expect(host.textContent).toBe('Undo');
    await act(() => void installCatalog('ru', fullCatalog('ru')));
    expect(host.textContent).toBe('Отменить');
    render(null, host);
  });
});
