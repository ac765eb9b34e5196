// The hover card and the components it shares with the popup and the reading room (the excerpt, its
// date, "Add this page", the page's entity list) say nothing that is not a message: each is rendered
// in the pseudo-locale with fixture data in every state, and every visible text, aria-label, title
// and placeholder must be a message or the data. Then they are rendered in Ukrainian, Russian and
// German, with the plural forms of 1, 2, 5 and 21 and dates written by Intl in the language.
import { type ComponentChild, h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AddPageStatus, type AddState, addResultText } from '../../components/AddPageStatus';
import { DateLabel } from '../../components/DateLabel';
import { EntityCard, type EntityCardProps } from '../../components/EntityCard';
import { ExcerptItem } from '../../components/ExcerptItem';
import { PageEntityList } from '../../components/PageEntityList';
import type { Lang } from '../../core/i18n/lang';
import { BackstoryError, CARD_AREAS, type AddPageResult, type ExcerptView, type SourceSummary } from '../../core/protocol';
import { createCardView, setCardLanguage } from '../../entrypoints/content/card-view';
import type { SourceRecord } from '../../core/schema';
import { catalogOf, fullCatalog } from '../../lib/i18n/catalogs';
import { installCatalog } from '../../lib/i18n/use-i18n';
import { installPseudoLocale, strayTexts } from './i18n-harness';

/** What the pages, the corpus and the reader supply: never a message. */
const DATA = {
  name: 'Kherson',
  seenAs: 'Херсоні',
  description: 'A city on the Dnipro, capital of Kherson Oblast.',
  sites: ['Kyiv Wire', 'Dnipro Daily', 'Odesa Herald'],
  titles: ['Kherson after the withdrawal', 'Ferry lines resume'],
  texts: ['Ukrainian forces entered Kherson on 11 November.', 'The ferry to Kherson runs again.', 'Kherson was liberated.', 'Russian forces left the right bank.'],
  cite: 'Reuters',
  contested: 'the date of the last crossing is disputed',
  form: 'Херсон',
  site: 'news.example.org',
  failure: 'The store is busy.',
  time: '1:21',
};
const DATA_STRINGS = [
  DATA.name, DATA.seenAs, DATA.description, ...DATA.sites, ...DATA.titles, DATA.cite, DATA.contested, DATA.form, DATA.site, DATA.failure, DATA.time,
  // An excerpt's text is drawn in pieces around its emphasised mentions.
  ...DATA.texts.flatMap((text) => text.split(DATA.name)).map((piece) => piece.trim()),
];

function source(overrides: Partial<SourceSummary> = {}): SourceSummary {
  return {
    id: 'reader:1', origin: 'reader', title: DATA.titles[0]!, site: DATA.sites[0]!, url: 'https://kyiv-wire.example/kherson',
    date: '2022-11-11', dateSource: 'meta', dateConfidence: 0.9, datePrecision: 'day', excerptCount: 1, ...overrides,
  };
}

let nextId = 0;
function view(text: string, summary: SourceSummary, extra: Partial<ExcerptView> & { url?: string; cite?: string; contested?: string; date?: string } = {}): ExcerptView {
  const { url, cite, contested, date, ...rest } = extra;
  const id = `e${nextId++}`;
  return {
    excerpt: {
      id, sourceId: summary.id, position: 0, text, date: date ?? summary.date, entityIds: ['kherson'], mentions: [[text.indexOf('Kherson'), text.indexOf('Kherson') + 7, 'kherson']],
      ...(url ? { url } : {}), ...(cite ? { cite } : {}), ...(contested ? { contested } : {}),
    },
    source: summary, score: 1, alsoIn: [], ...rest,
  };
}

const remembered = source({ id: 'reader:2', title: DATA.titles[1]!, site: DATA.sites[1]!, remembered: true, readAt: '2022-11-12T09:00:00Z', dateSource: 'added', dateConfidence: 0.1 });
const bundled = source({ id: 'doc:1', origin: 'bundled', site: DATA.sites[2]!, excerptCount: 21, dateSource: 'latest-event', dateConfidence: 0.5 });
const chronicle = source({ id: 'chronicle:kherson', origin: 'bundled', kind: 'chronicle', site: DATA.sites[0]!, dateSource: 'date-line', dateConfidence: 1, excerptCount: 3 });

const excerpts: ExcerptView[] = [
  view(DATA.texts[0]!, source({ excerptCount: 2 }), { afterPage: true, url: 'https://video.example/watch?v=x&t=81' }),
  view(DATA.texts[1]!, remembered),
  view(DATA.texts[2]!, bundled, { alsoIn: [source({ id: 'reader:3', site: DATA.sites[1]! }), source({ id: 'reader:4', site: DATA.sites[0]! })] }),
];
const keyDates: ExcerptView[] = [
  view(DATA.texts[2]!, chronicle, { url: 'https://record.example/1', cite: DATA.cite, contested: DATA.contested, date: '2022-11-11' }),
  view(DATA.texts[3]!, chronicle, { cite: DATA.cite, date: '2022-11' }),
];

