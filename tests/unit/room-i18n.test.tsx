// The reading room says nothing that is not a message: each view (search, entities, your reading,
// sources, names, correcting a page) is rendered in the pseudo-locale with fixture data in the
// states the test can reach, and every visible text, aria-label, title and placeholder must be a
// message or the data. Then the views are rendered in Ukrainian, Russian and German: labels, plural
// forms of 1, 2, 5 and 21, numbers with the language's grouping, entity names as the language
// writes them.
import { type ComponentChild, h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Lang } from '../../core/i18n/lang';
import type { BackgroundRequest, ExcerptView, SearchResult } from '../../core/protocol';
import type { SourceRecord } from '../../core/schema';
import type { TrackedName } from '../../core/tracked-names';
import { EntityView } from '../../entrypoints/sidepanel/EntityView';
import { NamesView } from '../../entrypoints/sidepanel/NamesView';
import { ReadingView } from '../../entrypoints/sidepanel/ReadingView';
import { SearchView } from '../../entrypoints/sidepanel/SearchView';
import { SidePanel } from '../../entrypoints/sidepanel/SidePanel';
import { SourceEditForm } from '../../entrypoints/sidepanel/SourceEditForm';
import { SourceList, SourcesView, importLabel, importedText } from '../../entrypoints/sidepanel/SourcesView';
import { fullCatalog } from '../../lib/i18n/catalogs';
import { installCatalog } from '../../lib/i18n/use-i18n';
import { aliasDisplayForms, entityById } from '../../lib/gazetteer-data';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings, siteOf } from '../../lib/settings';
import { RETAG_PROGRESS_KEY, type RetagProgress, TRACKED_KEY } from '../../lib/tracked-names';
import { installPseudoLocale, strayPart, strayTexts } from './i18n-harness';

/** What the pages, the corpus and the reader supply: never a message. */
const DATA = {
  titles: ['Kherson after the withdrawal', 'Ferry lines resume', 'A long read on Kursk', 'The Kharkiv counteroffensive'],
  sites: ['Kyiv Wire', 'Dnipro Daily', 'Odesa Herald', 'Lviv Post'],
  text: 'Ukrainian forces entered Kherson on 11 November.',
  evidence: 'meta article:published_time “2022-11-11”',
  author: 'Olena K.',
  tracked: 'Вадим Філашкін',
  note: 'Head of the Donetsk regional military administration.',
  file: 'backstory-export.jsonl',
  shortcut: 'Alt+Shift+D',
  query: 'withdrawal',
};

function record(id: string, overrides: Partial<SourceRecord> = {}): SourceRecord {
  return {
    id, origin: 'reader', title: DATA.titles[0]!, site: DATA.sites[0]!, url: `https://${id.replace(/\W/gu, '')}.example/a`,
    date: '2022-11-11', dateSource: 'meta', dateConfidence: 0.9, datePrecision: 'day', dateEvidence: DATA.evidence, excerptCount: 1, ...overrides,
  };
}

const SOURCES: SourceRecord[] = [
  record('reader:1', { excerptCount: 1, author: DATA.author }),
  record('reader:2', { title: DATA.titles[1]!, site: DATA.sites[1]!, excerptCount: 2, dateSource: 'reader', dateConfidence: 1 }),
  record('reader:3', { title: DATA.titles[2]!, site: DATA.sites[2]!, excerptCount: 5, remembered: true, readAt: '2024-08-07T10:00:00Z', dateSource: 'added', dateConfidence: 0.1 }),
  record('reader:4', { title: DATA.titles[3]!, site: DATA.sites[3]!, excerptCount: 21, remembered: true, readAt: '2024-08-08T10:00:00Z', dateSource: 'latest-event', dateConfidence: 0.5 }),
  record('doc:1', { origin: 'bundled', title: DATA.titles[3]!, site: DATA.sites[3]!, excerptCount: 21, url: undefined }),
  record('chronicle:kherson', { origin: 'bundled', kind: 'chronicle', title: 'Kherson', site: 'Backstory', excerptCount: 3, date: '2025-06-01' }),
  record('chronicle:kyiv', { origin: 'bundled', kind: 'chronicle', title: 'Kyiv', site: 'Backstory', excerptCount: 2, date: '2025-06-01' }),
];

