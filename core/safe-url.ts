/**
 * Links shown to the reader come from pages and import files: only http(s) URLs become links, so
 * a `javascript:` or `data:` URL stored in an excerpt can never run.
 */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
