/**
 * The "no text that is not a message" check for views. Install the pseudo-locale (every message
 * and formatted value between ⟦ ⟧, string parameters set apart), render a view with fixture data,
 * then `strayTexts(root, data)` lists every visible text, aria-label, aria-description, title,
 * placeholder, alt and button value that is neither a message nor one of the fixture's `data`
 * strings. Punctuation, symbols and spaces between them are allowed (·, →, “ ”); a digit or a
 * letter is not. A view's test asserts the list is empty.
 */
import type { Lang } from '../../core/i18n/lang';
import { PSEUDO_CLOSE, PSEUDO_OPEN } from '../../core/i18n/translator';
import { fullCatalog } from '../../lib/i18n/catalogs';
import { installCatalog } from '../../lib/i18n/use-i18n';

/** Render from now on in the pseudo-locale of `lang` (English's messages by default). */
export function installPseudoLocale(lang: Lang = 'en'): void {
  installCatalog(lang, fullCatalog(lang), { pseudo: true });
}

const ATTRIBUTES = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt'];
const MESSAGE = new RegExp(`${PSEUDO_OPEN}[^${PSEUDO_CLOSE}]*${PSEUDO_CLOSE}`, 'gu');
const LEFTOVER_ALLOWED = /^[\s\p{P}\p{S}]*$/u;

/** What is left of a text once messages and data are taken out, or undefined when nothing but punctuation is. */
export function strayPart(text: string, data: readonly string[]): string | undefined {
  let rest = text.replace(MESSAGE, ' ');
  for (const datum of [...data].filter(Boolean).sort((a, b) => b.length - a.length)) rest = rest.split(datum).join(' ');
  return LEFTOVER_ALLOWED.test(rest) ? undefined : rest.replace(/\s+/gu, ' ').trim();
}

function* elementsOf(root: ParentNode): Generator<Element> {
  for (const element of root.querySelectorAll('*')) {
    yield element;
    if (element.shadowRoot) yield* elementsOf(element.shadowRoot);
  }
}

/**
 * Every text of `root` that is not a message or data, each with where it was found. `skip` is a
 * selector of subtrees judged elsewhere (a shared component with its own test).
 */
export function strayTexts(root: ParentNode, data: readonly string[] = [], options: { skip?: string } = {}): string[] {
  const strays: string[] = [];
  const judge = (text: string, where: string) => {
    const stray = strayPart(text, data);
    if (stray !== undefined) strays.push(`${where}: "${text.trim()}" (left: "${stray}")`);
  };
  const rootTexts = [...root.childNodes].filter((node) => node.nodeType === 3).map((node) => node.textContent ?? '').join('');
  if (rootTexts.trim()) judge(rootTexts, 'root text');
  for (const element of elementsOf(root)) {
    const tag = element.tagName.toLowerCase();
    if (tag === 'style' || tag === 'script' || tag === 'template') continue;
    if (options.skip && element.closest(options.skip)) continue;
    // The element's own text nodes, together: Preact splits "{a} {b}" into several.
    const own = [...element.childNodes].filter((node) => node.nodeType === 3).map((node) => node.textContent ?? '').join('');
    if (own.trim()) judge(own, `<${tag}> text`);
    for (const attribute of ATTRIBUTES) {
      const value = element.getAttribute(attribute);
      if (value?.trim()) judge(value, `<${tag} ${attribute}>`);
    }
    if (tag === 'input' && ['button', 'submit', 'reset'].includes((element as HTMLInputElement).type)) {
      judge((element as HTMLInputElement).value, `<input value>`);
    }
  }
  return strays;
}
