// The catalogs are whole: every key in en, uk, ru and de, with matching placeholders and the plural
// forms each language needs. The checker itself is tried on broken catalogs first.
import { describe, expect, it } from 'vitest';
import { type CatalogFiles, checkCatalogs } from '../../core/i18n/catalog-check';
import { AREAS } from '../../core/i18n/keys';
import { LANGS } from '../../core/i18n/lang';
import { CATALOG_FILES } from '../../lib/i18n/catalogs';

function files(per: Record<string, Record<string, unknown>>): CatalogFiles {
  const empty = Object.fromEntries(AREAS.map((area) => [area, {}]));
  return Object.fromEntries(LANGS.map((lang) => [lang, { ...empty, ...(per[lang] ?? {}) }])) as unknown as CatalogFiles;
}

const whole = {
  en: { popup: { 'popup.x': 'Turn off on {site}', 'popup.n': { one: '{count} mention', other: '{count} mentions' } } },
  uk: { popup: { 'popup.x': 'Вимкнути на {site}', 'popup.n': { one: '{count} згадка', few: '{count} згадки', many: '{count} згадок', other: '{count} згадки' } } },
  ru: { popup: { 'popup.x': 'Выключить на {site}', 'popup.n': { one: '{count} упоминание', few: '{count} упоминания', many: '{count} упоминаний', other: '{count} упоминания' } } },
  de: { popup: { 'popup.x': 'Auf {site} ausschalten', 'popup.n': { one: '{count} Erwähnung', other: '{count} Erwähnungen' } } },
};

describe('the catalog checker', () => {
  it('passes whole catalogs', () => {
    expect(checkCatalogs(files(whole))).toEqual([]);
  });

  it('names a key a language lacks, and one English lacks', () => {
    const broken = files({ ...whole, de: { popup: { 'popup.n': whole.de.popup['popup.n'], 'popup.extra': 'Mehr' } } });
    expect(checkCatalogs(broken)).toEqual(['de: "popup.extra" is not in the English catalog', 'de: "popup.x" is missing']);
  });

  it('names placeholders that differ from English', () => {
    const broken = files({ ...whole, ru: { popup: { ...whole.ru.popup, 'popup.x': 'Выключить на {host}' } } });
    expect(checkCatalogs(broken)).toEqual(['ru: "popup.x" has the placeholders {host}; English has {site}']);
  });

  it('names plural forms that are not the language’s', () => {
    const broken = files({ ...whole, uk: { popup: { ...whole.uk.popup, 'popup.n': { one: '{count} згадка', other: '{count} згадок' } } } });
    expect(checkCatalogs(broken)).toEqual(['uk: "popup.n" has the plural forms one, other; uk needs one, few, many, other']);
  });

  it('names a plain string where English has a plural, an empty message and a key outside its area', () => {
    const broken = files({ ...whole, de: { popup: { 'popup.x': ' ', 'popup.n': '{count} Erwähnungen' }, card: { 'popup.y': 'y' } }, en: { ...whole.en, card: { 'popup.y': 'y' } } });
    expect(checkCatalogs(broken)).toEqual(expect.arrayContaining([
      'de: "popup.x" is empty',
      'de: "popup.n" is a plain string where English has a plural',
      'de: "popup.y" is in card.json but does not start with "card."',
    ]));
  });
});

describe('Backstory’s catalogs', () => {
  it('have every key in every language, with the same placeholders and the right plural forms', () => {
    expect(checkCatalogs(CATALOG_FILES)).toEqual([]);
  });

  it('hold every area in every language', () => {
    for (const lang of LANGS) expect(Object.keys(CATALOG_FILES[lang]).sort()).toEqual([...AREAS].sort());
  });
});
