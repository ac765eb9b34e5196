/**
 * The spotter: finds mentions of gazetteer entities in text, with exact UTF-16 offsets.
 *
 * Compilation reads every alias pattern (`Херсон{ru-m|uk-m}`, `Владимир{ru-m} Путин{ru-surname}`,
 * format in gazetteer.ts and data/README.md) once and inserts its folded stems (text-fold.ts) into
 * a trie. Endings are not spelled out into the trie: the node where a stem ends carries an "ending
 * link": the set of endings that stem may take, and what follows one of them (the next token of the
 * alias, or the alias itself). So an alias costs its stem characters once, however many forms its
 * endings make (the gazetteer stands for ~7,000 forms; its trie has ~11,000 nodes). Context words
 * (WAR_WORDS of spotter-context.ts) are linked the same way.
 *
 * Why the trie is built lazily, one first letter at a time: compileSpotter runs in every page's
 * content script at start-up, cold. It only files each alias under the folded letter it starts with
 * (a few ms); the trie of a letter is built, and frozen into flat typed arrays (sorted edge labels,
 * edge targets, links; a dense table for the first step), the first time a word starting with that
 * letter is scanned. An English page never builds the Cyrillic half. `compileAll` builds every
 * letter (tests and command-line tools, so that bad data fails there). No Map lookups happen while
 * scanning.
 *
 * Scanning (pass 1, `findMatches`) walks the original string once. At every word start whose first
 * letter could begin a form (upper case, or a form that may start in lower case) it follows the
 * trie as far as the text allows, folding one code unit at a time, skipping soft hyphens,
 * zero-width characters and combining marks, and treating any run of white space as one space; at
 * a node with links it tries that stem's endings (a handful of short strings). The longest form
 * that ends on a word boundary and passes its case rule wins and the scan resumes after it, so
 * overlapping candidates resolve to the longest ("Sergei Surovikin" is one mention) and the scan is
 * linear in the text: each character is visited by the outer loop and by at most one walk, which
 * is never longer than the longest form.
 *
 * Rules checked while walking:
 * - inflection: a stem matches only with one of its endings, and the form must end on a word
 *   boundary: Херсон{ru-m|uk-m} gives Херсона, Херсоні…, never "Херсонес"; Курск{ru-adj-f} gives
 *   Курской, never "курс";
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
 * `spot` does all three on one text. `judge` is pass 2 with every sense kept and scored: the page
 * step (core/page-sense.ts) reads it to decide a whole page at once (one sense per page, the page's
 * topic), which is what the content script marks.
 */
import {
  APOSTROPHE,
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
  type EntityRef,
  entityRef,
  primaryLanguage,
} from './gazetteer';
import {
  type AliasRecord,
  type EncodedTrie,
  type FrozenTrie,
  type SpotterEntity,
  type SpotterSnapshot,
  aliasCount,
  decodeAlias,
  decodeTrie,
  isSpotterSnapshot,
} from './spotter-automaton';
import {
  type CandidateScore,
  type CompiledCues,
  type CueWindow,
  type PageContext,
  AMBIGUOUS_BELOW,
  MIN_CONFIDENCE,
  candidateScore,
  compileCues,
  cueWindow,
  isCountryWord,
  warScore,
} from './spotter-context';

export type { SpotterEntity, SpotterSnapshot } from './spotter-automaton';

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

/** One sense a match could have, scored (pass 2). */
export interface Candidate {
  entity: EntityRef;
  /** The entity's index in `spotter.entities`. */
  index: number;
  /** The alias's own confidence. */
  base: number;
  score: CandidateScore;
}

