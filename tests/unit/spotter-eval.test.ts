// The spotter on the labelled passages with the real gazetteer: precision and recall ≥ 0.97.
// `npm run eval:spotter` prints the same evaluation with every miss and false positive.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateGazetteer } from '../../core/gazetteer';
import { compileSpotter } from '../../core/spotter';
import { TARGET, evaluate, formatReport, loadPassages } from '../spotter-eval/evaluate';

const gazetteerPath = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'entities.json');
const gazetteer = validateGazetteer(JSON.parse(readFileSync(gazetteerPath, 'utf8')));
const spotter = compileSpotter(gazetteer).compileAll();
const passages = loadPassages();

describe('spotter evaluation on tests/spotter-eval/passages.jsonl', () => {
  it('has at least 200 passages in English, Ukrainian, Russian and German, plus other Latin-script languages', () => {
    expect(passages.length).toBeGreaterThanOrEqual(200);
    const languages = new Set(passages.map((passage) => passage.lang));
    for (const lang of ['en', 'uk', 'ru', 'de']) {
      expect(passages.filter((passage) => passage.lang === lang).length, lang).toBeGreaterThanOrEqual(35);
    }
    expect([...languages].filter((lang) => !['en', 'uk', 'ru', 'de'].includes(lang)).length).toBeGreaterThanOrEqual(3);
  });

  it('labels only entities the gazetteer has', () => {
    const report = evaluate(spotter, passages);
    expect(report.unknownEntities).toEqual([]);
  });

  it(`reaches precision and recall of at least ${TARGET}`, () => {
    const report = evaluate(spotter, passages);
    const { precision, recall } = report.overall;
    if (precision < TARGET || recall < TARGET) console.log(formatReport(report));
    expect(precision).toBeGreaterThanOrEqual(TARGET);
    expect(recall).toBeGreaterThanOrEqual(TARGET);
  });

  it('does not need language hints', () => {
    const { precision, recall } = evaluate(spotter, passages, { useLang: false }).overall;
    expect(precision).toBeGreaterThanOrEqual(TARGET);
    expect(recall).toBeGreaterThanOrEqual(TARGET);
  });
});
