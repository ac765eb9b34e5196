/**
 * The forms Backstory generates for a tracked name (core/inflect), checked against the forms news
 * actually print. Every name below is a real person, place or organisation in the news of the war,
 * and every expected form was read in Ukrainian, Russian, German or English news reports (regional
 * administrations, national agencies and newspapers) before it was written here; `absent` lists
 * forms a naive rule would make and news never use (a woman's consonant surname declined, -енко
 * declined in Russian, a German genitive s after z).
 */
import { describe, expect, it } from 'vitest';
import type { EntityKind } from '../../core/gazetteer';
import { type NameLang, detectLanguages, inflectName, scriptOf } from '../../core/inflect';

interface Case {
  name: string;
  kind: EntityKind;
  forms: string[];
  absent?: string[];
}

const person = (name: string, forms: string[], absent?: string[]): Case => ({ name, kind: 'person', forms, ...(absent ? { absent } : {}) });
const place = (name: string, forms: string[], absent?: string[]): Case => ({ name, kind: 'place', forms, ...(absent ? { absent } : {}) });

const UKRAINIAN: Case[] = [
  person('Олександр Прокудін', ['Олександр Прокудін', 'Олександра Прокудіна', 'Прокудіна', 'Прокудіну', 'Прокудіним']),
  person('Дмитро Лубінець', ['Дмитра Лубінця', 'Лубінця', 'Лубінцю', 'Лубінцем'], ['Лубінеця']),
  person('Андрій Сибіга', ['Андрія Сибіги', 'Сибіги', 'Сибізі', 'Сибігу', 'Сибігою'], ['Сибігі']),
  person('Віталій Кличко', ['Віталія Кличка', 'Кличка', 'Кличкові', 'Кличком']),
  person('Олег Синєгубов', ['Олега Синєгубова', 'Синєгубова', 'Синєгубову', 'Синєгубовим']),
  person('Ігор Терехов', ['Ігоря Терехова', 'Терехова', 'Тереховим'], ['Ігора']),
  person('Олександр Сирський', ['Олександра Сирського', 'Сирського', 'Сирському', 'Сирським']),
  person('Кирило Буданов', ['Кирила Буданова', 'Буданова', 'Будановим']),
  person('Ірина Верещук', ['Ірини Верещук', 'Ірині Верещук', 'Верещук'], ['Верещука', 'Верещуком']),
  person('Юлія Свириденко', ['Юлії Свириденко', 'Юлію Свириденко', 'Свириденко'], ['Свириденка']),
  person('Ольга Стефанішина', ['Ольги Стефанішиної', 'Ользі Стефанішиній', 'Стефанішиною'], ['Ольгі']),
  person('Олена Зеленська', ['Олени Зеленської', 'Зеленської', 'Зеленській', 'Зеленську']),
  person('Денис Шмигаль', ['Дениса Шмигаля', 'Шмигаля', 'Шмигалю', 'Шмигалем']),
  person('Павло Кириленко', ['Павла Кириленка', 'Кириленка', 'Кириленку', 'Кириленком']),
  person('Руслан Стефанчук', ['Руслана Стефанчука', 'Стефанчука', 'Стефанчуку', 'Стефанчуком']),
  person('Валерій Залужний', ['Валерія Залужного', 'Залужного', 'Залужному', 'Залужним']),
  person('Дмитро Кулеба', ['Дмитра Кулеби', 'Кулеби', 'Кулебі', 'Кулебу']),
  place('Покровськ', ['Покровська', 'Покровську', 'Покровськом'], ['Покровські']),
  place('Авдіївка', ['Авдіївки', 'Авдіївці', 'Авдіївку', 'Авдіївкою'], ['Авдіївкі']),
  place('Курахове', ['Курахового', 'Кураховому', 'Кураховим']),
  place('Очеретине', ['Очеретиного', 'Очеретиному']),
  place('Часів Яр', ['Часового Яру', 'Часовому Ярі', 'Часовим Яром', 'Часів Ярі']),
  place('Харків', ['Харкова', 'Харкові', 'Харковом'], ['Харківа']),
  place('Тернопіль', ['Тернополя', 'Тернополі', 'Тернополем']),
  place('Ірпінь', ['Ірпеня', 'Ірпені']),
  place('Запоріжжя', ['Запоріжжю', 'Запоріжжі', 'Запоріжжям']),
  place('Суми', ['Сум', 'Сумах', 'Сумами']),
  place('Чернівці', ['Чернівців', 'Чернівцях']),
  place('Нова Каховка', ['Нової Каховки', 'Новій Каховці', 'Нову Каховку'], ['Нова Каховки']),
  place('Кривий Ріг', ['Кривого Рогу', 'Кривому Розі', 'Кривим Рогом'], ['Кривого Ріга']),
  place('Лозова', ['Лозової', 'Лозовій']),
  place('Костянтинівка', ['Костянтинівки', 'Костянтинівці']),
];

