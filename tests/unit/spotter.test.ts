// The spotter's matching rules, one describe per rule, on the small test gazetteer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Gazetteer, expandForms, validateGazetteer } from '../../core/gazetteer';
import { compileSpotter, isContextMatch } from '../../core/spotter';
import { TEST_GAZETTEER } from './spotter-fixture';

const spotter = compileSpotter(TEST_GAZETTEER);

/** [text, entity id] of every mention. */
function spot(text: string, lang?: string): [string, string][] {
  return spotter.spot(text, lang ? { lang } : {}).map((mention) => [mention.text, mention.entity.id]);
}

describe('offsets', () => {
  it('reports UTF-16 offsets into the input, end exclusive, with text = slice', () => {
    const text = '🇺🇦 Putin’s envoy met Podolyak in Херсоне.';
    const mentions = spotter.spot(text);
    expect(mentions.map((m) => m.entity.id)).toEqual(['putin', 'podolyak', 'kherson']);
    for (const mention of mentions) expect(text.slice(mention.start, mention.end)).toBe(mention.text);
    expect(mentions[0]?.start).toBe(text.indexOf('Putin'));
  });
});

describe('boundaries', () => {
  it.each([
    ['cloud computing and Rasputin', []],
    ['Campeonato Brasileiro, asesinato', []],
    ['function createCookieValue(kieV) {}', []],
    ['Kyivstar restored its network', []],
    ['руины Херсонеса и курс рубля', []],
    ['Курсив и Курсанты', []],
    ['Kursker Straße', []],
    ['KyivPost, Putinism', []],
  ])('does not match a name inside another word: %s', (text, expected) => {
    expect(spot(text)).toEqual(expected);
  });

  it('matches next to punctuation, hyphens and digits-free neighbours', () => {
    expect(spot('(Kyiv) "Putin" anti-NATO Kyiv-based «Киева» Kyiv.')).toEqual([
      ['Kyiv', 'kyiv'], ['Putin', 'putin'], ['NATO', 'nato'], ['Kyiv', 'kyiv'], ['Киева', 'kyiv'], ['Kyiv', 'kyiv'],
    ]);
  });

  it('judges boundaries on the whole text when scanning a region', () => {
    const text = 'Rasputin and Kyivstar';
    expect(spotter.findMatches(text, 3, 8)).toEqual([]);
    expect(spotter.findMatches(text, 13, 17)).toEqual([]);
    const ok = 'in Kyiv today';
    expect(spotter.findMatches(ok, 3, 7).map((m) => ok.slice(m.start, m.end))).toEqual(['Kyiv']);
  });

  it('treats an apostrophe between Cyrillic letters as part of the word', () => {
    expect(spot("бої за Мар'їнку, біля Мар’їнки")).toEqual([["Мар'їнку", 'marinka'], ['Мар’їнки', 'marinka']]);
  });
});

