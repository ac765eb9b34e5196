// The page step (core/page-sense.ts): one small hand-made case per rule, on a small gazetteer that
// stays put while data/entities.json is edited. The topic words are the real ones (core/page-topics.ts).
import { describe, expect, it } from 'vitest';
import { type Gazetteer, validateGazetteer } from '../../core/gazetteer';
import { decidePage, judgePiece, spotPage } from '../../core/page-sense';
import { PAGE_TOPICS, TOPIC_WORDS, countTopics } from '../../core/page-topics';
import { compileSpotter } from '../../core/spotter';
import { cueWindow, candidateScore, compileCues } from '../../core/spotter-context';

const gazetteer: Gazetteer = validateGazetteer({
  version: 1,
  paradigms: { 'ru-m': ['', 'а', 'у', 'ом', 'е'] },
  entities: [
    { id: 'kyiv', name: 'Kyiv', kind: 'place', description: 'Capital.',
      aliases: ['Kyiv', { form: 'Kiev', confidence: 0.85 }], cues: { support: ['<in'], against: ['<chicken', '#food'] } },
    { id: 'donetsk', name: 'Donetsk', kind: 'place', description: 'City.', aliases: ['Donetsk', 'Донецк{ru-m}'] },
    { id: 'kharkiv', name: 'Kharkiv', kind: 'place', description: 'City.', aliases: ['Kharkiv'] },
    { id: 'kursk', name: 'Kursk', kind: 'place', description: 'City and region.',
      aliases: ['Kursk', 'Kursk region'], cues: { support: ['city', 'region'], against: ['submarine*', '@quoted', '#submarine'] } },
    { id: 'kursk-submarine', name: 'Kursk (submarine)', kind: 'other', description: 'Sank in 2000.',
      aliases: [{ form: 'Kursk', confidence: 0.5 }], cues: { support: ['@quoted', 'submarine*', '#submarine'] } },
    { id: 'odesa', name: 'Odesa', kind: 'place', description: 'Port.',
      aliases: ['Odesa', { form: 'Odessa', confidence: 0.7 }], cues: { against: ['Texas', '#us-local'] } },
    { id: 'dmitry-medvedev', name: 'Dmitry Medvedev', kind: 'person', description: 'Former president.',
      aliases: ['Dmitry Medvedev', { form: 'Medvedev', confidence: 0.7 }], cues: { against: ['Daniil', '#sport'] } },
    { id: 'vitali-klitschko', name: 'Vitali Klitschko', kind: 'person', description: 'Mayor of Kyiv.',
      aliases: ['Vitali Klitschko', { form: 'Klitschko', confidence: 0.8 }], cues: { against: ['<Wladimir'] } },
    { id: 'lavrov', name: 'Sergei Lavrov', kind: 'person', description: 'Foreign minister.',
      aliases: ['Sergei Lavrov', { form: 'Lavrov', confidence: 0.85 }], cues: { against: ['<Kirill'] } },
    { id: 'putin', name: 'Vladimir Putin', kind: 'person', description: 'President.',
      aliases: ['Putin', 'Путин', { form: 'Путин{а|у}', confidence: 0.85 }], cues: { against: ['#fishing'] } },
    { id: 'nato', name: 'NATO', kind: 'organisation', description: 'Alliance.', scope: 'general', aliases: [{ form: 'NATO', case: 'acronym' }] },
    { id: 'moscow', name: 'Moscow', kind: 'place', description: 'Capital.', aliases: ['Moscow'], cues: { against: ['@quoted', 'cruiser'] } },
    { id: 'moskva-cruiser', name: 'Moskva (cruiser)', kind: 'other', description: 'Flagship.',
      aliases: [{ form: 'Moscow', confidence: 0.5 }], cues: { support: ['@quoted', 'cruiser', 'fleet'] } },
    { id: 'minsk', name: 'Minsk', kind: 'place', description: 'Capital of Belarus.', aliases: ['Minsk', 'Минск{ru-m}'] },
    { id: 'mariupol', name: 'Mariupol', kind: 'place', description: 'Port.', aliases: ['Mariupol', 'Маріупол{ь|я|ем}', 'Мариупол{ь|я|ем}'] },
    { id: 'azov-brigade', name: 'Azov Brigade', kind: 'organisation', description: 'Unit.',
      aliases: [{ form: 'Azov', confidence: 0.7 }, { form: 'Азов{|а|у|і|е}', confidence: 0.7 }],
      cues: { support: ['brigade', 'бригад*', 'бійц*', 'бойц*', '@quoted'], against: ['<в', '<у', 'мор*', 'порт', 'порта', 'Ростов*', '#town'] } },
    { id: 'sea-of-azov', name: 'Sea of Azov', kind: 'place', description: 'Sea.',
      aliases: ['Азовськ{е|ого} мор{е|я}', { form: 'Азов{і|е}', confidence: 0.4 }], cues: { support: ['<на'] } },
    { id: 'kursk-ru', name: 'Kursk (Russian forms)', kind: 'place', description: 'City and region.',
      aliases: ['Курск{ru-m}', 'Курской области', 'Курщин{а|ы|е|у}'],
      cues: { support: ['<в', 'город*'], against: ['подводн*', 'лодк*', '@quoted', '#submarine'] } },
    { id: 'kursk-ru-submarine', name: 'Kursk (submarine, Russian forms)', kind: 'other', description: 'Sank in 2000.',
      aliases: [{ form: 'Курск{ru-m}', confidence: 0.5 }], cues: { support: ['@quoted', 'подводн*', 'лодк*', '#submarine'] } },
  ],
});
const spotter = compileSpotter(gazetteer).compileAll();