const added: AddPageResult = {
  source: { ...source(), dateEvidence: 'meta', excerptCount: 5 } as SourceRecord,
  excerptCount: 5,
  updated: false,
};

const noop = () => undefined;
function card(overrides: Partial<EntityCardProps>): EntityCardProps {
  return {
    entity: { id: 'kherson', name: DATA.name, kind: 'place', description: DATA.description },
    excerpts: { status: 'loading' },
    addState: { status: 'idle' },
    onMore: noop, onAdd: noop, onClose: noop,
    ...overrides,
  };
}

/** Every state the card can be drawn in. */
const CARDS: [string, EntityCardProps][] = [
  ['loading, "Not this" offered', card({ seenAs: DATA.seenAs, notThis: { status: 'ready', form: DATA.form }, onNotThis: noop })],
  ['excerpts and key dates, more than shown, added, "Not this" done', card({
    seenAs: DATA.seenAs,
    excerpts: { status: 'ready', excerpts, total: 12, keyDates },
    addState: { status: 'added', result: added },
    notThis: { status: 'done', form: DATA.form, site: DATA.site },
    onUndoNotThis: noop, onMoreFromSource: noop,
  })],
  ['empty, remembering off with its link, search, add failed with Add anyway, "Not this" failed', card({
    excerpts: { status: 'ready', excerpts: [], total: 0, keyDates },
    addState: { status: 'failed', message: DATA.failure, canForce: true },
    rememberOn: false, onRememberSettings: noop, onSearch: noop,
    notThis: { status: 'failed', form: DATA.form, message: 'ignored', error: new BackstoryError({ code: 'quota', message: 'ignored' }) },
  })],
  ['empty without key dates, remembering on, adding, "Not this" saving', card({
    excerpts: { status: 'ready', excerpts: [], total: 0 },
    addState: { status: 'adding' },
    rememberOn: true,
    notThis: { status: 'saving', form: DATA.form },
  })],
  ['empty, remembering off without a link, added here, "Not this" undone', card({
    excerpts: { status: 'ready', excerpts: [], total: 0 },
    addState: { status: 'added', result: { ...added, updated: true } },
    notThis: { status: 'undone', form: DATA.form, site: DATA.site }, onNotThis: noop,
  })],
  ['empty, remembering off without a link', card({ excerpts: { status: 'ready', excerpts: [], total: 0 } })],
  ['failed', card({ excerpts: { status: 'failed', message: 'ignored', error: new Error(DATA.failure) } })],
];

let host: HTMLElement;

beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
});

afterEach(() => {
  render(null, host);
  host.remove();
  installCatalog('en', fullCatalog('en'));
});

async function show(node: ComponentChild, lang: Lang | 'pseudo'): Promise<void> {
  if (lang === 'pseudo') installPseudoLocale();
  else installCatalog(lang, fullCatalog(lang));
  await act(() => render(node, host));
}

const text = () => host.textContent!.replace(/\s/gu, ' ');
const labels = (selector: string, attribute = 'aria-label') => [...host.querySelectorAll(selector)].map((element) => element.getAttribute(attribute));

describe('the card says nothing that is not a message', () => {
  it.each(CARDS)('%s', async (_state, props) => {
    await show(h(EntityCard, props), 'pseudo');
    expect(strayTexts(host, DATA_STRINGS)).toEqual([]);
  });

  it('in the card’s own catalog only, the one its part receives (card and errors)', async () => {
    for (const [, props] of CARDS) {
      // The part gets only these areas from the background (card-messages): a key from another area would show as itself.
      installCatalog('en', catalogOf('en', ['card', 'errors']));
      await act(() => render(h(EntityCard, props), host));
      expect(host.innerHTML).not.toMatch(/\b(?:card|room|common|errors|popup)\.[a-z]+\.?[A-Za-z.-]*/u);
      render(null, host);
    }
  });

  it('nor do the shared components in the states the card never shows', async () => {
    const states: AddState[] = [{ status: 'idle' }, { status: 'failed', message: DATA.failure, canForce: false }];
    for (const state of states) {
      await show(h(AddPageStatus, { state, onAdd: noop }), 'pseudo');
      expect(strayTexts(host, DATA_STRINGS)).toEqual([]);
    }
    await show(h('div', {},
      h(ExcerptItem, { view: excerpts[0]!, onSelectSource: noop }),
      h(ExcerptItem, { view: view(DATA.texts[1]!, source({ id: 'reader:5', remembered: true })) }),
      h(ExcerptItem, { view: view(DATA.texts[3]!, source({ id: 'reader:6', dateSource: 'reader', dateConfidence: 1 })) }),
      h(DateLabel, { source: source({ dateSource: 'added', dateConfidence: 0.1 }) }),
    ), 'pseudo');
    expect(strayTexts(host, DATA_STRINGS)).toEqual([]);
    await show(h(PageEntityList, {
      entities: [
        { id: 'kherson', name: DATA.name, kind: 'place', count: 1234, seen: [DATA.seenAs, DATA.form] },
        { id: 'zelensky', name: DATA.sites[0]!, kind: 'person', count: 1, seen: [] },
        { id: 'x', name: DATA.sites[1]!, kind: 'organisation', count: 2, seen: [] },
        { id: 'y', name: DATA.sites[2]!, kind: 'other', count: 5, seen: [] },
      ],
      onReveal: noop, onTimeline: noop,
    }), 'pseudo');
    expect(strayTexts(host, DATA_STRINGS)).toEqual([]);
  });
});

