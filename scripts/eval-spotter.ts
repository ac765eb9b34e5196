/**
 * `npm run eval:spotter`: precision, recall and F1 of the spotter on the labelled passages
 * (tests/spotter-eval/passages.jsonl), overall and per language, then every miss and false
 * positive. Exits 1 when overall precision or recall is below 0.97.
 *
 *   npm run eval:spotter               with each passage's language as the hint (as the CLI gets it)
 *   npm run eval:spotter -- --no-lang  without language hints (the spotter must not need them)
 *   npm run eval:spotter -- --quiet    scores only
 *
 * With `--pages`, the page set instead (tests/spotter-eval/pages.jsonl, tests/spotter-eval/pages.ts):
 * each page judged as a whole page, as the content script judges it (general names only on war
 * pages); scores per split, class, subclass and language, the forbidden marks on other-topic pages
 * and the recall on war pages. Exits 1 while a page target is not met.
 *
 *   npm run eval:spotter -- --pages                   every page, with every forbidden mark and miss
 *   npm run eval:spotter -- --pages --split tune      only the tuning half (look at this one while tuning)
 *   npm run eval:spotter -- --pages --quiet           tables only
 */
import { loadSpotter } from './spot';
import { TARGET, evaluate, formatReport, formatScoreTable, loadPassages } from '../tests/spotter-eval/evaluate';
import { SPLITS, type Split, evaluatePages, formatPagesReport, loadPages, pageTargetShortfalls } from '../tests/spotter-eval/pages';

const args = process.argv.slice(2);
const useLang = !args.includes('--no-lang');
const quiet = args.includes('--quiet');

const spotter = loadSpotter();

if (args.includes('--pages')) {
  const splitAt = args.indexOf('--split');
  const split = splitAt >= 0 ? args[splitAt + 1] : undefined;
  if (splitAt >= 0 && !SPLITS.includes(split as Split)) {
    console.error(`--split takes one of: ${SPLITS.join(', ')}`);
    process.exit(2);
  }
  const pages = loadPages().filter((page) => split === undefined || page.split === split);
  const report = evaluatePages(spotter, pages, { useLang });
  console.log(`Spotter on ${pages.length} labelled pages${split ? ` (split ${split})` : ''}, each judged as a whole page ` +
    `(${useLang ? 'with' : 'without'} language hints; ${spotter.entities.length} entities, ${spotter.formCount} forms)\n`);
  console.log(formatPagesReport(report, { details: !quiet }));
  if (useLang) {
    const withoutLang = evaluatePages(spotter, pages, { useLang: false });
    const { precision, recall, f1 } = withoutLang.all.overall;
    console.log(`\nWithout language hints: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, F1 ${f1.toFixed(3)}, ` +
      `${withoutLang.forbiddenMarks.length} forbidden marks, war-page recall ${withoutLang.warPageRecall.toFixed(3)}`);
  }
  const short = pageTargetShortfalls(report);
  if (short.length) {
    console.log(`\nPage targets not met: ${short.join('; ')}.`);
    process.exitCode = 1;
  } else {
    console.log('\nPage targets met.');
  }
} else {
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
}
