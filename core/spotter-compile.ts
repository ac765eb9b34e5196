/**
 * Compiling a gazetteer into a spotter (core/spotter.ts), and writing a compiled spotter as a
 * snapshot (core/spotter-automaton.ts) to ship precompiled.
 *
 * `compileSpotter` files every alias pattern (`Херсон{ru-m|uk-m}`, format in gazetteer.ts and
 * data/README.md) and every context word (WAR_WORDS) under the folded code unit it starts with (a
 * few ms); the trie of a first letter is built the first time a word starting with it is scanned,
 * and frozen into the flat arrays the scan reads. Each alias's stems go into the trie once; the node
 * where a stem ends carries a link to the set of endings it may take and to what follows (the next
 * token, or the alias).
 *
 * Kept apart from the scan so that the content script, which starts from a snapshot the background
 * stored (lib/bundled-spotter.ts), does not carry it: it runs in the background, the reading room,
 * the corpus builder, the tools and the tests.
 */
import {
  type AliasObject,
  type Entity,
  type Gazetteer,
  expandForms,
  parsePattern,
  primaryLanguage,
} from './gazetteer';
import {
  type BucketCompiler,
  Bucket,
  IGNORABLE,
  MARK,
  NONE,
  SPACE_CLASS,
  Spotter,
  UPPER,
  WORD,
  caseSignature,
  setTrie,
} from './spotter';
import {
  type AliasRecord,
  type EncodedTrie,
  type SpotterEntity,
  type SpotterSnapshot,
  AUTOMATON_FORMAT,
  aliasCount,
  encodeAliases,
  encodeTrie,
  trieAlphabet,
} from './spotter-automaton';
import { WAR_WORDS } from './spotter-context';
import { SPACE, classOf, foldOf, foldText, isLetterClass } from './text-fold';

const DOT = 0x2e;

/** Compile a gazetteer into a spotter. Do it once per context and keep the result. */
export function compileSpotter(gazetteer: Gazetteer): Spotter {
  const spotter = new Spotter(gazetteer.entities);
  const compiler = new GazetteerCompiler(spotter, gazetteer.paradigms);
  spotter.compiler = compiler;
  compiler.fileAliases(gazetteer);
  return spotter;
}

/**
 * The fully built spotter as plain data, to ship precompiled (core/spotter-automaton.ts): a
 * content script that starts from it neither reads the gazetteer nor parses alias patterns nor
 * builds tries; it decodes the trie of a first letter when a page has a word starting with it.
 * It carries of each entity only what the page needs (id, name, kind, scope, cues).
 */
export function spotterSnapshot(spotter: Spotter): SpotterSnapshot {
  spotter.compileAll();
  const roots: number[] = [];
  for (let code = 0; code < 65536; code++) {
    const bucket = spotter.rootBucket[code] as number;
    if (bucket !== 0) roots.push(code, bucket - 1, spotter.rootLowerStart[code] as number);
  }
  const alphabet = trieAlphabet(spotter.buckets);
  const aliasTotal = spotter.aliasTables ? aliasCount(spotter.aliasTables) : spotter.aliases.length;
  for (let index = 0; index < aliasTotal; index++) spotter.alias(index);
  return {
    format: AUTOMATON_FORMAT,
    entities: spotter.entities.map((entity) => ({
      id: entity.id,
      name: entity.name,
      kind: entity.kind,
      ...(entity.scope ? { scope: entity.scope } : {}),
      ...(entity.cues ? { cues: entity.cues } : {}),
    })),
    alphabet,
    endingSets: spotter.endingSets.map((set) => [...set]),
    ...encodeAliases(spotter.aliases),
    roots,
    buckets: spotter.buckets.map((bucket): EncodedTrie => [bucket.forms, bucket.nodes, bucket.edgeLabel.length, bucket.linkEndings.length, encodeTrie(bucket, alphabet)]),
  };
}

/** Files a gazetteer's patterns into a spotter's buckets and builds a bucket's trie when asked. */
class GazetteerCompiler implements BucketCompiler {
  private readonly endingSetIds = new Map<string, number>();

  constructor(
    private readonly spotter: Spotter,
    private readonly paradigms: Record<string, string[]>,
  ) {}

