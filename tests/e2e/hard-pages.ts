/**
 * Generated pages that are hard on a content script (used by the reliability tests and by
 * `npm run bench -- hard-pages`): very long text, very many nodes, very many mentions, frames. Each
 * page runs a counter on a timer, so a test can tell whether the page kept getting turns (the
 * content script yields) while Backstory scanned it.
 */

const NAMES = ['Kyiv', 'Kharkiv', 'Zelensky', 'NATO', 'Kherson', 'Putin', 'Odesa', 'Bakhmut', 'Crimea', 'Lviv'];
const FILLER = 'The committee met again on Tuesday to discuss the budget, the weather and the state of the roads in the region. ';

const COUNTER = `<script>
  window.__ticks = 0;
  setInterval(() => { window.__ticks++; }, 5);
</script>`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${COUNTER}</head><body>${body}</body></html>`;
}

/** About `megabytes` MB of article text in paragraphs, one mention every ~20 paragraphs. */
export function longTextPage(megabytes = 5): string {
  const paragraphs: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1_000_000; i++) {
    const text = i % 20 === 0 ? `${FILLER.repeat(3)}Officials in ${NAMES[i % NAMES.length]} said so.` : FILLER.repeat(4);
    paragraphs.push(`<p>${text}</p>`);
    size += text.length;
  }
  return page('A very long page', `<article>${paragraphs.join('\n')}</article>`);
}

/** `count` small elements (nested spans in list items), a few with mentions. */
export function manyNodesPage(count = 100_000): string {
  const items: string[] = [];
  for (let i = 0; i < count / 4; i++) {
    items.push(`<li><span>Item ${i}</span> <b>${i % 500 === 0 ? NAMES[i % NAMES.length] : 'plain'}</b> <i>text</i></li>`);
  }
  return page('A page with 100,000 nodes', `<ul>${items.join('')}</ul>`);
}

/** `count` mentions in running text. */
export function manyMentionsPage(count = 10_000): string {
  const sentences: string[] = [];
  for (let i = 0; i < count; i += 5) {
    sentences.push(`<p>${NAMES.slice(0, 5).map((name, k) => `${name} ${k === 4 ? '.' : 'and'}`).join(' ')}</p>`);
  }
  return page('A page with 10,000 mentions', sentences.join('\n'));
}

/** A page with a same-origin frame and a frame from a data: URL, both mentioning names. */
export function framesPage(frameUrl: string): string {
  return page(
    'A page with frames',
    `<p>Top document: Zelensky in Kyiv.</p>
     <iframe src="${frameUrl}" width="400" height="200"></iframe>
     <iframe srcdoc="<p>Srcdoc frame: Putin in Moscow.</p>" width="400" height="200"></iframe>`,
  );
}

export const FRAME_CONTENT = '<!doctype html><title>Frame</title><body><p>Inside a frame: Kharkiv and NATO.</p></body>';