/** A match with every sense its letters and case allow (one candidate per entity, the best alias). */
export interface JudgedMatch {
  start: number;
  end: number;
  candidates: Candidate[];
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

// Character classes (text-fold.ts `CharClass`) as plain numbers: members of a `const enum` imported
// from another module become property loads once each file is compiled on its own (esbuild, Vite),
// and the scan reads them for every character. tests/unit/text-fold.test.ts checks the values.
export const WORD = 1;
export const UPPER = 2;
export const IGNORABLE = 3;
export const SPACE_CLASS = 4;
export const MARK = 5;
const UNKNOWN = 7;

export const NONE = -1;
const NO_CHILD = 0;

export class Spotter {
  /** The entities (from a gazetteer, whole; from a snapshot, what the page needs: no aliases or descriptions). */
  readonly entities: readonly SpotterEntity[];

  private readonly refs: EntityRef[];
  private readonly byId = new Map<string, number>();
  /** Cues per entity, compiled on first use (undefined: not yet; null: none). */
  private readonly cues: (CompiledCues | null | undefined)[];
  /**
   * The alias records; from a snapshot, each read the first time a match needs it (`alias`).
   * @internal (written by the compiler, spotter-compile.ts; read by `spotterSnapshot`)
   */
  aliases: AliasRecord[] = [];
  /** @internal What builds a bucket's trie from its pending patterns (a spotter compiled from a gazetteer). */
  compiler: BucketCompiler | undefined;
  private readonly classes = charClasses();
  private readonly fold = foldCodes();

  /**
   * Bucket of the forms starting with each folded code unit, plus 1 (0: no form starts so). Two
   * bytes an entry: the table is in every tab, and there is one bucket per first letter.
   */
  /** @internal */
  readonly rootBucket = new Uint16Array(65536);
  /** @internal 1 when some form starting with this folded unit may start with a lower-case letter. */
  readonly rootLowerStart = new Uint8Array(65536);
  /** @internal */
  readonly buckets: Bucket[] = [];
  /** @internal Folded endings; set 0 is the bare stem only. */
  readonly endingSets: string[][] = [['']];

  /** Alias groups that matches point to: the aliases whose form a span is (`Match.terminal`). */
  private readonly groups: number[][] = [];
  private readonly groupIds = new Map<string, number>();
  /** Per group: the one entity it names with confidence ≥ AMBIGUOUS_BELOW, else -1. */
  private readonly groupConfirming: number[] = [];

  // Scratch state of one walk: the bucket walked and the best candidate so far.
  private bucket: Bucket = EMPTY_BUCKET;
  private bestEnd = -1;
  private bestContext = -1;
  private readonly bestAliases: number[] = [];

  private readonly pageEntitySets = new WeakMap<PageContext, Set<number>>();
  /** From a snapshot: the labels of its tries (spotter-automaton.ts). */
  private alphabet: readonly number[] = [];
  /** @internal From a snapshot: its alias records, still in the compact code. */
  aliasTables: SpotterSnapshot | undefined;

  /**
   * The tables of a spotter for these entities. From a snapshot (`spotterFromSnapshot`): takes its
   * tables; a bucket's trie is decoded the first time it is needed. From a gazetteer
   * (spotter-compile.ts `compileSpotter`): the compiler files every alias under the folded code unit
   * it starts with and builds a bucket's trie the first time it is needed (`compileAll` builds them
   * all). The compiler lives in its own module so that the content script, which starts from a
   * snapshot, does not carry it.
   */
  constructor(entities: readonly SpotterEntity[], snapshot?: SpotterSnapshot) {
    this.entities = entities;
    this.refs = entities.map(entityRef);
    this.cues = new Array<CompiledCues | null | undefined>(entities.length);
    for (let index = 0; index < entities.length; index++) {
      const entity = entities[index] as SpotterEntity;
      if (this.byId.has(entity.id)) throw new Error(`Duplicate entity id "${entity.id}"`);
      this.byId.set(entity.id, index);
    }
    if (snapshot) this.restore(snapshot);
  }

