/**
 * Tracked names as pure logic (core/tracked-names.ts, core/tracked-review.ts): the forms a draft stands for, the checks
 * (refused: shorter than three letters, a form Backstory or another tracked name has; warned: common
 * words, lower case, a bundled name inside), stored records and their parsing, the entity the
 * spotter compiles, merging two spotters' mentions and re-tagging an excerpt.
 */
import { describe, expect, it } from 'vitest';
import type { Gazetteer } from '../../core/gazetteer';
import type { ExcerptRecord } from '../../core/schema';
import { type Mention, compileSpotter } from '../../core/spotter';
import {
  TRACKED_DESCRIPTION,
  type TrackedName,
  mergeMentions,
  newTrackedId,
  parseTrackedName,
  parseTrackedNames,
  retagExcerpt,
  taggingKeys,
  trackedEntity,
  trackedGazetteer,
} from '../../core/tracked-names';
import { NameChecker, type TrackedDraft, checkTrackedList, draftForms, draftOf, reviewDraft, trackedFromDraft } from '../../core/tracked-review';
import entities from '../../data/entities.json';

const gazetteer = entities as Gazetteer;
const NOW = new Date('2025-12-06T10:00:00Z');

function draft(overrides: Partial<TrackedDraft> = {}): TrackedDraft {
  return { name: 'Александр Хинштейн', kind: 'person', langs: ['ru'], spellings: [], removed: [], added: [], ...overrides };
}

function tracked(name: string, forms: string[], id = newTrackedId(NOW, () => Math.random())): TrackedName {
  return { id, name, kind: 'person', langs: ['ru'], spellings: [], forms, removed: [], added: [], created: NOW.toISOString(), updated: NOW.toISOString() };
}

describe('the forms of a draft', () => {
  it('lists the name as written, then its generated forms, then the forms the reader added', () => {
    const forms = draftForms(draft({ added: ['Хинштейну-младшему'] }));
    expect(forms[0]).toMatchObject({ form: 'Александр Хинштейн', origin: 'written' });
    expect(forms.find((entry) => entry.form === 'Хинштейна')).toMatchObject({ origin: 'generated', langs: ['ru'] });
    expect(forms[forms.length - 1]).toEqual({ form: 'Хинштейну-младшему', origin: 'added', langs: [] });
  });

  it('leaves out the forms the reader removed, and declines each spelling in the languages of its script', () => {
    const forms = draftForms(draft({ removed: ['Хинштейне'], spellings: ['Alexander Khinshtein', 'Олександр Хінштейн'], langs: ['ru', 'en'] }))
      .map((entry) => entry.form);
    expect(forms).not.toContain('Хинштейне');
    expect(forms).toEqual(expect.arrayContaining(['Хинштейна', 'Khinshtein’s', 'Alexander Khinshtein']));
    // Ukrainian is not chosen, but the Ukrainian spelling is Cyrillic: Russian rules decline it.
    expect(forms).toContain('Хінштейна');
  });

  it('finds the language from the letters when none chosen fits the script', () => {
    const forms = draftForms(draft({ name: 'Вадим Філашкін', langs: ['en'] })).map((entry) => entry.form);
    expect(forms).toEqual(expect.arrayContaining(['Філашкіна', 'Філашкіним']));
  });
});

