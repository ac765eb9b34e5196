/**
 * The few forms German and English news give names.
 *
 * German: the genitive -s on the last word ("Selenskyjs Rede", "Kiews Bürgermeister", "Rheinmetalls
 * Werk"), not after s, ß, x, z or tz, where German writes an apostrophe ("Scholz’ Kabinett", which
 * the spotter already matches as "Scholz"); and for places the adjective in -er ("Kiewer", "Charkiwer",
 * "Moskauer", "Odessaer"), which German news use for the city's people and institutions.
 *
 * English: the possessive ’s ("Zelensky’s", "Kharkiv’s"), and after a final s the bare apostrophe as
 * well ("Jones’"). The spotter matches a name followed by ’s anyway; the form is listed so that the
 * reader sees what will be marked.
 */
import type { EntityKind } from '../gazetteer';
import { isAllUpper, lower, unique } from './paradigm';

const GERMAN_NO_S = /(s|ß|x|z|tz|ce)$/u;

function lastWord(name: string): { head: string; word: string } {
  const at = name.lastIndexOf(' ');
  return at < 0 ? { head: '', word: name } : { head: name.slice(0, at + 1), word: name.slice(at + 1) };
}

function suffix(word: string, ending: string): string {
  return word + (isAllUpper(word) ? ending.toUpperCase() : ending);
}

export function germanForms(name: string, kind: EntityKind): string[] {
  const { head, word } = lastWord(name);
  const low = lower(word);
  const forms = [name];
  if (isAllUpper(word) && word.length <= 5) return forms; // an acronym: "der NATO", "des BND"
  if (!GERMAN_NO_S.test(low)) forms.push(head + suffix(word, 's'));
  if (kind === 'place' && !head) {
    // The adjective: Kiew → Kiewer, Moskau → Moskauer, Odessa → Odessaer; Bremen → Bremer.
    if (low.endsWith('en')) forms.push(`${word.slice(0, -2)}er`);
    else if (!/(er|e|i|y)$/u.test(low)) forms.push(`${word}er`);
  }
  return unique(forms);
}

export function englishForms(name: string): string[] {
  const { head, word } = lastWord(name);
  const forms = [name, head + suffix(word, '’s')];
  if (lower(word).endsWith('s')) forms.push(`${name}’`);
  return unique(forms);
}