  /** File every alias of the gazetteer and every context word (WAR_WORDS) under its first letter. */
  fileAliases(gazetteer: Gazetteer): void {
    for (let index = 0; index < gazetteer.entities.length; index++) {
      const entity = gazetteer.entities[index] as Entity;
      for (const rawAlias of entity.aliases) {
        const alias = typeof rawAlias === 'string' ? { form: rawAlias } as AliasObject : rawAlias;
        const caseRule = alias.case ?? 'name';
        const pattern = alias.form.normalize('NFC');
        const record: AliasRecord = {
          entity: index,
          caseRule,
          confidence: alias.confidence ?? 1,
          lang: primaryLanguage(alias.lang),
          anchorToken: 0,
          anchorLetter: 0,
          signature: '',
        };
        try {
          if (caseRule === 'exact') {
            // Exact forms carry their own case pattern: one record per form.
            for (const form of expandForms(pattern, gazetteer.paradigms)) {
              const signature = caseSignature(form, 0, form.length);
              this.file(form, this.spotter.aliases.push({ ...record, signature }) - 1, NONE, signature.startsWith('l'));
            }
          } else {
            this.file(pattern, this.spotter.aliases.push(record) - 1, NONE, caseRule === 'any');
          }
        } catch (error) {
          throw new Error(`Entity "${entity.id}": ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    for (let key = 0; key < WAR_WORDS.length; key++) {
      for (const word of WAR_WORDS[key] as readonly string[]) this.file(word, NONE, key, true);
    }
  }

  /** Put a pattern (alias or context word) in the bucket of its first folded code unit. */
  private file(pattern: string, alias: number, context: number, lowerStart: boolean): void {
    let k = 0;
    while (k < pattern.length && classOf(pattern.charCodeAt(k)) === SPACE_CLASS) k++;
    const code = pattern.charCodeAt(k);
    const cls = k < pattern.length ? classOf(code) : 0;
    if (!isLetterClass(cls)) throw new Error(`Alias "${pattern}" must start with a letter`);
    const first = foldOf(code);
    let bucketId = (this.spotter.rootBucket[first] as number) - 1;
    if (bucketId < 0) {
      if (this.spotter.buckets.length >= 0xfffe) throw new Error('Too many first letters');
      bucketId = this.spotter.buckets.push(new Bucket()) - 1;
      this.spotter.rootBucket[first] = bucketId + 1;
    }
    // A form may start in lower case when its case rule allows it or its first letter is written so.
    if (lowerStart || cls === WORD) this.spotter.rootLowerStart[first] = 1;
    (this.spotter.buckets[bucketId] as Bucket).pending.push({ pattern, start: k + 1, alias, context });
  }

  /** Build a bucket's trie from its pending patterns and freeze it (the spotter marks it built). */
  build(bucket: Bucket): void {
    const builder = new TrieBuilder();
    let forms = 0;
    for (const item of bucket.pending) {
      if (item.alias >= 0) {
        try {
          forms += this.insertPattern(builder, item.pattern, item.start, item.alias);
        } catch (error) {
          const entity = this.spotter.entities[(this.spotter.aliases[item.alias] as AliasRecord).entity] as SpotterEntity;
          throw new Error(`Entity "${entity.id}": ${error instanceof Error ? error.message : String(error)}`);
        }
      } else {
        const prefix = item.pattern.endsWith('*');
        const node = this.insertText(builder, 0, item.pattern.slice(item.start, prefix ? -1 : undefined));
        builder.addLink(node, 0, NONE, NONE, item.context, prefix);
      }
    }
    freeze(builder, bucket);
    bucket.forms = forms;
    bucket.nodes = builder.size;
  }

  /**
   * Insert an alias pattern in one pass over its characters: each token's stem goes into the trie;
   * at the node where it ends, a link to the token's endings leads to the next token (after a
   * space) or, for the last token, to the alias. Also finds the alias's case anchor (the first
   * capital of its stems). Returns the number of forms the pattern stands for.
   */
  private insertPattern(builder: TrieBuilder, pattern: string, start: number, aliasIndex: number): number {
    const record = this.spotter.aliases[aliasIndex] as AliasRecord;
    const length = pattern.length;
    // The first letter is the bucket itself (node 0); it may be the case anchor.
    const firstIsUpper = classOf(pattern.charCodeAt(start - 1)) === UPPER;
    let anchorFound = firstIsUpper;
    let forms = 1;
    let node = 0;
    let stemLength = 1;
    let set = 0;
    let token = 0;
    let letter = firstIsUpper ? 0 : 1;
    let k = start;
    for (;;) {
      const code = k < length ? pattern.charCodeAt(k) : -1;
      const cls = code < 0 ? SPACE_CLASS : classOf(code);
      if (code === 0x7b) {
        // "{…}": the endings of this token's stem.
        const close = pattern.indexOf('}', k + 1);
        if (close < 0 || set !== 0) throw new Error(`Malformed alias "${pattern}"`);
        const list = pattern.slice(k + 1, close);
        set = this.endingSetIds.get(list) ?? this.addEndingSet(list, pattern);
        forms *= (this.spotter.endingSets[set] as string[]).length;
        k = close + 1;
        if (k < length && classOf(pattern.charCodeAt(k)) !== SPACE_CLASS) throw new Error(`Malformed alias "${pattern}": endings must end a word`);
        continue;
      }
      if (cls === SPACE_CLASS) {
        // The end of a token.
        while (k < length && classOf(pattern.charCodeAt(k)) === SPACE_CLASS) k++;
        const endings = this.spotter.endingSets[set] as string[];
        if (stemLength === 0 && set === 0) throw new Error(`Empty token in alias "${pattern}"`);
        if (k < length) {
          node = builder.child(builder.continuation(node, set), SPACE);
          stemLength = 0;
          set = 0;
          token++;
          letter = 0;
          continue;
        }
        for (const ending of endings) {
          const last = ending ? ending.charCodeAt(ending.length - 1) : stemLength > 1 || node !== 0 ? builder.label[node] as number : foldOf(pattern.charCodeAt(start - 1));
          if (!isLetterClass(classOf(last)) && last !== DOT) {
            throw new Error(`Alias forms must end with a letter, digit or dot: "${pattern}"`);
          }
        }
        builder.addLink(node, set, NONE, aliasIndex, NONE, false);
        break;
      }
      k++;
      if (code === 0x7d || set !== 0) throw new Error(`Malformed alias "${pattern}"`);
      if (cls === IGNORABLE || cls === MARK) continue;
      if (!anchorFound && (cls === UPPER || cls === WORD)) {
        if (cls === UPPER) {
          anchorFound = true;
          record.anchorToken = token;
          record.anchorLetter = letter;
        } else {
          letter++;
        }
      }
      node = builder.child(node, foldOf(code));
      stemLength++;
    }
    if (!anchorFound || firstIsUpper) {
      // A capital first letter, or no capital at all: the `name` rule checks the first letter.
      record.anchorToken = 0;
      record.anchorLetter = 0;
    }
    return forms;
  }

  /** Parse and fold one `{…}` list of endings (paradigm names and literal endings). */
  private addEndingSet(list: string, pattern: string): number {
    const endings = parsePattern(`x{${list}}`, this.paradigms)[0]?.endings;
    if (!endings) throw new Error(`Malformed endings "{${list}}" in "${pattern}"`);
    const folded = [...new Set(endings.map((ending) => foldText(ending)))];
    const id = this.spotter.endingSets.push(folded) - 1;
    this.endingSetIds.set(list, id);
    return id;
  }

  /** Insert the folded characters of `text` below `node`; white space becomes one space label. */
  private insertText(builder: TrieBuilder, node: number, text: string): number {
    let pendingSpace = false;
    for (let k = 0; k < text.length; k++) {
      const code = text.charCodeAt(k);
      const cls = classOf(code);
      if (cls === IGNORABLE || cls === MARK) continue;
      if (cls === SPACE_CLASS) {
        pendingSpace = true;
        continue;
      }
      if (pendingSpace) {
        node = builder.child(node, SPACE);
        pendingSpace = false;
      }
      node = builder.child(node, foldOf(code));
    }
    return node;
  }

}

/** Turn a builder's linked lists into the flat, sorted edge and link arrays the walk reads. */
function freeze(builder: TrieBuilder, bucket: Bucket): void {
  const size = builder.size;
  const edgeStart = new Int32Array(size + 1);
  const linkStart = new Int32Array(size + 1);
  let edges = 0;
  let links = 0;
  for (let node = 0; node < size; node++) {
    edgeStart[node] = edges;
    linkStart[node] = links;
    for (let child = builder.firstChild[node] as number; child !== 0; child = builder.nextSibling[child] as number) edges++;
    for (let link = builder.firstLink[node] as number; link !== NONE; link = builder.linkNextInList[link] as number) links++;
  }
  edgeStart[size] = edges;
  linkStart[size] = links;
  const edgeLabel = new Uint16Array(edges);
  const edgeTarget = new Int32Array(edges);
  const linkEndings = new Int32Array(links);
  const linkNext = new Int32Array(links);
  const linkAlias = new Int32Array(links);
  const linkContext = new Int32Array(links);
  const linkPrefix = new Uint8Array(links);
  for (let node = 0; node < size; node++) {
    const from = edgeStart[node] as number;
    let count = 0;
    for (let child = builder.firstChild[node] as number; child !== 0; child = builder.nextSibling[child] as number) {
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
    }
    // Links keep their insertion order (the list is built newest first).
    let k = (linkStart[node + 1] as number) - 1;
    for (let link = builder.firstLink[node] as number; link !== NONE; link = builder.linkNextInList[link] as number, k--) {
      linkEndings[k] = builder.linkEndings[link] as number;
      linkNext[k] = builder.linkNext[link] as number;
      linkAlias[k] = builder.linkAlias[link] as number;
      linkContext[k] = builder.linkContext[link] as number;
      linkPrefix[k] = builder.linkPrefix[link] as number;
    }
  }
  setTrie(bucket, { edgeStart, edgeLabel, edgeTarget, linkStart, linkEndings, linkNext, linkAlias, linkContext, linkPrefix });
}

/** A trie under construction: first-child / next-sibling lists and link lists in growable typed arrays. */
class TrieBuilder {
  size = 1;
  label = new Uint16Array(1024);
  firstChild = new Int32Array(1024);
  nextSibling = new Int32Array(1024);
  firstLink = new Int32Array(1024).fill(NONE);
  links = 0;
  linkNextInList = new Int32Array(256);
  linkEndings = new Int32Array(256);
  linkNext = new Int32Array(256);
  linkAlias = new Int32Array(256);
  linkContext = new Int32Array(256);
  linkPrefix = new Uint8Array(256);

  /** The child of `node` labelled `label`, created when missing. */
  child(node: number, label: number): number {
    let child = this.firstChild[node] as number;
    while (child !== 0) {
      if (this.label[child] === label) return child;
      child = this.nextSibling[child] as number;
    }
    child = this.add(label);
    this.nextSibling[child] = this.firstChild[node] as number;
    this.firstChild[node] = child;
    return child;
  }

  /** A new node, not yet attached to a parent (continuations). */
  add(label: number): number {
    if (this.size === this.label.length) this.growNodes();
    const node = this.size++;
    this.label[node] = label;
    return node;
  }

  /** The continuation node of `node` for ending set `set` (shared by aliases with the same stem and endings). */
  continuation(node: number, set: number): number {
    for (let link = this.firstLink[node] as number; link !== NONE; link = this.linkNextInList[link] as number) {
      if (this.linkNext[link] !== NONE && this.linkEndings[link] === set) return this.linkNext[link] as number;
    }
    const next = this.add(0);
    this.addLink(node, set, next, NONE, NONE, false);
    return next;
  }

  addLink(node: number, endings: number, next: number, alias: number, context: number, prefix: boolean): void {
    if (this.links === this.linkEndings.length) this.growLinks();
    const link = this.links++;
    this.linkEndings[link] = endings;
    this.linkNext[link] = next;
    this.linkAlias[link] = alias;
    this.linkContext[link] = context;
    this.linkPrefix[link] = prefix ? 1 : 0;
    this.linkNextInList[link] = this.firstLink[node] as number;
    this.firstLink[node] = link;
  }

  private growNodes(): void {
    const capacity = this.label.length * 2;
    this.label = grow(this.label, capacity);
    this.firstChild = grow(this.firstChild, capacity);
    this.nextSibling = grow(this.nextSibling, capacity);
    this.firstLink = grow(this.firstLink, capacity, NONE);
  }

  private growLinks(): void {
    const capacity = this.linkEndings.length * 2;
    this.linkNextInList = grow(this.linkNextInList, capacity);
    this.linkEndings = grow(this.linkEndings, capacity);
    this.linkNext = grow(this.linkNext, capacity);
    this.linkAlias = grow(this.linkAlias, capacity);
    this.linkContext = grow(this.linkContext, capacity);
    this.linkPrefix = grow(this.linkPrefix, capacity);
  }
}

function grow<T extends Uint16Array | Int32Array | Uint8Array>(array: T, capacity: number, fill?: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  if (fill !== undefined) bigger.fill(fill, array.length);
  bigger.set(array);
  return bigger;
}
