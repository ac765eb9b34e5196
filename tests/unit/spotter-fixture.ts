/**
 * A small gazetteer for the spotter's unit tests: stable while data/entities.json is edited, and
 * holding one example of every rule (inflection, case rules, shared forms, cues).
 */
import type { Gazetteer } from '../../core/gazetteer';

export const PARADIGMS: Gazetteer['paradigms'] = {
  'ru-m': ['', 'а', 'у', 'ом', 'е'],
  'uk-m': ['', 'а', 'у', 'ом', 'і', 'ові'],
  'ru-surname': ['', 'а', 'у', 'ым', 'е'],
  'uk-surname': ['', 'а', 'у', 'им', 'і', 'ові'],
  'ru-adj-m': ['ий', 'ого', 'ому', 'им', 'ом'],
  'uk-adj-m': ['ий', 'ого', 'ому', 'им', 'ім'],
  'ru-adj-f': ['ая', 'ой', 'ую'],
  'ru-f-a': ['а', 'ы', 'и', 'е', 'у', 'ой', 'ою'],
  'de-gen': ['', 's'],
};

export const TEST_GAZETTEER: Gazetteer = {
  version: 1,
  paradigms: PARADIGMS,
  entities: [
    {
      id: 'kherson', name: 'Kherson', kind: 'place', description: 'City.',
      aliases: ['Kherson', 'Kherson Oblast', 'Херсон{ru-m|uk-m}', { form: 'Cherson', lang: 'de' }],
    },
    {
      id: 'kursk', name: 'Kursk', kind: 'place', description: 'City and region.',
      aliases: ['Kursk', 'Курск{ru-m}', 'Курск{ru-adj-f}', 'Курськ{uk-m}'],
      cues: { against: ['submarine*', 'sub', '@quoted', 'подводн*', 'подлодк*', 'підводн*', 'Boot'] },
    },
    {
      id: 'kursk-submarine', name: 'Kursk (submarine)', kind: 'other', description: 'Sank in 2000.',
      aliases: [{ form: 'Kursk', confidence: 0.4 }, { form: 'Курск', confidence: 0.4 }],
      cues: { support: ['submarine*', 'sub', 'sank', 'sunk', '2000', 'crew', '@quoted', 'подводн*', 'подлодк*', 'АПЛ'] },
    },
    {
      id: 'kyiv', name: 'Kyiv', kind: 'place', description: 'Capital.',
      aliases: ['Kyiv', 'Kiev', 'Київ', 'Києв{а|у|ом|і}', 'Киев{ru-m}', { form: 'Kiew', lang: 'de' }],
      cues: { against: ['<chicken', '<hähnchen'] },
    },
    {
      id: 'putin', name: 'Vladimir Putin', kind: 'person', description: 'President.',
      aliases: ['Vladimir Putin', 'Putin{de-gen}', 'Путин{ru-surname}', 'Владимир{ru-m} Путин{ru-surname}', 'Путін{uk-surname}'],
    },
    { id: 'nato', name: 'NATO', kind: 'organisation', description: 'Alliance.', aliases: [{ form: 'NATO', case: 'acronym' }, { form: 'НАТО', case: 'acronym' }] },
    { id: 'isw', name: 'ISW', kind: 'organisation', description: 'Think tank.', aliases: [{ form: 'ISW', case: 'exact' }, 'Institute for the Study of War'] },
    { id: 'surovikin', name: 'Sergei Surovikin', kind: 'person', description: 'General.', aliases: ['Sergei Surovikin', 'Surovikin', 'Суровикин{ru-surname}'] },
    {
      id: 'zelensky', name: 'Volodymyr Zelensky', kind: 'person', description: 'President.',
      aliases: ['Volodymyr Zelensky', 'Zelensky', 'Zelenskyy', 'Zelenskiy', 'Зеленск{ru-adj-m}', 'Зеленськ{uk-adj-m}', 'Selenskyj{de-gen}'],
    },
    { id: 'podolyak', name: 'Mykhailo Podolyak', kind: 'person', description: 'Adviser.', aliases: ['Podolyak', 'Podoliak', 'Подоляк{ru-m|uk-m}'] },
    { id: 'medinsky', name: 'Vladimir Medinsky', kind: 'person', description: 'Aide.', aliases: ['Medinsky', 'Мединск{ru-adj-m}'] },
    { id: 'erdogan', name: 'Recep Tayyip Erdoğan', kind: 'person', description: 'President.', aliases: ['Recep Tayyip Erdoğan', 'Erdoğan'] },
    { id: 'marinka', name: 'Marinka', kind: 'place', description: 'Town.', aliases: ['Marinka', "Мар'їнк{а|и|у|ою|і}", 'Марьинк{а|и|у|ой|е}'] },
    { id: 'von-der-leyen', name: 'Ursula von der Leyen', kind: 'person', description: 'Commission.', aliases: ['Ursula von der Leyen', 'von der Leyen'] },
    {
      id: 'dnipro', name: 'Dnipro', kind: 'place', description: 'City.',
      aliases: [{ form: 'Dnipro', confidence: 0.8 }, 'Dnipropetrovsk'],
      cues: { support: ['city', '<in'], against: ['<the', 'river', 'bank', 'riverbank'] },
    },
    {
      id: 'dnipro-river', name: 'Dnipro River', kind: 'place', description: 'River.',
      aliases: [{ form: 'Dnipro', confidence: 0.5 }, 'Dnieper', 'Dnipro River', 'River Dnipro'],
      cues: { support: ['<the', 'river', 'bank', 'riverbank', 'crossing'] },
    },
    {
      id: 'moscow', name: 'Moscow', kind: 'place', description: 'Capital.',
      aliases: ['Moscow', 'Москв{ru-f-a}', { form: 'Moskau', lang: 'de' }],
      cues: { against: ['@quoted', 'cruiser', 'flagship', 'warship', 'крейсер*'] },
    },
    {
      id: 'moskva-cruiser', name: 'Moskva (cruiser)', kind: 'other', description: 'Flagship.',
      aliases: ['Moskva', { form: 'Moscow', confidence: 0.3 }, { form: 'Москва', confidence: 0.3 }],
      cues: { support: ['@quoted', 'cruiser', 'flagship', 'warship', 'sank', 'sunk', 'fleet', 'крейсер*'] },
    },
    {
      id: 'dmitry-medvedev', name: 'Dmitry Medvedev', kind: 'person', description: 'Former president.',
      aliases: ['Dmitry Medvedev', { form: 'Medvedev', confidence: 0.6 }, { form: 'Medwedew', confidence: 0.6, lang: 'de' }],
      cues: { support: ['dmitry', 'security', 'kremlin', 'former'], against: ['daniil', 'tennis', 'wimbledon', 'atp', 'seed*', 'set*'] },
    },
    { id: 'fedorov', name: 'Fedorov', kind: 'person', description: 'Test: ё = е.', aliases: ['Федоров{ru-surname}'] },
    { id: 'kremlin', name: 'the Kremlin', kind: 'organisation', description: 'Presidency.', aliases: ['Kremlin'] },
  ],
};