/** What the page step decided for every match of a one-piece page: [text, entity or '-', rule]. */
function decisions(text: string, lang?: string): [string, string, string][] {
  const matches = spotter.findMatches(text);
  const page = spotter.pageContext([{ text, matches }], { lang: lang ?? null });
  const decision = decidePage(spotter, [judgePiece(spotter, text, matches, page)], page);
  return (decision.decisions[0] ?? []).map((d) => [text.slice(d.start, d.end), d.entity ?? '-', d.rule]);
}

const marked = (text: string, lang?: string) => spotPage(spotter, text, lang).map((mention) => `${mention.text}=${mention.entity.id}`);

describe('rule 1: names of teams and stadiums', () => {
  it('leaves a place inside a team or arena name unmarked, and marks the place itself', () => {
    expect(decisions('Shakhtar Donetsk lost at the Donbass Arena to Dynamo Kyiv. The return leg is in Kyiv.')).toEqual([
      ['Donetsk', '-', 'team-name'],
      ['Kyiv', '-', 'team-name'],
      ['Kyiv', 'kyiv', 'local-cue'],
    ]);
  });

  it('reads «Club» (City) as a team, and on a sport page a quoted place too', () => {
    expect(marked('«Шахтёр» (Донецк) выиграл Кубок УЕФА.')).toEqual([]);
    const sport = 'The final of the cup was played at the stadium in front of 50,000 fans. “Kharkiv” won the tournament, the league and the cup.';
    expect(decisions(sport)).toEqual([['Kharkiv', '-', 'team-name']]);
    // Not on a page about something else: quoted names are names.
    expect(marked('Officials said “Kharkiv” would need new shelters before winter.')).toEqual(['Kharkiv=kharkiv']);
  });

  it('does not count team names as the war evidence that general names need', () => {
    expect(marked('Shakhtar Donetsk and Dynamo Kyiv met in Istanbul. NATO officials watched the match.')).toEqual([]);
  });
});

describe('rule 1: names of ships', () => {
  it('reads a quoted name after a ship word as the ship, across a hull number, the fleet or a list', () => {
    expect(decisions('Подводная лодка К-141 «Курск» затонула в 2000 году.')).toEqual([['Курск', 'kursk-ru-submarine', 'local-cue']]);
    expect(decisions('Под удар попал большой десантный корабль Черноморского флота «Азов».')).toEqual([['Азов', '-', 'ship-name']]);
    expect(decisions('Уражено кораблі «Ямал» і «Азов» у Севастополі.')).toEqual([['Азов', '-', 'ship-name']]);
    expect(decisions('Ukraine hit the landing ship Minsk and two other ships, the Yamal and the Azov.')).toEqual([
      ['Minsk', '-', 'ship-name'],
      ['Azov', '-', 'ship-name'],
    ]);
    // A name after a ship word without quotation marks, in Cyrillic, is not a ship's name.
    expect(decisions('Корабли покинули Минск? Нет: делегация вернулась в Минск.').map(([, entity]) => entity)).toEqual(['minsk', 'minsk']);
  });

  it('reads the same name in quotes elsewhere on the page as the ship, unless a second cue beside it says otherwise', () => {
    expect(decisions('БДК «Азов» стоял в Южной бухте. После удара «Азов» отбуксировали. Бригада «Азов» к кораблю отношения не имеет.')).toEqual([
      ['Азов', '-', 'ship-name'],
      ['Азов', '-', 'ship-name'],
      ['Азов', 'azov-brigade', 'local-cue'],
    ]);
  });
});