describe('the card in Ukrainian, Russian and German', () => {
  const full = CARDS[1]![1];
  const empty = CARDS[2]![1];

  it('labels its parts in Ukrainian, with Intl dates', async () => {
    await show(h(EntityCard, full), 'uk');
    expect(host.querySelector('.bs-close')?.getAttribute('aria-label')).toBe('Закрити');
    expect(host.querySelector('.bs-card-kind')?.textContent?.trim()).toBe('Місце');
    expect(host.querySelector('.bs-card-subtitle')?.textContent).toBe('Ключові дати');
    expect(host.querySelector('.bs-card-actions .bs-button')?.textContent).toBe('Більше в бічній панелі (12)');
    expect(host.querySelector('.bs-primary')?.textContent).toBe('Додати ще раз');
    // Intl's Ukrainian: "11 лист. 2022 р."; a month alone: "лист. 2022 р.".
    expect([...host.querySelectorAll('.bs-key-date time')].map((time) => time.textContent)).toEqual([
      new Intl.DateTimeFormat('uk', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2022, 10, 11)),
      new Intl.DateTimeFormat('uk', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2022, 10, 1)),
    ]);
    expect(text()).toContain('лист. 2022');
    expect(text()).toContain('Дивитися з 1:21');
    expect(text()).toContain('після цієї статті');
    expect(text()).toContain(`Також у ${DATA.sites[1]} і ${DATA.sites[0]}`);
    expect(text()).toContain(`Backstory більше не позначає «${DATA.form}» як ${DATA.name} на ${DATA.site}.`);
    expect(host.querySelector('.bs-tag-read[title]')?.getAttribute('title')).toBe('Запам’ятано, бо ви це читали');
    await show(h(ExcerptItem, { view: keyDates[0]! }), 'uk');
    expect(host.querySelector('.bs-source')?.textContent).toBe('Хроніка Backstory');
    expect(host.querySelector('.bs-tag-read')?.textContent).toBe(`ключова дата, за даними ${DATA.cite}`);
  });

  it('says what to do next in Russian, and the failure in its words', async () => {
    await show(h(EntityCard, empty), 'ru');
    expect(host.querySelector('.bs-remember-link')?.textContent).toBe('Запоминайте прочитанные статьи');
    expect(host.querySelector('.bs-search-link')?.textContent).toBe(`Искать «${DATA.name}» в вашем корпусе`);
    expect(host.querySelector('.bs-primary')?.textContent).toBe('Добавить эту страницу');
    expect(host.querySelector('.bs-add .bs-link-button')?.textContent).toBe('Всё равно добавить');
    expect(text()).toContain(`${DATA.name}: из ваших страниц отрывков пока нет — есть только ключевые даты.`);
    // The error's own sentence (a full disk), in Russian, not the English it was caught with.
    expect(host.querySelector('.bs-not-this-status')?.textContent).toMatch(/^Не удалось выключить пометку: /u);
    expect(host.querySelector('.bs-not-this-status')?.textContent).not.toContain('ignored');
    await show(h(EntityCard, full), 'de');
    expect(host.querySelector('.bs-close')?.getAttribute('title')).toBe('Schließen (Esc)');
    expect(host.querySelector('.bs-card-subtitle')?.textContent).toBe('Wichtige Daten');
    expect(text()).toContain('Auch in Dnipro Daily und Kyiv Wire');
  });

  it('chooses the plural form for 1, 2, 5 and 21 excerpts added', () => {
    const say = (lang: Lang, count: number) => {
      const i18n = installCatalog(lang, fullCatalog(lang));
      return addResultText(i18n, { ...added, excerptCount: count });
    };
    expect([1, 2, 5, 21].map((count) => say('uk', count).split(',')[0])).toEqual(['Додано: 1 уривок', 'Додано: 2 уривки', 'Додано: 5 уривків', 'Додано: 21 уривок']);
    expect([1, 2, 5, 21].map((count) => say('ru', count).split(',')[0])).toEqual(['Добавлено: 1 отрывок', 'Добавлено: 2 отрывка', 'Добавлено: 5 отрывков', 'Добавлено: 21 отрывок']);
    expect([1, 2, 5, 21].map((count) => say('de', count).split(',')[0])).toEqual(['Hinzugefügt: 1 Auszug', 'Hinzugefügt: 2 Auszüge', 'Hinzugefügt: 5 Auszüge', 'Hinzugefügt: 21 Auszüge']);
    expect(say('uk', 5)).toMatch(/^Додано: 5 уривків, дата — 11 лист\. 2022 р\. \(з метаданих сторінки\)\.$/u);
  });

  it('offers all of a source’s excerpts with the plural of 2, 5 and 21', async () => {
    const more = async (lang: Lang, count: number) => {
      await show(h(ExcerptItem, { view: view(DATA.texts[0]!, source({ excerptCount: count })), onMoreFromSource: noop }), lang);
      return host.querySelector('.bs-more-from-source')!.firstChild!.textContent;
    };
    expect([await more('uk', 2), await more('uk', 5), await more('uk', 21)])
      .toEqual(['Усі 2 уривки з цього джерела', 'Усі 5 уривків із цього джерела', 'Усі 21 уривок із цього джерела']);
    expect([await more('ru', 2), await more('ru', 5), await more('ru', 21)])
      .toEqual(['Все 2 отрывка из этого источника', 'Все 5 отрывков из этого источника', 'Все 21 отрывок из этого источника']);
  });

  it('counts a page’s mentions in the language: 1, 2, 5, 21, with its grouping', async () => {
    const entities = [1, 2, 5, 21, 1234].map((count) => ({ id: `e${count}`, name: `${DATA.name}${count}`, kind: 'place', count, seen: [] }));
    await show(h(PageEntityList, { entities, onReveal: noop, onTimeline: noop }), 'uk');
    expect(labels('.bs-count').map((label) => label!.replace(/\s/gu, ' '))).toEqual(['1 згадка', '2 згадки', '5 згадок', '21 згадка', '1 234 згадки']);
    expect(host.querySelector('.bs-group-title')?.textContent?.trim()).toBe('Місця');
    await show(h(PageEntityList, { entities, onReveal: noop, onTimeline: noop }), 'ru');
    expect(labels('.bs-count').map((label) => label!.replace(/\s/gu, ' '))).toEqual(['1 упоминание', '2 упоминания', '5 упоминаний', '21 упоминание', '1 234 упоминания']);
  });

  it('says how a date was found, with the percentage written by Intl', async () => {
    await show(h(DateLabel, { source: source({ dateConfidence: 0.9 }) }), 'uk');
    const percent = new Intl.NumberFormat('uk', { style: 'percent' }).format(0.9);
    expect(host.querySelector('time')?.getAttribute('title')).toBe(`Дата з метаданих сторінки (упевненість ${percent})`);
    await show(h(DateLabel, { source: source({ dateSource: 'reader', dateConfidence: 1 }) }), 'en');
    expect(host.querySelector('time')?.getAttribute('title')).toBe('Date set by you (confidence 100%)');
    await show(h(DateLabel, { source: remembered }), 'de');
    const day = new Intl.DateTimeFormat('de', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2022, 10, 11));
    expect(host.querySelector('time')?.textContent).toBe(`gelesen am ${day}`);
  });
});