describe('checks', () => {
  const checker = new NameChecker(gazetteer, [tracked('Вадим Филашкин', ['Вадим Филашкин', 'Филашкина'], 'tracked-aaa-000001')]);

  it('refuses a form shorter than three letters', () => {
    expect(checker.check('Ян')[0]).toMatchObject({ severity: 'refused', reason: expect.stringMatching(/fewer than three letters/u) });
    expect(checker.check('Яна')).toEqual([]);
  });

  it('refuses a form Backstory already marks, in any of its inflections, naming the entity', () => {
    expect(checker.check('Херсона')[0]).toMatchObject({ severity: 'refused', reason: expect.stringMatching(/already marks “Херсона” as Kherson/u) });
    expect(checker.check('kherson')[0]?.severity).toBe('refused');
  });

  it('refuses a form another tracked name has, but not the name’s own', () => {
    expect(checker.check('Филашкина')[0]).toMatchObject({ severity: 'refused', reason: expect.stringMatching(/already track “Филашкина” as Вадим Филашкин/u) });
    expect(checker.check('Филашкина', 'tracked-aaa-000001')).toEqual([]);
  });

  it('refuses what is not a name', () => {
    expect(checker.check('{Херсон}')[0]?.severity).toBe('refused');
    expect(checker.check('12 бригада')[0]?.severity).toBe('refused');
  });

  it('warns about common words, lower case and bundled names inside, and lets them through', () => {
    expect(checker.check('Мороз')).toEqual([{
      severity: 'warning', code: 'common-word', detail: { form: 'Мороз', langs: ['uk', 'ru'] }, reason: expect.stringMatching(/common Ukrainian and Russian word/u),
    }]);
    expect(checker.check('Baker')[0]).toMatchObject({ severity: 'warning', reason: expect.stringMatching(/common English word/u) });
    expect(checker.check('рашизм')).toEqual([{ severity: 'warning', code: 'lower-case', detail: { form: 'рашизм' }, reason: expect.stringMatching(/lower case/u) }]);
    expect(checker.check('Kharkiv Regional Military Administration')[0]).toMatchObject({
      severity: 'warning', code: 'contains-bundled', detail: { inside: 'Kharkiv', name: 'Kharkiv' }, reason: expect.stringMatching(/contains “Kharkiv”/u),
    });
  });

  it('reviews a draft: generated forms that collide are left out, a written name that collides blocks it', () => {
    // Oleh Syniehubov's surname is in the gazetteer: his full name can be tracked, his surname's forms are left out.
    const review = reviewDraft(draft({ name: 'Олег Синєгубов', langs: ['uk'] }), checker);
    expect(review.errors).toEqual([]);
    expect(review.forms.find((entry) => entry.form === 'Синєгубова')).toMatchObject({
      origin: 'generated', kept: false, problems: [{ severity: 'refused', reason: expect.stringMatching(/as Oleh Syniehubov/u) }],
    });
    expect(review.forms.find((entry) => entry.form === 'Олега Синєгубова')).toMatchObject({
      kept: true, problems: [{ severity: 'warning', reason: expect.stringMatching(/contains “Синєгубова”/u) }],
    });
    expect(reviewDraft(draft({ name: 'Синєгубов', langs: ['uk'] }), checker).errors)
      .toEqual(['The name “Синєгубов” cannot be tracked: Backstory already marks “Синєгубов” as Oleh Syniehubov: the same words cannot stand for two names.']);
    const newcomer = reviewDraft(draft({ name: 'Олександр Хінштейн', langs: ['uk'], added: ['Kherson'] }), checker);
    expect(newcomer.errors).toEqual([expect.stringMatching(/^The form “Kherson” cannot be tracked: Backstory already marks/u)]);
    // The same issue, for the reading room to word in the reader's language.
    expect(newcomer.issues).toEqual([{
      code: 'refused', origin: 'added', form: 'Kherson',
      problem: expect.objectContaining({ code: 'bundled', detail: { form: 'Kherson', name: 'Kherson', id: 'kherson' } }),
    }]);
    expect(reviewDraft(draft({ name: ' ', langs: ['uk'] }), checker).issues).toEqual([{ code: 'no-name' }]);
    expect(reviewDraft(draft({ name: 'Олександр Хінштейн', langs: ['uk'] }), checker).errors).toEqual([]);
  });

  it('checks a list of names as a whole (import files)', () => {
    const first = tracked('Вадим Філашкін', ['Вадим Філашкін', 'Філашкіна'], 'tracked-aaa-000001');
    expect(checkTrackedList([first], gazetteer)).toBeUndefined();
    expect(checkTrackedList([first, tracked('Філашкін', ['Філашкіна'], 'tracked-aaa-000002')], gazetteer))
      .toEqual({ index: 1, message: 'tracked name "Філашкін": the form "Філашкіна" is also a form of "Вадим Філашкін"' });
    expect(checkTrackedList([tracked('Херсон', ['Херсон'], 'tracked-aaa-000003')], gazetteer)?.message).toMatch(/refused: Backstory already marks/u);
  });
});

describe('stored records', () => {
  it('keeps the reviewed forms, the reader’s removals and additions, and round-trips through a draft', () => {
    const start = draft({ removed: ['Хинштейне'], added: ['Хинштейн-младший'] });
    const checker = new NameChecker(gazetteer);
    const record = trackedFromDraft(start, reviewDraft(start, checker), NOW, undefined, '  Governor of the Kursk region since December 2024.  ');
    expect(record).toMatchObject({
      id: expect.stringMatching(/^tracked-[a-z0-9]+-[a-z0-9]{6}$/u),
      name: 'Александр Хинштейн', kind: 'person', langs: ['ru'], note: 'Governor of the Kursk region since December 2024.',
      created: NOW.toISOString(), updated: NOW.toISOString(), removed: ['Хинштейне'], added: ['Хинштейн-младший'],
    });
    expect(record.forms).toEqual(expect.arrayContaining(['Хинштейна', 'Хинштейн-младший']));
    expect(record.forms).not.toContain('Хинштейне');
    expect(draftOf(record)).toEqual(start);
    expect(parseTrackedName(JSON.parse(JSON.stringify(record)))).toEqual(record);
  });

  it('refuses damaged records with a reason and drops them from a stored list one by one', () => {
    const good = tracked('Роман Старовойт', ['Роман Старовойт', 'Старовойта'], 'tracked-aaa-000004');
    expect(parseTrackedName({ ...good, id: 'kherson' })).toMatch(/"id" must be "tracked-"/u);
    expect(parseTrackedName({ ...good, extra: 1 })).toMatch(/unknown field "extra"/u);
    expect(parseTrackedName({ ...good, forms: [] })).toMatch(/no forms/u);
    expect(parseTrackedName({ ...good, forms: ['Старо\u0000войт'] })).toMatch(/short strings/u);
    expect(parseTrackedName({ ...good, kind: 'ship' })).toMatch(/"kind"/u);
    expect(parseTrackedName({ ...good, langs: ['fr'] })).toMatch(/"langs"/u);
    expect(parseTrackedName({ ...good, created: 'yesterday' })).toMatch(/ISO instant/u);
    expect(parseTrackedName({ ...good, forms: ['{Херсон}'] })).toMatch(/not a name/u);
    expect(parseTrackedNames([good, { ...good }, 'nonsense', { ...good, id: 'tracked-bbb-000005', kind: 'ship' }])).toEqual([good]);
    expect(parseTrackedNames('nonsense')).toEqual([]);
  });
});

