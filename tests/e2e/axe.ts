/**
 * Automated accessibility checks for the end-to-end tests: axe-core's own source is evaluated in
 * the page's main world (through the DevTools protocol, so a page's Content-Security-Policy does not
 * stop it) and run with the WCAG 2.0 and 2.1 A and AA rules plus axe's best practices. Violations
 * come back as text that says what is wrong and where: the rule, its impact, the node's selector and
 * HTML, and axe's summary of how to fix it.
 *
 * The hover card is the one part axe cannot reach by itself: it lives in a closed shadow root, and
 * axe walks shadow trees through `element.shadowRoot`, which is null for a closed root.
 * `runAxeOnCard` gets that root through the DevTools protocol (as `CardInspector` does) and, in the
 * page's main world, gives the host element an own `shadowRoot` property returning it while axe
 * runs, then removes it. Axe then checks the card in place: the very nodes the reader sees, styled
 * by the card's adopted stylesheet and theme, at its position over the page (the colour-contrast
 * rule looks at what lies beneath each text). Nothing is copied or re-rendered, and the page's own
 * content is outside the checked context: its faults are not Backstory's.
 *
 * Where axe cannot decide a text's colour contrast, `decideContrast` decides it the way a reader
 * would see it, or the check fails: contrast is never left unchecked.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, ElementContext, NodeResult, Result, RunOptions } from 'axe-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** The card's host element (entrypoints/content/card-host.ts). */
const CARD_TAG = 'backstory-card';

/** WCAG 2.0 and 2.1, levels A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] as const;

export interface AxeCheck {
  /** What was checked, for the failure message ("popup, dark"). */
  label: string;
  violations: Result[];
  /** Rules that found something they could not decide (axe's "needs review"). */
  incomplete: Result[];
  /**
   * Rule id → the selector (JSON) of one node that passed it, to show what a rule looked at (only
   * violations and undecided results are reported in full).
   */
  passed: Record<string, string>;
}

/** One node of a result, as a few readable lines. */
function describeNode(node: NodeResult): string {
  const target = node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : String(part))).join(' | ');
  const summary = (node.failureSummary ?? [...node.any, ...node.all, ...node.none].map((check) => check.message).join('; '))
    .split('\n').map((line) => line.trim()).filter(Boolean).join(' / ');
  return `    at ${target}\n      ${node.html.replace(/\s+/gu, ' ').slice(0, 300)}\n      ${summary}`;
}

/** Results as readable text: one block per rule, one entry per node. */
export function describeResults(results: readonly Result[]): string {
  return results
    .map((result) => `  [${result.impact ?? 'no impact'}] ${result.id}: ${result.help} (${result.helpUrl.replace(/\?.*$/u, '')})\n${result.nodes.map(describeNode).join('\n')}`)
    .join('\n');
}

async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object')) return;
  await page.evaluate(AXE_SOURCE);
}

interface RawResults {
  violations: Result[];
  incomplete: Result[];
  passes: { id: string; target: string }[];
}

/** One axe run in the page; `scrollTo`, when given, is scrolled into view first (see `decideContrast`). */
async function axeRun(page: Page, context: unknown, options: RunOptions, scrollTo?: unknown): Promise<RawResults> {
  return page.evaluate(
    async ({ context: scope, options: runOptions, scrollTo: target }) => {
      type Axe = { run(context: unknown, options: unknown): Promise<AxeResults>; utils: { shadowSelect(selector: unknown): Element | null } };
      const axe = (window as unknown as { axe: Axe }).axe;
      if (target) axe.utils.shadowSelect(target)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const found = await axe.run(scope ?? document, runOptions);
      // Passed rules come with one example node each (resultTypes): keep its selector.
      return {
        violations: found.violations,
        incomplete: found.incomplete,
        passes: found.passes.map((rule) => ({ id: rule.id, target: JSON.stringify(rule.nodes[0]?.target ?? null) })),
      };
    },
    { context: context ?? null, options, scrollTo: scrollTo ?? null },
  );
}

