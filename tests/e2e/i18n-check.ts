/**
 * What an end-to-end test of a localised view checks: that none of the interface's texts it finds
 * (buttons, tabs, labels, headings, options, aria-labels, titles, placeholders) is English left in
 * a Ukrainian, Russian or German view. A text leaks when it is an English message, or holds a
 * phrase of one, that the language's own message does not have.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LOCALES = resolve(import.meta.dirname, '..', '..', 'locales');

type Message = string | Record<string, string>;

function catalog(lang: string): Record<string, Message> {
  const dir = join(LOCALES, lang);
  return Object.assign({}, ...readdirSync(dir).map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, Message>));
}

const forms = (message: Message | undefined): string[] => (message === undefined ? [] : typeof message === 'string' ? [message] : Object.values(message));

/** A message of `lang` by key, as written (placeholders unfilled; a plural's `other` form). */
export function messageOf(lang: string, key: string): string {
  const message = catalog(lang)[key];
  if (message === undefined) throw new Error(`No message "${key}" in ${lang}`);
  return typeof message === 'string' ? message : message.other!;
}

/** The English phrases that must not appear in `lang`'s interface: pieces between placeholders the language's message lacks. */
export function englishPhrases(lang: string): string[] {
  const english = catalog('en');
  const own = catalog(lang);
  // A whole message of the language is never a leak ("English" is the name of that language in every list of languages).
  const whole = new Set(Object.values(own).flatMap(forms));
  const phrases = new Set<string>();
  for (const [key, message] of Object.entries(english)) {
    const theirs = forms(own[key]).join('\n');
    for (const form of forms(message)) {
      for (const piece of form.split(/\{[A-Za-z0-9_]+\}/u)) {
        const phrase = piece.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
        // Words only (not "MB", "ms" or a product name), and not the same in the language's message.
        if (!/\p{L}{3,}/u.test(phrase) || theirs.includes(phrase) || whole.has(phrase)) continue;
        phrases.add(phrase);
      }
    }
  }
  return [...phrases];
}

/** Every text of `texts` that is English, or holds an English phrase of two words or more, with what leaked. */
export function englishLeaks(texts: readonly string[], lang: string): string[] {
  const phrases = englishPhrases(lang);
  const leaks: string[] = [];
  for (const raw of texts) {
    const text = raw.replace(/\s+/gu, ' ').trim();
    if (!text) continue;
    const found = phrases.find((phrase) => text === phrase || (phrase.includes(' ') && text.includes(phrase)));
    if (found) leaks.push(`"${text}" (English: "${found}")`);
  }
  return leaks;
}

/**
 * A function (for page.evaluate or a shadow root's callFunctionOn) listing the interface's texts
 * under `this` or the document: controls, headings, labels, options, and the accessible texts.
 */
export const INTERFACE_TEXTS = `function () {
  const root = this && this.querySelectorAll ? this : document;
  const texts = [];
  for (const element of root.querySelectorAll('button, [role=tab], h1, h2, h3, legend, option, summary, th, p.bs-muted, p.bs-notice, .bs-section-title, kbd')) {
    texts.push(element.textContent);
  }
  // A label's own words (the control inside it, a select's options say their own).
  for (const element of root.querySelectorAll('label')) {
    texts.push([...element.childNodes].filter((node) => node.nodeType === 3 || (node.nodeType === 1 && !node.matches('select, input, textarea'))).map((node) => node.textContent).join(' '));
  }
  for (const element of root.querySelectorAll('[aria-label], [title], [placeholder]')) {
    for (const name of ['aria-label', 'title', 'placeholder']) if (element.hasAttribute(name)) texts.push(element.getAttribute(name));
  }
  return texts;
}`;
