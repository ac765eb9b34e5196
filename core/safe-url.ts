/** An http(s) address parsed, or undefined for anything else (`javascript:`, `data:`, not a URL). */
function httpUrl(url: string | undefined): URL | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Links shown to the reader come from pages and import files: only http(s) URLs become links, so
 * a `javascript:` or `data:` URL stored in an excerpt can never run.
 */
export function safeHref(url: string | undefined): string | undefined {
  return httpUrl(url)?.href;
}

/** The host name of an http(s) address (the "site" of settings and of remembered pages), else undefined. */
export function siteOf(url: string | undefined): string | undefined {
  return httpUrl(url)?.hostname;
}