function hit(source: SourceRecord, entityIds = ['kherson', 'kyiv']): ExcerptView {
  return {
    excerpt: { id: `${source.id}#0`, sourceId: source.id, position: 0, text: DATA.text, date: source.date, entityIds, mentions: [] },
    source, score: 1, alsoIn: [], matches: [[6, 12]],
  };
}

const TRACKED: TrackedName[] = [{
  id: 'tracked-aaa-000001', name: DATA.tracked, kind: 'person', langs: ['uk'], spellings: [], forms: ['Вадим Філашкін', 'Вадима Філашкіна', 'Філашкін'],
  removed: [], added: [], note: DATA.note, created: '2025-01-01T00:00:00Z', updated: '2025-01-01T00:00:00Z',
}];

/** Data the views show as it is: titles, sites, names, and the English names of entities (the fixtures' Kherson, Kyiv). */
const DATA_STRINGS = [
  ...DATA.titles, ...DATA.sites, DATA.text, DATA.evidence, DATA.author, DATA.tracked, DATA.note, DATA.file, DATA.shortcut, DATA.query,
  ...TRACKED[0]!.forms, 'Backstory', 'Kherson', 'Kyiv', 'nobody', 'Ukrainian forces', 'entered Kherson on 11 November.', 'forces',
  // An entity's own description and spellings (English in the pseudo-locale, which speaks English).
  entityById('kherson')!.description, ...aliasDisplayForms(entityById('kherson')!),
];

/** What the fake background says when it has no answer: the error's own words, data. */
const FAILURE = 'The store is busy.';
/** Sites as the views derive them from the fixtures' addresses. */
const SITES = SOURCES.map((source) => siteOf(source.url ?? '')).filter((site): site is string => !!site);

let host: HTMLElement;
let answers: Partial<Record<BackgroundRequest['type'], unknown>>;

async function settle(ms = 0): Promise<void> {
  for (let round = 0; round < 6; round += 1) await act(() => new Promise((resolve) => setTimeout(resolve, ms)));
}

beforeEach(async () => {
  host = document.createElement('div');
  document.body.append(host);
  answers = {
    'list-sources': SOURCES,
    'entity-counts': { kherson: 3, kyiv: 2 },
    'prepare-search': { excerpts: 1234, tookMs: 1 },
    stats: { sources: 7, excerpts: 1234, readerSources: 4, entitiesTagged: 2, usageBytes: 3_456_789 },
  };
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    const type = (message as BackgroundRequest).type;
    if (type in answers) return { ok: true, value: answers[type] };
    return { ok: false, error: { code: 'internal', message: FAILURE } };
  });
  (fakeBrowser.commands as unknown as { getAll: () => Promise<unknown[]> }).getAll = async () => [
    { name: 'add-page', description: 'Browser’s own words', shortcut: DATA.shortcut },
  ];
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
  await fakeBrowser.storage.local.set({
    [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, remember: true, rememberPaused: true, welcomed: true } satisfies Settings,
    [TRACKED_KEY]: TRACKED,
    [RETAG_PROGRESS_KEY]: { state: 'running', done: 1234, total: 5678, changed: 0, at: '2025-01-01T00:00:00Z' } satisfies RetagProgress,
  });
});

afterEach(() => {
  render(null, host);
  host.remove();
  vi.restoreAllMocks();
  installCatalog('en', fullCatalog('en'));
});

async function show(node: () => ComponentChild, lang: Lang | 'pseudo'): Promise<void> {
  render(null, host);
  if (lang === 'pseudo') installPseudoLocale();
  else installCatalog(lang, fullCatalog(lang));
  await act(() => render(node(), host));
  await settle();
}

const text = () => host.textContent!.replace(/\s/gu, ' ');
const clickOn = async (element: Element | null | undefined) => {
  if (!element) throw new Error('nothing to click');
  await act(() => void element.dispatchEvent(new MouseEvent('click', { bubbles: true })));
  await settle();
};
const button = (label: RegExp) => [...host.querySelectorAll('button')].find((candidate) => label.test(candidate.textContent ?? ''));
// The excerpts are ExcerptItem's, judged in card-i18n.test.tsx; the forms under review and who has them are the reader's data.
const strays = () => strayTexts(host, [
  ...DATA_STRINGS, FAILURE, ...SITES,
  ...[...host.querySelectorAll('.bs-track-form-text')].map((form) => form.textContent ?? ''), 'Oleh Syniehubov',
], { skip: '.bs-excerpt' });

