/**
 * `npm run eval:spotter`: precision, recall and F1 of the spotter on the labelled passages
 * (tests/spotter-eval/passages.jsonl), overall and per language, then every miss and false
 * positive. Exits 1 when overall precision or recall is below 0.97.
 *
 *   npm run eval:spotter               with each passage's language as the hint (as the CLI gets it)
 *   npm run eval:spotter -- --no-lang  without language hints (the spotter must not need them)
 *   npm run eval:spotter -- --quiet    scores only
 */
import { loadSpotter } from './spot';
import { TARGET, evaluate, formatReport, formatScoreTable, loadPassages } from '../tests/spotter-eval/evaluate';

const args = process.argv.slice(2);
const useLang = !args.includes('--no-lang');
const quiet = args.includes('--quiet');

const spotter = loadSpotter();
const passages = loadPassages();
const report = evaluate(spotter, passages, { useLang });
console.log(`Spotter on ${passages.length} labelled passages (${useLang ? 'with' : 'without'} language hints; ` +
  `${spotter.entities.length} entities, ${spotter.formCount} forms)\n`);
console.log(quiet ? formatScoreTable(report) : formatReport(report));
if (useLang) {
  const withoutLang = evaluate(spotter, passages, { useLang: false }).overall;
  console.log(`\nWithout language hints: precision ${withoutLang.precision.toFixed(3)}, recall ${withoutLang.recall.toFixed(3)}, F1 ${withoutLang.f1.toFixed(3)}`);
}
const { precision, recall } = report.overall;
if (precision < TARGET || recall < TARGET) {
  console.log(`\nBelow target: precision ${precision.toFixed(3)} and recall ${recall.toFixed(3)} must both be ≥ ${TARGET}.`);
  process.exitCode = 1;
} else {
  console.log(`\nTarget met: precision and recall ≥ ${TARGET}.`);
}