describe('the card’s part on a page', () => {
  it('speaks the language whose messages it was given, and switches an open card when they change', async () => {
    // The card lives in a closed shadow root: keep a handle on it to read what it says.
    let shadow: ShadowRoot | undefined;
    const attach = Element.prototype.attachShadow;
    const spy = vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      shadow = attach.call(this, init);
      return shadow;
    });
    const cardView = createCardView(document);
    try {
      await act(() => {
        setCardLanguage('uk', catalogOf('uk', CARD_AREAS));
        cardView.show(CARDS[2]![1]);
      });
      const root = shadow!.querySelector('.bs-root')!;
      expect(root.querySelector('.bs-card')?.getAttribute('lang')).toBe('uk');
      expect(root.querySelector('.bs-primary')?.textContent).toBe('Додати цю сторінку');
      await act(() => setCardLanguage('ru', catalogOf('ru', CARD_AREAS)));
      expect(root.querySelector('.bs-primary')?.textContent).toBe('Добавить эту страницу');
      expect(root.querySelector('.bs-close')?.getAttribute('aria-label')).toBe('Закрыть');
      expect(root.querySelector('.bs-card')?.getAttribute('lang')).toBe('ru');
    } finally {
      await act(() => cardView.hide());
      spy.mockRestore();
    }
  });
});
