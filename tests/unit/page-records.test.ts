import { describe, expect, test } from 'vitest';
import { MIN_CHARS } from '../../core/excerpts';
import { normaliseUrl, pageRecords, readerSourceId } from '../../core/page-records';
import { validateGazetteer } from '../../core/gazetteer';
import { compileSpotter } from '../../core/spotter';
import { KHERSON_PAGE, page, spotter } from './corpus-fixtures';

const ADDED = new Date('2024-06-01T09:30:00Z');

describe('normaliseUrl', () => {
  test('drops fragments, tracking parameters and trailing slashes; sorts the rest', () => {
    expect(normaliseUrl('https://News.Example.com/a/b/?utm_source=x&b=2&fbclid=1&a=1#section'))
      .toBe('https://news.example.com/a/b?a=1&b=2');
    expect(normaliseUrl('https://example.com/')).toBe('https://example.com/');
    expect(normaliseUrl('  not a url ')).toBe('not a url');
  });

  test('the same page with other tracking gets the same id; another page does not', () => {
    const id = readerSourceId('https://news.example.com/2022/11/11/kherson-liberated');
    expect(readerSourceId('https://news.example.com/2022/11/11/kherson-liberated/?utm_medium=social#comments')).toBe(id);
    expect(readerSourceId('https://news.example.com/2022/11/11/kherson-liberated?page=2')).not.toBe(id);
    expect(id).toMatch(/^page-[0-9a-f]{16}$/u);
  });
});

