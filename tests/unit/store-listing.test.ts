// @vitest-environment node
// The store listing in four languages (store/listing.<lang>.md): a name, a short description within
// the stores' 132 characters and the same as the manifest's, and a long description, each in its language.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../core/i18n/lang';

const read = (path: string) => readFileSync(join(process.cwd(), path), 'utf8');

function sections(lang: string): string[] {
  return read(`store/listing.${lang}.md`).split(/^## .*$/mu).slice(1).map((part) => part.trim());
}

describe('store/listing', () => {
  it.each(LANGS)('%s has a name, a short description (the manifest’s, ≤ 132 characters) and a long one', (lang) => {
    const [name, short, long] = sections(lang);
    expect(name).toBe('Backstory');
    expect(short!.length).toBeLessThanOrEqual(132);
    const manifest = JSON.parse(read(`public/_locales/${lang}/messages.json`)) as Record<string, { message: string }>;
    expect(short).toBe(manifest.extDescription!.message);
    expect(long!.length).toBeGreaterThan(1000);
  });

  it('writes each long description in its own language', () => {
    const long = (lang: string) => sections(lang)[2]!;
    expect(long('uk')).toMatch(/російсько-українську війну/u);
    expect(long('ru')).toMatch(/российско-украинской войне/u);
    expect(long('de')).toMatch(/russisch-ukrainischen Krieg/u);
    expect(long('en')).toMatch(/Russia–Ukraine war/u);
  });
});