describe('rule 2: strong local evidence', () => {
  it('decides with the cue right beside the mention, whatever the rest of the page says', () => {
    expect(decisions('Daniil Medvedev won in Rome.')).toEqual([['Medvedev', '-', 'local-cue']]);
    // "city" is two words away, "submarine" four: the near cue decides.
    expect(decisions('Services are held in the city of Kursk, after which the submarine was named.')).toEqual([['Kursk', 'kursk', 'local-cue']]);
    // A strong cue for the weaker sense beats a sense with none.
    expect(decisions('The “Kursk” sank in 2000.')).toEqual([['Kursk', 'kursk-submarine', 'local-cue']]);
  });

  it('lets the quotation marks of a unit\'s name outweigh the preposition before it', () => {
    expect(decisions('Він служив у «Азові», а потім воював під Маріуполем.')[0]).toEqual(['Азові', 'azov-brigade', 'local-cue']);
    expect(decisions('Він живе в Азові, біля Ростова.')[0]).toEqual(['Азові', '-', 'local-cue']);
    expect(decisions('Відпочинок на Азові знову під питанням.')[0]).toEqual(['Азові', 'sea-of-azov', 'local-cue']);
  });

  it('keeps a sense with strong cues both ways when the cue against is a word, not a position', () => {
    // "городе" right before supports the city and "лодки" three words off speaks against it: both count.
    expect(decisions('Памятник экипажу лодки в городе Курске открыли в 2002 году.')[0]).toEqual(['Курске', 'kursk-ru', 'local-cue']);
  });

  it('lets a positional cue for a sense outweigh words against it nearby, not the other way round', () => {
    // The quotes make «Азова» the unit although "порт" is two words off; "порта" beside a bare Азова makes it the town.
    expect(decisions('Бойцы обороняли порт «Азова» до мая.')[0]).toEqual(['Азова', 'azov-brigade', 'local-cue']);
    expect(decisions('Зерно везут из порта Азова в Турцию.')[0]).toEqual(['Азова', '-', 'local-cue']);
  });

  it('measures the distance of a cue in words and keeps the cue window inside the sentence', () => {
    const text = 'He lost at Wimbledon after the invasion of Ukraine. Medvedev, who played without a flag, lost.';
    const start = text.indexOf('Medvedev');
    expect(cueWindow(text, start, start + 'Medvedev'.length).before).toEqual([]);
    const cues = compileCues({ support: ['city'], against: ['submarine*'] });
    const near = 'the city of Kursk, after which the submarine was named';
    const at = near.indexOf('Kursk');
    const score = candidateScore(1, cues, cueWindow(near, at, at + 5), { warScore: 0.5 });
    expect(score).toMatchObject({ strongSupport: true, strongAgainst: false, against: true, strongLocal: 1.3 });
    expect(score.local).toBeCloseTo(0.7, 6);
  });
});

describe('rule 3 and 4: decided by the form, and named on the page', () => {
  it('lets a full name decide the bare surname elsewhere on the page', () => {
    expect(decisions('Dmitry Medvedev spoke on Telegram. Later Medvedev wrote again.')).toEqual([
      ['Dmitry Medvedev', 'dmitry-medvedev', 'form'],
      ['Medvedev', 'dmitry-medvedev', 'named-on-page'],
    ]);
  });

  it('lets a form that names one entity decide it, whatever a word further off says', () => {
    expect(decisions('Призывники из Курской области служили в Видяеве, на атомной подводной лодке.')).toEqual([['Курской области', 'kursk-ru', 'form']]);
  });

  it('decides across the pieces of a page, as the content script reads it', () => {
    const pieces = ['Dmitry Medvedev spoke on Telegram.', 'Medvedev wrote again.'];
    const found = pieces.map((text) => ({ text, matches: spotter.findMatches(text) }));
    const page = spotter.pageContext(found);
    const decision = decidePage(spotter, found.map((piece) => judgePiece(spotter, piece.text, piece.matches, page)), page);
    expect(decision.mentions.map((mentions) => mentions.map((mention) => mention.entity.id))).toEqual([['dmitry-medvedev'], ['dmitry-medvedev']]);
  });
});