describe('as entities the spotter marks', () => {
  const khinshtein = tracked('Александр Хинштейн', ['Александр Хинштейн', 'Хинштейн', 'Хинштейна', 'Хинштейну', 'Хинштейном'], 'tracked-aaa-000006');
  const ovA = tracked('ОВА', ['ОВА'], 'tracked-aaa-000007');
  const lower = tracked('рашизм', ['рашизм', 'рашизма'], 'tracked-aaa-000008');

  it('marks every reviewed form, with the case rule its spelling implies', () => {
    const spotter = compileSpotter(trackedGazetteer([khinshtein, ovA, lower]));
    const text = 'Губернатор Хинштейн заявил; указ о назначении Хинштейна подписан. ОВА и Ова, но не ова. Рашизма и рашизм. хинштейн.';
    expect(spotter.spot(text).map((mention) => mention.text)).toEqual(['Хинштейн', 'Хинштейна', 'ОВА', 'Ова', 'Рашизма', 'рашизм']);
  });

  it('shows the reader’s note as the description, or says how to add one', () => {
    expect(trackedEntity({ ...khinshtein, note: 'Governor of the Kursk region.' }).description).toBe('Governor of the Kursk region.');
    expect(trackedEntity(khinshtein).description).toBe(TRACKED_DESCRIPTION);
  });

  it('gives tagging keys that change with the forms, not the note', () => {
    expect(taggingKeys([{ ...khinshtein, note: 'x' }])).toEqual(taggingKeys([khinshtein]));
    expect(taggingKeys([{ ...khinshtein, forms: ['Хинштейн'] }])).not.toEqual(taggingKeys([khinshtein]));
  });
});

describe('tags', () => {
  const mention = (start: number, end: number, id: string): Mention => ({ start, end, text: 'x'.repeat(end - start), entity: { id, name: id, kind: 'place' }, confidence: 1 });

  it('merges two spotters’ mentions as one spotter would: leftmost, then longest, bundled on a tie', () => {
    const bundled = [mention(0, 7, 'kherson'), mention(20, 30, 'kyiv'), mention(40, 45, 'putin')];
    const trackedMentions = [mention(0, 20, 'tracked-a'), mention(22, 28, 'tracked-b'), mention(40, 45, 'tracked-c'), mention(50, 55, 'tracked-d')];
    expect(mergeMentions(bundled, trackedMentions).map((item) => item.entity.id)).toEqual(['tracked-a', 'kyiv', 'putin', 'tracked-d']);
    expect(mergeMentions([], trackedMentions)).toHaveLength(4);
  });

  it('recomputes an excerpt’s tracked tags and leaves its bundled tags alone', () => {
    const text = 'Хинштейн посетил Курск; Курском займётся Хинштейн.';
    const excerpt: ExcerptRecord = {
      id: 'page-x#0', sourceId: 'page-x', position: 0, text, date: '2025-01-01',
      entityIds: ['kursk', 'tracked-old-000001'], mentions: [[0, 8, 'tracked-old-000001'], [17, 22, 'kursk'], [24, 30, 'kursk']],
    };
    const spotter = compileSpotter(trackedGazetteer([tracked('Александр Хинштейн', ['Хинштейн'], 'tracked-aaa-000006')]));
    const next = retagExcerpt(excerpt, spotter);
    expect(next?.entityIds).toEqual(['kursk', 'tracked-aaa-000006']);
    expect(next?.mentions).toEqual([[0, 8, 'tracked-aaa-000006'], [17, 22, 'kursk'], [24, 30, 'kursk'], [41, 49, 'tracked-aaa-000006']]);
    expect(retagExcerpt(next as ExcerptRecord, spotter)).toBeUndefined();
    // No tracked names at all: every tracked tag goes.
    expect(retagExcerpt(excerpt, undefined)).toMatchObject({ entityIds: ['kursk'], mentions: [[17, 22, 'kursk'], [24, 30, 'kursk']] });
  });
});
