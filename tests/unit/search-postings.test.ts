/**
 * The direct postings paths (core/search-postings.ts) against MiniSearch's own: same documents,
 * same order, same highlights; a packed index behaves like the original. These tests also pin the
 * MiniSearch internals the fast paths read: if an upgrade changes them, they fail here.
 */
import { describe, expect, test } from 'vitest';
import {
  EntityNames,
  SEARCH_INDEX_OPTIONS,
  buildSearchQuery,
  createSearchIndex,
  searchDocument,
  searchQueryTerms,
  searchTerms,
} from '../../core/search-index';
import {
  PostingsScorer,
  hasPostingsAccess,
  idOfShortId,
  packIndex,
  packedSize,
  unpackIndex,
} from '../../core/search-postings';
import corpus from '../../data/corpus.json';
import { gazetteer, spotter } from './corpus-fixtures';
import { tagText } from '../../core/tagger';

const titles = new Map(corpus.sources.map((source) => [source.id, source.title]));
// The bundled excerpts, re-tagged with the test gazetteer, plus a few in other languages.
const documents = [
  ...corpus.excerpts.map((excerpt) => ({ ...excerpt, entityIds: tagText(spotter, excerpt.text).entityIds })),
  { id: 'uk#0', sourceId: 'uk', text: 'В Херсоні люди вийшли на вулиці, щоб зустріти військових; Зеленский приїхав через тиждень.', entityIds: ['kherson', 'zelensky'] },
  { id: 'de#0', sourceId: 'de', text: 'Die Stadt Cherson wurde befreit; Putin schwieg.', entityIds: ['kherson', 'putin'] },
].map((excerpt) => searchDocument(excerpt, titles.get(excerpt.sourceId) ?? 'Другие новости'));

const names = new EntityNames(gazetteer);
const boosts = SEARCH_INDEX_OPTIONS.searchOptions?.boost ?? {};
const QUERIES = [
  'Kherson', 'херсон', 'Херсоні', 'withdrawal', 'withdrawl', 'withdr', 'russian forces', 'Putin campaign',
  'kursk gains', 'strategic defeat', 'Zelensky', 'stadt', 'regroup', 'ISW', 'a', 'Kh', 'ukraine leverage talks',
];

function built() {
  const index = createSearchIndex();
  index.addAll(documents);
  return index;
}

/** MiniSearch's own answer, scores divided by its quality factor (the number of query terms). */
function reference(index: ReturnType<typeof built>, query: string) {
  const terms = searchTerms(query);
  return index.search(buildSearchQuery(terms, names)).map((result) => ({ id: result.id as string, score: result.score / result.queryTerms.length, match: result.match }));
}

function direct(index: ReturnType<typeof built>, query: string) {
  const scorer = new PostingsScorer(index, boosts);
  const matches = scorer.matchAll(scorer.plan(searchQueryTerms(searchTerms(query), names)));
  const results = [];
  for (let i = 0; i < matches.count; i++) results.push({ id: idOfShortId(index, matches.docs[i] as number) as string, score: matches.scores[i] as number });
  return results.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

describe('PostingsScorer.matchAll', () => {
  test('MiniSearch internals are where this module expects them', () => {
    expect(hasPostingsAccess(built())).toBe(true);
  });

  for (const query of QUERIES) {
    test(`"${query}": same documents and scores as MiniSearch#search`, () => {
      const index = built();
      const expected = reference(index, query).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
      const got = direct(index, query);
      expect(got.map((hit) => hit.id)).toEqual(expected.map((hit) => hit.id));
      got.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]?.score as number, 6));
    });
  }

  test('skips discarded documents and honours the filter', () => {
    const index = built();
    index.discard('de#0');
    const scorer = new PostingsScorer(index, boosts);
    const all = scorer.matchAll(scorer.plan(searchQueryTerms(['kherson'], names)));
    const ids = Array.from(all.docs.subarray(0, all.count), (doc) => idOfShortId(index, doc));
    expect(ids).not.toContain('de#0');
    expect(ids).toContain('uk#0');
    const filtered = scorer.matchAll(scorer.plan(searchQueryTerms(['kherson'], names)), (doc) => idOfShortId(index, doc) === 'uk#0');
    expect(filtered.count).toBe(1);
  });

  test('highlights: the matched index terms and entities of one hit', () => {
    const index = built();
    const scorer = new PostingsScorer(index, boosts);
    const queries = scorer.plan(searchQueryTerms(searchTerms('херсон'), names));
    const matches = scorer.matchAll(queries);
    const doc = Array.from(matches.docs.subarray(0, matches.count)).find((d) => idOfShortId(index, d) === 'uk#0') as number;
    const matched = scorer.matchedIn(doc, queries);
    expect([...matched.terms]).toEqual(['херсоні']);
    expect([...matched.entities]).toEqual(['kherson']);
  });
});