describe('rule 5: the page topic', () => {
  it('takes a sense away on a page about something else', () => {
    const tennis = 'Medvedev reached the semi-finals of the tournament in straight sets. The Wimbledon champion will play the finals.';
    expect(decisions(tennis)).toEqual([['Medvedev', '-', 'page-topic']]);
    const salmon = 'Путина на Камчатке началась рано: рыбаки ждут горбушу и нерку. Путину ждут все посёлки, улов обещают большой.';
    expect(marked(salmon, 'ru')).toEqual([]);
    const texas = 'The Odessa city council met on Tuesday. The county sheriff and the school district asked for more money. Odessa has grown fast since the oilfield boom.';
    expect(marked(texas, 'en')).toEqual([]);
  });

  it('gives the sense the topic supports', () => {
    const disaster = 'The crew of the Kursk died in the Barents Sea. Divers found no survivors aboard the wreck, and the sailors were buried in St Petersburg. The Kursk was raised in 2001.';
    expect(decisions(disaster)).toEqual([
      ['Kursk', 'kursk-submarine', 'page-topic'],
      ['Kursk', 'kursk-submarine', 'page-topic'],
    ]);
  });

  it('gives the sense the topic supports even when the page names the other sense', () => {
    const page = 'Каждый август родные моряков приезжают в Видяево: экипаж погиб в Баренцевом море, спасатели не успели. ' +
      'Среди погибших были уроженцы Курщины. Курск ушел на учения и не вернулся.';
    expect(decisions(page, 'ru')).toEqual([
      ['Курщины', 'kursk-ru', 'form'],
      ['Курск', 'kursk-ru-submarine', 'page-topic'],
    ]);
  });

  it('does not count the name the topic speaks for as evidence of the war against it', () => {
    // The submarine decided by its quotes and the region named in full are two names; three submarine
    // groups (crew, sailors, the disaster) are still more than the one name left.
    const page = 'Экипаж «Курска» помнят в Петербурге. Делегация Курской области возложила цветы морякам, погибшим в катастрофе. Курск ушел на учения 10 августа.';
    expect(decisions(page, 'ru').at(-1)).toEqual(['Курск', 'kursk-ru-submarine', 'page-topic']);
  });

  it('reads a town\'s own news as a topic: the town of Azov is not the brigade', () => {
    const town = 'Администрация Азова объявила о ремонте набережной. Азов получил деньги из бюджета Ростовской области, ' +
      'городская дума одобрила проект, автобусы пустят в объезд.';
    expect(decisions(town, 'ru').map(([, entity, rule]) => [entity, rule])).toEqual([['-', 'page-topic'], ['-', 'page-topic']]);
    const war = 'Бойцы «Азова» держали оборону Мариуполя. Азов вернулся на фронт, пишут бойцы бригады.';
    expect(decisions(war, 'ru').map(([, entity]) => entity)).toEqual(['azov-brigade', 'mariupol', 'azov-brigade']);
  });

  it('lets a town\'s own news decide senses but not hide general names, which the war\'s evidence decides', () => {
    const page = 'Tourists filled the festival in Kharkiv, founded in 1654, a population of over a million. ' +
      'NATO envoys visited the fortress museum; shelling of Donetsk went on.';
    const decision = (() => {
      const matches = spotter.findMatches(page);
      const context = spotter.pageContext([{ text: page, matches }]);
      return decidePage(spotter, [judgePiece(spotter, page, matches, context)], context, { town: 5 });
    })();
    expect(decision.topic).toBe('town');
    expect(decision.generalNames).toBe(true);
    expect(marked(page)).toContain('NATO=nato');
  });

  it('is no topic when the war says more', () => {
    const war = 'Russian troops shelled Kharkiv and Donetsk; the offensive and the occupation go on. Medvedev threatened the West again, the war goes on, sanctions bite. A tennis tournament was cancelled.';
    expect(decisions(war).find(([text]) => text === 'Medvedev')).toEqual(['Medvedev', 'dmitry-medvedev', 'confidence']);
  });
});

