/**
 * The entity gazetteer: its types, and the expansion of alias patterns (`Херсон{ru-m|uk-m}`) into
 * the concrete word forms the spotter compiles. The data format is documented in data/README.md.
 */
import { compileCue } from './spotter-context';
import { APOSTROPHE, CharClass, HYPHEN, classOf, foldOf } from './text-fold';

export type EntityKind = 'place' | 'person' | 'organisation' | 'other';
export const ENTITY_KINDS: readonly EntityKind[] = ['place', 'person', 'organisation', 'other'];

/** How the case of a match is checked once the letters agree. */
export type CaseRule = 'name' | 'acronym' | 'exact' | 'any';
export const CASE_RULES: readonly CaseRule[] = ['name', 'acronym', 'exact', 'any'];

export interface AliasObject {
  form: string;
  lang?: string;
  case?: CaseRule;
  /** How sure a bare match of this alias is, 0–1 (default 1). */
  confidence?: number;
}

export type Alias = string | AliasObject;

export interface Cues {
  /** Words near a mention that make this sense more likely. */
  support?: string[];
  /** Words near a mention that rule this sense out. */
  against?: string[];
}

export interface Entity {
  id: string;
  name: string;
  kind: EntityKind;
  description: string;
  aliases: Alias[];
  cues?: Cues;
  /**
   * 'general': a name far from the war that news of every kind mentions (international bodies,
   * heads of state of other countries): marked only on pages about the war, and not counted as
   * evidence that a page is about it (core/spotter-context.ts `marksGeneralNames`).
   */
  scope?: 'general';
}

export interface Gazetteer {
  version: number;
  paradigms: Record<string, string[]>;
  entities: Entity[];
}

/** The public face of an entity, as other modules and the spot CLI show it. */
export interface EntityRef {
  id: string;
  name: string;
  kind: EntityKind;
}

export function normaliseAlias(alias: Alias): Required<Omit<AliasObject, 'lang'>> & { lang?: string } {
  const object = typeof alias === 'string' ? { form: alias } : alias;
  return {
    form: object.form,
    lang: object.lang,
    case: object.case ?? 'name',
    confidence: object.confidence ?? 1,
  };
}

const TOKEN_PATTERN = /^([^{}]*)(?:\{([^{}]*)\})?$/u;
const PARADIGM_NAME = /^[a-z]{2}-/u;

/** A literal ending: letters, marks, apostrophes and hyphens only (no regex: start-up cost). */
function isLiteralEnding(item: string): boolean {
  for (let k = 0; k < item.length; k++) {
    const cls = classOf(item.charCodeAt(k));
    if (cls !== CharClass.Word && cls !== CharClass.Upper && cls !== CharClass.Mark && foldOf(item.charCodeAt(k)) !== APOSTROPHE &&
        foldOf(item.charCodeAt(k)) !== HYPHEN) return false;
  }
  return true;
}

/** One space-separated token of an alias pattern: a stem and the endings it may take ("" = bare). */
export interface PatternToken {
  stem: string;
  endings: readonly string[];
}

/**
 * Parse an alias pattern into its tokens. `cache` (per gazetteer) keeps the expansion of each
 * `{…}` list so that compiling thousands of aliases expands each list once. Throws on a malformed
 * pattern or an unknown paradigm so that bad data fails the build, not the reader.
 */
export function parsePattern(
  pattern: string,
  paradigms: Record<string, string[]>,
  cache?: Map<string, readonly string[]>,
): PatternToken[] {
  const tokens: PatternToken[] = [];
  for (const token of pattern.trim().split(/ +/u)) {
    const match = TOKEN_PATTERN.exec(token);
    if (!match) throw new Error(`Malformed alias token "${token}" in "${pattern}"`);
    const stem = match[1] ?? '';
    const list = match[2];
    let endings: readonly string[] = BARE;
    if (list !== undefined) {
      const cached = cache?.get(list);
      endings = cached ?? expandEndings(list, paradigms, pattern);
      if (!cached) cache?.set(list, endings);
    }
    if (!stem && endings.every((ending) => !ending)) throw new Error(`Empty alias token in "${pattern}"`);
    tokens.push({ stem, endings });
  }
  return tokens;
}

const BARE: readonly string[] = [''];

/**
 * Expand one alias pattern into every form it stands for. Each space-separated token may carry
 * `{…}` endings; the result is the cartesian product, in a stable order.
 */
export function expandForms(pattern: string, paradigms: Record<string, string[]>): string[] {
  let forms: string[] = [''];
  for (const { stem, endings } of parsePattern(pattern, paradigms)) {
    const next: string[] = [];
    for (const prefix of forms) {
      for (const ending of endings) next.push(prefix ? `${prefix} ${stem}${ending}` : stem + ending);
    }
    forms = next;
  }
  return [...new Set(forms)];
}

