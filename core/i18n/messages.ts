/**
 * What a message is and how one becomes text. A message is a string with {named} placeholders, or
 * a plural object whose forms are the categories Intl.PluralRules gives for the language
 * ({"one", "few", "many", "other"} for Ukrainian and Russian, {"one", "other"} for English and
 * German), chosen by the `count` parameter. Number parameters are written with the language's
 * digits grouping (1 234 in Ukrainian, 1.234 in German); pass a year or an id as a string.
 */
import type { Lang } from './lang';

export type PluralCategory = Intl.LDMLPluralRule;
export type PluralForms = Partial<Record<PluralCategory, string>> & { other: string };
export type Message = string | PluralForms;
/** One language's messages (of one area, or of all of them): key → message. */
export type Catalog = Readonly<Record<string, Message>>;
export type MessageParams = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/gu;

const pluralRules = new Map<Lang, Intl.PluralRules>();
const numberFormats = new Map<Lang, Intl.NumberFormat>();

export function pluralRulesFor(lang: Lang): Intl.PluralRules {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules;
}

export function numberFormatFor(lang: Lang): Intl.NumberFormat {
  let format = numberFormats.get(lang);
  if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(lang)));
  return format;
}

/** The plural categories a language's messages must give, in a fixed order. */
export function pluralCategories(lang: Lang): PluralCategory[] {
  const order: PluralCategory[] = ['zero', 'one', 'two', 'few', 'many', 'other'];
  const used = new Set(pluralRulesFor(lang).resolvedOptions().pluralCategories);
  return order.filter((category) => used.has(category));
}

export function isPluralForms(message: unknown): message is PluralForms {
  return typeof message === 'object' && message !== null && !Array.isArray(message) && typeof (message as PluralForms).other === 'string';
}

/**
 * The text of a message: the plural form for `count`, placeholders filled. `wrapText` (the pseudo
 * locale's) is given each string parameter's value before it is put in.
 */
export function formatMessage(lang: Lang, message: Message, params: MessageParams = {}, wrapText?: (value: string) => string): string {
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    const count = params.count;
    const category = typeof count === 'number' ? pluralRulesFor(lang).select(count) : 'other';
    text = message[category] ?? message.other;
  }
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (typeof value === 'number') return numberFormatFor(lang).format(value);
    return wrapText ? wrapText(value) : value;
  });
}

/** The placeholder names a message uses (all forms of a plural together). */
export function placeholdersOf(message: Message): Set<string> {
  const texts = typeof message === 'string' ? [message] : Object.values(message).filter((form): form is string => typeof form === 'string');
  const names = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1]!);
  return names;
}
