/**
 * A Vite plugin that writes the scripts Backstory runs inside web pages (the content script and
 * the parts injected on demand) as pure ASCII: every other character becomes a `\uXXXX` escape.
 * A script with a single character outside Latin-1 (a Cyrillic ending, a curly apostrophe in a
 * regular expression) is held by the browser as two-byte text, twice its size, in every tab.
 * Escapes mean the same thing in strings, templates, regular expressions and identifiers.
 */
import type { Plugin } from 'vite';

/** Built files that run in web pages. */
const IN_PAGES = /^(content-scripts\/|page-[\w-]+\.js$)/u;

export function asciiPageScripts(): Plugin {
  return {
    name: 'backstory-ascii-page-scripts',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk' || !IN_PAGES.test(file.fileName)) continue;
        // eslint-disable-next-line no-control-regex -- the range of ASCII starts at NUL
        file.code = file.code.replace(/[^\x00-\x7f]/gu, (character, offset: number) => {
          // "\’" would become "\\u2019": a backslash and "u2019". Minified code never has it; refuse rather than change meaning.
          if (file.code[offset - 1] === '\\') throw new Error(`${file.fileName}: an escaped non-ASCII character at ${offset}`);
          let escaped = '';
          for (let k = 0; k < character.length; k++) escaped += `\\u${character.charCodeAt(k).toString(16).padStart(4, '0')}`;
          return escaped;
        });
      }
    },
  };
}