describe('pageRecords', () => {
  test('splits the article, tags excerpts in any language, dates them with the page date', () => {
    const { source, excerpts } = pageRecords(KHERSON_PAGE, spotter, ADDED);
    expect(source).toMatchObject({
      id: readerSourceId(KHERSON_PAGE.url),
      origin: 'reader',
      title: 'Ukrainian troops enter Kherson',
      site: 'Example News',
      date: '2022-11-11',
      dateSource: 'meta',
      addedAt: ADDED.toISOString(),
      excerptCount: excerpts.length,
    });
    expect(excerpts.length).toBe(2);
    expect(excerpts.map((excerpt) => excerpt.id)).toEqual([`${source.id}#0`, `${source.id}#1`]);
    for (const excerpt of excerpts) {
      expect(excerpt.sourceId).toBe(source.id);
      expect(excerpt.date).toBe('2022-11-11');
      expect(excerpt.entityIds).toEqual(['kherson']);
      for (const [start, end, entity] of excerpt.mentions) {
        expect(entity).toBe('kherson');
        expect(excerpt.text.slice(start, end)).toMatch(/^(Kherson|Херсоні)$/u);
      }
    }
    // The heading (the title) is not an excerpt.
    expect(excerpts.some((excerpt) => excerpt.text === KHERSON_PAGE.title)).toBe(false);
  });

  test('a page without a date is dated the day it was added, and says so', () => {
    const undated = page('https://blog.example.net/post', 'Notes from Kyiv', [KHERSON_PAGE.blocks[1]?.text as string]);
    const { source, excerpts } = pageRecords(undated, spotter, ADDED);
    expect(source.date).toBe('2024-06-01');
    expect(source.dateSource).toBe('added');
    expect(source.dateConfidence).toBeLessThan(0.5);
    expect(source.dateEvidence).toContain('2024-06-01');
    expect(excerpts[0]?.date).toBe('2024-06-01');
  });

  test('a date guessed from the running text is kept with its provenance, unless it is later than the day the page is added', () => {
    const guess = (date: string) => ({ ...page('https://blog.example.net/guess', 'Notes from Kyiv', [KHERSON_PAGE.blocks[1]?.text as string]),
      date: { date, source: 'month-day+context-year' as const, confidence: 0.7, precision: 'day' as const, evidence: 'latest date in the text: “March 29”; year 2022 from events it reports' } });
    expect(pageRecords(guess('2022-03-29'), spotter, ADDED).source).toMatchObject({
      date: '2022-03-29', dateSource: 'month-day+context-year', dateConfidence: 0.7, dateEvidence: expect.stringContaining('March 29'),
    });
    const { source, excerpts } = pageRecords(guess('2031-03-29'), spotter, ADDED);
    expect(source).toMatchObject({ date: '2024-06-01', dateSource: 'added' });
    expect(excerpts[0]?.date).toBe('2024-06-01');
  });

  test('the whole article is the page context for ambiguous mentions', () => {
    const ambiguous = 'Engineers in Dnipro repaired the water supply overnight, and the mayor thanked the crews who worked through the cold to restore heating in the eastern districts.';
    const war = 'Vladimir Putin ordered the retreat from Kherson while NATO ministers met; Volodymyr Zelensky visited Bakhmut and then returned to Kyiv for talks with allies about air defence.';
    const alone = pageRecords(page('https://a.example/x', 'Repairs', [ambiguous]), spotter, ADDED).excerpts;
    expect(alone[0]?.entityIds).toEqual([]);
    const inWarPage = pageRecords(page('https://a.example/y', 'Repairs', [war, ambiguous]), spotter, ADDED).excerpts;
    expect(inWarPage.find((excerpt) => excerpt.text === ambiguous)?.entityIds).toEqual(['dnipro']);
  });

  test('tags the passages as one page, with the decisions the page\'s marks get (core/page-sense.ts)', () => {
    const small = compileSpotter(validateGazetteer({
      version: 1,
      paradigms: {},
      entities: [
        { id: 'kyiv', name: 'Kyiv', kind: 'place', description: 'Capital.', aliases: ['Kyiv'] },
        { id: 'nato', name: 'NATO', kind: 'organisation', description: 'Alliance.', scope: 'general', aliases: [{ form: 'NATO', case: 'acronym' }] },
        { id: 'dmitry-medvedev', name: 'Dmitry Medvedev', kind: 'person', description: 'Former president.',
          aliases: ['Dmitry Medvedev', { form: 'Medvedev', confidence: 0.7 }], cues: { against: ['Daniil'] } },
      ],
    }));
    // "Daniil Medvedev" decides the bare surname that follows: the tennis player.
    const tennis = pageRecords(page('https://sport.example/kyiv-open', 'Final', [
      'Daniil Medvedev reached the final of the exhibition tournament after two long sets against a local player in front of a full hall.',
      'Medvedev will play again on Sunday in Kyiv; the organisers said the hall was sold out within an hour of the announcement on Friday.',
    ]), small, ADDED).excerpts;
    expect(tennis.map((excerpt) => excerpt.entityIds)).toEqual([['kyiv']]);
    // A general name on a page that does not name the war's own entities is not a tag, as it is no mark.
    const budget = pageRecords(page('https://money.example/nato', 'Budget', [
      'NATO ministers met in Brussels on Thursday to discuss the common budget for the coming year and the cost of new headquarters buildings.',
    ]), small, ADDED).excerpts;
    expect(budget.map((excerpt) => excerpt.entityIds)).toEqual([[]]);
  });

  test('HTML in the text stays text; short fragments are dropped; bad language tags fall back', () => {
    const hostile = page('https://evil.example/x', '<img src=x onerror=alert(1)>', [
      `<script>alert("Putin")</script> ${'Residents of Kherson described months of occupation, searches and arrests, '.repeat(3)}`,
      'Too short.',
    ]);
    const { source, excerpts } = pageRecords({ ...hostile, lang: 'not a language tag!' }, spotter, ADDED);
    expect(source.title).toBe('<img src=x onerror=alert(1)>');
    expect(excerpts.length).toBe(1);
    expect(excerpts[0]?.text.startsWith('<script>')).toBe(true);
    expect(excerpts[0]?.text.length).toBeGreaterThanOrEqual(MIN_CHARS);
  });

  test('a page with no usable text gives no excerpts', () => {
    expect(pageRecords(page('https://example.com/', 'Home', ['Menu', 'Sign in']), spotter, ADDED).excerpts).toEqual([]);
  });
});
