/** Canonical URL of a page: which link wins, and how the URL is normalised. */
import { describe, expect, it } from 'vitest';
import { canonicalUrl, findCanonicalUrl, isTrackingParameter, normaliseUrl } from '../../core/canonical-url';

function head(markup: string): Document {
  return new DOMParser().parseFromString(`<html><head>${markup}</head><body></body></html>`, 'text/html');
}

describe('normaliseUrl', () => {
  it('removes tracking parameters and keeps the others in order', () => {
    expect(normaliseUrl('https://example.com/story?utm_source=tw&utm_medium=social&id=42&fbclid=abc&page=2'))
      .toBe('https://example.com/story?id=42&page=2');
    expect(normaliseUrl('https://example.com/a?gclid=1&mc_cid=2&mc_eid=3&_ga=4&igshid=5&CMP=share_btn_tw'))
      .toBe('https://example.com/a');
    expect(normaliseUrl('http://headlines.yahoo.co.jp/hl?a=20170309-35097838-cnetj-sci'))
      .toBe('http://headlines.yahoo.co.jp/hl?a=20170309-35097838-cnetj-sci');
    expect(normaliseUrl('https://www.youtube.com/watch?v=abc&t=81s&utm_campaign=x'))
      .toBe('https://www.youtube.com/watch?v=abc&t=81s');
  });

  it('keeps an untouched query exactly as written', () => {
    expect(normaliseUrl('https://example.com/search?q=a+b&x=%20')).toBe('https://example.com/search?q=a+b&x=%20');
  });

  it('drops the fragment but keeps a hash route', () => {
    expect(normaliseUrl('https://example.com/story#comments')).toBe('https://example.com/story');
    expect(normaliseUrl('https://example.com/story?utm_source=x#p3')).toBe('https://example.com/story');
    expect(normaliseUrl('https://example.com/#!/article/12')).toBe('https://example.com/#!/article/12');
    expect(normaliseUrl('https://example.com/app#/news/12')).toBe('https://example.com/app#/news/12');
  });

  it('lower-cases the host, drops the default port and credentials, resolves relative URLs', () => {
    expect(normaliseUrl('HTTPS://User:pw@Example.COM:443/Path')).toBe('https://example.com/Path');
    expect(normaliseUrl('//us.yahoo.com/news/', 'http://fakehost/test/page.html')).toBe('http://us.yahoo.com/news/');
    expect(normaliseUrl('/world/story', 'https://example.com/a/b')).toBe('https://example.com/world/story');
  });

  it('refuses what is not an http(s) URL', () => {
    expect(normaliseUrl('javascript:alert(1)')).toBeUndefined();
    expect(normaliseUrl('data:text/html,hi')).toBeUndefined();
    expect(normaliseUrl('not a url')).toBeUndefined();
  });

  it('knows tracking parameter families', () => {
    expect(isTrackingParameter('UTM_Content')).toBe(true);
    expect(isTrackingParameter('pk_campaign')).toBe(true);
    expect(isTrackingParameter('id')).toBe(false);
    expect(isTrackingParameter('v')).toBe(false);
  });
});

describe('findCanonicalUrl', () => {
  const location = 'https://news.example/world/2024/05/01/story?utm_source=newsletter#top';

  it('prefers the canonical link, then og:url, then the location', () => {
    expect(findCanonicalUrl(head(`<link rel="canonical" href="https://news.example/world/story-1?utm_medium=x">
      <meta property="og:url" content="https://news.example/og">`), location))
      .toEqual({ url: 'https://news.example/world/story-1', source: 'canonical-link' });
    expect(findCanonicalUrl(head('<meta property="og:url" content="https://news.example/og#x">'), location))
      .toEqual({ url: 'https://news.example/og', source: 'og:url' });
    expect(findCanonicalUrl(head(''), location))
      .toEqual({ url: 'https://news.example/world/2024/05/01/story', source: 'location' });
  });

  it('reads rel in any case and among other tokens, and resolves a relative canonical link', () => {
    expect(canonicalUrl(head('<link rel="alternate Canonical" href="/world/story-2">'), location))
      .toBe('https://news.example/world/story-2');
  });

  it('ignores a canonical link to the home page from a deeper page, and unusable links', () => {
    expect(findCanonicalUrl(head('<link rel="canonical" href="https://news.example/">'), location).source).toBe('location');
    expect(findCanonicalUrl(head('<link rel="canonical" href="javascript:void(0)"><meta property="og:url" content="">'), location)
      .source).toBe('location');
    // On the home page itself, the home page is the canonical URL.
    expect(findCanonicalUrl(head('<link rel="canonical" href="https://news.example/">'), 'https://news.example/?utm_source=x'))
      .toEqual({ url: 'https://news.example/', source: 'canonical-link' });
  });
});
