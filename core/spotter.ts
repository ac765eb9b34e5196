/**
 * The spotter: finds mentions of gazetteer entities in text, with exact UTF-16 offsets.
 *
 * Compilation expands every alias pattern into its word forms (gazetteer.ts), folds them
 * (text-fold.ts) and inserts them into one trie, together with the context words of
 * spotter-context.ts (WAR_WORDS). The trie is then frozen into flat typed arrays: a dense table
 * for the root (indexed by folded code unit) and, for every other node, its sorted edge labels and
 * targets. No Map lookups happen while scanning.
 *
 * Scanning (pass 1, `findMatches`) walks the original string once. At every word start whose first
 * letter could begin a form (upper case, or a form that may start in lower case) it follows the
 * trie as far as the text allows, folding one code unit at a time, skipping soft hyphens,
 * zero-width characters and combining marks, and treating any run of white space as one space.
 * The longest form that ends on a word boundary and passes its case rule wins and the scan resumes
 * after it, so overlapping candidates resolve to the longest ("Sergei Surovikin" is one mention)
 * and the scan is linear in the text: each character is visited by the outer loop and by at most
 * one walk, which is never longer than the longest form.
 *
 * Rules checked while walking:
 * - boundaries are Unicode-aware: a letter, digit or mark on either side (looking through
 *   invisible characters) means the form is inside a longer word ("Rasputin", "Kyivstar",
 *   "Херсонес", "Campeonato"). An apostrophe between two Cyrillic letters is inside a word
 *   ("Мар'їнка"); elsewhere it ends one, so "Putin’s" and "l'Ukraine" leave the name alone;
 * - boundaries are judged on the whole string even when only [from, to) is scanned, so a chunk
 *   boundary never creates a word boundary;
 * - case rules (data/README.md): `name` wants an upper-case letter where the form has its first
 *   capital (the first letter, or the L of "von der Leyen"); `acronym` wants an upper-case first
 *   letter and the rest all upper or all lower case (NATO, Nato; not nato, nAto); `exact` wants
 *   the form's own capitals; `any` accepts all.
 *
 * Pass 2 (`resolve`) chooses the sense of each match with its neighbouring words and the page's
 * context (spotter-context.ts) and drops the unconfident ones. Passes are separate so that callers
 * that scan a page piece by piece (the content script) can decide ambiguous mentions with the whole
 * page in view: `findMatches` per piece → `pageContext` over all pieces → `resolve` per piece.
 * `spot` does all three on one text.
 */
import {
  APOSTROPHE,
  CharClass,
  SPACE,
  charClasses,
  classOf,
  foldCodes,
  foldOf,
  foldWithMarks,
  isCyrillic,
  isLetterClass,
  isWordClass,
  skipMarks,
} from './text-fold';
import {
  type CaseRule,
  type Entity,
  type EntityRef,
  type Gazetteer,
  entityRef,
  expandForms,
  normaliseAlias,
  primaryLanguage,
} from './gazetteer';
import {
  type CompiledCues,
  type CueWindow,
  type PageContext,
  AMBIGUOUS_BELOW,
  MIN_CONFIDENCE,
  WAR_WORDS,
  candidateConfidence,
  compileCues,
  cueWindow,
  warScore,
} from './spotter-context';

/** One alias of one entity, as compiled. */
interface AliasRecord {
  entity: number;
  caseRule: CaseRule;
  confidence: number;
  lang: string | undefined;
}

/** One sense a terminal form may have. */
interface TerminalEntry {
  alias: number;
  /** `name` rule: index (among letters) of the letter that must be upper case. */
  anchor: number;
  /** `exact` rule: upper/lower pattern of the form's letters ("U" / "l" per letter). */
  signature: string;
}

/**
 * Pass-1 result: a span whose letters and case fit at least one alias. `terminal` says which
 * aliases the span could be; a negative `terminal` marks a context word (WAR_WORDS), which counts
 * for `pageContext` and never becomes a mention.
 */