describe('rule 6: one sense per page', () => {
  it('takes the nearest decision before the mention when the page decided the name both ways', () => {
    expect(decisions('Wladimir Klitschko lost in 2015. Klitschko retired in 2017. His brother Vitali Klitschko is mayor of Kyiv.')).toEqual([
      ['Klitschko', '-', 'local-cue'],
      ['Klitschko', '-', 'one-sense'],
      ['Vitali Klitschko', 'vitali-klitschko', 'form'],
      ['Kyiv', 'kyiv', 'form'],
    ]);
  });

  it('lets a name decided in quotation marks decide only quoted names, and a decision for another entity say nothing', () => {
    expect(decisions('Russia lost the “Moscow”, the pride of its Black Sea fleet. Moscow will now seek talks with Kyiv.')).toEqual([
      ['Moscow', 'moskva-cruiser', 'local-cue'],
      ['Moscow', 'moscow', 'confidence'],
      ['Kyiv', 'kyiv', 'form'],
    ]);
    // «на Азові» is the sea; the bare Азов later is judged on its own (a war page: the brigade).
    const page = 'Бійці «Азову» стояли в Маріуполі. Курорти на Азові закриті. Азов тоді боронив Маріуполь.';
    expect(decisions(page, 'uk').filter(([text]) => text.startsWith('Азов')).map(([, entity]) => entity)).toEqual(['azov-brigade', 'sea-of-azov', 'azov-brigade']);
  });

  it('carries a dish or an actor to the bare name that follows', () => {
    expect(marked('Chicken Kiev is rolled around cold butter. The Kiev was a hit in the seventies.')).toEqual([]);
    expect(marked('Kirill Lavrov played Pontius Pilate. Lavrov died in 2007.')).toEqual([]);
  });
});

describe('rule 7: confidence', () => {
  it('keeps a look-alike only with some sign of the war on the page', () => {
    expect(decisions('Odessa has a famous opera house.')).toEqual([['Odessa', '-', 'confidence']]);
    expect(decisions('Odessa in Ukraine has a famous opera house.')).toEqual([['Odessa', 'odesa', 'confidence']]);
  });
});

describe('general names and given names', () => {
  it('marks general names on war pages only', () => {
    expect(marked('NATO met in Brussels to discuss Kharkiv and Donetsk.')).toEqual(['NATO=nato', 'Kharkiv=kharkiv', 'Donetsk=donetsk']);
    expect(marked('NATO met in Brussels to discuss the budget of Kharkiv.')).toEqual(['Kharkiv=kharkiv']);
  });

  it('takes in a given name spelled another way, not another person\'s', () => {
    expect(marked('Sergej Lavrov spoke in Moscow. Lavrov said the war would go on.')).toEqual(['Sergej Lavrov=lavrov', 'Moscow=moscow', 'Lavrov=lavrov']);
    expect(marked('Wladimir Klitschko and Vitali Klitschko boxed.')).toEqual(['Vitali Klitschko=vitali-klitschko']);
  });
});

describe('the page topic words (countTopics)', () => {
  it('are written as they are read: NFC, single spaces, no stem in a phrase, topics known', () => {
    for (const { topic, words } of TOPIC_WORDS) {
      expect(PAGE_TOPICS).toContain(topic);
      for (const word of words) {
        expect(word, word).toBe(word.normalize('NFC').trim().replace(/\s+/gu, ' '));
        if (word.includes(' ')) expect(word, word).not.toMatch(/\*/u);
      }
    }
  });

  it('counts distinct groups per topic: words, stems, phrases over white space, parts after a hyphen', () => {
    expect(countTopics(['He won in straight sets at Wimbledon; the semi-finals and the finals are next.'])).toEqual({ sport: 3 });
    // "straight" alone is no phrase; "sets" is not a word of its own.
    expect(countTopics(['A straight line. Three sets of rules.'])).toEqual({});
    expect(countTopics(['Das Atom-U-Boot sank in der Barentssee; die Matrosen warteten.'])).toEqual({ submarine: 3 });
    expect(countTopics(['Путина началась, рыбаки вышли на лов.'])).toEqual({ fishing: 3 });
    expect(countTopics(['The Odessa City\u00a0Council met with the county sheriff.', 'A second text: Texas.'])).toEqual({ 'us-local': 3 });
    // A two-letter word before a space or punctuation.
    expect(countTopics(['Odessa TX is in Ector county.'])).toEqual({ 'us-local': 3 });
    expect(countTopics(['Городская дума Азова одобрила ремонт набережной; туристы едут в музей.'])).toEqual({ town: 4 });
  });

  it('is read only when a decision needs it', () => {
    let asked = 0;
    const text = 'Russian troops shelled Kharkiv overnight.';
    const matches = spotter.findMatches(text);
    const page = spotter.pageContext([{ text, matches }]);
    decidePage(spotter, [judgePiece(spotter, text, matches, page)], page, () => {
      asked++;
      return {};
    });
    expect(asked).toBe(0);
    const tennis = 'Medvedev won the finals in straight sets.';
    const found = spotter.findMatches(tennis);
    const context = spotter.pageContext([{ text: tennis, matches: found }]);
    decidePage(spotter, [judgePiece(spotter, tennis, found, context)], context, () => {
      asked++;
      return { sport: 2 };
    });
    expect(asked).toBe(1);
  });
});