describe('normalisation', () => {
  it('skips soft hyphens and zero-width characters inside names', () => {
    const text = 'Russian President Vladi\u00admir Putin and Pu\u200btin and Zelen\u200dsky and Ky\u2060iv';
    const mentions = spotter.spot(text);
    expect(mentions.map((m) => [m.text, m.entity.id])).toEqual([
      ['Vladi\u00admir Putin', 'putin'], ['Pu\u200btin', 'putin'], ['Zelen\u200dsky', 'zelensky'], ['Ky\u2060iv', 'kyiv'],
    ]);
  });

  it('reads curly and straight apostrophes and possessives', () => {
    expect(spot("Putin’s war, Kyiv's air defence, Zelenskyʼs office, Putins Krieg")).toEqual([
      ['Putin', 'putin'], ['Kyiv', 'kyiv'], ['Zelensky', 'zelensky'], ['Putins', 'putin'],
    ]);
  });

  it('ignores Latin diacritics, precomposed or combining', () => {
    expect(spot('Erdoğan, Erdogan, ERDOĞAN, Erdog\u0306an')).toEqual([
      ['Erdoğan', 'erdogan'], ['Erdogan', 'erdogan'], ['ERDOĞAN', 'erdogan'], ['Erdog\u0306an', 'erdogan'],
    ]);
  });

  it('reads the Turkish dotted and dotless i as i', () => {
    const real = compileSpotter(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'data', 'entities.json'), 'utf8')));
    expect(real.spot('Talks in İstanbul, then ISTANBUL; Erdoğan in İSTANBUL').map((mention) => [mention.text, mention.entity.id])).toEqual([
      ['İstanbul', 'istanbul'], ['ISTANBUL', 'istanbul'], ['Erdoğan', 'erdogan'], ['İSTANBUL', 'istanbul'],
    ]);
  });

  it('composes Cyrillic letters written with combining marks and reads ё as е', () => {
    expect(spot('Зеленськии\u0306 і Мединскии\u0306, Фёдорова и Федоровым')).toEqual([
      ['Зеленськии\u0306', 'zelensky'], ['Мединскии\u0306', 'medinsky'], ['Фёдорова', 'fedorov'], ['Федоровым', 'fedorov'],
    ]);
    expect(spot('Зеленскии')).toEqual([]);
  });

  it('accepts line breaks, several spaces and no-break spaces inside multi-word names', () => {
    expect(spot('General Sergei\nSurovikin, Sergei   Surovikin, Sergei\u00a0Surovikin')).toEqual([
      ['Sergei\nSurovikin', 'surovikin'], ['Sergei   Surovikin', 'surovikin'], ['Sergei\u00a0Surovikin', 'surovikin'],
    ]);
  });
});

describe('case rules', () => {
  it('acronyms match in upper case or capitalised, not in lower or mixed case', () => {
    expect(spot('NATO, Nato, nato, nAto, NATO’s, НАТО, Нато, нато')).toEqual([
      ['NATO', 'nato'], ['Nato', 'nato'], ['NATO', 'nato'], ['НАТО', 'nato'], ['Нато', 'nato'],
    ]);
  });

  it('exact forms match only as written', () => {
    expect(spot('ISW says; Isw; isw; the Institute for the Study of War')).toEqual([
      ['ISW', 'isw'], ['Institute for the Study of War', 'isw'],
    ]);
  });

  it('names need their capital: not kyiv or путин in lower case', () => {
    expect(spot('kyiv, путин, KYIV, ПУТИН')).toEqual([['KYIV', 'kyiv'], ['ПУТИН', 'putin']]);
  });

  it('a name starting with a particle needs the capital of the name itself', () => {
    expect(spot('von der Leyen said; Von der Leyen said; von der leyen')).toEqual([
      ['von der Leyen', 'von-der-leyen'], ['Von der Leyen', 'von-der-leyen'],
    ]);
  });
});

describe('longest match', () => {
  it('keeps the longest form and resumes after it', () => {
    expect(spot('General Sergei Surovikin, later Surovikin alone')).toEqual([
      ['Sergei Surovikin', 'surovikin'], ['Surovikin', 'surovikin'],
    ]);
    expect(spot('in the Kherson Oblast and the Kherson oblast, Kherson region')).toEqual([
      ['Kherson Oblast', 'kherson'], ['Kherson oblast', 'kherson'], ['Kherson', 'kherson'],
    ]);
  });

  it('falls back to a shorter form when the longer one does not end on a boundary', () => {
    expect(spot('Vladimir Putinism and Vladimir Putin')).toEqual([['Vladimir Putin', 'putin']]);
  });

  it('inflects every token of a multi-word form', () => {
    expect(spot('встреча Владимира Путина и Владимиром Путиным')).toEqual([
      ['Владимира Путина', 'putin'], ['Владимиром Путиным', 'putin'],
    ]);
  });
});