export interface Match {
  start: number;
  end: number;
  terminal: number;
}

export interface Mention {
  start: number;
  end: number;
  /** The text as it appears in the input: `input.slice(start, end)`. */
  text: string;
  entity: EntityRef;
  confidence: number;
}

export interface SpotOptions {
  /** Decide ambiguous mentions with this page context instead of the one derived from the text. */
  page?: PageContext;
  /** The text's language ("en", "uk", "ru", "de", "de-AT"…), a hint; never required. */
  lang?: string | null;
  /** Keep mentions at least this confident (default MIN_CONFIDENCE). */
  minConfidence?: number;
}

export function isContextMatch(match: Match): boolean {
  return match.terminal < 0;
}

const NONE = -1;
const NO_CHILD = 0;

export class Spotter {
  readonly entities: readonly Entity[];
  /** Number of distinct folded forms compiled (entity aliases only). */
  readonly formCount: number;
  /** Number of trie nodes. */
  readonly nodeCount: number;

  private readonly refs: EntityRef[];
  private readonly byId = new Map<string, number>();
  private readonly cues: (CompiledCues | undefined)[];
  private readonly aliases: AliasRecord[] = [];
  private readonly terminals: TerminalEntry[][] = [];
  /** Per terminal: the one entity it names with confidence ≥ AMBIGUOUS_BELOW, else -1. */
  private confirming: Int32Array = new Int32Array(0);
  private readonly classes = charClasses();
  private readonly fold = foldCodes();

  // The frozen trie. Node 0 is the root; its children are in `rootChildren` (0 = none).
  private readonly rootChildren = new Int32Array(65536);
  /** 1 when some form starting with this folded unit may start with a lower-case letter. */
  private readonly rootLowerStart = new Uint8Array(65536);
  private edgeStart: Int32Array = new Int32Array(1);
  private edgeLabel: Uint16Array = new Uint16Array(0);
  private edgeTarget: Int32Array = new Int32Array(0);
  /** Entity terminal per node, -1 when no alias form ends there. */
  private terminalOf: Int32Array = new Int32Array(0);
  /** Context-word key per node, -1 when none ends there. */
  private contextOf: Int32Array = new Int32Array(0);
  /** 1 when the context word ending at the node is a prefix (`war*`). */
  private contextPrefix: Uint8Array = new Uint8Array(0);

  // The trie under construction: first-child / next-sibling lists in growable typed arrays.
  private build: TrieBuilder | undefined = new TrieBuilder();

  private readonly pageEntitySets = new WeakMap<PageContext, Set<number>>();

