/**
 * The entity gazetteer: its types, and the expansion of alias patterns (`Херсон{ru-m|uk-m}`) into
 * the concrete word forms the spotter compiles. The data format is documented in data/README.md.
 */

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

/**
 * Expand one alias pattern into every form it stands for. Each space-separated token may carry
 * `{…}` endings; the result is the cartesian product, in a stable order. Throws on a malformed
 * pattern or an unknown paradigm so that bad data fails the build, not the reader.
 */
export function expandForms(pattern: string, paradigms: Record<string, string[]>): string[] {
  const tokens = pattern.trim().split(/ +/u);
  let forms: string[] = [''];
  for (const token of tokens) {
    const match = TOKEN_PATTERN.exec(token);
    if (!match) throw new Error(`Malformed alias token "${token}" in "${pattern}"`);
    const stem = match[1] ?? '';
    const endings = match[2] === undefined ? [''] : expandEndings(match[2], paradigms, pattern);
    if (!stem && endings.every((ending) => !ending)) {
      throw new Error(`Empty alias token in "${pattern}"`);
    }
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
    else if (/^[\p{L}\p{M}'’-]*$/u.test(item) && !/^[a-z]{2}-/u.test(item)) endings.push(item);
    else throw new Error(`Unknown paradigm or bad ending "${item}" in "${pattern}"`);
  }
  return [...new Set(endings)];
}

export function entityRef(entity: Entity): EntityRef {
  return { id: entity.id, name: entity.name, kind: entity.kind };
}
