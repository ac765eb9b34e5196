/**
 * The article extraction (core/article-extract.ts, with Readability), as a part of the page path
 * injected on demand (entrypoints/content/page-parts.ts): "Add this page" and remembering a page read need it, the
 * marking of every page does not. Run by the background in the content script's world of one tab.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractArticle } from '../core/article-extract';
import { registerPart } from './content/page-parts';

export default defineUnlistedScript(() => {
  registerPart('extract', { extractArticle });
});
