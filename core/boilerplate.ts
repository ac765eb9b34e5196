/**
 * Recognises the lines of a page's text that are not the article: registration walls, cookie,
 * copyright and reCAPTCHA notices, "Popular posts", "See also", comment prompts, image credits.
 * Used on the seeds and on pages the reader adds, after article extraction.
 */

/** A line that starts the page's tail: nothing after it belongs to the article. */
const TAIL_MARKERS: RegExp[] = [
  /^register for free to continue reading\b/iu,
  /^popular posts( from this blog)?$/iu,
  /^join our (new )?commenting forum\b/iu,
  /^comments?( \(\d+\))?$/iu,
  /^(you may|you might) also like\b/iu,
  /^related (articles|stories|posts)$/iu,
  /^more (from|on) this (story|topic)\b/iu,
  /^(share|follow us)( on| this)?\b.{0,30}$/iu,
];

/** A line that introduces a link to another story: it and the next line are not the article. */
const LINK_INTRODUCERS: RegExp[] = [/^(see also|see, also|read more|read also|also read|related)\s*:?$/iu];

/** A line that is boilerplate wherever it appears. */
const BOILERPLATE_LINES: RegExp[] = [
  /^registration is a free\b/iu,
  /^by registering,? you\b/iu,
  /^already have an account\b/iu,
  /^by clicking\b.*\b(register|sign up|subscribe|accept)\b/iu,
  /\bprotected by recaptcha\b/iu,
  /\b(cookie policy|privacy notice|privacy policy|terms of (use|service))\b.*\b(agree|apply|accept)\b/iu,
  /\b(we use cookies|this (web)?site uses cookies)\b/iu,
  /^[\p{Lu}]{2,6}:$/u, // an attribution label on its own line ("ISW:")
  /^(images?|photo|picture)s? ?(source|credit)s?\s*:/iu,
  /^.{0,80}\b(photo|foto|image|video)\s*:\s*\S.{0,40}$/iu, // a caption ending in a credit
  /^©|\bcopyright\b|\ball rights reserved\b/iu,
  /\b(downloading|reproduction)\b.*\b(prior|explicit) (and explicit )?consent\b/iu,
  /^the material was (made|prepared) with the support of\b/iu,
  /^(sign in|log in|subscribe)( to .{0,40})?$/iu,
  /^(advertisement|sponsored( content)?)$/iu,
  /^[·•|…\-–—.\s]+$/u,
];

export function isTailMarker(line: string): boolean {
  const trimmed = line.trim();
  return TAIL_MARKERS.some((pattern) => pattern.test(trimmed));
}

export function isBoilerplateLine(line: string): boolean {
  const trimmed = line.trim();
  if (!trimmed) return true;
  return BOILERPLATE_LINES.some((pattern) => pattern.test(trimmed));
}

/**
 * Keep the article lines of a text: stop at the first tail marker, drop boilerplate lines, "see
 * also" links and lines that are repeated (captions and walls often are).
 */
export function stripBoilerplate(lines: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const key = line.trim().toLowerCase();
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const kept: string[] = [];
  let skipNextLine = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    if (skipNextLine) {
      skipNextLine = false;
      continue;
    }
    if (isTailMarker(trimmed)) break;
    if (LINK_INTRODUCERS.some((pattern) => pattern.test(trimmed))) {
      skipNextLine = true;
      continue;
    }
    if (isBoilerplateLine(trimmed)) continue;
    // A line printed more than once is a caption, an alt text or a wall, not prose.
    if ((counts.get(trimmed.toLowerCase()) ?? 0) > 1) continue;
    kept.push(trimmed);
  }
  return kept;
}