const SEARCH: SearchResult = { hits: [hit(SOURCES[0]!), hit(SOURCES[4]!)], total: 21, tookMs: 3 };
const view = (initial?: { query?: string; sourceId?: string }) => () => h(SearchView, {
  sources: SOURCES, entityCounts: { kherson: 3, kyiv: 2 }, corpusVersion: 0, onOpenEntity: () => undefined, ...(initial ? { initial } : {}),
});

describe('the reading room says nothing that is not a message', () => {
  it('in its tabs and while the corpus loads', async () => {
    await show(() => h(SidePanel, {}), 'pseudo');
    expect(host.querySelectorAll('[role="tab"]').length).toBe(5);
    expect(strays()).toEqual([]);
  });

  it('in search: the introduction, results with filters, no results, a failed index', async () => {
    await show(view(), 'pseudo');
    expect(host.querySelector('.bs-results .bs-muted')).not.toBeNull();
    expect(strays()).toEqual([]);
    answers.search = SEARCH;
    await show(view({ query: DATA.query, sourceId: 'reader:1' }), 'pseudo');
    await settle(60);
    expect(host.querySelectorAll('.bs-excerpt-list > li').length).toBe(2);
    expect(host.querySelector('.bs-filters')?.hasAttribute('open')).toBe(true);
    expect(strays()).toEqual([]);
    answers.search = { hits: [], total: 0, tookMs: 1 };
    await show(view({ query: DATA.query }), 'pseudo');
    await settle(60);
    expect(host.querySelector('.bs-result-count')).not.toBeNull();
    expect(strays()).toEqual([]);
    delete answers['prepare-search'];
    await show(view(), 'pseudo');
    expect(host.querySelector('.bs-error')).not.toBeNull();
    expect(strays()).toEqual([]);
  });

  it('in an entity’s timeline and in the directory', async () => {
    answers['entity-timeline'] = {
      entityId: 'kherson', buckets: [{ month: '2022-11', count: 2 }, { month: '2023-02', count: 1 }], excerpts: [hit(SOURCES[0]!)], total: 3, offset: 0,
    };
    await show(() => h(EntityView, { entityId: 'kherson', entityCounts: { kherson: 3 }, corpusVersion: 0, onOpenEntity: () => undefined }), 'pseudo');
    expect(host.querySelector('.bs-timeline')).not.toBeNull();
    expect(strays()).toEqual([]);
    await clickOn(host.querySelector('.bs-bar[role="button"]'));
    expect(strays()).toEqual([]);
    await show(() => h(EntityView, { entityId: 'nobody', entityCounts: { kherson: 3, kyiv: 2 }, corpusVersion: 0, onOpenEntity: () => undefined }), 'pseudo');
    expect(host.querySelector('.bs-error')).not.toBeNull();
    expect(strays()).toEqual([]);
  });

  it('in your reading: paused, the storage, a question and a notice', async () => {
    await show(() => h(ReadingView, { sources: SOURCES, onChanged: () => undefined }), 'pseudo');
    expect(host.querySelector('[data-usage]')).not.toBeNull();
    expect(strays()).toEqual([]);
    await clickOn(button(/Forget everything/u));
    expect(host.querySelector('.bs-danger')).not.toBeNull();
    expect(strays()).toEqual([]);
    await clickOn([...host.querySelectorAll('.bs-source-item button')].at(-1));
    expect(host.querySelector('.bs-status-line')?.textContent).toContain(SITES[2]);
    expect(strays()).toEqual([]);
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS } });
    await show(() => h(ReadingView, { sources: SOURCES.filter((source) => !source.remembered), onChanged: () => undefined }), 'pseudo');
    expect(host.querySelector('.bs-callout')).not.toBeNull();
    expect(strays()).toEqual([]);
  });

  it('in the sources, their list and what importing says', async () => {
    await show(() => h(SourcesView, { sources: SOURCES, onChanged: () => undefined }), 'pseudo');
    expect(host.querySelector('[data-chronicle]')).not.toBeNull();
    expect(strays()).toEqual([]);
    await show(() => h(SourcesView, { sources: SOURCES.filter((source) => source.origin === 'bundled'), onChanged: () => undefined }), 'pseudo');
    expect(strays()).toEqual([]);
    await show(() => h(SourceList, { sources: SOURCES.slice(0, 4), onDelete: () => undefined, onEdit: async () => undefined, onForgetSite: () => undefined }), 'pseudo');
    expect(strays()).toEqual([]);
    const i18n = installCatalog('en', fullCatalog('en'), { pseudo: true });
    for (const said of [
      importedText(i18n, { sources: 3, excerpts: 120, unchanged: 1, trackedNames: 2 }, DATA.file),
      importedText(i18n, { sources: 1, excerpts: 1, unchanged: 0 }, DATA.file),
      importLabel(i18n, { phase: 'checking', done: 0, total: 10 }),
      importLabel(i18n, { phase: 'writing', done: 5, total: 21 }),
      importLabel(i18n, { phase: 'indexing', done: 0, total: 0 } as never),
    ]) expect(strayPart(said, DATA_STRINGS), said).toBeUndefined();
  });

  it('in correcting a page, with a problem in every field', async () => {
    await show(() => h(SourceEditForm, { source: SOURCES[0]!, onSave: async () => undefined, onClose: () => undefined }), 'pseudo');
    const input = (name: string) => host.querySelector<HTMLInputElement>(`[id$="-${name}"]`)!;
    input('title').value = ' ';
    await act(() => void input('title').dispatchEvent(new Event('input', { bubbles: true })));
    input('site').value = 'x\u0007';
    await act(() => void input('site').dispatchEvent(new Event('input', { bubbles: true })));
    input('date').value = '2999-01-01';
    await act(() => void input('date').dispatchEvent(new Event('input', { bubbles: true })));
    await act(() => void host.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    expect(host.querySelectorAll('.bs-edit-problem').length).toBe(3);
    expect(strays()).toEqual([]);
  });

  it('in the names: the list, re-tagging, and a name under review with its problems', async () => {
    await show(() => h(NamesView, { onOpenEntity: () => undefined }), 'pseudo');
    expect(host.querySelector('.bs-tracked-item')).not.toBeNull();
    expect(host.querySelector('.bs-retag progress')).not.toBeNull();
    expect(strays()).toEqual([]);
    // A name Backstory already marks: refused, with the reason (an issue), and a surname left out.
    await fakeBrowser.storage.local.set({ [RETAG_PROGRESS_KEY]: { state: 'done', done: 5678, total: 5678, changed: 21, at: '2025-01-01T00:00:00Z' } });
    await show(() => h(NamesView, { onOpenEntity: () => undefined, initial: { key: 1, name: 'Олег Синєгубов' } }), 'pseudo');
    expect(host.querySelector('.bs-track-left-out')).not.toBeNull();
    expect(host.querySelector('.bs-track-problem')).not.toBeNull();
    expect(strays()).toEqual([]);
    await show(() => h(NamesView, { onOpenEntity: () => undefined, initial: { key: 2, name: 'Херсон' } }), 'pseudo');
    expect(host.querySelector('.bs-track-errors')).not.toBeNull();
    expect(strays()).toEqual([]);
  });
});

