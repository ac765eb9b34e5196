/**
 * The compact form in which the content script ships its spotter: every trie of core/spotter.ts,
 * the alias records and the little the page needs of each entity, compiled by the background and
 * kept in storage for content scripts (lib/bundled-spotter.ts), decoded one first letter at a time
 * as a page needs it.
 *
 * Why not the typed arrays themselves (the previous format, base64): the content script is loaded
 * into every page, so its size is paid in every tab: bytes to read and parse, and a heap copy of
 * every string literal. The arrays of the ~11,000-node trie take 166 KB as base64 and gzip badly
 * (46 KB). Almost all of their content is implied by the shape of the trie; written as a tree, a
 * trie of stems reads like the stems themselves, which gzip compresses like text.
 *
 * The code: printable ASCII without `"` and `\` (93 symbols, so it sits in a JS string literal
 * with nothing escaped and stays a one-byte string in the engine). A trie is written in preorder
 * from its root (the state after the bucket's first letter):
 *
 *   node  := LABEL node                                  one child, no link: the child's label, then the child
 *          | HEADER num(children · 8 + links) link* (LABEL node)*
 *   link  := num(0) num(key · 2 + prefix)                a context word (WAR_WORDS) ends here
 *          | num(1 + 2 · endingSet) num(alias)           an alias's form ends here, after one of the endings
 *          | num(2 + 2 · endingSet) node                 the next token of an alias follows one of the endings
 *
 * LABEL is the index of the folded code unit in the snapshot's alphabet (symbols 0 … L−1), HEADER
 * the symbol L. `num` is a little-endian number in base 46: symbols 0–45 are a last digit, 46–91 a
 * digit with more to come. Children come in ascending label order and links in the order the
 * compiler made them, so the decoded arrays walk exactly like the compiled ones; nodes are numbered
 * in the order they are read, and each node's edges and links are reserved when its header is
 * read, which keeps both tables in node order (the CSR layout the walk reads).
 *
 * The alias records are seven symbols each (entity in two; case rule, confidence and language as
 * indexes into small tables; the `name` rule's anchor, token and letter); the few `exact` aliases'
 * upper/lower signatures are a table of their own. One width for all means a record is read
 * without reading the others: a page reads only the records of the aliases it matches.
 */
import type { CaseRule, Cues, Entity } from './gazetteer';

export const AUTOMATON_FORMAT = 2;

/** What the content script keeps of an entity: enough to resolve mentions and name them. */
export type SpotterEntity = Pick<Entity, 'id' | 'name' | 'kind'> & { scope?: 'general'; cues?: Cues };

/** One alias of one entity, as compiled (an `exact` alias: one record per form). */
export interface AliasRecord {
  entity: number;
  caseRule: CaseRule;
  confidence: number;
  lang: string | undefined;
  /**
   * `name` rule: where the letter that must be upper case is: the token (space-separated word)
   * and the letter within it. (0, 0) is the first letter; "von der Leyen" has (2, 0).
   */
  anchorToken: number;
  anchorLetter: number;
  /** `exact` rule: upper/lower pattern of the form's letters ("U" / "l" per letter); else "". */
  signature: string;
}

/** One frozen trie as the walk reads it (see `Bucket` in core/spotter.ts). */
export interface FrozenTrie {
  edgeStart: Int32Array;
  edgeLabel: Uint16Array;
  edgeTarget: Int32Array;
  linkStart: Int32Array;
  linkEndings: Int32Array;
  linkNext: Int32Array;
  linkAlias: Int32Array;
  linkContext: Int32Array;
  linkPrefix: Uint8Array;
}

/** A trie in the compact code, with the counts its decoder allocates for. */
export type EncodedTrie = [forms: number, nodes: number, edges: number, links: number, code: string];

export interface SpotterSnapshot {
  format: number;
  entities: SpotterEntity[];
  /** The folded code units that label edges, ascending: a label is written as its index here. */
  alphabet: number[];
  endingSets: string[][];
  confidences: number[];
  langs: (string | null)[];
  /** The alias records in the compact code, seven symbols each. */
  aliases: string;
  /** The `exact` rule's upper/lower signature ("UUl"…) of the records that have one, by index. */
  signatures: Record<number, string>;
  /** Triples: folded first code unit, bucket index, 1 when a form may start in lower case. */
  roots: number[];
  buckets: EncodedTrie[];
}

