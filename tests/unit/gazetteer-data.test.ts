// @vitest-environment node
/**
 * Guards the hand-written gazetteer data/entities.json: its shape, the backbone ids other code and
 * the spotter evaluation rely on, the descriptions shown on hover cards, that every alias pattern
 * expands and compiles, that the spellings readers meet are found (old and new transliterations,
 * Ukrainian and Russian inflections, German forms, acronyms), that look-alike words are not, that
 * ambiguous forms are decided by their context, and that no form is shared by two entities without
 * a way to tell them apart.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Entity,
  type EntityKind,
  ENTITY_KINDS,
  expandForms,
  normaliseAlias,
  validateGazetteer,
} from '../../core/gazetteer';
import { compileSpotter } from '../../core/spotter';
import { AMBIGUOUS_BELOW, compileCue } from '../../core/spotter-context';
import { foldText } from '../../core/text-fold';

const gazetteer = validateGazetteer(JSON.parse(readFileSync(new URL('../../data/entities.json', import.meta.url), 'utf8')));
const spotter = compileSpotter(gazetteer);

/** The backbone ids (fixed: other code and the labelled passages use them) and their kinds. */
const BACKBONE: Record<EntityKind, string[]> = {
  place: [
    'kyiv', 'kharkiv', 'kherson', 'odesa', 'mykolaiv', 'zaporizhzhia', 'dnipro', 'donetsk', 'luhansk', 'lviv',
    'chernihiv', 'sumy', 'poltava', 'vinnytsia', 'zhytomyr', 'cherkasy', 'chernivtsi', 'rivne', 'ternopil',
    'khmelnytskyi', 'ivano-frankivsk', 'lutsk', 'volyn', 'uzhhorod', 'zakarpattia', 'kropyvnytskyi',
    'kirovohrad-oblast', 'crimea', 'sevastopol', 'donbas', 'bakhmut', 'avdiivka', 'mariupol',
    'sievierodonetsk', 'lysychansk', 'izium', 'kupiansk', 'lyman', 'vuhledar', 'pokrovsk', 'chasiv-yar',
    'toretsk', 'kramatorsk', 'sloviansk', 'kostiantynivka', 'horlivka', 'makiivka', 'soledar', 'siversk',
    'kreminna', 'marinka', 'kurakhove', 'volnovakha', 'velyka-novosilka', 'robotyne', 'orikhiv', 'huliaipole',
    'tokmak', 'melitopol', 'berdiansk', 'enerhodar', 'nova-kakhovka', 'krynky', 'kinburn-spit',
    'snake-island', 'bucha', 'irpin', 'hostomel', 'vovchansk', 'balakliia', 'azovstal', 'dnipro-river',
    'black-sea', 'sea-of-azov', 'moscow', 'kursk', 'sudzha', 'belgorod', 'bryansk', 'voronezh',
    'rostov-on-don', 'krasnodar', 'novorossiysk', 'st-petersburg', 'chechnya', 'belarus', 'minsk',
    'transnistria', 'moldova', 'chisinau', 'istanbul',
  ],
  organisation: [
    'kremlin', 'nato', 'isw', 'deepstate', 'black-bird-group', 'war-gonzo', 'rybar', 'oryx', 'wagner-group',
    'azov-brigade', 'black-sea-fleet', 'russian-defence-ministry', 'armed-forces-of-ukraine', 'sbu', 'fsb',
    'gur', 'rosgvardia', 'united-nations', 'european-union', 'iaea', 'osce', 'icc', 'dpr', 'lpr',
    'verkhovna-rada', 'state-duma', 'gazprom', 'rosatom', 'g7', 'pentagon',
  ],
  person: [
    'putin', 'zelensky', 'podolyak', 'medinsky', 'fomin', 'strelkov', 'dugin', 'erdogan', 'surovikin',
    'shoigu', 'gerasimov', 'lavrov', 'peskov', 'zakharova', 'prigozhin', 'kadyrov', 'dmitry-medvedev',
    'lukashenko', 'belousov', 'patrushev', 'naryshkin', 'navalny', 'zaluzhnyi', 'syrskyi', 'budanov',
    'kuleba', 'sybiha', 'yermak', 'reznikov', 'umerov', 'shmyhal', 'vitali-klitschko', 'arestovych',
    'poroshenko', 'yanukovych', 'zelenska', 'saldo', 'pushilin', 'pasechnik', 'balitsky', 'aksyonov',
    'gladkov', 'biden', 'trump', 'blinken', 'lloyd-austin', 'scholz', 'macron', 'boris-johnson', 'sunak',
    'stoltenberg', 'rutte', 'duda', 'orban', 'xi-jinping', 'guterres', 'grossi', 'von-der-leyen',
    'kim-sengupta', 'emil-kastehelmi',
  ],
  other: [
    'moskva-cruiser', 'kursk-submarine', 'crimean-bridge', 'zaporizhzhia-npp', 'kakhovka-dam', 'nord-stream',
    'himars', 'bayraktar', 'shahed', 'kinzhal', 'atacms', 'minsk-agreements',
  ],
};