describe('Slavic inflection by stem and endings', () => {
  it.each([
    ['Херсона', 'kherson'], ['Херсоне', 'kherson'], ['Херсоном', 'kherson'], ['Херсоні', 'kherson'], ['Херсонові', 'kherson'],
    ['Курской', 'kursk'], ['Курскую', 'kursk'], ['Курская', 'kursk'], ['Курська', 'kursk'],
    ['Зеленского', 'zelensky'], ['Зеленський', 'zelensky'], ['Зеленському', 'zelensky'],
    ['Подоляка', 'podolyak'], ['Подоляком', 'podolyak'], ['Мединский', 'medinsky'], ['Мединского', 'medinsky'],
    ['Киеве', 'kyiv'], ['Києві', 'kyiv'], ['Путину', 'putin'], ['Путіним', 'putin'],
  ])('matches %s', (word, id) => {
    expect(spot(`${word}, сказал он о войне`)).toEqual([[word, id]]);
  });

  it.each(['Херсонес', 'Херсонеса', 'Херсонщина', 'Курсе', 'Курского', 'Подолякин', 'Мединск', 'Путинизм', 'Киевстар', 'Зеленск'])(
    'does not match %s', (word) => {
      expect(spot(`${word}, сказал он`)).toEqual([]);
    },
  );
});

describe('context and ambiguity', () => {
  it('Kursk: the region on a war page, the submarine when the text says so', () => {
    expect(spot('Ukrainian troops crossed into the Kursk region; shelling hit Kursk overnight.')).toEqual([
      ['Kursk', 'kursk'], ['Kursk', 'kursk'],
    ]);
    expect(spot('The Kursk submarine sank in the Barents Sea in 2000 with all 118 crew.')).toEqual([['Kursk', 'kursk-submarine']]);
    expect(spot('Гибель подводной лодки «Курск» в 2000 году')).toEqual([['Курск', 'kursk-submarine']]);
  });

  it('Chicken Kiev is a dish', () => {
    expect(spot('For dinner we had chicken Kiev and a salad.')).toEqual([]);
    expect(spot('Chicken Kiev, then a walk. Kiev was cold.')).toEqual([['Kiev', 'kyiv']]);
  });

  it('Dnipro: the city, or the river after "the" and near river words', () => {
    expect(spot('A missile hit an apartment block in Dnipro, killing 40 people.')).toEqual([['Dnipro', 'dnipro']]);
    expect(spot('Ukrainian marines crossed the Dnipro near Krynky under shelling.')).toEqual([['Dnipro', 'dnipro-river']]);
    expect(spot('Troops dug in on the left bank of the Dnipro River.')).toEqual([['Dnipro River', 'dnipro-river']]);
  });

  it('"Moscow" in quotes is the cruiser; the city otherwise', () => {
    expect(spot('Russia lost the “Moscow”, the pride of its Black Sea fleet, to two Neptune missiles.')).toEqual([
      ['Moscow', 'moskva-cruiser'],
    ]);
    expect(spot('Moscow denied that Ukrainian missiles had hit the cruiser Moskva.')).toEqual([
      ['Moscow', 'moscow'], ['Moskva', 'moskva-cruiser'],
    ]);
    expect(spot('Крейсер «Москва» затонул. В Москве это отрицали.')).toEqual([
      ['Москва', 'moskva-cruiser'], ['Москве', 'moscow'],
    ]);
  });

  it('a shared surname needs a war page or its own cues', () => {
    expect(spot('Medvedev beat Sinner in four sets to reach the Wimbledon semi-final.')).toEqual([]);
    expect(spot('Medvedev was broken twice in the second set.')).toEqual([]);
    expect(spot('Medvedev threatened Ukraine with nuclear war after the Kyiv summit.')).toEqual([
      ['Medvedev', 'dmitry-medvedev'], ['Kyiv', 'kyiv'],
    ]);
    expect(spot('Dmitry Medvedev spoke first. Later, Medvedev added more.')).toEqual([
      ['Dmitry Medvedev', 'dmitry-medvedev'], ['Medvedev', 'dmitry-medvedev'],
    ]);
  });

  it('exposes a confidence per mention: 1 for names, less for a shared form', () => {
    const [surname] = spotter.spot('Medvedev threatened Ukraine again as the war went on.');
    expect(surname?.confidence).toBeGreaterThanOrEqual(0.5);
    expect(surname?.confidence).toBeLessThan(1);
    expect(spotter.spot('Putin spoke.')[0]?.confidence).toBe(1);
  });

  it('the whole page decides when the text is scanned piece by piece', () => {
    const pieces = ['Medvedev said something.', 'Russian troops shelled Kharkiv; the war goes on.', 'Zelensky replied from Kyiv.'];
    const found = pieces.map((text) => ({ text, matches: spotter.findMatches(text) }));
    expect(found[1]?.matches.some(isContextMatch)).toBe(true);
    const page = spotter.pageContext(found);
    expect(page.warScore).toBe(1);
    expect(page.confirmed).toEqual(['kyiv', 'zelensky']);
    expect(spotter.resolve(pieces[0] as string, found[0]?.matches ?? [], page).map((m) => m.entity.id)).toEqual(['dmitry-medvedev']);
    // Alone, the first piece is not enough.
    expect(spot(pieces[0] as string)).toEqual([]);
  });

  it('uses the language hint for ambiguous forms but does not need it', () => {
    const text = 'Medwedew sagte etwas über den Krieg.';
    expect(spot(text)).toEqual([]);
    const withLang = spotter.spot(text, { lang: 'de-DE' });
    const without = spotter.spot(text, { minConfidence: 0 });
    expect(withLang.map((m) => m.entity.id)).toEqual(['dmitry-medvedev']);
    expect(withLang[0]!.confidence).toBeGreaterThan(without[0]!.confidence);
    expect(spotter.spot(text, { lang: 'en', minConfidence: 0 })[0]!.confidence).toBeLessThan(without[0]!.confidence);
    // Unambiguous names do not depend on the hint.
    expect(spot('Kiew und Cherson', 'en')).toEqual([['Kiew', 'kyiv'], ['Cherson', 'kherson']]);
  });

  it('context words are never mentions', () => {
    const text = 'The war and the invasion: troops, missiles, Krieg, війна, обстрелы.';
    expect(spot(text)).toEqual([]);
    expect(spotter.findMatches(text).every(isContextMatch)).toBe(true);
    expect(spotter.pageContext([{ matches: spotter.findMatches(text) }]).warScore).toBe(1);
  });
});