// ───────────────────────────── symbols and numbers ─────────────────────────────

const SYMBOL_COUNT = 93;
const DIGITS = 46;
const CASE_RULES: readonly CaseRule[] = ['name', 'acronym', 'exact', 'any'];

/** Symbol index → character: printable ASCII without `"` (0x22) and `\` (0x5c). */
function symbolChar(symbol: number): string {
  const code = 0x20 + symbol + (symbol >= 2 ? 1 : 0) + (symbol >= 0x3b ? 1 : 0);
  return String.fromCharCode(code);
}

/** Character code → symbol index (-1: not a symbol). */
const SYMBOL_OF = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1);
  for (let symbol = 0; symbol < SYMBOL_COUNT; symbol++) table[symbolChar(symbol).charCodeAt(0)] = symbol;
  return table;
})();

class Writer {
  private readonly parts: string[] = [];

  symbol(symbol: number): void {
    if (!(symbol >= 0 && symbol < SYMBOL_COUNT)) throw new Error(`Spotter automaton: no symbol ${symbol}`);
    this.parts.push(symbolChar(symbol));
  }

  num(value: number): void {
    if (!Number.isInteger(value) || value < 0) throw new Error(`Spotter automaton: cannot write ${value}`);
    let rest = value;
    while (rest >= DIGITS) {
      this.parts.push(symbolChar(DIGITS + (rest % DIGITS)));
      rest = Math.floor(rest / DIGITS);
    }
    this.parts.push(symbolChar(rest));
  }

  toString(): string {
    return this.parts.join('');
  }
}

class Reader {
  position = 0;

  constructor(private readonly code: string) {}

  get done(): boolean {
    return this.position >= this.code.length;
  }

  symbol(): number {
    const symbol = this.code.charCodeAt(this.position++);
    const value = symbol < 128 ? SYMBOL_OF[symbol] as number : -1;
    if (value < 0) throw new Error('Spotter automaton: damaged code');
    return value;
  }

  num(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const digit = this.symbol();
      if (digit < DIGITS) return value + digit * scale;
      value += (digit - DIGITS) * scale;
      scale *= DIGITS;
    }
  }
}

// ───────────────────────────── tries ─────────────────────────────

/** The index of each label of the given tries in the ascending alphabet of all of them. */
export function trieAlphabet(tries: readonly FrozenTrie[]): number[] {
  const labels = new Set<number>();
  for (const trie of tries) for (const label of trie.edgeLabel) labels.add(label);
  const alphabet = [...labels].sort((a, b) => a - b);
  // One symbol is the header, and labels must not collide with it.
  if (alphabet.length >= SYMBOL_COUNT - 1) throw new Error(`Spotter automaton: ${alphabet.length} distinct labels, at most ${SYMBOL_COUNT - 2}`);
  return alphabet;
}

/** Write one frozen trie in the compact code (see the top of this file). */
export function encodeTrie(trie: FrozenTrie, alphabet: readonly number[]): string {
  const labelSymbol = new Map(alphabet.map((label, index) => [label, index]));
  const header = alphabet.length;
  const out = new Writer();
  const node = (start: number): void => {
    let current = start;
    for (;;) {
      const firstEdge = trie.edgeStart[current] as number;
      const edges = (trie.edgeStart[current + 1] as number) - firstEdge;
      const firstLink = trie.linkStart[current] as number;
      const links = (trie.linkStart[current + 1] as number) - firstLink;
      if (edges === 1 && links === 0) {
        out.symbol(labelSymbol.get(trie.edgeLabel[firstEdge] as number) as number);
        current = trie.edgeTarget[firstEdge] as number;
        continue;
      }
      if (links >= 8) throw new Error('Spotter automaton: more than 7 links on one node');
      out.symbol(header);
      out.num(edges * 8 + links);
      for (let link = firstLink; link < firstLink + links; link++) {
        const context = trie.linkContext[link] as number;
        const next = trie.linkNext[link] as number;
        const alias = trie.linkAlias[link] as number;
        const endings = trie.linkEndings[link] as number;
        if (context >= 0) {
          if (next >= 0 || alias >= 0 || endings !== 0) throw new Error('Spotter automaton: a context link with endings or a next token');
          out.num(0);
          out.num(context * 2 + (trie.linkPrefix[link] as number));
        } else if (next >= 0) {
          if (alias >= 0) throw new Error('Spotter automaton: a link that both ends an alias and continues it');
          out.num(2 + 2 * endings);
          node(next);
        } else {
          out.num(1 + 2 * endings);
          out.num(alias);
        }
      }
      for (let edge = firstEdge; edge < firstEdge + edges; edge++) {
        out.symbol(labelSymbol.get(trie.edgeLabel[edge] as number) as number);
        node(trie.edgeTarget[edge] as number);
      }
      return;
    }
  };
  node(0);
  return out.toString();
}

