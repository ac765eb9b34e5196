/**
 * Every catalog of every language (locales/<lang>/<area>.json), for the extension's own pages and
 * the background. Never import this from code that runs in web pages (the content script, the
 * card's part): the card gets the one language it needs from the background (`catalogOf`).
 */
import { AREAS, type Area } from '../../core/i18n/keys';
import { DEFAULT_LANG, LANGS, type Lang } from '../../core/i18n/lang';
import type { Catalog } from '../../core/i18n/messages';
import { type I18n, makeI18n } from '../../core/i18n/translator';
import enCommon from '../../locales/en/common.json';
import enPopup from '../../locales/en/popup.json';
import enOptions from '../../locales/en/options.json';
import enWelcome from '../../locales/en/welcome.json';
import enBackground from '../../locales/en/background.json';
import enErrors from '../../locales/en/errors.json';
import enCard from '../../locales/en/card.json';
import enRoom from '../../locales/en/room.json';
import ukCommon from '../../locales/uk/common.json';
import ukPopup from '../../locales/uk/popup.json';
import ukOptions from '../../locales/uk/options.json';
import ukWelcome from '../../locales/uk/welcome.json';
import ukBackground from '../../locales/uk/background.json';
import ukErrors from '../../locales/uk/errors.json';
import ukCard from '../../locales/uk/card.json';
import ukRoom from '../../locales/uk/room.json';
import ruCommon from '../../locales/ru/common.json';
import ruPopup from '../../locales/ru/popup.json';
import ruOptions from '../../locales/ru/options.json';
import ruWelcome from '../../locales/ru/welcome.json';
import ruBackground from '../../locales/ru/background.json';
import ruErrors from '../../locales/ru/errors.json';
import ruCard from '../../locales/ru/card.json';
import ruRoom from '../../locales/ru/room.json';
import deCommon from '../../locales/de/common.json';
import dePopup from '../../locales/de/popup.json';
import deOptions from '../../locales/de/options.json';
import deWelcome from '../../locales/de/welcome.json';
import deBackground from '../../locales/de/background.json';
import deErrors from '../../locales/de/errors.json';
import deCard from '../../locales/de/card.json';
import deRoom from '../../locales/de/room.json';

export const CATALOG_FILES: Readonly<Record<Lang, Readonly<Record<Area, Catalog>>>> = {
  en: { common: enCommon, popup: enPopup, options: enOptions, welcome: enWelcome, background: enBackground, errors: enErrors, card: enCard, room: enRoom },
  uk: { common: ukCommon, popup: ukPopup, options: ukOptions, welcome: ukWelcome, background: ukBackground, errors: ukErrors, card: ukCard, room: ukRoom },
  ru: { common: ruCommon, popup: ruPopup, options: ruOptions, welcome: ruWelcome, background: ruBackground, errors: ruErrors, card: ruCard, room: ruRoom },
  de: { common: deCommon, popup: dePopup, options: deOptions, welcome: deWelcome, background: deBackground, errors: deErrors, card: deCard, room: deRoom },
};

/** One language's messages of the given areas (all of them by default), merged into one catalog. */
export function catalogOf(lang: Lang, areas: readonly Area[] = AREAS): Catalog {
  return Object.assign({}, ...areas.map((area) => CATALOG_FILES[lang][area])) as Catalog;
}

const merged = new Map<Lang, Catalog>();

/** All of a language's messages. */
export function fullCatalog(lang: Lang): Catalog {
  let catalog = merged.get(lang);
  if (!catalog) merged.set(lang, (catalog = catalogOf(lang)));
  return catalog;
}

/** A translator with every message of `lang`, English for a key it lacks (the catalog tests keep that from happening). */
export function translatorFor(lang: Lang): I18n {
  return makeI18n(lang, fullCatalog(lang), lang === DEFAULT_LANG ? {} : { fallback: fullCatalog(DEFAULT_LANG) });
}

export { LANGS };
