/**
 * The spotter: finds mentions of gazetteer entities in text, with exact UTF-16 offsets.
 *
 * Compilation turns every alias pattern into its word forms, folds them (text-fold.ts) and inserts
 * them into one trie. Scanning walks the original string once: at every word start whose first
 * letter could begin an alias it follows the trie as far as the text allows, folding one code unit
 * at a time, skipping soft hyphens and zero-width characters and treating any white-space run as
 * one space. The longest form that ends on a word boundary and passes its case rule wins, and the
 * scan resumes after it, so overlapping candidates resolve to the longest and the whole scan is
 * linear in the text (each character is visited once by the outer loop and at most by one walk as
 * long as the longest alias).
 *
 * Matching is in two passes so that callers that scan a page piece by piece (the content script)
 * can decide ambiguous mentions with the whole page in view:
 *   `findMatches` (pass 1, per piece of text) → `resolve` (pass 2, with a PageContext).
 * `spot` does both on one text.
 */
import { APOSTROPHE, CharClass, SPACE, charClasses, foldCodes, foldText, isWordClass } from './text-fold';
import {
  type CaseRule,
  type Entity,
  type EntityRef,
  type Gazetteer,
  entityRef,
  expandForms,
  normaliseAlias,
} from './gazetteer';
import {
  type CompiledCues,
  type CueWindow,
  type PageContext,
  MIN_CONFIDENCE,
  AMBIGUOUS_BELOW,
  candidateConfidence,
  compileCues,
  cueWindow,
  warScoreFromEntityCount,
} from './spotter-context';

/** One sense a matched form may have. */
interface AliasEntry {
  entity: number;
  form: string;
  caseRule: CaseRule;
  /** Upper/lower pattern of the form's letters, for the `exact` rule ("U" / "l" per letter). */
  caseSignature: string;
  confidence: number;
}

/** Pass-1 result: a span whose letters and case fit at least one alias. */
export interface Match {
  start: number;
  end: number;
  /** Index of the trie terminal: which alias entries the span could be. */
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
  /** Keep mentions at least this confident (default MIN_CONFIDENCE). */
  minConfidence?: number;
}

const NO_NODE = 0;

export class Spotter {
  readonly entities: readonly Entity[];
  private readonly refs: EntityRef[];
  private readonly byId = new Map<string, number>();
  private readonly cues: (CompiledCues | undefined)[];
  /** Children of the root, indexed by folded code unit (dense: the root is visited most). */
  private readonly rootChildren = new Int32Array(65536);
  /** Whether an alias starting with this folded unit may start with a lower-case letter. */
  private readonly rootLowerStart = new Uint8Array(65536);
  /** Children of the other nodes; node ids start at 1. */
  private readonly children: (Map<number, number> | undefined)[] = [undefined];
  /** Terminal index per node, -1 when no form ends there. */
  private terminalOfNode: number[] = [-1];
  private readonly terminals: AliasEntry[][] = [];
  /** Whether any entry of a terminal is ambiguous or has cues (needs pass-2 work). */
  private readonly terminalNeedsContext: boolean[] = [];
  private readonly classes = charClasses();
  private readonly fold = foldCodes();
  /** Number of distinct folded forms compiled. */
  readonly formCount: number;

  constructor(gazetteer: Gazetteer) {
    this.entities = gazetteer.entities;
    this.refs = gazetteer.entities.map(entityRef);
    this.cues = gazetteer.entities.map((entity) => compileCues(entity.cues));
    let forms = 0;
    gazetteer.entities.forEach((entity, index) => {
      if (this.byId.has(entity.id)) throw new Error(`Duplicate entity id "${entity.id}"`);
      this.byId.set(entity.id, index);
      for (const rawAlias of entity.aliases) {
        const alias = normaliseAlias(rawAlias);
        for (const form of expandForms(alias.form, gazetteer.paradigms)) {
          forms += this.insert(form, {
            entity: index,
            form,
            caseRule: alias.case,
            caseSignature: this.caseSignature(form),
            confidence: alias.confidence,
          });
        }
      }
    });
    this.formCount = forms;
    this.terminals.forEach((entries, terminal) => {
      this.terminalNeedsContext[terminal] = entries.length > 1 || entries.some(
        (entry) => entry.confidence < AMBIGUOUS_BELOW || this.cues[entry.entity] !== undefined,
      );
    });
  }

  entityById(id: string): Entity | undefined {
    const index = this.byId.get(id);
    return index === undefined ? undefined : this.entities[index];
  }

