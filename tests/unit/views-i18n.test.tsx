// The options page, the first-run page and the popup say nothing that is not a message: each is
// rendered in the pseudo-locale with fixture data in every state the test can reach, and every
// visible text, aria-label, title and placeholder must be a message or the data. Then each is
// rendered in Ukrainian and German to see the catalogs reach the screen.
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Lang } from '../../core/i18n/lang';
import type { BackgroundRequest, ExcerptView, PageReport } from '../../core/protocol';
import { Options } from '../../entrypoints/options/Options';
import { Popup } from '../../entrypoints/popup/Popup';
import { Welcome } from '../../entrypoints/welcome/Welcome';
import { fullCatalog } from '../../lib/i18n/catalogs';
import { installCatalog } from '../../lib/i18n/use-i18n';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from '../../lib/settings';
import { installPseudoLocale, strayTexts } from './i18n-harness';

/** Fixture data: what the reader, the page or the browser supplies (never a message). */
const DATA = {
  sites: ['news.example.org', 'tabloid.example.com', 'reader.example.net'],
  form: 'Курске',
  name: 'Kursk',
  shortcuts: ['Alt+Shift+K', 'Alt+Shift+D'],
  entity: 'Kyiv',
  seen: 'Києві',
};
const DATA_STRINGS = [...DATA.sites, DATA.form, DATA.name, ...DATA.shortcuts, DATA.entity, DATA.seen, 'Backstory'];

const settings: Settings = {
  ...DEFAULT_SETTINGS,
  remember: true,
  rememberPaused: true,
  welcomed: true,
  disabledSites: [DATA.sites[1]!],
  neverRememberSites: [DATA.sites[2]!],
  unmarked: [{ site: DATA.sites[0]!, form: DATA.form, entityId: 'kursk', name: DATA.name }],
};

async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

let host: HTMLElement;

beforeEach(async () => {
  host = document.createElement('div');
  document.body.append(host);
  await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: settings });
  (fakeBrowser.commands as unknown as { getAll: () => Promise<unknown[]> }).getAll = async () => [
    { name: 'show-card', description: 'Browser’s own words', shortcut: DATA.shortcuts[0] },
    { name: 'open-side-panel', description: 'Browser’s own words', shortcut: '' },
    { name: 'add-page', description: 'Browser’s own words', shortcut: DATA.shortcuts[1] },
  ];
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
});

afterEach(() => {
  render(null, host);
  host.remove();
  vi.restoreAllMocks();
});

function answerBackground(answers: Partial<Record<BackgroundRequest['type'], unknown>>): void {
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    const type = (message as BackgroundRequest).type;
    if (type in answers) return { ok: true, value: answers[type] };
    return { ok: false, error: { code: 'internal', message: `unexpected ${type}` } };
  });
}

const STATS = { sources: 12345, excerpts: 67890, readerSources: 21, entitiesTagged: 181, usageBytes: 3_456_789 };

async function show(view: () => preact.VNode, lang: Lang | 'pseudo'): Promise<void> {
  if (lang === 'pseudo') installPseudoLocale();
  else installCatalog(lang, fullCatalog(lang));
  await act(() => render(view(), host));
  await settle();
}