describe('compiling', () => {
  it('expands stems with paradigms and literal endings', () => {
    expect(expandForms('Херсон{ru-m|uk-m}', TEST_GAZETTEER.paradigms)).toEqual([
      'Херсон', 'Херсона', 'Херсону', 'Херсоном', 'Херсоне', 'Херсоні', 'Херсонові',
    ]);
    expect(expandForms('Києв{а|у}', {})).toEqual(['Києва', 'Києву']);
  });

  it('rejects bad data with a message naming the entity', () => {
    const bad = (aliases: Gazetteer['entities'][number]['aliases']): Gazetteer => ({
      version: 1, paradigms: {}, entities: [{ id: 'x', name: 'X', kind: 'place', description: '', aliases }],
    });
    expect(() => compileSpotter(bad(['Херсон{ru-nope}'])).compileAll()).toThrow(/"x".*ru-nope/u);
    expect(() => validateGazetteer(bad(['Херсон{ru-nope}']))).toThrow(/"x".*ru-nope/u);
    expect(() => compileSpotter(bad(['-Kyiv']))).toThrow(/"x".*must start with a letter/u);
    expect(() => compileSpotter(bad(['Kyiv-'])).compileAll()).toThrow(/"x".*must end with a letter/u);
    expect(() => compileSpotter(bad(['Ky{a}iv'])).compileAll()).toThrow(/"x".*Malformed/u);
    expect(() => validateGazetteer({ version: 1, paradigms: {}, entities: [{ id: 'x', name: 'X', kind: 'city', description: '', aliases: ['X'] }] }))
      .toThrow(/"x".*kind/u);
    expect(() => validateGazetteer({ version: 1, paradigms: {}, entities: [
      { id: 'x', name: 'X', kind: 'place', description: '', aliases: ['X'] },
      { id: 'x', name: 'Y', kind: 'place', description: '', aliases: ['Y'] },
    ] })).toThrow(/duplicate/u);
    const badCue = { ...bad(['X']), entities: [{ ...bad(['X']).entities[0]!, cues: { support: ['two words'] } }] };
    expect(() => validateGazetteer(badCue)).toThrow(/"x".*one word/u);
    const hyphenCue = { ...bad(['X']), entities: [{ ...bad(['X']).entities[0]!, cues: { against: ['son-in-law'] } }] };
    expect(() => validateGazetteer(hyphenCue)).toThrow(/"x".*one word/u);
    // Cues are compiled when first needed; a bad one still fails loudly, naming the entity.
    expect(() => compileSpotter(badCue).spot('X')).toThrow(/"x".*one word/u);
  });

  it('finds entities by id', () => {
    expect(spotter.entityById('kyiv')?.name).toBe('Kyiv');
    expect(spotter.entityById('nope')).toBeUndefined();
  });
});