  /** Pass 1 and 2 on one text: every mention, decided with this text as the page. */
  spot(text: string, options: SpotOptions = {}): Mention[] {
    const matches = this.findMatches(text);
    const page = options.page ?? this.pageContext([{ text, matches }]);
    return this.resolve(text, matches, page, options.minConfidence);
  }

  /**
   * Pass 1: every span of `text` (between `from` and `to`) whose letters and case fit an alias,
   * leftmost-longest, non-overlapping.
   */
  findMatches(text: string, from = 0, to = text.length): Match[] {
    const matches: Match[] = [];
    const classes = this.classes;
    const fold = this.fold;
    const rootChildren = this.rootChildren;
    const rootLowerStart = this.rootLowerStart;
    let previousIsWord = from > 0 && this.wordBefore(text, from);
    for (let i = from; i < to; i++) {
      const code = text.charCodeAt(i);
      const cls = classes[code] as number;
      if (cls === CharClass.Word || cls === CharClass.Upper) {
        if (!previousIsWord) {
          const folded = fold[code] as number;
          if (rootChildren[folded] !== NO_NODE && (cls === CharClass.Upper || rootLowerStart[folded] === 1)) {
            const match = this.walk(text, i, to);
            if (match) {
              matches.push(match);
              i = match.end - 1;
            }
          }
        }
        previousIsWord = true;
      } else if (cls !== CharClass.Ignorable) {
        previousIsWord = false;
      }
    }
    return matches;
  }

  /** The page context implied by the matches of one or more texts (pass 1 results). */
  pageContext(pieces: Iterable<{ text?: string; matches: Match[] }>): PageContext {
    const confident = new Set<number>();
    for (const piece of pieces) {
      for (const match of piece.matches) {
        if (this.terminalNeedsContext[match.terminal]) continue;
        for (const entry of this.terminals[match.terminal] as AliasEntry[]) confident.add(entry.entity);
      }
    }
    return { warScore: warScoreFromEntityCount(confident.size) };
  }

  /** Pass 2: choose the sense of each match and keep the confident ones. */
  resolve(text: string, matches: Match[], page: PageContext, minConfidence = MIN_CONFIDENCE): Mention[] {
    const mentions: Mention[] = [];
    for (const match of matches) {
      const mention = this.resolveOne(text, match, page);
      if (mention && mention.confidence >= minConfidence) mentions.push(mention);
    }
    return mentions;
  }