  constructor(gazetteer: Gazetteer) {
    this.entities = gazetteer.entities;
    this.refs = gazetteer.entities.map(entityRef);
    this.cues = gazetteer.entities.map((entity) => {
      try {
        return compileCues(entity.cues);
      } catch (error) {
        throw new Error(`Entity "${entity.id}": ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    const builder = this.build as TrieBuilder;
    let forms = 0;
    gazetteer.entities.forEach((entity, index) => {
      if (this.byId.has(entity.id)) throw new Error(`Duplicate entity id "${entity.id}"`);
      this.byId.set(entity.id, index);
      for (const rawAlias of entity.aliases) {
        const alias = normaliseAlias(rawAlias);
        const aliasIndex = this.aliases.length;
        this.aliases.push({
          entity: index,
          caseRule: alias.case,
          confidence: alias.confidence,
          lang: primaryLanguage(alias.lang),
        });
        let expanded: string[];
        try {
          expanded = expandForms(alias.form, gazetteer.paradigms);
        } catch (error) {
          throw new Error(`Entity "${entity.id}": ${error instanceof Error ? error.message : String(error)}`);
        }
        for (const form of expanded) forms += this.insertForm(builder, form, aliasIndex, entity.id);
      }
    });
    WAR_WORDS.forEach((words, key) => {
      for (const word of words) {
        const prefix = word.endsWith('*');
        const node = this.insertPath(builder, prefix ? word.slice(0, -1) : word, true);
        builder.context[node] = key;
        builder.contextPrefix[node] = prefix ? 1 : 0;
      }
    });
    this.formCount = forms;
    this.nodeCount = builder.size;
    this.freeze(builder);
    this.build = undefined;
  }

  entityById(id: string): Entity | undefined {
    const index = this.byId.get(id);
    return index === undefined ? undefined : this.entities[index];
  }

  /** Pass 1 and 2 on one text: every mention, decided with this text as the page. */
  spot(text: string, options: SpotOptions = {}): Mention[] {
    const matches = this.findMatches(text);
    const lang = primaryLanguage(options.lang);
    let page = options.page ?? this.pageContext([{ text, matches }]);
    if (lang && page.lang !== lang) page = { ...page, lang };
    return this.resolve(text, matches, page, options.minConfidence);
  }

  /**
   * Pass 1: every span of `text` between `from` and `to` whose letters and case fit an alias (plus
   * the context words), leftmost-longest, non-overlapping, in order. Word boundaries at `from` and
   * `to` are judged on the whole text.
   */
  findMatches(text: string, from = 0, to = text.length): Match[] {
    const matches: Match[] = [];
    const classes = this.classes;
    const fold = this.fold;
    const rootChildren = this.rootChildren;
    const rootLowerStart = this.rootLowerStart;
    const limit = Math.min(to, text.length);
    let previousIsWord = from > 0 && this.wordBefore(text, from);
    for (let i = Math.max(0, from); i < limit; i++) {
      const code = text.charCodeAt(i);
      let cls = classes[code] as number;
      if (cls === CharClass.Unknown) cls = classOf(code);
      if (cls === CharClass.Word || cls === CharClass.Upper) {
        if (previousIsWord) continue;
        previousIsWord = true;
        let first = fold[code] as number;
        let next = i + 1;
        if (next < limit && classOf(text.charCodeAt(next)) === CharClass.Mark) {
          first = foldWithMarks(text, i, limit);
          next = skipMarks(text, next, limit);
        }
        const node = rootChildren[first] as number;
        if (node !== NO_CHILD && (cls === CharClass.Upper || rootLowerStart[first] === 1)) {
          const match = this.walk(text, i, next, node, limit);
          if (match) {
            matches.push(match);
            i = match.end - 1;
          }
        }
      } else if (cls === CharClass.Mark) {
        previousIsWord = true;
      } else if (cls !== CharClass.Ignorable) {
        // An apostrophe between Cyrillic letters is part of the word (Ukrainian "Мар'їнка").
        if (!(previousIsWord && fold[code] === APOSTROPHE && this.cyrillicApostrophe(text, i))) previousIsWord = false;
      }
    }
    return matches;
  }

  /**
   * The page context implied by the pass-1 matches of one or more texts: the war score and the
   * entities named unambiguously (see spotter-context.ts). `text` is accepted but not needed.
   */
  pageContext(pieces: Iterable<{ text?: string; matches: readonly Match[] }>, options: { lang?: string | null } = {}): PageContext {
    const entities = new Set<number>();
    const words = new Set<number>();
    for (const piece of pieces) {
      for (const match of piece.matches) {
        if (match.terminal < 0) words.add(-1 - match.terminal);
        else {
          const entity = this.confirming[match.terminal];
          if (entity !== undefined && entity >= 0) entities.add(entity);
        }
      }
    }
    const page: PageContext = {
      warScore: warScore(entities.size, words.size),
      confirmed: [...entities].sort((a, b) => a - b).map((index) => (this.refs[index] as EntityRef).id),
    };
    const lang = primaryLanguage(options.lang);
    if (lang) page.lang = lang;
    return page;
  }

  /** Pass 2: choose the sense of each match and keep the confident ones. */
  resolve(text: string, matches: readonly Match[], page: PageContext, minConfidence = MIN_CONFIDENCE): Mention[] {
    const mentions: Mention[] = [];
    for (const match of matches) {
      if (match.terminal < 0) continue;
      const mention = this.resolveOne(text, match, page);
      if (mention && mention.confidence >= minConfidence) mentions.push(mention);
    }
    return mentions;
  }

  private confirmedSet(page: PageContext): Set<number> {
    let set = this.pageEntitySets.get(page);
    if (!set) {
      set = new Set();
      for (const id of page.confirmed ?? []) {
        const index = this.byId.get(id);
        if (index !== undefined) set.add(index);
      }
      this.pageEntitySets.set(page, set);
    }
    return set;
  }

  private resolveOne(text: string, match: Match, page: PageContext): Mention | undefined {
    const entries = this.terminals[match.terminal];
    if (!entries) return undefined;
    let best: AliasRecord | undefined;
    let bestConfidence = -1;
    let window: CueWindow | undefined;
    let confirmed: Set<number> | undefined;
    for (const entry of entries) {
      if (!this.caseFits(text, match.start, match.end, entry)) continue;
      const alias = this.aliases[entry.alias] as AliasRecord;
      const cues = this.cues[alias.entity];
      if (cues && !window) window = cueWindow(text, match.start, match.end);
      let isConfirmed = false;
      if (alias.confidence < AMBIGUOUS_BELOW) {
        confirmed ??= this.confirmedSet(page);
        isConfirmed = confirmed.has(alias.entity);
      }
      const confidence = candidateConfidence(
        { base: alias.confidence, lang: alias.lang, confirmed: isConfirmed },
        cues,
        window,
        page,
      );
      if (!best || confidence > bestConfidence ||
          (confidence === bestConfidence && (alias.confidence > best.confidence ||
            (alias.confidence === best.confidence && alias.entity < best.entity)))) {
        best = alias;
        bestConfidence = confidence;
      }
    }
    if (!best) return undefined;
    return {
      start: match.start,
      end: match.end,
      text: text.slice(match.start, match.end),
      entity: this.refs[best.entity] as EntityRef,
      confidence: bestConfidence,
    };
  }

  /**
   * Follow the trie from a word start (`node` is the root's child for the first letter, `j` the
   * index after that letter and its marks). Returns the longest candidate: an alias form that ends
   * on a word boundary and whose case fits one of its entries, or a context word.
   */
  private walk(text: string, start: number, j: number, node: number, limit: number): Match | undefined {
    const classes = this.classes;
    const fold = this.fold;
    const terminalOf = this.terminalOf;
    const contextOf = this.contextOf;
    const edgeStart = this.edgeStart;
    const edgeLabel = this.edgeLabel;
    const edgeTarget = this.edgeTarget;
    let bestEnd = -1;
    let bestTerminal = 0;
    for (;;) {
      const terminal = terminalOf[node] as number;
      if (terminal >= 0 && (j > bestEnd || (j === bestEnd && bestTerminal < 0)) && this.boundaryAfter(text, j) && this.anyCaseFits(text, start, j, terminal)) {
        bestEnd = j;
        bestTerminal = terminal;
      }
      const context = contextOf[node] as number;
      if (context >= 0) {
        const end = this.contextPrefix[node] === 1 ? this.wordEnd(text, j) : this.boundaryAfter(text, j) ? j : -1;
        if (end > bestEnd && end <= limit) {
          bestEnd = end;
          bestTerminal = -1 - context;
        }
      }
      if (j >= limit) break;
      const code = text.charCodeAt(j);
      let cls = classes[code] as number;
      if (cls === CharClass.Unknown) cls = classOf(code);
      let label: number;
      let next: number;
      if (cls === CharClass.Word || cls === CharClass.Upper) {
        label = fold[code] as number;
        next = j + 1;
        if (next < limit && classOf(text.charCodeAt(next)) === CharClass.Mark) {
          label = foldWithMarks(text, j, limit);
          next = skipMarks(text, next, limit);
        }
      } else if (cls === CharClass.Ignorable || cls === CharClass.Mark) {
        j++;
        continue;
      } else if (cls === CharClass.Space) {
        label = SPACE;
        next = j + 1;
        while (next < limit) {
          const spaceClass = classOf(text.charCodeAt(next));
          if (spaceClass !== CharClass.Space && spaceClass !== CharClass.Ignorable) break;
          next++;
        }
      } else {
        label = fold[code] as number;
        next = j + 1;
      }
      // Sorted edges: scan until the label is found or passed.
      let child = NO_CHILD;
      for (let e = edgeStart[node] as number, end = edgeStart[node + 1] as number; e < end; e++) {
        const edge = edgeLabel[e] as number;
        if (edge >= label) {
          if (edge === label) child = edgeTarget[e] as number;
          break;
        }
      }
      if (child === NO_CHILD) break;
      node = child;
      j = next;
    }
    return bestEnd > start ? { start, end: bestEnd, terminal: bestTerminal } : undefined;
  }

  /** True when position `end` is not inside a word (invisible characters are looked through). */
  private boundaryAfter(text: string, end: number): boolean {
    let k = end;
    while (k < text.length && classOf(text.charCodeAt(k)) === CharClass.Ignorable) k++;
    if (k >= text.length) return true;
    const code = text.charCodeAt(k);
    if (isWordClass(classOf(code))) return false;
    // A Ukrainian apostrophe inside a word ("Мар'їнка") continues the word; an English "’s" does not.
    if (foldOf(code) === APOSTROPHE && end > 0 && this.cyrillicApostrophe(text, k)) return false;
    return true;
  }

  /** True when the apostrophe at `index` sits between two Cyrillic letters. */
  private cyrillicApostrophe(text: string, index: number): boolean {
    let before = index - 1;
    while (before >= 0 && classOf(text.charCodeAt(before)) === CharClass.Ignorable) before--;
    const after = index + 1;
    return before >= 0 && after < text.length &&
      isCyrillic(text.charCodeAt(before)) && isCyrillic(text.charCodeAt(after)) &&
      isLetterClass(classOf(text.charCodeAt(after)));
  }

  /** Index after the word that contains `index` (letters, digits, marks, invisible characters). */
  private wordEnd(text: string, index: number): number {
    let k = index;
    while (k < text.length) {
      const cls = classOf(text.charCodeAt(k));
      if (!isWordClass(cls) && cls !== CharClass.Ignorable) break;
      k++;
    }
    return k;
  }

  private wordBefore(text: string, index: number): boolean {
    for (let k = index - 1; k >= 0; k--) {
      const code = text.charCodeAt(k);
      const cls = classOf(code);
      if (cls === CharClass.Ignorable) continue;
      if (isWordClass(cls)) return true;
      return foldOf(code) === APOSTROPHE && this.cyrillicApostrophe(text, k);
    }
    return false;
  }

  private anyCaseFits(text: string, start: number, end: number, terminal: number): boolean {
    for (const entry of this.terminals[terminal] as TerminalEntry[]) {
      if (this.caseFits(text, start, end, entry)) return true;
    }
    return false;
  }

  private caseFits(text: string, start: number, end: number, entry: TerminalEntry): boolean {
    const rule = (this.aliases[entry.alias] as AliasRecord).caseRule;
    switch (rule) {
      case 'any':
        return true;
      case 'name': {
        if (entry.anchor === 0) return classOf(text.charCodeAt(start)) === CharClass.Upper;
        let letter = 0;
        for (let k = start; k < end; k++) {
          const cls = classOf(text.charCodeAt(k));
          if (!isLetterClass(cls)) continue;
          if (letter === entry.anchor) return cls === CharClass.Upper;
          letter++;
        }
        return false;
      }
      case 'acronym': {
        if (classOf(text.charCodeAt(start)) !== CharClass.Upper) return false;
        let upper = 0;
        let lower = 0;
        for (let k = start + 1; k < end; k++) {
          const cls = classOf(text.charCodeAt(k));
          if (cls === CharClass.Upper) upper++;
          else if (cls === CharClass.Word) lower++;
        }
        return lower === 0 || upper === 0;
      }
      case 'exact':
        return caseSignature(text, start, end) === entry.signature;
    }
  }

  /** Insert one alias form; returns 1 when the folded form is new to the trie, else 0. */
  private insertForm(builder: TrieBuilder, form: string, alias: number, entityId: string): number {
    const rule = (this.aliases[alias] as AliasRecord).caseRule;
    const normalised = form.normalize('NFC');
    const signature = caseSignature(normalised, 0, normalised.length);
    const firstUpper = signature.indexOf('U');
    const anchor = firstUpper < 0 ? 0 : firstUpper;
    const lowerStart = rule === 'any' || (rule === 'exact' && signature.startsWith('l')) || (rule === 'name' && anchor > 0);
    let node: number;
    try {
      node = this.insertPath(builder, normalised, lowerStart);
    } catch (error) {
      throw new Error(`Entity "${entityId}": ${error instanceof Error ? error.message : String(error)}`);
    }
    let terminal = builder.terminal[node] as number;
    let isNew = 0;
    if (terminal < 0) {
      terminal = this.terminals.length;
      this.terminals.push([]);
      builder.terminal[node] = terminal;
      isNew = 1;
    }
    const entries = this.terminals[terminal] as TerminalEntry[];
    if (!entries.some((entry) => entry.alias === alias && entry.anchor === anchor && entry.signature === signature)) {
      entries.push({ alias, anchor, signature });
    }
    return isNew;
  }

  /**
   * Insert the folded path of `form` and return its last node. Forms must start with a letter and
   * end with a letter, digit or dot.
   */
  private insertPath(builder: TrieBuilder, form: string, lowerStart: boolean): number {
    const labels: number[] = [];
    let pendingSpace = false;
    for (let k = 0; k < form.length; k++) {
      const code = form.charCodeAt(k);
      const cls = classOf(code);
      if (cls === CharClass.Ignorable || cls === CharClass.Mark) continue;
      if (cls === CharClass.Space) {
        pendingSpace = labels.length > 0;
        continue;
      }
      if (pendingSpace) {
        labels.push(SPACE);
        pendingSpace = false;
      }
      labels.push(foldOf(code));
    }
    const first = labels[0];
    const last = labels[labels.length - 1];
    if (first === undefined || last === undefined || !isLetterClass(classOf(first)) ||
        (!isLetterClass(classOf(last)) && last !== 0x2e)) {
      throw new Error(`Alias form "${form}" must start with a letter and end with a letter, digit or dot`);
    }
    let node = this.rootChildren[first] as number;
    if (node === NO_CHILD) {
      node = builder.add(0, first);
      this.rootChildren[first] = node;
    }
    if (lowerStart) this.rootLowerStart[first] = 1;
    for (let k = 1; k < labels.length; k++) node = builder.child(node, labels[k] as number);
    return node;
  }

  /** Turn the builder's linked lists into the flat, sorted edge arrays the walk reads. */
  private freeze(builder: TrieBuilder): void {
    const size = builder.size;
    const edgeStart = new Int32Array(size + 1);
    const counts = new Int32Array(size);
    for (let node = 1; node < size; node++) {
      const parent = builder.parent[node] as number;
      counts[parent] = (counts[parent] as number) + 1;
    }
    let total = 0;
    for (let node = 0; node < size; node++) {
      edgeStart[node] = total;
      total += node === 0 ? 0 : counts[node] as number;
    }
    edgeStart[size] = total;
    const edgeLabel = new Uint16Array(total);
    const edgeTarget = new Int32Array(total);
    for (let node = 1; node < size; node++) {
      let child = builder.firstChild[node] as number;
      const from = edgeStart[node] as number;
      let count = 0;
      while (child !== 0) {
        // Insertion sort by label: fan-outs are small.
        const label = builder.label[child] as number;
        let k = from + count;
        while (k > from && (edgeLabel[k - 1] as number) > label) {
          edgeLabel[k] = edgeLabel[k - 1] as number;
          edgeTarget[k] = edgeTarget[k - 1] as number;
          k--;
        }
        edgeLabel[k] = label;
        edgeTarget[k] = child;
        count++;
        child = builder.nextSibling[child] as number;
      }
    }
    this.edgeStart = edgeStart;
    this.edgeLabel = edgeLabel;
    this.edgeTarget = edgeTarget;
    this.terminalOf = builder.terminal.slice(0, size);
    this.contextOf = builder.context.slice(0, size);
    this.contextPrefix = builder.contextPrefix.slice(0, size);
    this.confirming = new Int32Array(this.terminals.length).fill(NONE);
    this.terminals.forEach((entries, terminal) => {
      const entities = new Set(entries.map((entry) => (this.aliases[entry.alias] as AliasRecord).entity));
      const sure = entries.some((entry) => (this.aliases[entry.alias] as AliasRecord).confidence >= AMBIGUOUS_BELOW);
      if (entities.size === 1 && sure) this.confirming[terminal] = [...entities][0] as number;
    });
  }
}

/** Upper/lower pattern of the letters of text[start, end): "U" or "l" per letter. */
function caseSignature(text: string, start: number, end: number): string {
  let signature = '';
  for (let k = start; k < end; k++) {
    const cls = classOf(text.charCodeAt(k));
    if (cls === CharClass.Upper) signature += 'U';
    else if (cls === CharClass.Word) signature += 'l';
  }
  return signature;
}

/** A trie under construction: first-child / next-sibling lists in growable typed arrays. */
class TrieBuilder {
  size = 1;
  label = new Uint16Array(4096);
  parent = new Int32Array(4096);
  firstChild = new Int32Array(4096);
  nextSibling = new Int32Array(4096);
  terminal = new Int32Array(4096).fill(NONE);
  context = new Int32Array(4096).fill(NONE);
  contextPrefix = new Uint8Array(4096);

  /** The child of `node` labelled `label`, created when missing. */
  child(node: number, label: number): number {
    let child = this.firstChild[node] as number;
    while (child !== 0) {
      if (this.label[child] === label) return child;
      child = this.nextSibling[child] as number;
    }
    return this.add(node, label);
  }

  add(parent: number, label: number): number {
    if (this.size === this.label.length) this.grow();
    const node = this.size++;
    this.label[node] = label;
    this.parent[node] = parent;
    if (parent !== 0) {
      this.nextSibling[node] = this.firstChild[parent] as number;
      this.firstChild[parent] = node;
    }
    return node;
  }

  private grow(): void {
    const capacity = this.label.length * 2;
    const grow = <T extends Uint16Array | Int32Array | Uint8Array>(array: T, fill?: number): T => {
      const bigger = new (array.constructor as new (length: number) => T)(capacity);
      if (fill !== undefined) bigger.fill(fill);
      bigger.set(array);
      return bigger;
    };
    this.label = grow(this.label);
    this.parent = grow(this.parent);
    this.firstChild = grow(this.firstChild);
    this.nextSibling = grow(this.nextSibling);
    this.terminal = grow(this.terminal, NONE);
    this.context = grow(this.context, NONE);
    this.contextPrefix = grow(this.contextPrefix);
  }
}

/** Compile a gazetteer into a spotter. Do it once per context and keep the result. */
export function compileSpotter(gazetteer: Gazetteer): Spotter {
  return new Spotter(gazetteer);
}