describe('the options page', () => {
  it('says nothing that is not a message, with every list filled and a command without a key', async () => {
    answerBackground({ stats: STATS });
    await show(() => h(Options, {}), 'pseudo');
    expect(host.querySelector('[data-usage]')).not.toBeNull();
    expect(host.querySelectorAll('.bs-site-list li').length).toBeGreaterThanOrEqual(6);
    expect(strayTexts(host, DATA_STRINGS)).toEqual([]);
  });

  it('is in Ukrainian with Ukrainian plurals and numbers, and in German', async () => {
    answerBackground({ stats: STATS });
    await show(() => h(Options, {}), 'uk');
    const text = host.textContent!.replace(/\s/gu, ' ');
    expect(text).toContain('Налаштування Backstory');
    expect(text).toContain('67 890 уривків із 12 345 джерел');
    expect(text).toContain('Відкрити налаштування клавіш');
    expect(host.querySelector('[data-command="show-card"]')?.textContent).toContain('Показати картку');
    // A mark turned off names its entity as Ukrainian writes it.
    expect(text).toContain(`«${DATA.form}» як Курськ, на ${DATA.sites[0]}`);
    await show(() => h(Options, {}), 'de');
    expect(host.textContent).toContain('Backstory-Einstellungen');
    expect(host.textContent).toContain('67.890 Auszüge aus 12.345 Quellen');
  });

  it('offers the language choice, "as the browser" naming the browser’s language, and saves it', async () => {
    answerBackground({ stats: STATS });
    vi.mocked(fakeBrowser.i18n.getUILanguage).mockReturnValue('ru-RU');
    await show(() => h(Options, {}), 'en');
    const select = host.querySelector<HTMLSelectElement>('#bs-language')!;
    expect([...select.options].map((option) => option.value)).toEqual(['auto', 'en', 'uk', 'ru', 'de']);
    expect(select.options[0]!.textContent).toBe('As the browser (Русский)');
    select.value = 'uk';
    await act(() => void select.dispatchEvent(new Event('change')));
    await settle();
    expect(((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Settings).language).toBe('uk');
  });
});

describe('the first-run page', () => {
  it('says nothing that is not a message, before and after the answer', async () => {
    await show(() => h(Welcome, {}), 'pseudo');
    expect(host.querySelector('.bs-ok')).not.toBeNull();
    expect(strayTexts(host, DATA_STRINGS)).toEqual([]);
  });

  it('asks in Russian', async () => {
    await show(() => h(Welcome, {}), 'ru');
    expect(host.textContent).toContain('Запоминать статьи, которые вы читаете?');
    expect(host.textContent).toContain('Не сейчас');
  });
});

describe('the popup', () => {
  const report: PageReport = {
    url: `https://${DATA.sites[0]}/news/1`,
    title: 'A page',
    entities: [{ id: 'kyiv', name: DATA.entity, kind: 'place', count: 3, seen: [DATA.seen] }],
    paused: false,
    siteDisabled: false,
    scan: { mentions: 2400, marks: 2000, busyMs: 12.4, chars: 1000 } as PageReport['scan'],
  };

  function openOn(page: PageReport | Error, excerpts: ExcerptView[] = []): void {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7, url: report.url } as never]);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async () => {
      if (page instanceof Error) throw page;
      return { ok: true, value: page };
    });
    answerBackground({ 'page-excerpts': excerpts });
  }

  it('says nothing that is not a message: a marked page, remembering paused, the scan capped', async () => {
    openOn(report);
    await show(() => h(Popup, {}), 'pseudo');
    expect(host.querySelector('.bs-scan-note')).not.toBeNull();
    expect(host.querySelectorAll('.bs-toggles label').length).toBe(4);
    expect(strayTexts(host, DATA_STRINGS)).toEqual([]);
  });

  it('says nothing that is not a message on a page it cannot reach and on a paused one', async () => {
    openOn(new Error('Could not establish connection'));
    await show(() => h(Popup, {}), 'pseudo');
    expect(host.querySelector('.bs-notice')).not.toBeNull();
    expect(strayTexts(host, DATA_STRINGS)).toEqual([]);
    render(null, host);
    openOn({ ...report, paused: true });
    await show(() => h(Popup, {}), 'pseudo');
    expect(strayTexts(host, DATA_STRINGS)).toEqual([]);
  });

  it('is in Ukrainian, the entity named as Ukrainian writes it, with the plural of the scan', async () => {
    openOn(report);
    await show(() => h(Popup, {}), 'uk');
    const text = host.textContent!.replace(/\s/gu, ' ');
    expect(text).toContain('На цій сторінці');
    expect(host.querySelector('.bs-entity-name')?.textContent).toBe('Київ');
    expect(text).toContain('2 000 згадок позначено за 12 мс');
    expect(text).toContain(`Вимкнути на ${DATA.sites[0]}`);
  });
});
