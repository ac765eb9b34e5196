import { describe, expect, it } from 'vitest';
import { TextRunReader, locate, readTextRuns, rescanRootOf } from '../../entrypoints/content/page-text';

function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

describe('reading the page as text runs', () => {
  it('joins inline elements into one run so a name can cross them', () => {
    const runs = readTextRuns(body('<p>General <b>Sergei</b> Surovikin <a href="#">said</a>.</p><p>Next</p>'));
    expect(runs.map((run) => run.text)).toEqual(['General Sergei Surovikin said.', 'Next']);
    expect(runs[0]?.nodes).toHaveLength(5);
  });

  it('breaks runs at block elements and <br>', () => {
    const runs = readTextRuns(body('<div>Kyiv<br>Kharkiv<div>Odesa</div>Lviv</div>'));
    expect(runs.map((run) => run.text)).toEqual(['Kyiv', 'Kharkiv', 'Odesa', 'Lviv']);
  });

  it('skips scripts, styles, forms, editable content, SVG, code and hidden elements', () => {
    const runs = readTextRuns(body(`
      <p>Visible Kyiv</p>
      <script>var Kyiv = "Putin";</script>
      <style>.Putin { color: red }</style>
      <noscript>Putin</noscript>
      <textarea>Putin</textarea>
      <input value="Putin">
      <div contenteditable="true">Putin in an editor</div>
      <svg><text>Putin</text></svg>
      <div hidden>Putin hidden</div>
      <div data-backstory-ui>Putin in our card</div>
      <template><p>Putin</p></template>
      <pre>Putin</pre>
    `));
    expect(runs.map((run) => run.text.trim())).toEqual(['Visible Kyiv']);
  });

  it('reads a huge subtree across several calls when told to stop', () => {
    const paragraphs = Array.from({ length: 500 }, (_, index) => `<p>Paragraph ${index} about Kherson</p>`).join('');
    const reader = new TextRunReader(body(paragraphs));
    let calls = 0;
    const texts: string[] = [];
    while (!reader.done) {
      calls++;
      let budget = 2; // shouldStop is asked every 16 nodes
      texts.push(...reader.read(() => --budget <= 0).map((run) => run.text));
    }
    expect(calls).toBeGreaterThan(1);
    expect(texts).toHaveLength(500);
    expect(texts[499]).toBe('Paragraph 499 about Kherson');
  });

  it('maps run offsets back to text nodes', () => {
    const [run] = readTextRuns(body('<p>General <b>Sergei</b> Surovikin</p>'));
    expect(run).toBeDefined();
    const start = run!.text.indexOf('Sergei');
    expect(locate(run!, start)).toEqual({ node: run!.nodes[1], offset: 0 });
    // An end offset at a node boundary belongs to the node before it.
    expect(locate(run!, start + 'Sergei'.length, true)).toEqual({ node: run!.nodes[1], offset: 6 });
    expect(locate(run!, run!.text.length, true)).toEqual({ node: run!.nodes[2], offset: ' Surovikin'.length });
  });

  it('re-reads the block around a changed inline node', () => {
    body('<p id="p">A <b id="b">bold</b> word</p>');
    const bold = document.getElementById('b')!;
    expect(rescanRootOf(bold.firstChild!)).toBe(document.getElementById('p'));
    expect(rescanRootOf(document.getElementById('p')!)).toBe(document.getElementById('p'));
  });
});