/**
 * The contrast of an SVG <text>, which axe leaves undecided (to axe an <svg> is an image, and the
 * text is inside it): its fill over the backgrounds of its ancestors, composited with axe's own
 * colour functions and held to axe's thresholds. Only when no painted shape of the same SVG
 * overlaps the text (else `overlap` says which); undefined for any other element.
 */
async function svgTextContrast(page: Page, target: unknown): Promise<{ ratio: number; expected: number; fg: string; bg: string } | { overlap: string } | undefined> {
  return page.evaluate((selector) => {
    type Color = { alpha: number; parseString(value: string): Color; toHexString(): string };
    type AxeColor = {
      Color: new (red?: number, green?: number, blue?: number, alpha?: number) => Color;
      getOwnBackgroundColor(style: CSSStyleDeclaration): Color;
      flattenColors(source: Color, backdrop: Color): Color;
      hasValidContrastRatio(bg: Color, fg: Color, fontSize: number, bold: boolean): { contrastRatio: number; expectedContrastRatio: number };
    };
    const axe = (window as unknown as { axe: { utils: { shadowSelect(selector: unknown): Element | null }; commons: { color: AxeColor } } }).axe;
    const text = axe.utils.shadowSelect(selector);
    if (!(text instanceof SVGTextElement) || !text.ownerSVGElement) return undefined;
    const colour = axe.commons.color;
    const parse = (value: string) => new colour.Color().parseString(value);
    const box = text.getBoundingClientRect();
    for (const shape of text.ownerSVGElement.querySelectorAll<SVGGraphicsElement>('rect, circle, ellipse, line, path, polygon, polyline, text, image, use')) {
      if (shape === text) continue;
      const style = getComputedStyle(shape);
      const painted = style.visibility !== 'hidden' && style.display !== 'none' && Number(style.opacity) > 0 &&
        ((style.fill !== 'none' && parse(style.fill).alpha * Number(style.fillOpacity) > 0) ||
          (style.stroke !== 'none' && Number.parseFloat(style.strokeWidth) > 0 && parse(style.stroke).alpha > 0) || shape.localName === 'image');
      const other = shape.getBoundingClientRect();
      const overlaps = other.left < box.right && box.left < other.right && other.top < box.bottom && box.top < other.bottom;
      if (painted && overlaps) return { overlap: shape.outerHTML.slice(0, 120) };
    }
    const style = getComputedStyle(text);
    const fill = parse(style.fill);
    fill.alpha *= Number(style.fillOpacity) * Number(style.opacity);
    const layers: Color[] = [];
    for (let element: Element | null = text.parentElement; element; element = element.parentElement) {
      const layer = colour.getOwnBackgroundColor(getComputedStyle(element));
      layers.push(layer);
      if (layer.alpha === 1) break;
    }
    let bg = new colour.Color(255, 255, 255, 1);
    for (const layer of layers.reverse()) bg = colour.flattenColors(layer, bg);
    const fg = colour.flattenColors(fill, bg);
    const { contrastRatio, expectedContrastRatio } = colour.hasValidContrastRatio(bg, fg, Number.parseFloat(style.fontSize), Number(style.fontWeight) >= 700);
    return { ratio: contrastRatio, expected: expectedContrastRatio, fg: fg.toHexString(), bg: bg.toHexString() };
  }, target as string);
}

/**
 * Turn axe's undecided colour-contrast findings into decisions where that can be done faithfully:
 * - text inside a scrolling box (the popup's body, the card's excerpts) but scrolled out of its
 *   view is "obscured" for axe: each undecided text is scrolled into view and checked again, as a
 *   reader would see it;
 * - a single character (the close button's ×) is "too short" for axe to call it text, but axe still
 *   measured its colours: the ratio it measured is held to the same threshold;
 * - SVG text (the timeline's years) is measured by `svgTextContrast`.
 * What stays undecided is returned as undecided.
 */