  private restore(snapshot: SpotterSnapshot): void {
    // Filled one record at a time as matches need them (a sparse array: a page reads a few).
    aliasCount(snapshot);
    this.aliasTables = snapshot;
    this.endingSets.length = 0;
    for (const set of snapshot.endingSets) this.endingSets.push(set);
    for (let k = 0; k < snapshot.roots.length; k += 3) {
      const code = snapshot.roots[k] as number;
      this.rootBucket[code] = (snapshot.roots[k + 1] as number) + 1;
      this.rootLowerStart[code] = snapshot.roots[k + 2] as number;
    }
    this.alphabet = snapshot.alphabet;
    for (const encoded of snapshot.buckets) {
      const bucket = new Bucket();
      bucket.encoded = encoded;
      this.buckets.push(bucket);
    }
  }

  /** Build every bucket now (tests, command-line tools), so that bad data fails here, not mid-scan. */
  compileAll(): this {
    for (const bucket of this.buckets) if (!bucket.built) this.buildBucket(bucket);
    return this;
  }

  /** Number of word forms the aliases stand for (stems × endings); builds every bucket. */
  get formCount(): number {
    this.compileAll();
    return this.buckets.reduce((sum, bucket) => sum + bucket.forms, 0);
  }

  /** Number of trie nodes; builds every bucket. */
  get nodeCount(): number {
    this.compileAll();
    return this.buckets.reduce((sum, bucket) => sum + bucket.nodes, 0);
  }

  /** Build one bucket's trie (decoded from a snapshot, or compiled from its pending patterns) and freeze it. */
  private buildBucket(bucket: Bucket): void {
    if (bucket.encoded) {
      const [forms, nodes] = bucket.encoded;
      setTrie(bucket, decodeTrie(bucket.encoded, this.alphabet));
      bucket.forms = forms;
      bucket.nodes = nodes;
      bucket.encoded = undefined;
      bucket.built = true;
      return;
    }
    if (!this.compiler) throw new Error('This spotter has no tables for a bucket it lists.');
    this.compiler.build(bucket);
    bucket.pending = [];
    bucket.built = true;
  }

  /** Whether an entity is a general name (gazetteer `scope: "general"`). */
  isGeneral(id: string): boolean {
    return this.entityById(id)?.scope === 'general';
  }

  entityById(id: string): SpotterEntity | undefined {
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
    const limit = Math.min(to, text.length);
    let previousIsWord = from > 0 && this.wordBefore(text, from);
    let i = Math.max(0, from);
    while (i < limit) {
      const code = text.charCodeAt(i);
      let cls = classes[code] as number;
      if (cls === UNKNOWN) cls = classOf(code);
      if (cls === WORD || cls === UPPER) {
        if (!previousIsWord) {
          const match = this.matchAt(text, i, code, cls, limit);
          if (match) {
            matches.push(match);
            i = match.end;
            previousIsWord = true;
            continue;
          }
        }
        // The rest of the word: letters, digits, marks and invisible characters.
        i++;
        while (i < limit) {
          const inner = classes[text.charCodeAt(i)] as number;
          if (inner !== WORD && inner !== UPPER && inner !== MARK && inner !== IGNORABLE) break;
          i++;
        }
        previousIsWord = true;
        continue;
      }
      if (cls === MARK) {
        previousIsWord = true;
      } else if (cls !== IGNORABLE) {
        // An apostrophe between Cyrillic letters is part of the word (Ukrainian "Мар'їнка").
        if (!(previousIsWord && fold[code] === APOSTROPHE && this.cyrillicApostrophe(text, i))) previousIsWord = false;
      }
      i++;
    }
    return matches;
  }