const RUSSIAN: Case[] = [
  person('Александр Хинштейн', ['Александра Хинштейна', 'Хинштейна', 'Хинштейну', 'Хинштейном']),
  person('Вячеслав Гладков', ['Вячеслава Гладкова', 'Гладкова', 'Гладковым']),
  person('Роман Старовойт', ['Романа Старовойта', 'Старовойта', 'Старовойтом']),
  person('Алексей Смирнов', ['Алексея Смирнова', 'Смирнова', 'Смирновым']),
  person('Евгений Балицкий', ['Евгения Балицкого', 'Балицкого', 'Балицким']),
  person('Владимир Сальдо', ['Владимира Сальдо', 'Сальдо'], ['Сальда', 'Сальдом']),
  person('Денис Пушилин', ['Дениса Пушилина', 'Пушилина', 'Пушилиным']),
  person('Леонид Пасечник', ['Леонида Пасечника', 'Пасечника', 'Пасечником']),
  person('Мария Захарова', ['Марии Захаровой', 'Захаровой', 'Захарову']),
  person('Татьяна Москалькова', ['Татьяны Москальковой', 'Москальковой', 'Татьяну Москалькову']),
  person('Элла Памфилова', ['Эллы Памфиловой', 'Памфиловой']),
  person('Валентина Матвиенко', ['Валентины Матвиенко', 'Матвиенко'], ['Матвиенки']),
  person('Сергей Шойгу', ['Сергея Шойгу', 'Шойгу']),
  person('Дмитрий Песков', ['Дмитрия Пескова', 'Пескова', 'Песковым']),
  person('Андрей Сибига', ['Андрея Сибигу', 'Сибиги', 'Сибигой'], ['Сибигы']),
  person('Дмитрий Лубинец', ['Дмитрия Лубинца', 'Лубинца'], ['Лубинеца']),
  person('Мария Львова-Белова', ['Марии Львовой-Беловой', 'Львовой-Беловой']),
  person('Игорь Терехов', ['Игоря Терехова', 'Терехова']),
  person('Александр Прокудин', ['Александра Прокудина', 'Прокудина']),
  person('Павел Кириленко', ['Павла Кириленко', 'Кириленко'], ['Павела', 'Кириленка']),
  person('Александр Евсеевич Хинштейн', ['Александра Евсеевича Хинштейна', 'Александра Хинштейна', 'Хинштейна']),
  place('Курск', ['Курска', 'Курске']),
  place('Суджа', ['Суджи', 'Судже', 'Суджу', 'Суджей'], ['Суджы', 'Суджой']),
  place('Авдеевка', ['Авдеевки', 'Авдеевке', 'Авдеевку']),
  place('Покровск', ['Покровска', 'Покровске']),
  place('Часов Яр', ['Часова Яра', 'Часовом Яре']),
  place('Шебекино', ['Шебекино', 'Шебекине']),
  place('Новая Каховка', ['Новой Каховки', 'Новой Каховке']),
  place('Керчь', ['Керчи'], ['Керчя']),
  place('Сумы', ['Сумах', 'Сумами']),
];

const GERMAN: Case[] = [
  person('Wolodymyr Selenskyj', ['Selenskyjs', 'Wolodymyr Selenskyjs']),
  person('Wladimir Putin', ['Putins']),
  person('Olaf Scholz', ['Scholz'], ['Scholzs']),
  person('Friedrich Merz', ['Merz'], ['Merzs']),
  person('Boris Pistorius', ['Pistorius'], ['Pistoriuss']),
  person('Sergej Lawrow', ['Lawrows']),
  person('Oleh Synehubow', ['Synehubows']),
  person('Vitali Klitschko', ['Klitschkos']),
  person('Alexander Lukaschenko', ['Lukaschenkos']),
  person('Annalena Baerbock', ['Baerbocks']),
  person('Jewgeni Prigoschin', ['Prigoschins']),
  person('Alexej Nawalny', ['Nawalnys']),
  person('Alexander Syrskyj', ['Syrskyjs']),
  person('Donald Trump', ['Trumps']),
  person('Mark Rutte', ['Ruttes']),
  place('Kiew', ['Kiews', 'Kiewer']),
  place('Charkiw', ['Charkiws', 'Charkiwer']),
  place('Cherson', ['Chersons']),
  place('Moskau', ['Moskaus', 'Moskauer']),
  place('Odessa', ['Odessas', 'Odessaer']),
  place('Kursk', ['Kursks', 'Kursker']),
  place('Bachmut', ['Bachmuts']),
  place('Donezk', ['Donezks', 'Donezker']),
  { name: 'Rheinmetall', kind: 'organisation', forms: ['Rheinmetalls'] },
];

