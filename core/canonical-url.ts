/**
 * The URL a page is stored under. Adding the same page twice must update it rather than duplicate
 * it, so the URL has to be the same however the reader arrived: from a newsletter (utm_*, mc_cid),
 * a social network (fbclid, igshid), an ad (gclid) or a link to a paragraph (#fragment).
 *
 * Which URL: the page's `<link rel="canonical">`, else its `og:url`, else the address it was loaded
 * from. A canonical link that points at the site's home page while the page itself is deeper is a
 * common template mistake and is ignored. Relative and protocol-relative links ("//us.yahoo.com/")
 * are resolved against the page's address.
 *
 * Normalising: only http(s) URLs; host lower-cased (the URL parser does that) and default port
 * dropped; known tracking parameters removed and every other parameter kept in its order (query
 * strings often identify the page: "?a=20170309-35097838", "?v=…", "?id=…"); the fragment dropped,
 * except a hash route ("#!/…", "#/…") which single-page sites use as the page's address.
 */

/** Parameters whose only purpose is tracking, compared lower-cased. */
const TRACKING_PARAMETERS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'igshid', 'igsh', 'mc_cid', 'mc_eid', '_ga', '_gl', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id',
  'vero_id', 'vero_conv', 'wt.mc_id', 'cmp', 'cmpid', 'ocid', 'ncid', 'smid', 'smtyp', 'sr_share', 'ref_src',
  'ref_url', 'at_medium', 'at_campaign', 'at_custom1', 'at_custom2', 'at_custom3', 'at_custom4', 'ito',
  's_cid', 'soc_src', 'soc_trk', 'spm', 'share_id', 'xtor', '__twitter_impression', 'guccounter',
  'guce_referrer', 'guce_referrer_sig',
]);

/** Prefixes of tracking parameter families (utm_source, utm_medium, pk_campaign, …). */
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'oly_'];

export function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMETERS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * `url` resolved against `base`, normalised as described above; undefined when it is not an
 * http(s) URL.
 */
export function normaliseUrl(url: string, base?: string): string | undefined {
  let parsed: URL;
  try {
    parsed = base === undefined ? new URL(url.trim()) : new URL(url.trim(), base);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  parsed.username = '';
  parsed.password = '';
  const kept = [...parsed.searchParams].filter(([name]) => !isTrackingParameter(name));
  if (kept.length !== [...parsed.searchParams].length) {
    // Rebuild only when something was removed, so an untouched query keeps its exact spelling.
    parsed.search = kept.length ? `?${new URLSearchParams(kept).toString()}` : '';
  }
  const hashRoute = /^#!?\//u.test(parsed.hash);
  if (!hashRoute) parsed.hash = '';
  let href = parsed.href;
  if (href.endsWith('?')) href = href.slice(0, -1);
  return href;
}

function isSiteRoot(url: string): boolean {
  const parsed = new URL(url);
  return (parsed.pathname === '/' || parsed.pathname === '') && !parsed.search;
}

/** Where a page's canonical URL came from. */
export type CanonicalSource = 'canonical-link' | 'og:url' | 'location';

export interface CanonicalUrl {
  url: string;
  source: CanonicalSource;
}

/**
 * The canonical URL of a document: its canonical link, its og:url, or `location`, normalised.
 * `location` is the address the document was loaded from (in a content script: `location.href`).
 */
export function findCanonicalUrl(doc: Document, location: string): CanonicalUrl {
  const here = normaliseUrl(location);
  const canonicalLink = Array.from(doc.querySelectorAll('link[rel][href]')).find((link) =>
    (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/u).includes('canonical'));
  const ogUrl = Array.from(doc.querySelectorAll('meta[content]')).find((meta) =>
    (meta.getAttribute('property') ?? meta.getAttribute('name') ?? '').trim().toLowerCase() === 'og:url');
  const candidates: { href: string | null | undefined; source: CanonicalSource }[] = [
    { href: canonicalLink?.getAttribute('href'), source: 'canonical-link' },
    { href: ogUrl?.getAttribute('content'), source: 'og:url' },
  ];
  for (const candidate of candidates) {
    if (!candidate.href?.trim()) continue;
    const url = normaliseUrl(candidate.href, location);
    if (!url) continue;
    // A canonical link to the home page from a deeper page is a template error, not the page's URL.
    if (here && isSiteRoot(url) && !isSiteRoot(here)) continue;
    return { url, source: candidate.source };
  }
  return { url: here ?? location, source: 'location' };
}

/** Shorthand for {@link findCanonicalUrl}(…).url. */
export function canonicalUrl(doc: Document, location: string): string {
  return findCanonicalUrl(doc, location).url;
}
