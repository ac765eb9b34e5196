/**
 * Article extraction on the 33 Readability fixture pages (../shared/fixtures/readability-pages):
 * title, byline, date, URL and article/non-article as listed in tests/readability-fixtures, and
 * the list itself checked against each page's expected-metadata.json. Plus the rules of
 * extraction on small hand-made pages.
 */
import { describe, expect, it } from 'vitest';
import {
  blocksFromContent,
  classifyPage,
  cleanTitle,
  extractArticle,
  isHomeOrSectionUrl,
  MAX_TITLE_CHARS,
  MAX_URL_CHARS,
  stripBoilerplateBlocks,
  withinTitleLimit,
  withinUrlLimit,
} from '../../core/article-extract';
import { cleanByline } from '../../core/byline';
import { findDateInText, parseDate } from '../../core/dates';
import {
  FIXTURES,
  FIXTURE_LOCATION,
  datesMatch,
  fixtureNames,
  parseWithHappyDom,
  readFixture,
} from '../readability-fixtures/fixtures';

function page(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('the fixture table', () => {
  it('covers every fixture page exactly once', () => {
    expect(FIXTURES.map((row) => row.name).sort()).toEqual(fixtureNames());
    expect(fixtureNames()).toHaveLength(33);
  });

  it.each(FIXTURES)('$name: agrees with expected-metadata.json or says why not', (row) => {
    const { metadata } = readFixture(row.name);
    // Title: the same, or a note naming the cleaning rule.
    if (row.title !== metadata.title) expect(row.titleNote, 'title differs without a note').toBeTruthy();
    // Byline: what the byline rules make of Readability's byline, unless a note names the other rule.
    const byRules = cleanByline(metadata.byline, { siteName: metadata.siteName ?? undefined, url: row.url });
    if (row.bylineNote === undefined || /site name/u.test(row.bylineNote)) {
      expect(row.byline).toBe(byRules);
    } else {
      expect(byRules, 'a note explains a byline the rules alone would keep').toBeTruthy();
      expect(row.byline).toBeUndefined();
    }
    // Date: where Readability found one, the same (instant or wall-clock); else a note says where.
    if (metadata.publishedTime) {
      const normalised = parseDate(metadata.publishedTime);
      expect(normalised).toBeTruthy();
      expect(datesMatch(row.date, normalised, row.dateMatch)).toBe(true);
    } else if (row.date) {
      expect(row.dateNote, 'a date Readability did not find needs a note').toBeTruthy();
    }
    // Readability's own readerable flag agrees on the one product page.
    if (!metadata.readerable) expect(row.isArticle).toBe(false);
  });
});

describe('extractArticle on the fixture pages (happy-dom)', () => {
  it.each(FIXTURES)('$name', async (row) => {
    const { html, metadata } = readFixture(row.name);
    const { document, close } = parseWithHappyDom(html);
    try {
      const before = document.documentElement.outerHTML;
      const extracted = extractArticle(document, FIXTURE_LOCATION);
      expect(document.documentElement.outerHTML, 'the live document is not changed').toBe(before);

      expect(extracted.url).toBe(row.url);
      expect(extracted.title).toBe(row.title);
      expect(extracted.byline).toBe(row.byline);
      if (row.date) {
        expect(extracted.date, 'a date is found').toBeDefined();
        expect(datesMatch(extracted.date?.date, row.date, row.dateMatch),
          `date ${extracted.date?.date} (${extracted.date?.source}) vs ${row.date}`).toBe(true);
        expect(extracted.date?.source).toBe(row.dateSource);
        expect(extracted.date?.evidence).toBeTruthy();
      } else {
        expect(extracted.date).toBeUndefined();
      }
      // The text alone (what dates a page without metadata) never contradicts the page's date.
      const fromText = findDateInText(extracted.blocks.map((block) => block.text).join('\n'));
      if (fromText && row.date) expect(fromText.date.slice(0, 10), `${fromText.source}: ${fromText.evidence}`).toBe(row.date.slice(0, 10));
      expect(extracted.article.isArticle).toBe(row.isArticle);
      if (row.isArticle) {
        expect(extracted.article.reason).toBeUndefined();
        expect(extracted.blocks.length).toBeGreaterThan(0);
        expect(extracted.article.textLength).toBe(extracted.blocks.reduce((sum, block) => sum + block.text.length, 0));
      } else {
        expect(extracted.article.reason).toMatch(/front page|product|landing/u);
      }
      if (metadata.siteName) expect(extracted.site).toBe(metadata.siteName);
      if (metadata.lang) expect(extracted.lang?.toLowerCase()).toBe(metadata.lang.toLowerCase());
    } finally {
      await close();
    }
  });
});

describe('blocks', () => {
  it('turns paragraphs, headings and list items into plain-text blocks and skips figures and widgets', () => {
    const doc = page(`<div>
      <p>First   paragraph with <a href="/x">a link</a>.</p>
      <h2>A heading</h2>
      <ul><li>One item</li><li>Two <b>items</b></li></ul>
      <figure><img src="a.jpg"><figcaption>Photo: someone</figcaption></figure>
      <div role="button">Play Video</div>
      <div role="group"><div>Current Time 0:00</div></div>
      <p>Line one<br>Line two</p>
      <table><tr><td>12</td><td>short cell</td></tr></table>
    </div>`);
    expect(blocksFromContent(doc.body.firstElementChild as Element)).toEqual([
      { kind: 'paragraph', text: 'First paragraph with a link.' },
      { kind: 'heading', text: 'A heading' },
      { kind: 'list-item', text: 'One item' },
      { kind: 'list-item', text: 'Two items' },
      { kind: 'paragraph', text: 'Line one' },
      { kind: 'paragraph', text: 'Line two' },
    ]);
  });

  it('keeps one copy of a paragraph printed twice but drops a repeated caption', () => {
    const long = 'Lorem ipsum dolor sit amet, '.repeat(8).trim();
    const kept = stripBoilerplateBlocks([
      { kind: 'paragraph', text: long },
      { kind: 'paragraph', text: long },
      { kind: 'heading', text: 'Caption of a photo' },
      { kind: 'paragraph', text: 'Caption of a photo' },
      { kind: 'paragraph', text: 'Advertisement' },
    ]);
    expect(kept).toEqual([{ kind: 'paragraph', text: long }]);
  });
});

describe('cleanTitle', () => {
  it('removes a trailing site name, host name, byline or date', () => {
    expect(cleanTitle('Story headline here - Breitbart', { siteName: 'Breitbart' })).toBe('Story headline here');
    expect(cleanTitle('Story headline here | BBC News', { url: 'https://www.bbc.com/news/1' })).toBe('Story headline here');
    expect(cleanTitle('Story headline | Jane Doe', { byline: 'Jane Doe' })).toBe('Story headline');
    expect(cleanTitle('Story headline - 07.12.2017 - LA NACION', { siteName: 'LA NACION' })).toBe('Story headline');
    expect(cleanTitle('BBC News - Story headline here', { siteName: 'BBC News' })).toBe('Story headline here');
  });

  it('keeps titles whose segments are not a site, and never empties a title', () => {
    expect(cleanTitle('Yahoo News - Latest News & Headlines', {})).toBe('Yahoo News - Latest News & Headlines');
    expect(cleanTitle('Ukraine war: Kyiv - Kharkiv train resumes', { siteName: 'Example' }))
      .toBe('Ukraine war: Kyiv - Kharkiv train resumes');
    expect(cleanTitle('Breitbart', { siteName: 'Breitbart' })).toBe('Breitbart');
  });

  it('uses the main heading when it starts the title and the rest is a tail', () => {
    expect(cleanTitle('新闻标题在这里很长_科技_腾讯网', { heading: '新闻标题在这里很长' })).toBe('新闻标题在这里很长');
    // A heading that is only the first words of a longer title is not enough.
    expect(cleanTitle('Ukraine war: what we know on day 100', { heading: 'Ukraine war' }))
      .toBe('Ukraine war: what we know on day 100');
    expect(cleanTitle('Ukraine - what we know on day 100 of the war', { heading: 'Ukraine' }))
      .toBe('Ukraine - what we know on day 100 of the war');
  });
});

describe('classifyPage', () => {
  const article = { textLength: 3000, readerable: true, parsed: true, ogType: 'article', jsonLdTypes: ['newsarticle'],
    url: 'https://news.example/world/2024/05/01/story', teaserHeadlines: 40 };

  it('accepts an article even with many related-story links', () => {
    expect(classifyPage(article)).toEqual({ isArticle: true });
  });

  it('explains each kind of non-article', () => {
    expect(classifyPage({ ...article, textLength: 120 }).reason).toMatch(/almost no article text \(120 characters/u);
    expect(classifyPage({ ...article, parsed: false, textLength: 0 }).reason).toMatch(/could not find any article text/u);
    expect(classifyPage({ ...article, jsonLdTypes: ['collectionpage'] }).reason).toMatch(/front page/u);
    expect(classifyPage({ ...article, jsonLdTypes: ['product'] }).reason).toMatch(/product page/u);
    expect(classifyPage({ ...article, jsonLdTypes: [], url: 'https://news.example/news/' }).reason)
      .toMatch(/front page with many headlines.*40 headlines/u);
    expect(classifyPage({ ...article, jsonLdTypes: [], ogType: 'website', readerable: false }).reason)
      .toMatch(/product or landing page/u);
  });

  it('tells home and section URLs from story URLs', () => {
    expect(isHomeOrSectionUrl('https://www.nytimes.com/es/')).toBe(true);
    expect(isHomeOrSectionUrl('https://www.bbc.com/')).toBe(true);
    expect(isHomeOrSectionUrl('https://www.bbc.com/news')).toBe(true);
    expect(isHomeOrSectionUrl('https://www.bbc.com/news/world-europe-60506682')).toBe(false);
    expect(isHomeOrSectionUrl('https://meduza.io/feature/2022/03/01/x')).toBe(false);
    expect(isHomeOrSectionUrl('http://headlines.yahoo.co.jp/hl?a=20170309-35097838-cnetj-sci')).toBe(false);
    expect(isHomeOrSectionUrl('https://example.org/story-2024.html')).toBe(false);
  });
});

describe('extractArticle on small pages', () => {
  it('extracts a plain article with its metadata', () => {
    const paragraph = 'Kyiv — The city council met on Tuesday to discuss the repair of the bridge, which was damaged last winter. ';
    const doc = page(`<html lang="uk"><head><title>Bridge repairs begin | Kyiv Daily</title>
      <meta property="og:site_name" content="Kyiv Daily">
      <link rel="canonical" href="https://kyiv-daily.example/city/bridge-repairs?utm_source=x#comments">
      <meta property="article:published_time" content="2024-05-01T09:30:00+03:00"></head>
      <body><article><h1>Bridge repairs begin</h1><p class="byline">By MARIA KOVAL</p>
      <p>${paragraph.repeat(3)}</p><p>${paragraph.repeat(2)}</p><p>${paragraph.repeat(2)}</p></article></body></html>`);
    const extracted = extractArticle(doc, 'https://kyiv-daily.example/city/bridge-repairs?utm_source=x');
    expect(extracted.url).toBe('https://kyiv-daily.example/city/bridge-repairs');
    expect(extracted.title).toBe('Bridge repairs begin');
    expect(extracted.byline).toBe('Maria Koval');
    expect(extracted.site).toBe('Kyiv Daily');
    expect(extracted.lang).toBe('uk');
    expect(extracted.date).toMatchObject({ date: '2024-05-01T09:30:00+03:00', source: 'meta' });
    expect(extracted.article.isArticle).toBe(true);
    expect(extracted.blocks.every((block) => block.text.startsWith('Kyiv —'))).toBe(true);
  });

  it('says so when a page has no article text', () => {
    const extracted = extractArticle(page('<html><head><title>Login</title></head><body><form><input></form></body></html>'),
      'https://example.org/login');
    expect(extracted.article.isArticle).toBe(false);
    expect(extracted.article.reason).toBe('Backstory could not find any article text on this page.');
    expect(extracted.title).toBe('Login');
    expect(extracted.blocks).toEqual([]);
    expect(extracted.date).toBeUndefined();

    const note = extractArticle(page('<html><head><title>Note</title></head><body><article><p>Only a short note here, ' +
      'nothing more to read on this page at all.</p></article></body></html>'), 'https://example.org/note');
    expect(note.article).toEqual({ isArticle: false, textLength: 65,
      reason: 'This page has almost no article text (65 characters were found).', reasonCode: 'little-text', reasonCount: 65 });
  });

  it('keeps a huge title and a huge URL within the limits of the add-page message', () => {
    const title = withinTitleLimit('word '.repeat(400));
    expect(title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(title.endsWith('…')).toBe(true);
    expect(withinTitleLimit('Short title')).toBe('Short title');
    const long = `https://example.org/story/1?q=${'x'.repeat(5000)}`;
    expect(withinUrlLimit(long)).toBe('https://example.org/story/1');
    expect(withinUrlLimit('https://example.org/a?b=c')).toBe('https://example.org/a?b=c');
    expect(withinUrlLimit(`https://example.org/${'p'.repeat(MAX_URL_CHARS)}`)).toBe('https://example.org/');
  });
});