  private resolveOne(text: string, match: Match, page: PageContext): Mention | undefined {
    const entries = this.terminals[match.terminal] as AliasEntry[];
    let best: AliasEntry | undefined;
    let bestConfidence = -1;
    let window: CueWindow | undefined;
    for (const entry of entries) {
      if (!this.caseFits(text, match.start, match.end, entry)) continue;
      const cues = this.cues[entry.entity];
      if (cues && !window) window = cueWindow(text, match.start, match.end);
      const confidence = candidateConfidence(entry.confidence, cues, window, page);
      if (confidence > bestConfidence) {
        best = entry;
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
   * Follow the trie from a word start. Returns the longest form ending on a word boundary whose
   * case fits at least one of its entries.
   */
  private walk(text: string, start: number, limit: number): Match | undefined {
    const classes = this.classes;
    const fold = this.fold;
    let node = this.rootChildren[fold[text.charCodeAt(start)] as number] as number;
    let j = start + 1;
    let best: Match | undefined;
    for (;;) {
      const terminal = this.terminalOfNode[node] as number;
      if (terminal >= 0 && this.boundaryAfter(text, j, limit) && this.anyCaseFits(text, start, j, terminal)) {
        best = { start, end: j, terminal };
      }
      if (j >= limit) break;
      const code = text.charCodeAt(j);
      const cls = classes[code] as number;
      let next: number | undefined;
      if (cls === CharClass.Ignorable) {
        j++;
        continue;
      }
      if (cls === CharClass.Space) {
        let k = j + 1;
        while (k < limit) {
          const kc = classes[text.charCodeAt(k)] as number;
          if (kc !== CharClass.Space && kc !== CharClass.Ignorable) break;
          k++;
        }
        next = this.children[node]?.get(SPACE);
        if (next === undefined) break;
        node = next;
        j = k;
        continue;
      }
      next = this.children[node]?.get(fold[code] as number);
      if (next === undefined) break;
      node = next;
      j++;
    }
    return best;
  }

  /** True when position `end` is not inside a word (ignorable characters are looked through). */
  private boundaryAfter(text: string, end: number, limit: number): boolean {
    let k = end;
    while (k < limit && this.classes[text.charCodeAt(k)] === CharClass.Ignorable) k++;
    if (k >= limit) return true;
    const code = text.charCodeAt(k);
    const cls = this.classes[code] as number;
    if (isWordClass(cls)) return false;
    // A Ukrainian apostrophe inside a word ("Мар'їнка") continues the word; an English "’s" does not.
    if (this.fold[code] === APOSTROPHE && k + 1 < limit) {
      const after = text.charCodeAt(k + 1);
      const last = text.charCodeAt(end - 1);
      if (isCyrillic(after) && isCyrillic(last)) return false;
    }
    return true;
  }

  private wordBefore(text: string, index: number): boolean {
    for (let k = index - 1; k >= 0; k--) {
      const cls = this.classes[text.charCodeAt(k)] as number;
      if (cls === CharClass.Ignorable) continue;
      return isWordClass(cls);
    }
    return false;
  }

  private anyCaseFits(text: string, start: number, end: number, terminal: number): boolean {
    for (const entry of this.terminals[terminal] as AliasEntry[]) {
      if (this.caseFits(text, start, end, entry)) return true;
    }
    return false;
  }

  private caseFits(text: string, start: number, end: number, entry: AliasEntry): boolean {
    const classes = this.classes;
    switch (entry.caseRule) {
      case 'any':
        return true;
      case 'name':
        return classes[text.charCodeAt(start)] === CharClass.Upper;
      case 'acronym': {
        if (classes[text.charCodeAt(start)] !== CharClass.Upper) return false;
        let upper = 0;
        let lower = 0;
        for (let k = start + 1; k < end; k++) {
          const cls = classes[text.charCodeAt(k)];
          if (cls === CharClass.Upper) upper++;
          else if (cls === CharClass.Word) lower++;
        }
        return lower === 0 || upper === 0;
      }
      case 'exact':
        return this.caseSignatureOf(text, start, end) === entry.caseSignature;
    }
  }

  private caseSignature(form: string): string {
    return this.caseSignatureOf(form, 0, form.length);
  }

  private caseSignatureOf(text: string, start: number, end: number): string {
    let signature = '';
    for (let k = start; k < end; k++) {
      const cls = this.classes[text.charCodeAt(k)];
      if (cls === CharClass.Upper) signature += 'U';
      else if (cls === CharClass.Word) signature += 'l';
    }
    return signature;
  }

  /** Insert one form; returns 1 when the folded form is new to the trie, else 0. */
  private insert(form: string, entry: AliasEntry): number {
    const folded = foldText(form);
    const first = folded.charCodeAt(0);
    const last = folded.charCodeAt(folded.length - 1);
    const lastIsDot = last === 0x2e;
    if (!folded || !isWordClass(this.classes[first] as number) ||
        (!isWordClass(this.classes[last] as number) && !lastIsDot)) {
      throw new Error(`Alias form "${form}" must start with a letter and end with a letter or dot`);
    }
    let node = this.rootChildren[first] as number;
    if (node === NO_NODE) {
      node = this.newNode();
      this.rootChildren[first] = node;
    }
    if (entry.caseRule === 'any' || (entry.caseRule === 'exact' && entry.caseSignature.startsWith('l'))) {
      this.rootLowerStart[first] = 1;
    }
    for (let k = 1; k < folded.length; k++) {
      const code = folded.charCodeAt(k);
      let map = this.children[node];
      if (!map) {
        map = new Map();
        this.children[node] = map;
      }
      let next = map.get(code);
      if (next === undefined) {
        next = this.newNode();
        map.set(code, next);
      }
      node = next;
    }
    let terminal = this.terminalOfNode[node] as number;
    let isNew = 0;
    if (terminal < 0) {
      terminal = this.terminals.length;
      this.terminals.push([]);
      this.terminalOfNode[node] = terminal;
      isNew = 1;
    }
    const entries = this.terminals[terminal] as AliasEntry[];
    const duplicate = entries.find((other) => other.entity === entry.entity &&
      other.caseRule === entry.caseRule && other.caseSignature === entry.caseSignature);
    if (duplicate) duplicate.confidence = Math.max(duplicate.confidence, entry.confidence);
    else entries.push(entry);
    return isNew;
  }

  private newNode(): number {
    this.children.push(undefined);
    this.terminalOfNode.push(-1);
    return this.children.length - 1;
  }
}

function isCyrillic(code: number): boolean {
  return code >= 0x0400 && code <= 0x052f;
}

/** Compile a gazetteer into a spotter. Do it once per context and keep the result. */
export function compileSpotter(gazetteer: Gazetteer): Spotter {
  return new Spotter(gazetteer);
}