/** Read one trie back into the arrays the walk reads; nodes are numbered in reading order. */
export function decodeTrie(encoded: EncodedTrie, alphabet: readonly number[]): FrozenTrie {
  const [, nodes, edges, links, code] = encoded;
  // One buffer for the nine arrays (each array of its own costs the tab an object more).
  const int32s = 2 * (nodes + 1) + edges + 4 * links;
  const buffer = new ArrayBuffer(int32s * 4 + edges * 2 + links);
  let offset = 0;
  const ints = (length: number) => {
    const array = new Int32Array(buffer, offset, length);
    offset += length * 4;
    return array;
  };
  const trie: FrozenTrie = {
    edgeStart: ints(nodes + 1),
    edgeTarget: ints(edges),
    linkStart: ints(nodes + 1),
    linkEndings: ints(links),
    linkNext: ints(links),
    linkAlias: ints(links),
    linkContext: ints(links),
    edgeLabel: new Uint16Array(buffer, int32s * 4, edges),
    linkPrefix: new Uint8Array(buffer, int32s * 4 + edges * 2, links),
  };
  // One pass, no recursion and no call per character: a page decodes a dozen tries of a few
  // thousand characters each in code that has not run yet. `stack` holds, for each node whose
  // header was read and whose links or children are still to come, four numbers: next link,
  // last link, next edge, last edge.
  const { edgeStart, edgeLabel, edgeTarget, linkStart, linkEndings, linkNext, linkAlias, linkContext, linkPrefix } = trie;
  const header = alphabet.length;
  const length = code.length;
  const stack = new Int32Array(4 * (nodes + 1));
  let depth = 0;
  let position = 0;
  let nextNode = 0;
  let nextEdge = 0;
  let nextLink = 0;
  let current = 0;
  let entering = true;
  const damaged = () => new Error('Spotter automaton: damaged code');
  const symbol = (): number => {
    const code16 = position < length ? code.charCodeAt(position++) : 128;
    const value = code16 < 128 ? SYMBOL_OF[code16] as number : -1;
    if (value < 0) throw damaged();
    return value;
  };
  const num = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const digit = symbol();
      if (digit < DIGITS) return value + digit * scale;
      value += (digit - DIGITS) * scale;
      scale *= DIGITS;
    }
  };
  for (;;) {
    if (entering) {
      if (current >= nodes) throw new Error('Spotter automaton: more nodes than announced');
      edgeStart[current] = nextEdge;
      linkStart[current] = nextLink;
      const code16 = position < length ? code.charCodeAt(position++) : 128;
      const value = code16 < 128 ? SYMBOL_OF[code16] as number : -1;
      if (value < 0) throw damaged();
      if (value < header) {
        // One child, no link: the child's label, then the child.
        edgeLabel[nextEdge] = alphabet[value] as number;
        edgeTarget[nextEdge++] = current = ++nextNode;
        continue;
      }
      if (value !== header) throw damaged();
      const counts = num();
      const frame = 4 * depth++;
      stack[frame] = nextLink;
      stack[frame + 1] = nextLink += counts & 7;
      stack[frame + 2] = nextEdge;
      stack[frame + 3] = nextEdge += counts >> 3;
      entering = false;
      continue;
    }
    if (depth === 0) break;
    const frame = 4 * (depth - 1);
    const link = stack[frame] as number;
    if (link < (stack[frame + 1] as number)) {
      stack[frame] = link + 1;
      const kind = num();
      linkNext[link] = -1;
      linkAlias[link] = -1;
      linkContext[link] = -1;
      if (kind === 0) {
        const value = num();
        linkContext[link] = value >> 1;
        linkPrefix[link] = value & 1;
      } else {
        linkEndings[link] = (kind - 1) >> 1;
        if (kind & 1) {
          linkAlias[link] = num();
        } else {
          // The next token of an alias: the continuation node follows.
          linkNext[link] = current = ++nextNode;
          entering = true;
        }
      }
      continue;
    }
    const edge = stack[frame + 2] as number;
    if (edge < (stack[frame + 3] as number)) {
      stack[frame + 2] = edge + 1;
      const value = symbol();
      if (value >= header) throw damaged();
      edgeLabel[edge] = alphabet[value] as number;
      edgeTarget[edge] = current = ++nextNode;
      entering = true;
      continue;
    }
    depth--;
  }
  if (nextNode + 1 !== nodes || nextEdge !== edges || nextLink !== links || position !== length) {
    throw new Error('Spotter automaton: the code does not match its counts');
  }
  trie.edgeStart[nodes] = edges;
  trie.linkStart[nodes] = links;
  return trie;
}

