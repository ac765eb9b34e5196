import { describe, expect, test } from 'vitest';
import {
  EntityNames,
  MAX_TERM_LENGTH,
  SEARCH_INDEX_OPTIONS,
  buildSearchQuery,
  createSearchIndex,
  loadSearchIndex,
  matchRanges,
  searchDocument,
  searchTerms,
  wordSpans,
} from '../../core/search-index';
import { gazetteer } from './corpus-fixtures';

const docs = [
  { id: 'a#0', text: 'Russia’s retreat from Kherson is a strategic defeat for Vladimir Putin.', entityIds: ['kherson', 'putin'], title: 'Kherson withdrawal' },
  { id: 'b#0', text: 'В Херсоні люди вийшли на вулиці, щоб зустріти військових.', entityIds: ['kherson'], title: 'Херсон звільнено' },
  { id: 'c#0', text: 'Zelenskyy visited frontline positions near Bakhmut and handed out awards.', entityIds: ['bakhmut', 'zelensky'], title: 'Президент у Бахмуті' },
  { id: 'd#0', text: 'Die Stadt Cherson wurde nach acht Monaten Besatzung befreit; Selenskyj besuchte die Stadt.', entityIds: ['kherson'], title: 'Cherson befreit' },
  { id: 'e#0', text: 'Electricity was restored in parts of the capital after engineers repaired sub\u00adstations overnight.', entityIds: ['kyiv'], title: 'Power returns' },
];

function buildIndex() {
  const index = createSearchIndex();
  index.addAll(docs.map((doc) => searchDocument(doc, doc.title)));
  return index;
}

describe('tokenizer', () => {
  test('folds case, Latin diacritics, ё, apostrophes; keeps Cyrillic letters; drops soft hyphens', () => {
    expect(searchTerms('Erdoğan’s Ёлка in KYIV')).toEqual(['erdogan', 'елка', 'kyiv']);
    expect(searchTerms('sub\u00adstations Мар’їнка')).toEqual(['substations', "мар'їнка"]);
    expect(searchTerms('Херсоні і Київ')).toEqual(['херсоні', 'київ']);
  });

  test('reports UTF-16 offsets into the original text', () => {
    const text = 'Putin’s war, in Херсоні.';
    const spans = wordSpans(text);
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual(['Putin’s', 'war', 'in', 'Херсоні']);
    expect(spans[0]?.term).toBe('putin');
  });

  test('skips absurdly long words and stop words, keeps "war" and "us"', () => {
    expect(searchTerms(`the ${'x'.repeat(MAX_TERM_LENGTH + 1)} war and US aid`)).toEqual(['war', 'us', 'aid']);
  });
});

describe('index', () => {
  test('prefix and fuzzy matching over text and title', () => {
    const index = buildIndex();
    const prefix = index.search(buildSearchQuery(['electri']));
    expect(prefix.map((hit) => hit.id)).toEqual(['e#0']);
    const fuzzy = index.search(buildSearchQuery(['withdrawl']));
    expect(fuzzy.map((hit) => hit.id)).toEqual(['a#0']);
    const cyrillic = index.search(buildSearchQuery(searchTerms('херсон')));
    expect(cyrillic.map((hit) => hit.id).sort()).toEqual(['b#0']);
  });

  test('a word naming an entity finds excerpts tagged with it, in any language', () => {
    const index = buildIndex();
    const names = new EntityNames(gazetteer);
    const hits = index.search(buildSearchQuery(searchTerms('Херсоном'), names));
    expect(hits.map((hit) => hit.id).sort()).toEqual(['a#0', 'b#0', 'd#0']);
    const both = index.search(buildSearchQuery(searchTerms('Kherson Putin'), names));
    expect(both.map((hit) => hit.id)).toEqual(['a#0']);
    const entityMatch = index.search(buildSearchQuery(searchTerms('Zelensky'), names))[0];
    expect(entityMatch?.id).toBe('c#0');
    expect(entityMatch?.match.zelensky).toEqual(['entities']);
  });

  test('every word must match (AND)', () => {
    const index = buildIndex();
    expect(index.search(buildSearchQuery(['electricity', 'bakhmut'])).length).toBe(0);
  });

  test('an index saved with toJSON and loaded with loadJS answers the same', () => {
    const index = buildIndex();
    const copy = loadSearchIndex(structuredClone(index.toJSON()));
    const names = new EntityNames(gazetteer);
    for (const query of ['kherson', 'херсоні', 'zelen', 'electricty', 'stadt']) {
      const q = buildSearchQuery(searchTerms(query), names);
      expect(copy.search(q)).toEqual(index.search(q));
    }
    copy.discard('a#0');
    expect(copy.search(buildSearchQuery(['putin'])).length).toBe(0);
    expect(SEARCH_INDEX_OPTIONS.storeFields).toEqual([]);
  });
});

describe('EntityNames', () => {
  const names = new EntityNames(gazetteer);
  test('exact words of names and every inflected alias form', () => {
    expect(names.lookup('херсона')).toEqual(['kherson']);
    expect(names.lookup('херсоні')).toEqual(['kherson']);
    expect(names.lookup('cherson')).toEqual(['kherson']);
    expect(names.lookup('vladimir')).toEqual(['putin']);
  });
  test('prefixes of four letters or more', () => {
    expect(names.lookup('zele')).toEqual(['zelensky']);
    expect(names.lookup('ze')).toEqual([]);
    expect(names.lookup('weather')).toEqual([]);
  });
});

describe('matchRanges', () => {
  test('marks matched words and matched entities’ mentions, merged and sorted', () => {
    const text = 'Putin’s retreat from Херсоні, Putin said.';
    const ranges = matchRanges(text, new Set(['retreat', 'putin']), [[21, 28, 'kherson']], new Set(['kherson']));
    expect(ranges.map(([start, end]) => text.slice(start, end))).toEqual(['Putin’s', 'retreat', 'Херсоні', 'Putin']);
  });
  test('overlapping ranges merge', () => {
    expect(matchRanges('Kherson city', new Set(['kherson']), [[0, 12, 'x']], new Set(['x']))).toEqual([[0, 12]]);
  });
});