function expandEndings(list: string, paradigms: Record<string, string[]>, pattern: string): string[] {
  const endings: string[] = [];
  for (const item of list.split('|')) {
    const paradigm = paradigms[item];
    if (paradigm) endings.push(...paradigm);
    else if (isLiteralEnding(item) && !PARADIGM_NAME.test(item)) endings.push(item);
    else throw new Error(`Unknown paradigm or bad ending "${item}" in "${pattern}"`);
  }
  return [...new Set(endings)];
}

export function entityRef(entity: Pick<Entity, 'id' | 'name' | 'kind'>): EntityRef {
  return { id: entity.id, name: entity.name, kind: entity.kind };
}

/** The primary language subtag, lower case ("de-AT" → "de"); undefined for no language. */
export function primaryLanguage(lang: string | null | undefined): string | undefined {
  if (typeof lang !== 'string') return undefined;
  const primary = lang.trim().toLowerCase().split(/[-_]/u)[0];
  return primary ? primary : undefined;
}

/**
 * Check that a parsed JSON value is a gazetteer, with a message that names the entity and field at
 * fault. Alias patterns themselves are checked when they are expanded (compileSpotter).
 */
export function validateGazetteer(value: unknown): Gazetteer {
  const fail = (where: string, problem: string): never => {
    throw new Error(`Gazetteer: ${where}: ${problem}`);
  };
  if (!isObject(value)) return fail('top level', 'expected an object with "paradigms" and "entities"');
  if (typeof value.version !== 'number') fail('version', 'expected a number');
  if (!isObject(value.paradigms)) fail('paradigms', 'expected an object of ending lists');
  for (const [name, endings] of Object.entries(value.paradigms as Record<string, unknown>)) {
    if (!Array.isArray(endings) || !endings.every((ending) => typeof ending === 'string')) {
      fail(`paradigm "${name}"`, 'expected an array of strings');
    }
  }
  if (!Array.isArray(value.entities)) return fail('entities', 'expected an array');
  const ids = new Set<string>();
  value.entities.forEach((entity: unknown, index: number) => {
    const where = `entity #${index}${isObject(entity) && typeof entity.id === 'string' ? ` ("${entity.id}")` : ''}`;
    if (!isObject(entity)) return fail(where, 'expected an object');
    if (typeof entity.id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/u.test(entity.id)) fail(where, 'id must be kebab-case');
    if (ids.has(entity.id as string)) fail(where, 'duplicate id');
    ids.add(entity.id as string);
    if (typeof entity.name !== 'string' || !entity.name.trim()) fail(where, 'name must be a non-empty string');
    if (!ENTITY_KINDS.includes(entity.kind as EntityKind)) fail(where, `kind must be one of ${ENTITY_KINDS.join(', ')}`);
    if (typeof entity.description !== 'string') fail(where, 'description must be a string');
    if (!Array.isArray(entity.aliases) || entity.aliases.length === 0) return fail(where, 'aliases must be a non-empty array');
    entity.aliases.forEach((alias: unknown, aliasIndex: number) => {
      const at = `${where} alias #${aliasIndex}`;
      const form = typeof alias === 'string' ? alias : isObject(alias) ? alias.form : undefined;
      if (typeof form !== 'string' || !form.trim()) return fail(at, 'expected a non-empty string or { "form": … }');
      try {
        parsePattern(form, value.paradigms as Record<string, string[]>);
      } catch (error) {
        fail(at, error instanceof Error ? error.message : String(error));
      }
      if (!isObject(alias)) return;
      if (alias.case !== undefined && !CASE_RULES.includes(alias.case as CaseRule)) fail(at, `case must be one of ${CASE_RULES.join(', ')}`);
      if (alias.lang !== undefined && typeof alias.lang !== 'string') fail(at, 'lang must be a string');
      if (alias.confidence !== undefined &&
          (typeof alias.confidence !== 'number' || !(alias.confidence >= 0 && alias.confidence <= 1))) {
        fail(at, 'confidence must be a number from 0 to 1');
      }
    });
    if (entity.scope !== undefined && entity.scope !== 'general') fail(where, 'scope must be "general" when given');
    if (entity.cues !== undefined) {
      if (!isObject(entity.cues)) return fail(where, 'cues must be an object');
      for (const key of ['support', 'against'] as const) {
        const list = entity.cues[key];
        if (list !== undefined && (!Array.isArray(list) || !list.every((cue) => typeof cue === 'string'))) {
          fail(where, `cues.${key} must be an array of strings`);
        }
        for (const cue of (list ?? []) as string[]) {
          try {
            compileCue(cue);
          } catch (error) {
            fail(where, `cues.${key}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      }
    }
    return undefined;
  });
  return value as unknown as Gazetteer;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