describe('the reading room in Ukrainian, Russian and German', () => {
  it('names its tabs in each language', async () => {
    const tabs = async (lang: Lang) => {
      await show(() => h(SidePanel, {}), lang);
      return [...host.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent);
    };
    expect(await tabs('uk')).toEqual(['Пошук', 'Сутності', 'Прочитане', 'Джерела', 'Імена']);
    expect(await tabs('ru')).toEqual(['Поиск', 'Сущности', 'Прочитанное', 'Источники', 'Имена']);
    expect(await tabs('de')).toEqual(['Suche', 'Einträge', 'Gelesenes', 'Quellen', 'Namen']);
  });

  it('counts each page’s excerpts with the plural of 1, 2, 5 and 21', async () => {
    const excerpts = async (lang: Lang) => {
      await show(() => h(SourceList, { sources: SOURCES.slice(0, 4), order: 'read' }), lang);
      return [...host.querySelectorAll('.bs-excerpt-meta')].map((meta) => [...meta.querySelectorAll(':scope > span')].map((span) => span.textContent!).find((said) => /^\d+ /u.test(said)));
    };
    expect(await excerpts('uk')).toEqual(['1 уривок', '2 уривки', '5 уривків', '21 уривок']);
    expect(await excerpts('ru')).toEqual(['1 отрывок', '2 отрывка', '5 отрывков', '21 отрывок']);
    expect(await excerpts('de')).toEqual(['1 Auszug', '2 Auszüge', '5 Auszüge', '21 Auszüge']);
  });

  it('says how a page’s date was found, and offers its actions, in Ukrainian', async () => {
    await show(() => h(SourceList, { sources: SOURCES.slice(0, 2), onDelete: () => undefined, onEdit: async () => undefined }), 'uk');
    expect([...host.querySelectorAll('.bs-date-how')].map((how) => how.textContent)).toEqual([
      `Дата з метаданих сторінки: ${DATA.evidence}`,
      `Дата встановлена вами: ${DATA.evidence}`,
    ]);
    expect(host.querySelector('.bs-delete')?.getAttribute('aria-label')).toBe(`Видалити «${DATA.titles[0]}»`);
    expect(host.querySelector('.bs-edit')?.textContent).toBe('Змінити');
  });

  it('introduces search with its counts in the right case, and counts results', async () => {
    await show(view(), 'uk');
    expect(text()).toContain('Пошук серед 55 уривків з 7 джерел.');
    await show(view(), 'ru');
    expect(text()).toContain('Поиск по 55 отрывкам из 7 источников.');
    answers.search = SEARCH;
    await show(view({ query: DATA.query }), 'uk');
    await settle(60);
    expect(host.querySelector('.bs-result-count')?.textContent).toBe('21 уривок, показано 2');
    // The entity filter names entities as Ukrainian writes them, in its alphabetical order.
    expect([...host.querySelectorAll('select')[0]!.options].map((option) => option.textContent)).toEqual(['Усі', 'Київ (2)', 'Херсон (3)']);
    expect([...host.querySelectorAll('.bs-chip')].map((chip) => chip.textContent)).toEqual(['Херсон', 'Київ', 'Херсон', 'Київ']);
    // The chronicle's sources by its Ukrainian name and their entity's.
    expect([...host.querySelectorAll('select')[1]!.options].map((option) => option.textContent).slice(-2)).toEqual(['Хроніка Backstory — Хроніка Backstory: Херсон', 'Хроніка Backstory — Хроніка Backstory: Київ']);
  });

  it('shows an entity in the reader’s language, its timeline’s bars with plurals', async () => {
    answers['entity-timeline'] = {
      entityId: 'kherson',
      buckets: [{ month: '2022-11', count: 1 }, { month: '2022-12', count: 2 }, { month: '2023-01', count: 5 }, { month: '2023-02', count: 21 }],
      excerpts: [hit(SOURCES[0]!)], total: 29, offset: 0,
    };
    await show(() => h(EntityView, { entityId: 'kherson', entityCounts: { kherson: 29 }, corpusVersion: 0, onOpenEntity: () => undefined }), 'uk');
    expect(host.querySelector('.bs-entity-title')?.textContent).toBe('Херсон');
    const month = (m: number) => new Intl.DateTimeFormat('uk', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(m > 12 ? 2023 : 2022, (m - 1) % 12, 1));
    expect(labels('.bs-bar[role="button"]')).toEqual([`${month(11)}: 1 уривок`, `${month(12)}: 2 уривки`, `${month(13)}: 5 уривків`, `${month(14)}: 21 уривок`]);
    expect(host.querySelector('.bs-result-count')?.textContent).toBe('29 уривків, спершу найдавніші');
    expect(button(/^Показати ще/u)?.textContent).toBe('Показати ще (залишилося 28)');
    await show(() => h(EntityView, { entityId: 'kherson', entityCounts: { kherson: 29 }, corpusVersion: 0, onOpenEntity: () => undefined }), 'ru');
    expect(labels('.bs-bar[role="button"]').map((label) => label!.split(': ')[1])).toEqual(['1 отрывок', '2 отрывка', '5 отрывков', '21 отрывок']);
    await show(() => h(EntityView, { entityCounts: { kherson: 29, kyiv: 2 }, corpusVersion: 0, onOpenEntity: () => undefined }), 'de');
    expect([...host.querySelectorAll('.bs-entity-name')].map((name) => name.textContent)).toEqual(['Cherson', 'Kyjiw']);
  });

  it('asks before forgetting, with the plural of the pages, in Ukrainian and Russian', async () => {
    const sources = (count: number) => Array.from({ length: count }, (_, index) => record(`reader:r${index}`, { remembered: true, readAt: '2024-08-07T10:00:00Z' }));
    const ask = async (lang: Lang, count: number) => {
      await show(() => h(ReadingView, { sources: sources(count), onChanged: () => undefined }), lang);
      await clickOn(host.querySelector('.bs-toolbar .bs-button'));
      return host.querySelector('.bs-status-line > span')!.firstChild!.textContent;
    };
    expect(await ask('uk', 1)).toBe('Забути 1 запам’ятовану сторінку? Додані вами сторінки залишаться.');
    expect(await ask('uk', 2)).toBe('Забути всі 2 запам’ятовані сторінки? Додані вами сторінки залишаться.');
    expect(await ask('uk', 5)).toBe('Забути всі 5 запам’ятованих сторінок? Додані вами сторінки залишаться.');
    expect(await ask('ru', 21)).toBe('Забыть 21 запомненную страницу? Добавленные вами страницы останутся.');
    expect(await ask('ru', 2)).toBe('Забыть все 2 запомненные страницы? Добавленные вами страницы останутся.');
    expect(host.querySelector('h2')?.textContent).toBe('Запомнено при чтении (2)');
  });

  it('says what an import brought, with plurals, in Ukrainian and Russian', () => {
    const uk = installCatalog('uk', fullCatalog('uk'));
    expect(importedText(uk, { sources: 1, excerpts: 21, unchanged: 0 }, DATA.file)).toBe(`Імпортовано 1 джерело і 21 уривок з ${DATA.file}.`);
    expect(importedText(uk, { sources: 2, excerpts: 5, unchanged: 1, trackedNames: 5 }, DATA.file))
      .toBe(`Імпортовано 2 джерела і 5 уривків з ${DATA.file} (1 вже було в корпусі, без змін). Також 5 відстежуваних імен (див. «Імена»).`);
    const ru = installCatalog('ru', fullCatalog('ru'));
    expect(importedText(ru, { sources: 5, excerpts: 2, unchanged: 0, trackedNames: 21 }, DATA.file))
      .toBe(`Импортировано: 5 источников и 2 отрывка из ${DATA.file}. Также 21 отслеживаемое имя (см. «Имена»).`);
    expect(importLabel(ru, { phase: 'writing', done: 1000, total: 1234 }).replace(/\s/gu, ' ')).toBe('Записываем 1 000 из 1 234 отрывков…');
  });

  it('reviews a name in Ukrainian: its problems, the issue that blocks it, the re-tagging', async () => {
    await show(() => h(NamesView, { onOpenEntity: () => undefined, initial: { key: 1, name: 'Херсон' } }), 'uk');
    // The entity that has the name is named as Ukrainian writes it.
    expect(host.querySelector('.bs-track-errors')?.textContent).toMatch(/^Ім’я «Херсон» не можна відстежувати: Backstory уже позначає «Херсон» як Херсон: /u);
    expect(host.querySelector('.bs-retag')?.textContent?.replace(/\s/gu, ' ')).toMatch(/^Позначаємо ваш корпус заново для ваших імен: прочитано 1 234 з 5 678 уривків…/u);
    expect(host.querySelector('.bs-tracked-item .bs-muted')?.textContent).toBe('Особа · 3 форми');
    expect(host.querySelector('#bs-track-title')?.textContent).toBe('Відстежувати ім’я');
  });

  it('words a field’s problem in German', async () => {
    await show(() => h(SourceEditForm, { source: SOURCES[0]!, onSave: async () => undefined, onClose: () => undefined }), 'de');
    const title = host.querySelector<HTMLInputElement>('[id$="-title"]')!;
    title.value = '';
    await act(() => void title.dispatchEvent(new Event('input', { bubbles: true })));
    await act(() => void host.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    expect(host.querySelector('.bs-edit-problem')?.textContent).toBe('Der Titel darf nicht leer sein.');
    expect(host.querySelector('legend')?.textContent).toBe('Diese Seite korrigieren');
  });
});

function labels(selector: string): (string | null)[] {
  return [...host.querySelectorAll(selector)].map((element) => element.getAttribute('aria-label'));
}