  /** The longest match that starts with the letter at `i` (a word start), if any. */
  private matchAt(text: string, i: number, code: number, cls: number, limit: number): Match | undefined {
    const classes = this.classes;
    const fold = this.fold;
    let first = fold[code] as number;
    let next = i + 1;
    let nextClass = next < limit ? classes[text.charCodeAt(next)] as number : 0;
    if (nextClass === MARK || nextClass === UNKNOWN) {
      if (next < limit && classOf(text.charCodeAt(next)) === MARK) {
        first = foldWithMarks(text, i, limit);
        next = skipMarks(text, next, limit);
      }
      nextClass = UNKNOWN;
    }
    const bucketId = this.rootBucket[first] as number;
    if (bucketId === 0 || (cls !== UPPER && this.rootLowerStart[first] !== 1)) return undefined;
    const bucket = this.buckets[bucketId - 1] as Bucket;
    if (!bucket.built) this.buildBucket(bucket);
    // Most words leave the trie at their second or third letter: check those here, plainly
    // written (no marks or invisible characters after them), before walking.
    if ((nextClass === WORD || nextClass === UPPER) && !bucket.rootLinks) {
      const index = (fold[text.charCodeAt(next)] as number) - bucket.firstMin;
      const second = index >= 0 && index < bucket.firstTable.length ? bucket.firstTable[index] as number : NO_CHILD;
      if (second === NO_CHILD) return undefined;
      const third = next + 1;
      if (third < limit && bucket.linkStart[second] === bucket.linkStart[second + 1]) {
        const thirdCode = text.charCodeAt(third);
        const thirdClass = classes[thirdCode] as number;
        if ((thirdClass === WORD || thirdClass === UPPER) &&
            childOf(bucket, second, fold[thirdCode] as number) === NO_CHILD) return undefined;
      }
    }
    return this.walk(text, i, next, bucket, limit);
  }


