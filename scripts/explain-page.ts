/**
 * `npx tsx scripts/explain-page.ts <page id | -> [lang]`: the page step's decision for every match of
 * one page of tests/spotter-eval/pages.jsonl (or of the text on stdin), with the rule that decided it
 * and the page's topic evidence. For looking at the tune half while tuning.
 */
import { readFileSync } from 'node:fs';
import { loadSpotter } from './spot';
import { decidePage, judgePiece } from '../core/page-sense';
import { loadPages } from '../tests/spotter-eval/pages';

const [id, langArg] = process.argv.slice(2);
if (!id) {
  console.error('usage: tsx scripts/explain-page.ts <page id | -> [lang]');
  process.exit(2);
}
let text: string;
let lang: string | undefined = langArg;
if (id === '-') {
  text = readFileSync(0, 'utf8');
} else {
  const page = loadPages().find((candidate) => candidate.id === id);
  if (!page) throw new Error(`No page ${id}`);
  if (page.split !== 'tune') throw new Error(`${id} is in the held-out half: look only at its figures`);
  text = page.text;
  lang ??= page.lang;
}
const spotter = loadSpotter();
const matches = spotter.findMatches(text);
const context = spotter.pageContext([{ text, matches }], { lang: lang ?? null });
const piece = judgePiece(spotter, text, matches, context);
const decision = decidePage(spotter, [piece], context);
console.log(JSON.stringify({ ...context, confirmed: undefined }), 'topic:', decision.topic ?? '-', 'general:', decision.generalNames, 'warNames:', decision.warNames);
piece.judged.forEach((judged, k) => {
  const d = decision.decisions[0]?.[k];
  const cands = judged.candidates.map((c) => `${c.entity.id}(b${c.base} l${c.score.local} s${c.score.score} sl${c.score.strongLocal}${c.score.strongSupport ? ' S+' : ''}${c.score.strongAgainst ? ' S-' : ''}${c.score.against ? ' a' : ''})`).join(' ');
  console.log(`${text.slice(judged.start, judged.end).padEnd(22)} → ${(d?.entity ?? '—').padEnd(18)} ${d?.rule}   ${cands}`);
});