const ENGLISH: Case[] = [
  person('Volodymyr Zelensky', ['Zelensky’s', 'Volodymyr Zelensky’s']),
  person('Oleksandr Syrskyi', ['Syrskyi’s']),
  person('Ihor Terekhov', ['Terekhov’s']),
  person('Vladimir Putin', ['Putin’s']),
  person('Rustem Umerov', ['Umerov’s']),
  person('Andrii Sybiha', ['Sybiha’s']),
  person('Kyrylo Budanov', ['Budanov’s']),
  person('Andriy Yermak', ['Yermak’s']),
  person('Denys Shmyhal', ['Shmyhal’s']),
  person('Yulia Svyrydenko', ['Svyrydenko’s']),
  person('Keir Starmer', ['Starmer’s']),
  person('Steve Witkoff', ['Witkoff’s']),
  person('Keith Kellogg', ['Kellogg’s']),
  person('Pete Hegseth', ['Hegseth’s']),
  person('Boris Pistorius', ['Pistorius’', 'Pistorius’s']),
  person('Alexander Khinshtein', ['Khinshtein’s']),
  place('Kharkiv', ['Kharkiv’s']),
  place('Pokrovsk', ['Pokrovsk’s']),
  place('Avdiivka', ['Avdiivka’s']),
  place('Kursk', ['Kursk’s']),
  place('Sumy', ['Sumy’s']),
  place('Chasiv Yar', ['Chasiv Yar’s']),
];

const LANGUAGES: [NameLang, Case[]][] = [['uk', UKRAINIAN], ['ru', RUSSIAN], ['de', GERMAN], ['en', ENGLISH]];

describe.each(LANGUAGES)('forms news use (%s)', (lang, cases) => {
  it('has at least 20 real names', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const { forms } = inflectName(entry.name, lang, { kind: entry.kind });
    expect(forms[0]).toBe(entry.name);
    expect(forms).toEqual(expect.arrayContaining(entry.forms));
    for (const wrong of entry.absent ?? []) expect(forms).not.toContain(wrong);
    expect(new Set(forms).size).toBe(forms.length);
  });
});

describe('what the rules decide from the name', () => {
  it('detects the languages from the letters', () => {
    expect(detectLanguages('Олександр Прокудін')).toEqual(['uk']);
    expect(detectLanguages('Вячеслав Гладков')).toEqual(['uk', 'ru']);
    expect(detectLanguages('Сергей Аксёнов')).toEqual(['ru']);
    expect(detectLanguages('Kursker Gebiet')).toEqual(['en', 'de']);
    expect(detectLanguages('Selenskyjs Büro')).toEqual(['de']);
    expect(detectLanguages('北京')).toEqual([]);
    expect(scriptOf('Kyiv Київ')).toBe('other');
  });

  it('declines a person by gender, and lets the reader say which', () => {
    expect(inflectName('Ірина Верещук', 'uk', { kind: 'person' }).gender).toBe('female');
    expect(inflectName('Микита Потураєв', 'uk', { kind: 'person' }).gender).toBe('male');
    // A surname alone: a woman's only when it says so.
    expect(inflectName('Захарова', 'ru', { kind: 'person' }).gender).toBe('female');
    expect(inflectName('Верещук', 'uk', { kind: 'person' }).forms).toContain('Верещука');
    expect(inflectName('Верещук', 'uk', { kind: 'person', gender: 'female' }).forms).toEqual(['Верещук']);
  });

  it('reads a name in surname-first order by its patronymic', () => {
    const { forms } = inflectName('Хинштейн Александр Евсеевич', 'ru', { kind: 'person' });
    expect(forms).toEqual(expect.arrayContaining(['Хинштейна Александра Евсеевича', 'Хинштейном']));
  });

  it('keeps acronyms and writes endings in capitals after a capitalised stem', () => {
    expect(inflectName('ЗСУ', 'uk', { kind: 'organisation' }).forms).toEqual(['ЗСУ']);
    expect(inflectName('ПОКРОВСЬК', 'uk', { kind: 'place' }).forms).toContain('ПОКРОВСЬКА');
  });

  it('declines an organisation whose first word is its noun, and adjectives with their noun', () => {
    expect(inflectName('Служба безпеки України', 'uk', { kind: 'organisation' }).forms).toContain('Служби безпеки України');
    expect(inflectName('Національна гвардія', 'uk', { kind: 'organisation' }).forms).toContain('Національної гвардії');
    expect(inflectName('Третя окрема штурмова бригада', 'uk', { kind: 'organisation' }).forms)
      .toEqual(expect.arrayContaining(['Третьої окремої штурмової бригади', 'Третьою окремою штурмовою бригадою']));
  });

  it('generates nothing for a language in another script', () => {
    expect(inflectName('Kharkiv', 'uk', { kind: 'place' }).forms).toEqual(['Kharkiv']);
    expect(inflectName('Харків', 'de', { kind: 'place' }).forms).toEqual(['Харків']);
    expect(inflectName('   ', 'en', { kind: 'place' }).forms).toEqual([]);
  });
});