// ───────────────────────────── alias records ─────────────────────────────

/** Symbols per alias record: entity (two), case rule, confidence, language, anchor token and letter. */
const ALIAS_WIDTH = 7;

export type AliasTables = Pick<SpotterSnapshot, 'aliases' | 'confidences' | 'langs' | 'signatures'>;

/** Write the alias records, filling the tables their fields index. */
export function encodeAliases(aliases: readonly AliasRecord[]): AliasTables {
  const out = new Writer();
  const tables: AliasTables = { aliases: '', confidences: [], langs: [], signatures: {} };
  const indexOf = <T>(table: T[], value: T): number => {
    let index = table.indexOf(value);
    if (index < 0) index = table.push(value) - 1;
    return index;
  };
  aliases.forEach((alias, index) => {
    if (alias.entity >= SYMBOL_COUNT * SYMBOL_COUNT) throw new Error('Spotter automaton: too many entities for an alias record');
    out.symbol(Math.floor(alias.entity / SYMBOL_COUNT));
    out.symbol(alias.entity % SYMBOL_COUNT);
    out.symbol(CASE_RULES.indexOf(alias.caseRule));
    out.symbol(indexOf(tables.confidences, alias.confidence));
    out.symbol(indexOf(tables.langs, alias.lang ?? null));
    out.symbol(alias.anchorToken);
    out.symbol(alias.anchorLetter);
    if (alias.signature) tables.signatures[index] = alias.signature;
  });
  tables.aliases = out.toString();
  return tables;
}

/** The number of alias records. */
export function aliasCount(tables: AliasTables): number {
  if (tables.aliases.length % ALIAS_WIDTH !== 0) throw new Error('Spotter automaton: damaged alias records');
  return tables.aliases.length / ALIAS_WIDTH;
}

/** Alias record `index` (records have one width: nothing is read but the record). */
export function decodeAlias(tables: AliasTables, index: number): AliasRecord {
  const input = new Reader(tables.aliases);
  input.position = index * ALIAS_WIDTH;
  const entity = input.symbol() * SYMBOL_COUNT + input.symbol();
  const caseRule = CASE_RULES[input.symbol()];
  const confidence = tables.confidences[input.symbol()];
  const lang = tables.langs[input.symbol()];
  if (caseRule === undefined || confidence === undefined || lang === undefined || index >= aliasCount(tables)) {
    throw new Error('Spotter automaton: damaged alias records');
  }
  return { entity, caseRule, confidence, lang: lang ?? undefined, anchorToken: input.symbol(), anchorLetter: input.symbol(), signature: tables.signatures[index] ?? '' };
}

/** Every alias record, in order. */
export function decodeAliases(tables: AliasTables): AliasRecord[] {
  return Array.from({ length: aliasCount(tables) }, (_, index) => decodeAlias(tables, index));
}

/** Whether a value looks like a snapshot of this format (the build makes it; a stale one must not be half-read). */
export function isSpotterSnapshot(value: unknown): value is SpotterSnapshot {
  const snapshot = value as Partial<SpotterSnapshot> | null;
  return typeof snapshot === 'object' && snapshot !== null && snapshot.format === AUTOMATON_FORMAT &&
    Array.isArray(snapshot.entities) && Array.isArray(snapshot.alphabet) && Array.isArray(snapshot.endingSets) &&
    typeof snapshot.aliases === 'string' && typeof snapshot.signatures === 'object' && Array.isArray(snapshot.roots) && Array.isArray(snapshot.buckets);
}