describe('PostingsScorer.scoreCandidates', () => {
  test('equals an OR search of the words, restricted to the candidates', () => {
    const index = built();
    const scorer = new PostingsScorer(index, boosts);
    const words = searchTerms('Russia faces strategic defeat with Kherson withdrawal');
    const expected = new Map(index.search({ combineWith: 'OR', queries: words }, { fields: ['text'] }).map((result) => [result.id as string, result.score / result.queryTerms.length]));
    const candidates = Int32Array.from({ length: documents.length }, (_, doc) => doc).filter((doc) => doc % 2 === 0);
    const got = scorer.scoreCandidates(words, 'text', candidates, 1);
    candidates.forEach((doc, i) => {
      const id = idOfShortId(index, doc) as string;
      if (!expected.has(id)) expect(got[i]).toBe(0);
      else expect(got[i]).toBeCloseTo(expected.get(id) as number, 6);
    });
    // A candidate list with holes (−1) keeps its alignment.
    const holes = Int32Array.from(candidates, (doc, i) => (i % 3 === 0 ? -1 : doc));
    const aligned = scorer.scoreCandidates(words, 'text', holes, 1);
    holes.forEach((doc, i) => expect(aligned[i]).toBe(doc < 0 ? 0 : got[i]));
  });

  test('skips words found in more than maxShare of the documents', () => {
    const index = built();
    const scorer = new PostingsScorer(index, boosts);
    const all = Int32Array.from({ length: documents.length }, (_, doc) => doc);
    const some = (scores: Float64Array) => scores.some((score) => score > 0);
    expect(some(scorer.scoreCandidates(['russia'], 'text', all, 1))).toBe(true);
    expect(some(scorer.scoreCandidates(['russia'], 'text', all, 0.01))).toBe(false);
  });
});

describe('packIndex / unpackIndex', () => {
  test('a packed and unpacked index answers exactly like the original, and takes changes', async () => {
    const index = built();
    index.discard('seed-dd1ce97433807155#0');
    const packed = structuredClone(packIndex(index));
    // Discarded documents are left out of the pack (MiniSearch drops them from postings lazily;
    // compare once it has).
    expect(packed.ids).toHaveLength(documents.length - 1);
    expect(packed.ids).not.toContain('seed-dd1ce97433807155#0');
    await index.vacuum({ batchWait: 0 });
    expect(packedSize(packed)).toBeGreaterThan(0);
    const copy = unpackIndex(packed, SEARCH_INDEX_OPTIONS);
    expect(copy.documentCount).toBe(index.documentCount);
    for (const query of QUERIES) {
      const q = buildSearchQuery(searchTerms(query), names);
      // Same hits and scores; the order of matched terms may differ (the radix tree is rebuilt).
      const strip = (results: ReturnType<typeof index.search>) => results.map(({ id, score, terms, match }) => ({
        id, score, terms: [...terms].sort(), match: Object.fromEntries(Object.entries(match).sort()),
      }));
      expect(strip(copy.search(q))).toEqual(strip(index.search(q)));
      expect(direct(copy, query)).toEqual(direct(index, query));
    }
    copy.add(searchDocument({ id: 'new#0', text: 'A new excerpt about Kherson bridges.', entityIds: ['kherson'] }, 'New'));
    copy.discard('uk#0');
    expect(copy.search('bridges').map((hit) => hit.id)).toContain('new#0');
    expect(direct(copy, 'вулиці')).toEqual([]);
    expect(direct(copy, 'bridges').map((hit) => hit.id)).toContain('new#0');
  });
});