describe('identifiers and handles', () => {
  it('does not find names inside snake_case or camelCase identifiers', () => {
    expect(spot('UN_willing, get_kiev_url, Kyiv_2023, createCookieValue, NATOSummit')).toEqual([]);
    expect(spot('@Kyiv and #NATO')).toEqual([['Kyiv', 'kyiv'], ['NATO', 'nato']]);
  });
});

describe('compiling lazily', () => {
  it('builds a letter only when a word starting with it is scanned, and the results do not depend on it', () => {
    const lazy = compileSpotter(TEST_GAZETTEER);
    const eager = compileSpotter(TEST_GAZETTEER).compileAll();
    const text = 'Putin met Zelensky in Херсоне; Nato, ISW and the “Moscow”.';
    expect(lazy.spot(text)).toEqual(eager.spot(text));
    expect(lazy.formCount).toBe(eager.formCount);
    expect(lazy.nodeCount).toBe(eager.nodeCount);
  });

  it('counts the forms the aliases stand for', () => {
    // Херсон{ru-m|uk-m} alone stands for 7 forms.
    const single = compileSpotter({ version: 1, paradigms: TEST_GAZETTEER.paradigms, entities: [
      { id: 'k', name: 'K', kind: 'place', description: '', aliases: ['Херсон{ru-m|uk-m}'] },
    ] });
    expect(single.formCount).toBe(7);
  });
});

describe('scanning in regions', () => {
  it('finds the same matches in the pieces of a text as in the whole text', async () => {
    const { loadPassages } = await import('../spotter-eval/evaluate');
    const { readFileSync } = await import('node:fs');
    const { dirname, join } = await import('node:path');
    const { fileURLToPath } = await import('node:url');
    const path = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'entities.json');
    const real = compileSpotter(validateGazetteer(JSON.parse(readFileSync(path, 'utf8'))));
    for (const passage of loadPassages()) {
      const whole = real.findMatches(passage.text);
      // Cut at every third space. Matches that no cut crosses are found alike; a cut through a
      // longer form ("Vladimir | Putin") may leave a shorter one inside its span.
      const cuts = [0];
      let spaces = 0;
      for (let k = 0; k < passage.text.length; k++) if (passage.text[k] === ' ' && ++spaces % 3 === 0) cuts.push(k);
      cuts.push(passage.text.length);
      const pieces = cuts.slice(1).flatMap((end, index) => real.findMatches(passage.text, cuts[index], end));
      const crossing = whole.filter((m) => cuts.some((cut) => m.start < cut && cut < m.end));
      const inCrossing = (m: { start: number; end: number }) => crossing.some((c) => c.start <= m.start && m.end <= c.end);
      expect(pieces.filter((m) => !inCrossing(m)), passage.id).toEqual(whole.filter((m) => !crossing.includes(m)));
    }
  });
});