function forms(entity: Entity): { form: string; confidence: number }[] {
  return entity.aliases.flatMap((alias) => {
    const { form, confidence } = normaliseAlias(alias);
    return expandForms(form, gazetteer.paradigms).map((expanded) => ({ form: expanded, confidence }));
  });
}

/** The mentions of `text`, as "surface → id" strings, for readable failures. */
function spotted(text: string): string[] {
  return spotter.spot(text).map((mention) => `${mention.text} → ${mention.entity.id}`);
}

describe('data/entities.json: shape', () => {
  it('holds at least 150 entities with unique kebab-case ids, known kinds and names', () => {
    expect(gazetteer.version).toBe(1);
    expect(gazetteer.entities.length).toBeGreaterThanOrEqual(150);
    const ids = gazetteer.entities.map((entity) => entity.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entity of gazetteer.entities) {
      expect(entity.id, entity.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(ENTITY_KINDS, entity.id).toContain(entity.kind);
      expect(entity.name.trim(), entity.id).not.toBe('');
    }
  });

  it('has every backbone id with its kind', () => {
    const byId = new Map(gazetteer.entities.map((entity) => [entity.id, entity]));
    const problems: string[] = [];
    let count = 0;
    for (const [kind, ids] of Object.entries(BACKBONE)) {
      for (const id of ids) {
        count++;
        const entity = byId.get(id);
        if (!entity) problems.push(`missing: ${id}`);
        else if (entity.kind !== kind) problems.push(`${id} is ${entity.kind}, expected ${kind}`);
      }
    }
    expect(count).toBe(193);
    expect(problems).toEqual([]);
  });

  it('describes every entity in one written line of at most 160 characters', () => {
    const problems: string[] = [];
    for (const entity of gazetteer.entities) {
      const text = entity.description;
      if (!text.trim()) problems.push(`${entity.id}: empty`);
      if (/[\r\n]/.test(text)) problems.push(`${entity.id}: several lines`);
      if (text.length > 160) problems.push(`${entity.id}: ${text.length} characters`);
      if (/placeholder|todo|tbd|lorem/i.test(text)) problems.push(`${entity.id}: placeholder text`);
      if (!/[.)]$/.test(text)) problems.push(`${entity.id}: does not end a sentence`);
      if (text.trim() !== text || /\s{2}/.test(text)) problems.push(`${entity.id}: stray white space`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps the paradigm table of data/README.md and the paradigms of the file identical', () => {
    const readme = readFileSync(new URL('../../data/README.md', import.meta.url), 'utf8');
    const table: Record<string, string[]> = {};
    for (const [, name, endings] of readme.matchAll(/^\| `([a-z]{2}-[a-z-]+)` \| ([^|]+) \|/gmu)) {
      table[name as string] = (endings as string).split(',').map((ending) => ending.trim().replace(/^""$/u, ''));
    }
    expect(table).toEqual(gazetteer.paradigms);
  });
});

describe('data/entities.json: aliases', () => {
  it('expands every alias pattern into word forms that compile', () => {
    const problems: string[] = [];
    for (const entity of gazetteer.entities) {
      for (const alias of entity.aliases) {
        const { form, confidence } = normaliseAlias(alias);
        try {
          const expanded = expandForms(form, gazetteer.paradigms);
          if (expanded.length === 0) problems.push(`${entity.id}: "${form}" expands to nothing`);
        } catch (error) {
          problems.push(`${entity.id}: ${(error as Error).message}`);
        }
        if (!(confidence > 0 && confidence <= 1)) problems.push(`${entity.id}: "${form}" confidence ${confidence}`);
      }
    }
    expect(problems).toEqual([]);
    expect(() => compileSpotter(gazetteer)).not.toThrow();
    expect(spotter.formCount).toBeGreaterThan(2000);
  });

  it('never mixes Latin and Cyrillic letters inside one word (look-alike letters typed by mistake)', () => {
    const mixed: string[] = [];
    for (const entity of gazetteer.entities) {
      for (const { form } of forms(entity)) {
        for (const word of form.split(' ')) {
          if (/\p{Script=Latin}/u.test(word) && /\p{Script=Cyrillic}/u.test(word)) mixed.push(`${entity.id}: ${form}`);
        }
      }
    }
    expect(mixed).toEqual([]);
  });

  it('writes every cue as one word the cue window can hold', () => {
    const problems: string[] = [];
    for (const entity of gazetteer.entities) {
      for (const cue of [...(entity.cues?.support ?? []), ...(entity.cues?.against ?? [])]) {
        // Page topics (`#sport`) are read by the page step, not in the window; compileCue checks the name.
        if (cue === '@quoted' || cue.startsWith('#')) {
          expect(() => compileCue(cue)).not.toThrow();
          continue;
        }
        const word = cue.replace(/^[<>]/u, '').replace(/\*$/u, '');
        // The window splits words at anything but letters, digits and marks (an apostrophe between
        // letters stays): a hyphen or a space in a cue would make it unreachable.
        if (!/^[\p{L}\p{M}\p{N}]+(['’ʼ][\p{L}\p{M}\p{N}]+)*$/u.test(word)) problems.push(`${entity.id}: "${cue}"`);
        expect(() => compileCue(cue)).not.toThrow();
      }
    }
    expect(problems).toEqual([]);
  });

  it('gives context cues to every entity that has a less-than-sure alias', () => {
    const withoutCues = gazetteer.entities
      .filter((entity) => forms(entity).some(({ confidence }) => confidence < AMBIGUOUS_BELOW))
      .filter((entity) => !entity.cues?.support?.length && !entity.cues?.against?.length)
      .map((entity) => entity.id);
    expect(withoutCues).toEqual([]);
  });

  it('shares a folded form between two entities only when one side is marked ambiguous and has cues', () => {
    const owners = new Map<string, { id: string; confidence: number; cues: boolean }[]>();
    for (const entity of gazetteer.entities) {
      const cues = Boolean(entity.cues?.support?.length || entity.cues?.against?.length);
      for (const { form, confidence } of forms(entity)) {
        const key = foldText(form);
        const list = owners.get(key) ?? [];
        list.push({ id: entity.id, confidence, cues });
        owners.set(key, list);
      }
    }
    const collisions: string[] = [];
    for (const [form, list] of owners) {
      const ids = [...new Set(list.map((owner) => owner.id))];
      if (ids.length < 2) continue;
      for (const a of ids) {
        for (const b of ids) {
          if (a >= b) continue;
          const decidable = (id: string): boolean =>
            list.some((owner) => owner.id === id && owner.confidence < AMBIGUOUS_BELOW && owner.cues);
          if (!decidable(a) && !decidable(b)) collisions.push(`"${form}": ${a} / ${b}`);
        }
      }
    }
    expect(collisions, `Forms shared without a way to decide:\n${collisions.join('\n')}`).toEqual([]);
  });
});

/** [sentence, surface form as it appears, expected entity id] */
const REQUIRED: [string, string, string][] = [
  // Kyiv
  ['Russian Army Begins to Withdraw From Kiev to Russia.', 'Kiev', 'kyiv'],
  ['Kyiv remained firm that Ukraine must receive separate security guarantees.', 'Kyiv', 'kyiv'],
  ['Київ пережив ще одну ніч масованих атак.', 'Київ', 'kyiv'],
  ['Російські війська відійшли з-під Києва наприкінці березня.', 'Києва', 'kyiv'],
  ['У Києві вночі пролунали вибухи.', 'Києві', 'kyiv'],
  ['Киев заявил о готовности продолжить переговоры.', 'Киев', 'kyiv'],
  ['В Киеве объявили воздушную тревогу.', 'Киеве', 'kyiv'],
  ['Die Regierung in Kiew lehnte den Vorschlag ab.', 'Kiew', 'kyiv'],
  ['Kiews Bürgermeister rief zur Ruhe auf.', 'Kiews', 'kyiv'],
  // Kharkiv
  ['Fighting continued north of Kharkov on Tuesday.', 'Kharkov', 'kharkiv'],
  ['Russische Raketen trafen Charkiw in der Nacht.', 'Charkiw', 'kharkiv'],
  ['Жители Харькова провели ночь в укрытиях.', 'Харькова', 'kharkiv'],
  ['Після відступу з Харкова росіяни закріпилися на Осколі.', 'Харкова', 'kharkiv'],
  // Kherson
  ['Війська відійшли з Херсона.', 'Херсона', 'kherson'],
  ['В Херсоне восстановили электроснабжение.', 'Херсоне', 'kherson'],
  ['Над Херсоном підняли український прапор.', 'Херсоном', 'kherson'],
  ['Окупанти обстріляли населені пункти Херсонської області.', 'Херсонської області', 'kherson'],
  ['Die Rückeroberung von Cherson war ein Wendepunkt.', 'Cherson', 'kherson'],
  // Kursk
  ['Бои в Курской области продолжаются.', 'Курской', 'kursk'],
  ['ВСУ вошли в Курскую область в августе 2024 года.', 'Курскую', 'kursk'],
  ['Ukrainians are retreating under the pressure of Russians in the Kursk region.', 'Kursk', 'kursk'],
  // Zelensky
  ['Офис Зеленского пока не комментирует заявление.', 'Зеленского', 'zelensky'],
  ['Звернення Зеленського вийшло пізно ввечері.', 'Зеленського', 'zelensky'],
  ['Zelenskyy met European leaders in Paris.', 'Zelenskyy', 'zelensky'],
  ['Zelenskiy told reporters the front was holding.', 'Zelenskiy', 'zelensky'],
  ['Selenskyj forderte mehr Flugabwehr.', 'Selenskyj', 'zelensky'],
  ['Mykhailo Podolyak, a senior adviser to president Volodymyr Zelensky, said the talks were over.', 'Volodymyr Zelensky', 'zelensky'],
  // people in Cyrillic
  ['Слова Подоляка цитують усі агентства.', 'Подоляка', 'podolyak'],
  ['Мединский возглавил российскую делегацию в Стамбуле.', 'Мединский', 'medinsky'],
  ['По словам Мединского, встреча прошла конструктивно.', 'Мединского', 'medinsky'],
  ['Суровикин объявил об отходе с правого берега.', 'Суровикин', 'surovikin'],
  ['Приказ Суровикина вызвал споры среди военкоров.', 'Суровикина', 'surovikin'],
  ['Песков ответил, что Путину доложили о ситуации.', 'Путину', 'putin'],
  ['Заява Путіна не змінила позиції Києва.', 'Путіна', 'putin'],
  ['Захарова вновь обвинила Запад.', 'Захарова', 'zakharova'],
  // people in English and German
  ['Vladimir Putin’s increasingly doomed campaign to conquer Ukraine.', 'Vladimir Putin', 'putin'],
  ['The military’s failure could lead to Putin’s downfall.', 'Putin', 'putin'],
  ['Putins Sprecher wies die Vorwürfe zurück.', 'Putins', 'putin'],
  ['General Serhiy Surovikin warned that there could be difficult decisions.', 'Serhiy Surovikin', 'surovikin'],
  ['Russian Deputy Defense Minister Colonel-General Alexander Fomin claimed Russia would reduce activity.', 'Alexander Fomin', 'fomin'],
  ['Chief Russian negotiator Vladimir Medinsky falsely framed the withdrawal as a huge step.', 'Vladimir Medinsky', 'medinsky'],
  ['Figures like Igor Strelkov and Aleksandr Dugin are mentioned.', 'Igor Strelkov', 'strelkov'],
  ['Figures like Igor Strelkov and Aleksandr Dugin are mentioned.', 'Aleksandr Dugin', 'dugin'],
  ['Turkish President Erdogan announced his intention to meet Putin.', 'Erdogan', 'erdogan'],
  ['Erdoğan offered to host another round of talks.', 'Erdoğan', 'erdogan'],
  ['Recapture of the port city would give Ukraine leverage, says Kim Sengupta.', 'Kim Sengupta', 'kim-sengupta'],
  ['According to Emil Kastehelmi, a military analyst from the Finnish Black Bird Group, units advanced.', 'Emil Kastehelmi', 'emil-kastehelmi'],
  ['Ursula von der Leyen announced a new sanctions package.', 'Ursula von der Leyen', 'von-der-leyen'],
  ['The plan was presented by von der Leyen in Brussels.', 'von der Leyen', 'von-der-leyen'],
  // old spellings and transliterations of places
  ['Russian forces shelled Artemovsk again.', 'Artemovsk', 'bakhmut'],
  ['Die Schlacht um Bachmut dauerte Monate.', 'Bachmut', 'bakhmut'],
  ['Severodonetsk fell in June 2022.', 'Severodonetsk', 'sievierodonetsk'],
  ['Mass graves were found in Izyum.', 'Izyum', 'izium'],
  ['Russian troops advanced towards Kupyansk.', 'Kupyansk', 'kupiansk'],
  ['Russian shelling hit Nikolaev overnight, the city council said.', 'Nikolaev', 'mykolaiv'],
  ['The Zaporozhye region was partly occupied in 2022.', 'Zaporozhye', 'zaporizhzhia'],
  ['Die Front bei Saporischschja blieb ruhig.', 'Saporischschja', 'zaporizhzhia'],
  ['Separatists in Lugansk held a referendum.', 'Lugansk', 'luhansk'],
  ['Russian columns approached Chernigov from the north.', 'Chernigov', 'chernihiv'],
  ['Die Belagerung von Tschernihiw endete im März.', 'Tschernihiw', 'chernihiv'],
  ['Zelensky grew up in Krivoy Rog.', 'Krivoy Rog', 'kryvyi-rih'],
  ['Grain ships left Odessa under escort.', 'Odessa', 'odesa'],
  ['A Russian missile hit a residential building in Dnipropetrovsk oblast.', 'Dnipropetrovsk oblast', 'dnipro'],
  ['Dnepropetrovsk was renamed Dnipro in 2016.', 'Dnepropetrovsk', 'dnipro'],
  ['Die Stadt Awdijiwka wurde im Februar 2024 aufgegeben.', 'Awdijiwka', 'avdiivka'],
  ['Mariupol was besieged for almost three months.', 'Mariupol', 'mariupol'],
  ['Russlands Truppen zogen aus Moskau neue Reserven heran.', 'Moskau', 'moscow'],
  ['Die Krim wurde 2014 annektiert.', 'Krim', 'crimea'],
  ['Der Donbass ist seit 2014 umkämpft.', 'Donbass', 'donbas'],
  ['Weißrussland stellte sein Territorium für den Angriff zur Verfügung.', 'Weißrussland', 'belarus'],
  ['Ukraine also offered a negotiation period on the future of the Crimean Peninsula.', 'Crimean Peninsula', 'crimea'],
  ['Russia would not interfere with Transnistria’s integration into Moldova.', 'Transnistria', 'transnistria'],
  ['Russia would not interfere with Transnistria’s integration into Moldova.', 'Moldova', 'moldova'],
  ['Russian forces have been withdrawing into Belarus for rest and refit.', 'Belarus', 'belarus'],
  // rivers, seas, bridges, islands
  ['The withdrawal from the western bank of the River Dnipro means the loss of Kherson.', 'River Dnipro', 'dnipro-river'],
  ['Russia may be cut off from supply lines across the great Dnieper River.', 'Dnieper River', 'dnipro-river'],
  ['Ukrainian marines crossed the Dnieper near Kherson.', 'Dnieper', 'dnipro-river'],
  ['Die Brücken über den Dnjepr wurden zerstört.', 'Dnjepr', 'dnipro-river'],
  ['Russia lost the “Moscow”, the pride of its Black Sea fleet, and left Snake Island.', 'Black Sea fleet', 'black-sea-fleet'],
  ['Russia lost the “Moscow”, the pride of its Black Sea fleet, and left Snake Island.', 'Snake Island', 'snake-island'],
  ['They attacked another important symbol – the bridge to the Crimea.', 'bridge to the Crimea', 'crimean-bridge'],
  ['Die Kertsch-Brücke wurde erneut beschädigt.', 'Kertsch-Brücke', 'crimean-bridge'],
  ['IAEA inspectors remain at the Zaporizhzhia nuclear power plant.', 'Zaporizhzhia nuclear power plant', 'zaporizhzhia-npp'],
  // organisations and acronyms
  ['Ukraine would promise not to join NATO for seven years.', 'NATO', 'nato'],
  ['Nato leaders met in Vilnius to discuss Ukraine.', 'Nato', 'nato'],
  ['L’OTAN a renforcé son flanc est.', 'OTAN', 'nato'],
  ['Украина не вступит в НАТО в ближайшие годы.', 'НАТО', 'nato'],
  ['As reported by the Institute for the Study of War (ISW), attacks intensified.', 'Institute for the Study of War', 'isw'],
  ['As reported by the Institute for the Study of War (ISW), attacks intensified.', 'ISW', 'isw'],
  ['The SBU said it had detained an FSB agent in Odesa.', 'SBU', 'sbu'],
  ['The SBU said it had detained an FSB agent in Odesa.', 'FSB', 'fsb'],
  ['СБУ затримала агентів ФСБ у Харкові.', 'СБУ', 'sbu'],
  ['СБУ затримала агентів ФСБ у Харкові.', 'ФСБ', 'fsb'],
  ['HUR said its drones hit a refinery in Russia.', 'HUR', 'gur'],
  ['A GUR spokesman confirmed the raid on Crimea.', 'GUR', 'gur'],
  ['У ГУР підтвердили ураження корабля.', 'ГУР', 'gur'],
  ['The ZNPP lost external power again.', 'ZNPP', 'zaporizhzhia-npp'],
  ['На ЗАЭС снова отключилось внешнее питание.', 'ЗАЭС', 'zaporizhzhia-npp'],
  ['Russia would leave Ukrainian territory, including the DPR and LPR, with the exception of Crimea.', 'DPR', 'dpr'],
  ['Russia would leave Ukrainian territory, including the DPR and LPR, with the exception of Crimea.', 'LPR', 'lpr'],
  ['В ДНР и ЛНР объявили мобилизацию.', 'ДНР', 'dpr'],
  ['В ДНР и ЛНР объявили мобилизацию.', 'ЛНР', 'lpr'],
  ['The IAEA warned of a nuclear accident.', 'IAEA', 'iaea'],
  ['МАГАТЭ направило миссию на станцию.', 'МАГАТЭ', 'iaea'],
  ['The UN General Assembly condemned the annexation.', 'UN', 'united-nations'],
  ['Генсек ООН призвал к перемирию.', 'ООН', 'united-nations'],
  ['The EU adopted its fourteenth sanctions package.', 'EU', 'european-union'],
  ['ЕС продлил санкции против России.', 'ЕС', 'european-union'],
  ['ЄС ухвалив новий пакет допомоги Україні.', 'ЄС', 'european-union'],
  ['The War Gonzo blog, with more than 1.3 million Telegram subscribers, said the city would be left.', 'War Gonzo', 'war-gonzo'],
  ['Military analysts from the Ukrainian war mapping project DeepState said the situation was bad.', 'DeepState', 'deepstate'],
  ['Wagner fighters captured Bakhmut in May 2023, Prigozhin said.', 'Wagner', 'wagner-group'],
  ['The Kremlin said Ukraine’s proposal was clearly formulated.', 'Kremlin', 'kremlin'],
];

/** Texts in which nothing, or not the named entity, may be found. */
const TRAPS: [string, string, string | null][] = [
  // [text, surface that must not be a mention of `id`, id (null: no mention at all)]
  ['Археологи працюють у Херсонесі Таврійському.', 'Херсонесі', null],
  ['Древний Херсонес был греческой колонией.', 'Херсонес', null],
  ['Курс рубля упал до нового минимума.', 'Курс', null],
  ['Курс гривні залишився стабільним.', 'Курс', null],
  ['Kyivstar restored its mobile network after the cyberattack.', 'Kyivstar', null],
  ['Rasputin was murdered in Petrograd in 1916.', 'Rasputin', null],
  ['Cloud computing keeps growing.', 'computing', null],
  ['O Campeonato Brasileiro começou no sábado.', 'Campeonato', null],
  ['El asesinato ocurrió de noche.', 'asesinato', null],
  ['Il bambino è nato a Roma nel 2001.', 'nato', null],
  ['Chicken Kiev is a dish of chicken fillet pounded and rolled around cold butter.', 'Kiev', null],
  ['Un homme est entré dans la salle.', 'Un', null],
  ['Eu sou brasileiro.', 'Eu', null],
  ['Daniil Medvedev won the first set at Wimbledon.', 'Medvedev', null],
  ['Richard Wagner wrote the opera Lohengrin.', 'Wagner', null],
  ['Trump has railed against the Deep State for years.', 'Deep State', 'deepstate'],
  ['Speaker Mike Johnson blocked the vote in the House.', 'Johnson', null],
  ['Die Řada der Nummern ist lang.', 'Řada', null],
];

describe('data/entities.json: spellings readers meet', () => {
  it.each(REQUIRED)('%s → "%s" is %s', (text, surface, id) => {
    expect(spotted(text)).toContain(`${surface} → ${id}`);
  });

  it.each(TRAPS)('%s: "%s" is not a mention', (text, surface, id) => {
    const found = spotter.spot(text).filter((mention) =>
      mention.text === surface && (id === null || mention.entity.id === id));
    expect(found.map((mention) => `${mention.text} → ${mention.entity.id}`)).toEqual([]);
  });

  it('finds nothing at all in the Chicken Kiev, exchange-rate and Chersonesus sentences', () => {
    expect(spotted('Chicken Kiev is a dish of chicken fillet pounded and rolled around cold butter.')).toEqual([]);
    expect(spotted('Курс рубля упал до нового минимума.')).toEqual([]);
    expect(spotted('Археологи працюють у Херсонесі Таврійському.')).toEqual([]);
  });
});

describe('data/entities.json: ambiguous forms decided by context', () => {
  it('tells Kursk the region from the Kursk submarine', () => {
    expect(spotted('In August 2000 the Kursk sank in the Barents Sea with all 118 sailors on board.'))
      .toContain('Kursk → kursk-submarine');
    expect(spotted('Ukrainian troops still hold ground in the Kursk region, Zelensky said.'))
      .toContain('Kursk → kursk');
  });

  it('tells Dnipro the city from the Dnipro river', () => {
    expect(spotted('A Russian missile strike on Dnipro killed four people, the regional governor said.'))
      .toContain('Dnipro → dnipro');
    expect(spotted('Ukrainian marines crossed the Dnipro near Kherson and dug in on the left bank.'))
      .toContain('Dnipro → dnipro-river');
    expect(spotted('Окупанти обстрілюють правий берег Дніпра з лівобережжя.')).toContain('Дніпра → dnipro-river');
    expect(spotted('Ракетний удар по місту Дніпро забрав життя чотирьох людей.')).toContain('Дніпро → dnipro');
  });

  it('reads the “Moscow” of the Black Sea fleet as the cruiser and Moscow elsewhere as the city', () => {
    const text = 'Russia lost the “Moscow”, the pride of its Black Sea fleet, and left Snake Island, its first successful conquest since the beginning of the war.';
    expect(spotted(text)).toContain('Moscow → moskva-cruiser');
    expect(spotted('Moscow lost control of Kherson in November 2022, and Putin stayed silent.')).toContain('Moscow → moscow');
    expect(spotted('The Moskva sank in April 2022 after two Neptune missiles hit it.')).toContain('Moskva → moskva-cruiser');
  });

  it('reads a bare Medvedev as the politician only in a political context', () => {
    expect(spotted("Medvedev, the deputy chairman of Russia's Security Council, threatened Kyiv again on Telegram."))
      .toContain('Medvedev → dmitry-medvedev');
    expect(spotted('Daniil Medvedev won the first set at Wimbledon.')).toEqual([]);
  });

  it('reads Deep State as the mapping project only near mapping words', () => {
    expect(spotted('Deep State analysts say Russian troops advanced near Pokrovsk.')).toContain('Deep State → deepstate');
    expect(spotted('Trump has railed against the Deep State for years.')).not.toContain('Deep State → deepstate');
  });

  it('needs a British context for a bare Johnson', () => {
    expect(spotted('Boris Johnson visited Kyiv in April 2022.')).toContain('Boris Johnson → boris-johnson');
    expect(spotted('In Kyiv, the British prime minister Johnson promised more weapons to Ukraine.'))
      .toContain('Johnson → boris-johnson');
    expect(spotted('Speaker Mike Johnson blocked the Ukraine aid bill in the House.')).not.toContain('Johnson → boris-johnson');
  });
});
