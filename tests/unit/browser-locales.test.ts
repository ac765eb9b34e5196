// What the browser shows from public/_locales: every message the manifest names exists in en, uk,
// ru and de, none is empty, and the description fits the stores' 132 characters.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../core/i18n/lang';

const read = (path: string) => readFileSync(join(process.cwd(), path), 'utf8');
const messages = (lang: string) => JSON.parse(read(`public/_locales/${lang}/messages.json`)) as Record<string, { message: string }>;

describe('public/_locales', () => {
  it('has exactly the four languages, English the default', () => {
    expect(readdirSync(join(process.cwd(), 'public/_locales')).sort()).toEqual([...LANGS].sort());
    expect(read('wxt.config.ts')).toContain("default_locale: 'en'");
  });

  it('gives every __MSG_…__ of the manifest in every language, none empty', () => {
    const named = [...read('wxt.config.ts').matchAll(/__MSG_(\w+)__/gu)].map((match) => match[1]!);
    expect(named).toEqual(expect.arrayContaining(['extName', 'extDescription', 'actionTitle', 'sidebarTitle', 'commandShowCard', 'commandOpenSidePanel', 'commandAddPage']));
    for (const lang of LANGS) {
      const catalog = messages(lang);
      expect(Object.keys(catalog).sort(), lang).toEqual(Object.keys(messages('en')).sort());
      for (const key of named) expect(catalog[key]?.message.trim(), `${lang} ${key}`).toBeTruthy();
    }
  });

  it('keeps each description within 132 characters and writes it in its language', () => {
    for (const lang of LANGS) expect(messages(lang).extDescription!.message.length, lang).toBeLessThanOrEqual(132);
    expect(messages('uk').extDescription!.message).toMatch(/[іїєґ]/u);
    expect(messages('ru').extDescription!.message).toMatch(/[ыэъ]/u);
    expect(messages('de').extDescription!.message).toMatch(/Krieg/u);
  });
});
