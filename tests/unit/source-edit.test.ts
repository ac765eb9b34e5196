/**
 * The checks and the record of a reader's correction (core/source-edit.ts), shared by the reading
 * room's form and the background, and the export format's acceptance of a date "set by you".
 */
import { describe, expect, it } from 'vitest';
import { validateSource } from '../../core/corpus-export';
import type { SourceRecord } from '../../core/schema';
import { applySourceEdit, checkSourceEdit, localDay } from '../../core/source-edit';

const SOURCE: SourceRecord = {
  id: 'page-0123456789abcdef', origin: 'reader', title: 'Ukrainian troops enter Kherson', site: 'Example News',
  url: 'https://news.example.com/kherson', date: '2022-11-11T09:00:00+02:00', dateSource: 'json-ld', dateConfidence: 0.95,
  datePrecision: 'instant', dateEvidence: 'JSON-LD newsarticle datePublished “2022-11-11T09:00:00+02:00”',
  addedAt: '2024-06-01T12:00:00.000Z', excerptCount: 2,
};

describe('checkSourceEdit', () => {
  const today = '2024-06-01';

  it('accepts a real day up to today, and texts trimmed with their spaces folded', () => {
    expect(checkSourceEdit({ date: '2024-06-01', title: '  A \n new\ttitle ', site: ' Kyiv Wire' }, today))
      .toEqual({ ok: true, edit: { date: '2024-06-01', title: 'A new title', site: 'Kyiv Wire' } });
    expect(checkSourceEdit({ date: '2024-02-29' }, today)).toEqual({ ok: true, edit: { date: '2024-02-29' } });
    expect(checkSourceEdit({}, today)).toEqual({ ok: true, edit: {} });
  });

  it('says what is wrong with each field', () => {
    const result = checkSourceEdit({ date: '2024-06-02', title: ' ', site: 'x'.repeat(2001) }, today);
    expect(result).toEqual({
      ok: false,
      errors: {
        date: expect.stringMatching(/^The date cannot be later than today \(.*2024\)\.$/u),
        title: 'The title cannot be empty.',
        site: 'The site is too long: 2,001 characters, at most 2,000.',
      },
    });
  });

  it.each([
    ['', 'Enter the date the page was published.'],
    ['2023-02-29', 'That is not a real date. Enter a day such as 2022-11-09.'],
    ['2023-13-01', 'That is not a real date. Enter a day such as 2022-11-09.'],
    ['11/09/2022', 'That is not a real date. Enter a day such as 2022-11-09.'],
    ['1899-12-31', 'Enter a date from 1900 on.'],
  ])('date %j: %s', (date, message) => {
    expect(checkSourceEdit({ date }, today)).toEqual({ ok: false, errors: { date: message } });
  });

  it('refuses values that are not text, and control characters', () => {
    expect(checkSourceEdit({ title: 42 }, today)).toEqual({ ok: false, errors: { title: 'The title must be text.' } });
    expect(checkSourceEdit({ site: 'Bell\u0007' }, today)).toEqual({ ok: false, errors: { site: 'The site contains control characters, which cannot be stored.' } });
    expect(checkSourceEdit(null, today).ok).toBe(false);
  });

  it('the future is checked against the day given: the reader’s local day', () => {
    expect(localDay(new Date(2024, 5, 1, 23, 59))).toBe('2024-06-01');
    expect(checkSourceEdit({ date: '2024-06-02' }, '2024-06-02').ok).toBe(true);
  });
});

describe('applySourceEdit', () => {
  it('a new date is set by the reader: a day, confidence 1, and the evidence keeps what was found before', () => {
    const { source, changed, dateChanged } = applySourceEdit(SOURCE, { date: '2022-11-10' }, '2024-06-02');
    expect(changed).toBe(true);
    expect(dateChanged).toBe(true);
    expect(source).toMatchObject({ date: '2022-11-10', dateSource: 'reader', dateConfidence: 1, datePrecision: 'day', title: SOURCE.title });
    expect(source.dateEvidence).toBe(`corrected on 2024-06-02; before: ${SOURCE.date} (${SOURCE.dateEvidence})`);
    // Corrected again: still what the page had said.
    expect(applySourceEdit(source, { date: '2022-11-09' }, '2024-06-03').source.dateEvidence)
      .toBe(`corrected on 2024-06-03; before: ${SOURCE.date} (${SOURCE.dateEvidence})`);
  });

  it('the same day confirmed is set by the reader too; the same values again change nothing', () => {
    const confirmed = applySourceEdit(SOURCE, { date: '2022-11-11' }, '2024-06-02');
    expect(confirmed).toMatchObject({ changed: true, dateChanged: true, source: { date: '2022-11-11', dateSource: 'reader' } });
    expect(applySourceEdit(confirmed.source, { date: '2022-11-11' }, '2024-06-09')).toMatchObject({ changed: false, dateChanged: false });
    expect(applySourceEdit(SOURCE, { title: SOURCE.title, site: SOURCE.site }, '2024-06-02')).toMatchObject({ changed: false, source: SOURCE });
  });

  it('a title or site alone leaves the date and how it was found', () => {
    const { source, dateChanged } = applySourceEdit(SOURCE, { title: 'Kherson liberated', site: 'Kyiv Wire' }, '2024-06-02');
    expect(dateChanged).toBe(false);
    expect(source).toEqual({ ...SOURCE, title: 'Kherson liberated', site: 'Kyiv Wire' });
  });
});

describe('the export format', () => {
  it('carries a date set by the reader on a reader page, and refuses it on a bundled source', () => {
    const edited = applySourceEdit(SOURCE, { date: '2022-11-10' }, '2024-06-02').source;
    expect(validateSource(JSON.parse(JSON.stringify(edited)))).toEqual(edited);
    expect(validateSource({ ...edited, origin: 'bundled', addedAt: undefined })).toMatch(/only a reader page can have a date set by the reader/u);
    // Files written before "set by you" existed are read as they were.
    expect(validateSource(SOURCE)).toEqual(SOURCE);
  });
});
