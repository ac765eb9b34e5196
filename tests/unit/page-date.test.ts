/**
 * Publication date of a page (core/page-date.ts): each source, the order of trust between them,
 * the traps (a video's date, a sidebar's dates, a link's <time>, an "updated" time), and the date
 * formats of core/dates.ts that real pages use.
 */
import { describe, expect, it } from 'vitest';
import { findDateInText, findWrittenDates, parseDate } from '../../core/dates';
import { dateFromUrl, findPageDate, pageCountry, readJsonLd } from '../../core/page-date';

function doc(head: string, body = ''): Document {
  return new DOMParser().parseFromString(`<html><head>${head}</head><body>${body}</body></html>`, 'text/html');
}

function jsonLd(value: unknown, cdata = false): string {
  const text = JSON.stringify(value);
  return `<script type="application/ld+json">${cdata ? `<![CDATA[${text}]]>` : text}</script>`;
}

describe('parseDate: formats seen on the fixture pages', () => {
  it.each([
    ['2017-11-24T18:42:20.314667', '2017-11-24T18:42:20.314'],
    ['2015-03-17T16:27:40.294Z', '2015-03-17T16:27:40.294Z'],
    ['2019-01-03T07:00:02.000Z', '2019-01-03T07:00:02Z'],
    ['2017-11-16T14:15+0000', '2017-11-16T14:15:00Z'],
    ['2021-11-01T10:52:50+0100', '2021-11-01T10:52:50+01:00'],
    ['2017-11-03 03:01:00.000000', '2017-11-03T03:01:00'],
    ['2016-02-01 01:28:49', '2016-02-01T01:28:49'],
    ['Fri Mar 13 21:30:09 EST 2015', '2015-03-13T21:30:09-05:00'],
    ['07.12.2017', '2017-12-07'],
    ['7 de diciembre de 2017', '2017-12-07'],
    ['21 de dezembro de 2018', '2018-12-21'],
    ['2016年10月14日07:17', '2016-10-14T07:17:00'],
    ['2022년 2월 24일', '2022-02-24'],
    ['20170309', '2017-03-09'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it('reads an ambiguous zone abbreviation for the page\'s country, with that day\'s daylight saving', () => {
    // Melbourne was on daylight saving (UTC+11) on 13 March 2015 and on standard time (UTC+10) in July.
    expect(parseDate('Fri Mar 13 21:30:09 EST 2015', { country: 'AU' })).toBe('2015-03-13T21:30:09+11:00');
    expect(parseDate('Mon Jul 13 21:30:09 EST 2015', { country: 'AU' })).toBe('2015-07-13T21:30:09+10:00');
    expect(parseDate('Fri Mar 13 21:30:09 EST 2015', { country: 'US' })).toBe('2015-03-13T21:30:09-05:00');
    expect(parseDate('Fri, 13 Mar 2015 21:30:09 AEDT')).toBe('2015-03-13T21:30:09+11:00');
  });

  it('rejects what is not a date', () => {
    expect(parseDate('2017-13-45')).toBeUndefined();
    expect(parseDate('31.02.2017')).toBeUndefined();
    expect(parseDate('Breaking news')).toBeUndefined();
  });

  it('finds CJK and Spanish dates in running text', () => {
    expect(findWrittenDates('TNW中文站 2016年10月14日07:17').map((date) => date.iso)).toEqual(['2016-10-14T07:17:00']);
    expect(findWrittenDates('publicado el 7 de diciembre de 2017 en Buenos Aires').map((date) => date.iso)).toEqual(['2017-12-07']);
  });

  it('keeps the existing text finder working (datelines)', () => {
    expect(findDateInText('1:56 PM EDT, October 15, 2024\nThe article.')).toMatchObject({
      date: '2024-10-15T13:56:00-04:00', source: 'dateline',
    });
  });
});

describe('JSON-LD', () => {
  it('reads datePublished at the top level, in @graph, in arrays and nested objects, through CDATA', () => {
    expect(findPageDate(doc(jsonLd({ '@type': 'NewsArticle', datePublished: '2022-02-24T05:00:00+02:00' }))))
      .toMatchObject({ date: '2022-02-24T05:00:00+02:00', source: 'json-ld', precision: 'instant' });
    expect(findPageDate(doc(jsonLd({ '@context': 'https://schema.org', '@graph': [
      { '@type': 'WebSite', name: 'Site' },
      { '@type': ['Article', 'NewsArticle'], datePublished: '2022-03-01' },
    ] }, true)))?.date).toBe('2022-03-01');
    expect(findPageDate(doc(jsonLd([{ '@type': 'Organization', name: 'X' }, { '@type': 'BlogPosting', datePublished: ['2021-01-02'] }])))
      ?.date).toBe('2021-01-02');
    expect(findPageDate(doc(jsonLd({ '@type': 'WebPage', mainEntity: { '@type': 'NewsArticle', datePublished: { '@value': '2020-05-06' } } })))
      ?.date).toBe('2020-05-06');
  });

  it('prefers the article over the page and ignores videos, images, people', () => {
    const page = doc(jsonLd([
      { '@type': 'VideoObject', datePublished: '2015-03-12T13:11:07Z' },
      { '@type': 'WebPage', datePublished: '2015-03-10' },
      { '@type': 'NewsArticle', datePublished: '2015-03-11T19:46:14Z' },
    ]));
    expect(findPageDate(page)?.date).toBe('2015-03-11T19:46:14Z');
    expect(findPageDate(doc(jsonLd({ '@type': 'VideoObject', datePublished: '2015-03-12' })))).toBeUndefined();
  });

  it('among several articles, prefers the one about this URL, then the shallowest', () => {
    const page = doc(jsonLd({ '@type': 'ItemList', itemListElement: [
      { '@type': 'NewsArticle', url: 'https://x.example/other', datePublished: '2020-01-01' },
      { '@type': 'NewsArticle', url: 'https://x.example/this', datePublished: '2020-02-02' },
    ] }));
    expect(findPageDate(page, { url: 'https://x.example/this' })?.date).toBe('2020-02-02');
  });

  it('survives broken JSON and raw newlines in strings', () => {
    const broken = '<script type="application/ld+json">{ "@type": "NewsArticle", </script>';
    const rawNewline = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"a\nb","datePublished":"2019-09-09"}</script>';
    expect(findPageDate(doc(broken))).toBeUndefined();
    expect(findPageDate(doc(rawNewline))?.date).toBe('2019-09-09');
    expect(readJsonLd(doc(broken))).toEqual([]);
  });
});

describe('meta tags and microdata', () => {
  it.each([
    ['<meta property="article:published_time" content="2016-12-22T10:43:37-08:00">', '2016-12-22T10:43:37-08:00'],
    ['<meta property="og:published_time" content="2016-12-22">', '2016-12-22'],
    ['<meta name="date" content="2016-02-01 01:28:49">', '2016-02-01T01:28:49'],
    ['<meta name="parsely-pub-date" content="2024-04-20T04:20:00.000Z">', '2024-04-20T04:20:00Z'],
    ['<meta name="parsely-page" content=\'{"title":"T","pub_date":"2013-04-05T10:00:00Z"}\'>', '2013-04-05T10:00:00Z'],
    ['<meta name="article:publicationdate" content="Fri Mar 13 21:30:09 EST 2015">', '2015-03-13T21:30:09-05:00'],
    ['<meta name="publishDate" content="2019-05-20">', '2019-05-20'],
    ['<meta name="sailthru.date" content="2018-01-02 10:00:00">', '2018-01-02T10:00:00'],
    ['<meta name="citation_publication_date" content="2010/07/15">', '2010-07-15'],
    ['<meta name="DC.date.issued" content="2016-02-01T01:28:49">', '2016-02-01T01:28:49'],
  ])('%s', (head, expected) => {
    expect(findPageDate(doc(head))).toMatchObject({ date: expected, source: 'meta' });
  });

  it('follows the order of trust among meta tags', () => {
    const page = doc(`<meta name="DC.date.issued" content="2001-01-01">
      <meta name="date" content="2002-02-02"><meta property="article:published_time" content="2003-03-03">`);
    expect(findPageDate(page)?.date).toBe('2003-03-03');
  });

  it('reads itemprop="datePublished" on meta, time, span and abbr', () => {
    expect(findPageDate(doc('', '<meta itemprop="datePublished" content="2017-11-16T14:15+0000">'))?.date).toBe('2017-11-16T14:15:00Z');
    expect(findPageDate(doc('', '<time itemprop="datePublished" datetime="2015-05-04T13:36:31+02:00">4 mai</time>'))?.date)
      .toBe('2015-05-04T13:36:31+02:00');
    expect(findPageDate(doc('', '<span itemprop="datePublished">2014-06-07</span>'))?.date).toBe('2014-06-07');
    expect(findPageDate(doc('', '<abbr itemprop="datePublished" title="2013-01-02">Jan 2</abbr>'))?.date).toBe('2013-01-02');
  });

  it('skips a video\'s microdata date and the dates of a sidebar', () => {
    const page = doc('', `
      <div itemscope itemtype="https://schema.org/VideoObject"><meta itemprop="datePublished" content="2015-03-12T13:11:07Z"></div>
      <aside itemscope itemtype="https://schema.org/NewsArticle"><time itemprop="datePublished" datetime="2015-03-20"></time></aside>
      <div class="related-stories"><time itemprop="datePublished" datetime="2015-03-21"></time></div>
      <div itemscope itemtype="https://schema.org/Article"><meta itemprop="datePublished" content="2015-03-11T19:46:14Z"></div>`);
    expect(findPageDate(page)).toMatchObject({ date: '2015-03-11T19:46:14Z', source: 'meta' });
  });

  it('JSON-LD beats meta tags', () => {
    const page = doc(`${jsonLd({ '@type': 'NewsArticle', datePublished: '2020-01-01' })}
      <meta property="article:published_time" content="2021-01-01">`);
    expect(findPageDate(page)?.source).toBe('json-ld');
  });
});

describe('<time> in the article header', () => {
  it('takes the <time> next to the main heading', () => {
    const page = doc('', `<header><h1>Headline</h1><p>By Jane <time datetime="2022-03-05T10:00:00Z">5 March</time></p></header>
      <p>Text</p>`);
    expect(findPageDate(page)).toMatchObject({ date: '2022-03-05T10:00:00Z', source: 'time-element' });
  });

  it('takes a <time> inside the <article> of the heading', () => {
    const page = doc('', `<article><div><div><div><div><div><h1>Headline</h1></div></div></div></div></div>
      <div><div><div><div><time datetime="2022-03-06">6 March</time></div></div></div></div></article>`);
    expect(findPageDate(page)?.date).toBe('2022-03-06');
  });

  it('ignores a <time> inside a link to another page, in a sidebar, far from the heading, or marked updated', () => {
    const page = doc('', `<header><h1>Headline</h1>
        <a href="https://other.example/story"><time datetime="2020-01-01">1 Jan</time></a>
        <time class="updated" datetime="2020-02-02">updated</time></header>
      <aside><time datetime="2020-03-03">3 Mar</time></aside>
      <div><div><div><div><div><time datetime="2020-04-04">4 Apr</time></div></div></div></div></div>`);
    expect(findPageDate(page, { url: 'https://news.example/this' })).toBeUndefined();
  });

  it('does not take a layout wrapper named after its sidebar for page furniture', () => {
    const page = doc('', `<div class="page has-sidebar"><header><h1>Headline</h1><time datetime="2022-03-07">7 March</time></header>
      <p>Text</p><div class="sidebar"><time datetime="2022-01-01">1 Jan</time></div></div>`);
    expect(findPageDate(page)?.date).toBe('2022-03-07');
    const micro = doc('', '<div class="layout with-sidebar"><h1>Headline</h1><span itemprop="datePublished">2022-03-08</span></div>');
    expect(findPageDate(micro)?.date).toBe('2022-03-08');
  });

  it('accepts a <time> linking to the page itself', () => {
    const page = doc('', '<header><h1>Headline</h1><a href="https://news.example/this#top"><time datetime="2020-05-05">5 May</time></a></header>');
    expect(findPageDate(page, { url: 'https://news.example/this' })?.date).toBe('2020-05-05');
  });
});

describe('URL', () => {
  it.each([
    ['https://www.engadget.com/2017/11/03/xbox-one-x-review/', '2017-11-03', 'day'],
    ['http://www.washingtonpost.com/world/x/2015/03/18/00202e76-cd73-11e4_story.html', '2015-03-18', 'day'],
    ['https://www.theguardian.com/environment/2019/jan/03/what-is-the-sea', '2019-01-03', 'day'],
    ['https://www.quantamagazine.org/hidden-heroines-of-chaos-20190520/', '2019-05-20', 'day'],
    ['http://headlines.yahoo.co.jp/hl?a=20170309-35097838-cnetj-sci', '2017-03-09', 'day'],
    ['https://www1.folha.uol.com.br/esporte/2018/12/tite-diz.shtml', '2018-12-01', 'month'],
  ])('%s', (url, date, precision) => {
    expect(dateFromUrl(url)).toMatchObject({ date, precision });
  });

  it('does not read dates into ids and hex strings', () => {
    expect(dateFromUrl('http://www.heraldsun.com.au/news/story-fni0fha6-1227261886014')).toBeUndefined();
    expect(dateFromUrl('https://sport.aktualne.cz/r~8fa032ba3add11ec8a900cc47ab5f122/')).toBeUndefined();
    expect(dateFromUrl('https://example.com/item/120170309123')).toBeUndefined();
    expect(dateFromUrl('https://example.com/2017/13/45/')).toBeUndefined();
  });

  it('comes after the document\'s own metadata and uses the canonical URL before the location', () => {
    expect(findPageDate(doc('<meta name="date" content="2016-02-01">'), { url: 'https://x.example/2015/01/01/a' })?.source)
      .toBe('meta');
    expect(findPageDate(doc(''), { url: 'https://x.example/2015/01/01/a', location: 'https://x.example/2014/01/01/b' }))
      .toMatchObject({ date: '2015-01-01', source: 'url', precision: 'day' });
    expect(findPageDate(doc(''), { url: 'https://x.example/a', location: 'https://x.example/2014/01/01/b' })?.date)
      .toBe('2014-01-01');
  });
});

describe('title and datelines', () => {
  it('reads a date that is a whole segment of the title', () => {
    expect(findPageDate(doc('<title>Una solución - 07.12.2017 - LA NACION</title>'))).toMatchObject({ date: '2017-12-07', source: 'meta' });
    expect(findPageDate(doc('<title>2017 - the year in review</title>'))).toBeUndefined();
  });

  it('reads a dateline next to the main heading', () => {
    const page = doc('', '<div><h1>DeepMind新电脑</h1><div><span>TNW中文站</span> <span>2016年10月14日07:17</span></div></div>');
    expect(findPageDate(page)).toMatchObject({ date: '2016-10-14T07:17:00', source: 'dateline' });
  });

  it('reads the date in the raw byline, then a dateline at the head of the text', () => {
    expect(findPageDate(doc(''), { rawByline: 'By GILLIAN MOHNEY\n March 11, 2015 3:46 PM' })?.date).toBe('2015-03-11');
    expect(findPageDate(doc(''), { text: 'October 15, 2024\nKYIV — The article.' })).toMatchObject({ date: '2024-10-15', source: 'dateline' });
  });

  it('does not take a guess from running text: no date is better than a wrong one', () => {
    expect(findPageDate(doc(''), { text: 'On March 29 the troops withdrew from the Kyiv region.' })).toBeUndefined();
  });
});

describe('running text, when nothing else dates the page', () => {
  const monthDay = 'A month after the full-scale invasion, officials said on March 29 that Russian troops would withdraw from Kyiv and Chernihiv.';
  const eventOnly = 'Analysts said the sinking of the Moskva had pushed the Black Sea Fleet back towards Sevastopol, out of reach of Ukrainian missiles.';

  it('takes the latest month and day, with the year from the events the text reports', () => {
    const found = findPageDate(doc(''), { text: monthDay });
    expect(found).toMatchObject({ date: '2022-03-29', source: 'month-day+context-year', precision: 'day' });
    expect(found?.confidence).toBeGreaterThan(0.5);
    expect(found?.confidence).toBeLessThan(0.9);
    expect(found?.evidence).toMatch(/March 29.*year 2022/u);
  });

  it('else the latest dated event as a lower bound, to the month, with a low confidence', () => {
    const found = findPageDate(doc(''), { text: eventOnly });
    expect(found).toMatchObject({ date: '2022-04-14', source: 'latest-event', precision: 'month' });
    expect(found?.confidence).toBeLessThan(0.5);
    expect(found?.evidence).toMatch(/Moskva/u);
  });

  it('comes after the metadata, the URL and a dateline', () => {
    expect(findPageDate(doc('<meta name="date" content="2022-04-02">'), { text: monthDay })).toMatchObject({ date: '2022-04-02', source: 'meta' });
    expect(findPageDate(doc(''), { url: 'https://x.example/2022/04/03/a', text: monthDay })?.source).toBe('url');
    expect(findPageDate(doc(''), { text: `April 4, 2022\n${monthDay}` })).toMatchObject({ date: '2022-04-04', source: 'dateline' });
  });

  it('is not used for a page that is not an article (a front page’s dates are its teasers’)', () => {
    expect(findPageDate(doc(''), { text: monthDay, textIsArticle: false })).toBeUndefined();
    expect(findPageDate(doc(''), { text: `April 4, 2022\n${monthDay}`, textIsArticle: false })?.source).toBe('dateline');
  });
});

describe('pageCountry', () => {
  it('comes from the top-level domain, else from the language', () => {
    expect(pageCountry(doc(''), ['http://www.heraldsun.com.au/news/x'])).toBe('AU');
    expect(pageCountry(doc(''), ['https://www.theguardian.com/x'])).toBeUndefined();
    const australian = new DOMParser().parseFromString('<html lang="en-AU"><body></body></html>', 'text/html');
    expect(pageCountry(australian, ['https://example.com/x'])).toBe('AU');
  });
});