async function decideContrast(page: Page, undecided: Result | undefined, violations: Result[], passed: Record<string, string>): Promise<Result[]> {
  if (!undecided) return [];
  const contrastOnly: RunOptions = { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations', 'incomplete'] };
  const failed: NodeResult[] = [];
  const open: NodeResult[] = [];
  const pass = (node: NodeResult) => {
    passed['color-contrast'] ??= JSON.stringify(node.target);
  };
  const key = (node: NodeResult) => JSON.stringify(node.target);
  let queue = undecided.nodes;
  while (queue.length > 0) {
    const scrolled: NodeResult[] = [];
    for (const node of queue) {
      const data = node.any[0]?.data as { messageKey?: string; contrastRatio?: number; expectedContrastRatio?: string } | undefined;
      if (data?.messageKey === 'shortTextContent' && (data.contrastRatio ?? 0) > 0) {
        if (data.contrastRatio! >= Number.parseFloat(data.expectedContrastRatio ?? '4.5')) pass(node);
        else failed.push({ ...node, failureSummary: `Single-character text with a contrast of ${data.contrastRatio} (expected ${data.expectedContrastRatio})` });
        continue;
      }
      const svg = await svgTextContrast(page, node.target[0]);
      if (!svg) {
        scrolled.push(node);
      } else if ('overlap' in svg) {
        open.push({ ...node, failureSummary: `SVG text overlapped by ${svg.overlap}` });
      } else if (svg.ratio >= svg.expected) {
        pass(node);
      } else {
        failed.push({ ...node, failureSummary: `SVG text with a contrast of ${svg.ratio.toFixed(2)} (fill ${svg.fg} over ${svg.bg}; expected ${svg.expected}:1)` });
      }
    }
    const first = scrolled[0];
    if (!first) break;
    // Scroll the first into view and check all of them again: it, at least, is decided now.
    const again = await axeRun(page, { include: scrolled.map((node) => node.target) }, contrastOnly, first.target[0]);
    const passedAgain = again.passes.find((rule) => rule.id === 'color-contrast');
    if (passedAgain) passed['color-contrast'] ??= passedAgain.target;
    failed.push(...(again.violations[0]?.nodes ?? []));
    queue = again.incomplete[0]?.nodes ?? [];
    const firstAgain = queue.find((node) => key(node) === key(first));
    if (firstAgain) {
      open.push(firstAgain);
      queue = queue.filter((node) => node !== firstAgain);
    }
  }
  if (failed.length > 0) {
    const existing = violations.find((result) => result.id === 'color-contrast');
    if (existing) existing.nodes.push(...failed);
    else violations.push({ ...undecided, nodes: failed });
  }
  return open.length > 0 ? [{ ...undecided, nodes: open }] : [];
}

/** Run axe on `page` (or the part of it `context` names) and return its findings. */
export async function runAxe(page: Page, label: string, context?: ElementContext): Promise<AxeCheck> {
  await injectAxe(page);
  const results = await axeRun(page, context, { runOnly: { type: 'tag', values: [...AXE_TAGS] }, resultTypes: ['violations', 'incomplete'] });
  const passed: Record<string, string> = {};
  for (const rule of results.passes) passed[rule.id] = rule.target;
  const violations = results.violations;
  const undecidedContrast = await decideContrast(page, results.incomplete.find((result) => result.id === 'color-contrast'), violations, passed);
  const incomplete = [...results.incomplete.filter((result) => result.id !== 'color-contrast'), ...undecidedContrast];
  return { label, violations, incomplete, passed };
}

/**
 * Findings axe asks a person to review, reviewed: each names the rule, the element (by its HTML)
 * and why it is right as it is. Any other finding to review fails the check.
 */
const REVIEWED: { rule: string; html: RegExp; why: string }[] = [
  {
    rule: 'label-content-name-mismatch',
    html: /^<button type="button" class="bs-close" aria-label="Close" title="Close \(Esc\)">×<\/button>$/u,
    why: 'the card\'s close button shows "×", a symbol rather than a word, so axe cannot tell whether the name "Close" contains it; "Close" is what the symbol means',
  },
];

/**
 * Throw with every problem spelled out: a violation, text whose colour contrast could not be
 * decided (then it was not checked at all), or another finding to review that is not in REVIEWED.
 */
export function assertAccessible(check: AxeCheck): void {
  const toReview = check.incomplete
    .map((result) => ({
      ...result,
      nodes: result.nodes.filter((node) => !REVIEWED.some((reviewed) => reviewed.rule === result.id && reviewed.html.test(node.html))),
    }))
    .filter((result) => result.nodes.length > 0);
  const problems: string[] = [];
  if (check.violations.length > 0) problems.push(`${check.violations.length} rule(s) violated:\n${describeResults(check.violations)}`);
  if (toReview.length > 0) problems.push(`not decided (colour contrast), or to review:\n${describeResults(toReview)}`);
  if (!check.passed['color-contrast']) problems.push('colour contrast was not checked on any text');
  if (problems.length > 0) throw new Error(`Accessibility of ${check.label}:\n${problems.join('\n')}`);
}

/**
 * Check the open hover card (see the module comment): expose its closed shadow root to axe for
 * the duration of the run, check only the card, then close the root again.
 *
 * One more step is needed: the card's host is a child of <html>, after <body> (card-host.ts), and
 * axe's colour-contrast rule only sees what is inside <body> (it maps what lies where starting from
 * document.body), so it would leave every text of the card undecided. For the run, the host is
 * moved to the end of <body> and then put back. It is fixed over the viewport with `all: initial`,
 * so this changes nothing the reader sees; the move is checked: every element of the card must have
 * the same box and the same colours in both places, or the check fails.
 */
export async function runAxeOnCard(page: Page, label: string): Promise<AxeCheck> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    type CdpNode = { nodeName: string; children?: CdpNode[]; shadowRoots?: CdpNode[]; backendNodeId: number };
    const stack: CdpNode[] = [root as CdpNode];
    let shadowBackendId: number | undefined;
    while (stack.length && shadowBackendId === undefined) {
      const node = stack.pop()!;
      if (node.nodeName === CARD_TAG.toUpperCase() && node.shadowRoots?.[0]) shadowBackendId = node.shadowRoots[0].backendNodeId;
      stack.push(...(node.children ?? []), ...(node.shadowRoots ?? []));
    }
    if (shadowBackendId === undefined) throw new Error(`No open card to check (${label})`);
    // Resolved without an execution context: the page's main world, where axe runs.
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadowBackendId });
    const call = async (functionDeclaration: string) => {
      const result = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId!, functionDeclaration, returnByValue: true });
      if (result.exceptionDetails) throw new Error(`${label}: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
      return result.result.value as string;
    };
    const problem = await call(`function () {
      const shadow = this;
      const host = shadow.host;
      const look = () => JSON.stringify([...shadow.querySelectorAll('*')].map((element) => {
        const box = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        return [element.tagName, box.x, box.y, box.width, box.height, style.color, style.backgroundColor, style.fontSize, style.visibility];
      }));
      const before = look();
      window.__backstoryCardHome = { parent: host.parentNode, next: host.nextSibling };
      document.body.append(host);
      Object.defineProperty(host, 'shadowRoot', { configurable: true, get: () => shadow });
      const after = look();
      if (after !== before) return 'moving the card into <body> changed how it looks: ' + before.slice(0, 300) + ' became ' + after.slice(0, 300);
      return host.shadowRoot === shadow && document.body.contains(host) ? '' : 'could not expose the card to axe';
    }`);
    try {
      if (problem) throw new Error(`${label}: ${problem}`);
      return await runAxe(page, label, { include: [[CARD_TAG]] } as ElementContext);
    } finally {
      const restored = await call(`function () {
        const host = this.host;
        delete host.shadowRoot;
        const home = window.__backstoryCardHome;
        delete window.__backstoryCardHome;
        if (home) home.parent.insertBefore(host, home.next && home.next.parentNode === home.parent ? home.next : null);
        return host.shadowRoot === null && host.parentNode === (home ? home.parent : host.parentNode) ? 'ok' : 'not restored';
      }`);
      if (restored !== 'ok') throw new Error(`${label}: the card was not put back as it was`);
    }
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