  /**
   * The page context implied by the pass-1 matches of one or more texts: the war score and the
   * entities named unambiguously (see spotter-context.ts). `text` is accepted but not needed.
   */
  pageContext(pieces: Iterable<{ text?: string; matches: readonly Match[] }>, options: { lang?: string | null } = {}): PageContext {
    const entities = new Set<number>();
    /** Entities that are evidence of a war page: not the general names. */
    const specific = new Set<number>();
    const words = new Set<number>();
    for (const piece of pieces) {
      for (const match of piece.matches) {
        if (match.terminal < 0) words.add(-1 - match.terminal);
        else {
          const entity = this.groupConfirming[match.terminal];
          if (entity !== undefined && entity >= 0) {
            entities.add(entity);
            if (this.entities[entity]?.scope !== 'general') specific.add(entity);
          }
        }
      }
    }
    let countryWords = 0;
    for (const key of words) if (isCountryWord(key)) countryWords++;
    const page: PageContext = {
      warScore: warScore(specific.size, words.size),
      confirmed: [...entities].sort((a, b) => a - b).map((index) => (this.refs[index] as EntityRef).id),
      warNames: specific.size,
      warWords: words.size,
      countryWords,
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

  /** The compiled cues of an entity (compiled on first use: most entities never need them). */
  private cuesOf(entity: number): CompiledCues | undefined {
    let cues = this.cues[entity];
    if (cues === undefined) {
      const source = this.entities[entity] as SpotterEntity;
      try {
        cues = compileCues(source.cues) ?? null;
      } catch (error) {
        throw new Error(`Entity "${source.id}": ${error instanceof Error ? error.message : String(error)}`);
      }
      this.cues[entity] = cues;
    }
    return cues ?? undefined;
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
    const judged = this.judge(text, match, page);
    if (!judged) return undefined;
    const best = bestCandidate(judged.candidates);
    if (!best) return undefined;
    return {
      start: match.start,
      end: match.end,
      text: text.slice(match.start, match.end),
      entity: best.entity,
      confidence: best.score.confidence,
    };
  }

  /**
   * Pass 2 for one match, every sense kept: the candidates whose case rule fits, one per entity
   * (its best alias), scored with their cues and the page (spotter-context.ts). Undefined for a
   * context word or when no alias's case fits. The page step (core/page-sense.ts) reads these.
   */
  judge(text: string, match: Match, page: PageContext): JudgedMatch | undefined {
    const group = this.groups[match.terminal];
    if (!group) return undefined;
    const candidates: Candidate[] = [];
    let window: CueWindow | undefined;
    let confirmed: Set<number> | undefined;
    for (const aliasIndex of group) {
      const alias = this.aliases[aliasIndex] as AliasRecord;
      if (!this.caseFits(text, match.start, match.end, alias)) continue;
      const cues = this.cuesOf(alias.entity);
      if (cues && !window) window = cueWindow(text, match.start, match.end);
      let isConfirmed = false;
      if (alias.confidence < AMBIGUOUS_BELOW) {
        confirmed ??= this.confirmedSet(page);
        isConfirmed = confirmed.has(alias.entity);
      }
      const score = candidateScore({ base: alias.confidence, lang: alias.lang, confirmed: isConfirmed }, cues, window, page);
      const candidate: Candidate = { entity: this.refs[alias.entity] as EntityRef, index: alias.entity, base: alias.confidence, score };
      const same = candidates.findIndex((other) => other.index === alias.entity);
      if (same < 0) candidates.push(candidate);
      else if (better(candidate, candidates[same] as Candidate)) candidates[same] = candidate;
    }
    return candidates.length > 0 ? { start: match.start, end: match.end, candidates } : undefined;
  }

  /** The compiled cues of the entity at `index` (undefined: none). */
  entityCues(index: number): CompiledCues | undefined {
    return this.cuesOf(index);
  }

  /**
   * Follow the trie from a word start (`node` is the root's child for the first letter, `j` the
   * index after that letter and its marks) and return the longest candidate: an alias form that
   * ends on a word boundary and whose case fits, or else a context word.
   */
  private walk(text: string, start: number, j: number, bucket: Bucket, limit: number): Match | undefined {
    if (!bucket.built) this.buildBucket(bucket);
    this.bucket = bucket;
    this.bestEnd = -1;
    this.walkFrom(text, start, 0, j, limit);
    if (this.bestEnd <= start) return undefined;
    const terminal = this.bestAliases.length > 0 ? this.groupOf(this.bestAliases) : -1 - this.bestContext;
    if (this.bestAliases.length > 0) this.bestAliases.length = 0;
    return { start, end: this.bestEnd, terminal };
  }

  private walkFrom(text: string, start: number, node: number, j: number, limit: number): void {
    const classes = this.classes;
    const fold = this.fold;
    const bucket = this.bucket;
    const { linkStart, firstMin, firstTable } = bucket;
    for (;;) {
      const firstLink = linkStart[node] as number;
      const endLink = linkStart[node + 1] as number;
      for (let link = firstLink; link < endLink; link++) this.tryLink(text, start, link, j, limit);
      if (j >= limit) return;
      const code = text.charCodeAt(j);
      let cls = classes[code] as number;
      if (cls === UNKNOWN) cls = classOf(code);
      let label: number;
      let next: number;
      if (cls === WORD || cls === UPPER) {
        label = fold[code] as number;
        next = j + 1;
        if (next < limit && classOf(text.charCodeAt(next)) === MARK) {
          label = foldWithMarks(text, j, limit);
          next = skipMarks(text, next, limit);
        }
      } else if (cls === IGNORABLE || cls === MARK) {
        j++;
        continue;
      } else if (cls === SPACE_CLASS) {
        label = SPACE;
        next = j + 1;
        while (next < limit) {
          const spaceClass = classOf(text.charCodeAt(next));
          if (spaceClass !== SPACE_CLASS && spaceClass !== IGNORABLE) break;
          next++;
        }
      } else {
        label = fold[code] as number;
        next = j + 1;
      }
      let child = NO_CHILD;
      if (node === 0 && firstTable.length > 0) {
        // The first step out of a bucket, taken by every walk: a dense table.
        const index = label - firstMin;
        if (index >= 0 && index < firstTable.length) child = firstTable[index] as number;
      } else {
        child = childOf(bucket, node, label);
      }
      if (child === NO_CHILD) return;
      node = child;
      j = next;
    }
  }

  /** Try one link at text position `j`: each ending, then the continuation or the form's end. */
  private tryLink(text: string, start: number, link: number, j: number, limit: number): void {
    const bucket = this.bucket;
    const context = bucket.linkContext[link] as number;
    if (context >= 0) {
      const end = bucket.linkPrefix[link] === 1 ? this.wordEnd(text, j) : this.boundaryAfter(text, j) ? j : -1;
      if (end > this.bestEnd && end <= limit) {
        this.bestEnd = end;
        this.bestContext = context;
        if (this.bestAliases.length > 0) this.bestAliases.length = 0;
      }
      return;
    }
    const next = bucket.linkNext[link] as number;
    const aliasIndex = bucket.linkAlias[link] as number;
    for (const ending of this.endingSets[bucket.linkEndings[link] as number] as string[]) {
      const after = ending.length === 0 ? j : this.matchEnding(text, j, limit, ending);
      if (after < 0) continue;
      if (next >= 0) {
        this.walkFrom(text, start, next, after, limit);
        continue;
      }
      if (after < this.bestEnd || (after === this.bestEnd && this.bestAliases.length > 0 && this.bestAliases.includes(aliasIndex))) continue;
      if (!this.boundaryAfter(text, after) || !this.caseFits(text, start, after, this.alias(aliasIndex))) continue;
      if (after > this.bestEnd || this.bestAliases.length === 0) {
        this.bestEnd = after;
        this.bestContext = NONE;
        if (this.bestAliases.length > 0) this.bestAliases.length = 0;
      }
      this.bestAliases.push(aliasIndex);
    }
  }

  /** Index after `ending` (folded) read from text position `j`, or -1 when the text differs. */
  private matchEnding(text: string, j: number, limit: number, ending: string): number {
    let k = j;
    for (let e = 0; e < ending.length; e++) {
      let cls = classOf(text.charCodeAt(k));
      while (k < limit && (cls === IGNORABLE || cls === MARK)) cls = classOf(text.charCodeAt(++k));
      if (k >= limit) return -1;
      let folded = foldOf(text.charCodeAt(k));
      let next = k + 1;
      if (next < limit && classOf(text.charCodeAt(next)) === MARK) {
        folded = foldWithMarks(text, k, limit);
        next = skipMarks(text, next, limit);
      }
      if (folded !== ending.charCodeAt(e)) return -1;
      k = next;
    }
    return k;
  }

  /**
   * Alias record `index`. From a snapshot it is read the first time a match needs it: every alias
   * of a match passes here (`tryLink`, `groupOf`) before anything else reads `aliases`.
   */
  /** @internal */
  alias(index: number): AliasRecord {
    const record = this.aliases[index];
    if (record) return record;
    if (!this.aliasTables) throw new Error(`No alias record ${index}`);
    return (this.aliases[index] = decodeAlias(this.aliasTables, index));
  }

  /** The group id of a list of aliases (interned; the list is copied). */
  private groupOf(aliases: readonly number[]): number {
    const key = aliases.length === 1 ? String(aliases[0]) : [...aliases].sort((a, b) => a - b).join(',');
    let id = this.groupIds.get(key);
    if (id === undefined) {
      id = this.groups.length;
      const group = key.split(',').map(Number);
      this.groups.push(group);
      this.groupIds.set(key, id);
      const entities = new Set(group.map((alias) => this.alias(alias).entity));
      const sure = group.some((alias) => this.alias(alias).confidence >= AMBIGUOUS_BELOW);
      this.groupConfirming.push(entities.size === 1 && sure ? [...entities][0] as number : NONE);
    }
    return id;
  }

  /** True when position `end` is not inside a word (invisible characters are looked through). */
  private boundaryAfter(text: string, end: number): boolean {
    let k = end;
    while (k < text.length && classOf(text.charCodeAt(k)) === IGNORABLE) k++;
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
    while (before >= 0 && classOf(text.charCodeAt(before)) === IGNORABLE) before--;
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
      if (!isWordClass(cls) && cls !== IGNORABLE) break;
      k++;
    }
    return k;
  }

  private wordBefore(text: string, index: number): boolean {
    for (let k = index - 1; k >= 0; k--) {
      const code = text.charCodeAt(k);
      const cls = classOf(code);
      if (cls === IGNORABLE) continue;
      if (isWordClass(cls)) return true;
      return foldOf(code) === APOSTROPHE && this.cyrillicApostrophe(text, k);
    }
    return false;
  }

  private caseFits(text: string, start: number, end: number, alias: AliasRecord): boolean {
    switch (alias.caseRule) {
      case 'any':
        return true;
      case 'name': {
        if (alias.anchorToken === 0 && alias.anchorLetter === 0) return classOf(text.charCodeAt(start)) === UPPER;
        let token = 0;
        let letter = 0;
        let inSpace = false;
        for (let k = start; k < end; k++) {
          const cls = classOf(text.charCodeAt(k));
          if (cls === SPACE_CLASS) {
            if (!inSpace) token++;
            inSpace = true;
            letter = 0;
            continue;
          }
          inSpace = false;
          if (!isLetterClass(cls) || token !== alias.anchorToken) continue;
          if (letter === alias.anchorLetter) return cls === UPPER;
          letter++;
        }
        return false;
      }
      case 'acronym': {
        if (classOf(text.charCodeAt(start)) !== UPPER) return false;
        let upper = 0;
        let lower = 0;
        for (let k = start + 1; k < end; k++) {
          const cls = classOf(text.charCodeAt(k));
          if (cls === UPPER) upper++;
          else if (cls === WORD) lower++;
        }
        return lower === 0 || upper === 0;
      }
      case 'exact':
        return caseSignature(text, start, end) === alias.signature;
    }
  }

}

/**
 * Whether candidate `a` beats `b`: the higher score, compared before clamping (a river with three
 * support cues beats a city with none even when both would reach 1); ties go to the higher alias
 * confidence, then to the entity listed first.
 */
export function better(a: Candidate, b: Candidate): boolean {
  if (a.score.score !== b.score.score) return a.score.score > b.score.score;
  if (a.base !== b.base) return a.base > b.base;
  return a.index < b.index;
}

/** The winning candidate of a match (`better`), or undefined for none. */
export function bestCandidate(candidates: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const candidate of candidates) if (!best || better(candidate, best)) best = candidate;
  return best;
}

/** A pattern waiting in its bucket: an alias (from `start`, after its first letter) or a context word. */
export interface PendingPattern {
  pattern: string;
  start: number;
  alias: number;
  context: number;
}

// What a bucket holds until it is built: shared, never written (building replaces them), so that
// the ~50 buckets of a snapshot cost no arrays in a tab until a page needs them.
const NOTHING = new Int32Array(0);
const NO_EDGES = new Int32Array(1);
const NO_LINKS = new Int32Array(2);
const NO_LABELS = new Uint16Array(0);
const NO_PREFIXES = new Uint8Array(0);

/**
 * The forms that start with one folded code unit: a trie whose node 0 is the state after that
 * first letter, frozen into flat arrays once built.
 */
/** @internal */
export class Bucket implements FrozenTrie {
  built = false;
  pending: PendingPattern[] = [];
  /** From a snapshot: the trie in the compact code, decoded on first use. */
  encoded: EncodedTrie | undefined = undefined;
  forms = 0;
  nodes = 0;
  edgeStart: Int32Array = NO_EDGES;
  edgeLabel: Uint16Array = NO_LABELS;
  edgeTarget: Int32Array = NOTHING;
  /** Children of node 0 by label − firstMin (0: none). */
  firstMin = 0;
  firstTable: Int32Array = NOTHING;
  /** Node 0 has links (a one-letter form) or no dense table: always walk. */
  rootLinks = true;
  /** Links of each node: linkStart[node] … linkStart[node + 1]. */
  linkStart: Int32Array = NO_LINKS;
  /** Index into the spotter's ending sets. */
  linkEndings: Int32Array = NOTHING;
  /** Continuation node (the next token, after a space), or -1 when the link ends a form. */
  linkNext: Int32Array = NOTHING;
  /** Alias whose form ends here, or -1. */
  linkAlias: Int32Array = NOTHING;
  /** Context-word key, or -1. */
  linkContext: Int32Array = NOTHING;
  /** 1 when the context word is a prefix (`war*`): the match runs to the end of the word. */
  linkPrefix: Uint8Array = NO_PREFIXES;
}

const EMPTY_BUCKET = new Bucket();

/** The child of `node` labelled `label` in a frozen bucket, or 0. */
function childOf(bucket: Bucket, node: number, label: number): number {
  const edgeLabel = bucket.edgeLabel;
  let low = bucket.edgeStart[node] as number;
  let high = bucket.edgeStart[node + 1] as number;
  // Sorted edges: binary search down to a few, then scan until the label is found or passed.
  while (high - low > 8) {
    const middle = (low + high) >>> 1;
    if ((edgeLabel[middle] as number) < label) low = middle + 1;
    else high = middle + 1;
  }
  for (let e = low; e < high; e++) {
    const edge = edgeLabel[e] as number;
    if (edge >= label) return edge === label ? bucket.edgeTarget[e] as number : NO_CHILD;
  }
  return NO_CHILD;
}

/** Give a bucket its frozen arrays (compiled or decoded) and the dense table of its first step. */
export function setTrie(bucket: Bucket, trie: FrozenTrie): void {
  const { edgeStart, edgeLabel, edgeTarget, linkStart } = trie;
  bucket.edgeStart = edgeStart;
  bucket.edgeLabel = edgeLabel;
  bucket.edgeTarget = edgeTarget;
  const rootEdges = edgeStart[1] as number;
  if (rootEdges > 0 && (edgeLabel[rootEdges - 1] as number) - (edgeLabel[0] as number) < 4096) {
    const min = edgeLabel[0] as number;
    bucket.firstMin = min;
    bucket.firstTable = new Int32Array((edgeLabel[rootEdges - 1] as number) - min + 1);
    for (let e = 0; e < rootEdges; e++) bucket.firstTable[(edgeLabel[e] as number) - min] = edgeTarget[e] as number;
    bucket.rootLinks = (linkStart[1] as number) > 0;
  }
  bucket.linkStart = linkStart;
  bucket.linkEndings = trie.linkEndings;
  bucket.linkNext = trie.linkNext;
  bucket.linkAlias = trie.linkAlias;
  bucket.linkContext = trie.linkContext;
  bucket.linkPrefix = trie.linkPrefix;
}

/** Upper/lower pattern of the letters of text[start, end): "U" or "l" per letter. */
export function caseSignature(text: string, start: number, end: number): string {
  let signature = '';
  for (let k = start; k < end; k++) {
    const cls = classOf(text.charCodeAt(k));
    if (cls === UPPER) signature += 'U';
    else if (cls === WORD) signature += 'l';
  }
  return signature;
}

/**
 * A spotter from a precompiled snapshot (the bundled one, stored for content scripts by the
 * background: lib/bundled-spotter.ts; the reader's tracked names: lib/tracked-spotter.ts): starts
 * without building anything.
 */
export function spotterFromSnapshot(snapshot: SpotterSnapshot): Spotter {
  if (!isSpotterSnapshot(snapshot)) throw new Error('This spotter snapshot is of another format: rebuild the extension.');
  return new Spotter(snapshot.entities, snapshot);
}

/** What a spotter compiled from a gazetteer builds its buckets with (spotter-compile.ts). */
export interface BucketCompiler {
  /** Build the bucket's trie from its pending patterns and give it its frozen arrays (`setTrie`). */
  build(bucket: Bucket): void;
}

export { compileSpotter, spotterSnapshot } from './spotter-compile';
