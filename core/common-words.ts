/**
 * Common words of the four languages Backstory reads, for warning a reader who tracks a name that
 * is also an ordinary word: function words (articles, pronouns, prepositions), frequent words of
 * news, and nouns that are also surnames or first names (Мороз, Коваль, Сокіл, Baker, Wolf, Koch).
 * Such a name is marked wherever the word starts a sentence or a headline; the reader is told so and
 * decides. Words are folded as the spotter folds text (core/text-fold.ts `foldText`): lower case,
 * no Latin diacritics, ё as е.
 */
import { foldText } from './text-fold';
import type { NameLang } from './inflect/langs';

const WORDS: Record<NameLang, string> = {
  en: `the and for are but not you all any can had her was one our out day get has him his how man new now old see two way who
    boy did its let put say she too use that with have this will your from they know want been good much some time very when come
    here just like long make many more only over such take than them well were what where which while after before under about
    again also back down even first last most other same still then there these those through world year years people state
    news war peace army police court city town house church hill field wood stone king queen prince lord may june april august
    will bill mark rose grant hope faith joy dawn summer winter spring autumn young brown white black green gray grey rich
    little long short strong north south east west baker cook miller smith turner carter fisher hunter walker wood ward page
    price cash bush rice gates banks wells lane moore chase case hall park fox wolf bird crane swan lamb bull day knight
    bishop dean major general colonel captain president minister mayor governor`,
  de: `der die das den dem des ein eine einer eines einem einen und oder aber nicht mit von vom zum zur bei aus auf für über
    unter nach vor bis durch gegen ohne seit wie was wer wo wann warum ich du er sie es wir ihr ihnen sein seine ihre
    haben hat hatte ist sind war waren wird werden wurde kann muss soll will noch schon auch nur sehr mehr heute morgen
    jahr jahre krieg frieden land stadt staat volk welt haus kirche berg wald feld stein könig kaiser fürst herr frau mann
    kind leben recht macht kraft sieg mai august winter sommer frühling herbst neu alt jung groß klein lang kurz stark
    schwarz weiß rot grün braun nord süd ost west müller schmidt schneider fischer weber meyer wagner becker schulz hoffmann
    koch bauer richter klein wolf schröder neumann schwarz zimmermann braun krüger hartmann lange werner krause lehmann
    köhler vogel fuchs jäger keller hahn berger winkler adler falke löwe bär präsident minister general`,
  uk: `і й та але або що як де коли хто це цей ця ці той та те він вона воно вони ми ви я мене тебе його її їх нас вас
    наш ваш свій мій твій на в у з із зі до від по за над під при про для без через між після перед біля
    так ні не вже ще тут там тоді тепер рік року війна мир край сила воля віра надія любов правда слава
    держава країна місто село земля народ люди армія фронт місяць травень серпень зима літо весна осінь
    новий старий великий малий добрий злий білий чорний зелений червоний голова мороз коваль мельник ткач
    кравець швець бондар гончар сокіл вовк лисиця орел ворон заєць баран кіт бик павук соловей дуб явір
    береза калина тополя рибак козак пастух мисливець голуб сова журавель лелека король князь пан
    президент міністр генерал мер голова`,
  ru: `и а но или что как где когда кто это этот эта эти тот та то он она оно они мы вы я меня тебя его ее их нас вас наш
    ваш свой мой твой на в во с со к ко от по за над под при про для без через между после перед около
    так нет не уже еще тут там тогда теперь год года война мир край сила воля вера надежда любовь правда
    слава держава страна город село земля народ люди армия фронт месяц май август зима лето весна осень
    новый старый большой малый добрый злой белый черный зеленый красный глава мороз кузнец мельник ткач
    портной бондарь гончар сокол волк лиса орел ворон заяц баран кот бык паук соловей дуб береза калина
    рыбак казак пастух охотник голубь сова журавль король князь барин президент министр генерал мэр`,
};

const LISTS: Record<NameLang, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(WORDS).map(([lang, words]) => [lang, new Set(words.split(/\s+/u).filter(Boolean).map(foldText))]),
) as unknown as Record<NameLang, ReadonlySet<string>>;

/** The languages in which `form` (one or more words, folded or not) is a common word. */
export function commonWordLanguages(form: string): NameLang[] {
  const folded = foldText(form);
  return (Object.keys(LISTS) as NameLang[]).filter((lang) => LISTS[lang].has(folded));
}
