/**
 * Names the reader tracks: people, places, units the bundled gazetteer does not know. The light
 * part, shared by every context (the content script included): the record as stored
 * (`TrackedName`) and its checked parsing, for storage and import files; the entity a tracked name
 * becomes (`trackedEntity`: every reviewed form a plain alias, the reader's note as its
 * description, so that `compileSpotter` marks it like any other); merging the mentions of two
 * spotters on one text (`mergeMentions`) and recomputing a stored excerpt's tracked tags
 * (`retagExcerpt`). Generating the forms to review and checking them (the reading room, imports)
 * is core/tracked-review.ts.
 */
import { type Alias, type EntityKind, ENTITY_KINDS, type Entity, type Gazetteer } from './gazetteer';
import type { Gender } from './inflect/paradigm';
import { NAME_LANGS, type NameLang } from './inflect/langs';
import type { ExcerptRecord } from './schema';
import type { Mention, Spotter } from './spotter';
import { foldText } from './text-fold';

export const TRACKED_ID_PREFIX = 'tracked-';

export const TRACKED_LIMITS = {
  /** Characters of a name, a spelling or a form. */
  name: 100,
  note: 500,
  spellings: 12,
  forms: 400,
  /** Tracked names in all. */
  names: 500,
} as const;

export interface TrackedName {
  /** `tracked-…`, kebab-case, never reused. */
  id: string;
  /** As the reader wrote it: the name cards and lists show. */
  name: string;
  kind: EntityKind;
  /** The languages its forms were generated for. */
  langs: NameLang[];
  /** Other spellings the reader gave ("Alexander Khinshtein", "Олександр Хінштейн"), each declined too. */
  spellings: string[];
  /** For a person: the gender the reader chose for declining, when they chose one. */
  gender?: Gender;
  /** Every form Backstory marks, after the reader's review (plain text, no patterns). */
  forms: string[];
  /** Generated forms the reader removed, and forms they added (kept so that an edit regenerates the rest). */
  removed: string[];
  added: string[];
  note?: string;
  /** ISO instants. */
  created: string;
  updated: string;
}

export function isTrackedId(id: string): boolean {
  return id.startsWith(TRACKED_ID_PREFIX);
}

/** A new id: time and randomness, kebab-case like every entity id. */
export function newTrackedId(now: Date, random: () => number = Math.random): string {
  const tail = Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0');
  return `${TRACKED_ID_PREFIX}${now.getTime().toString(36)}-${tail}`;
}

/** Whitespace collapsed, trimmed, NFC. */
export function cleanName(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Characters a form may hold: letters, marks, digits, spaces, apostrophes, hyphens and full stops; a letter first. */
export const FORM_SHAPE = /^\p{L}[\p{L}\p{M}\p{N} '’ʼ‘.\-‐‑]*$/u;

// ───────────────────────────── parsing (storage, import files) ─────────────────────────────

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/u;
const FIELDS = ['id', 'name', 'kind', 'langs', 'spellings', 'gender', 'forms', 'removed', 'added', 'note', 'created', 'updated'] as const;
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL = /[\u0000-\u001f\u007f]/u;

/**
 * A checked copy of a stored or imported tracked name, or what is wrong with it. Only the record's
 * shape is checked here; the forms' own rules (length, collisions) are `NameChecker`'s.
 */
export function parseTrackedName(raw: unknown): TrackedName | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'a tracked name must be an object';
  const value = raw as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (!(FIELDS as readonly string[]).includes(key)) return `a tracked name has an unknown field "${key.slice(0, 40)}"`;
  }
  const text = (field: string, max: number, optional = false): string | undefined | Error => {
    const item = value[field];
    if (item === undefined && optional) return undefined;
    if (typeof item !== 'string' || !item.trim()) return new Error(`"${field}" must be a non-empty string`);
    if (item.length > max) return new Error(`"${field}" is too long`);
    if (CONTROL.test(item)) return new Error(`"${field}" contains control characters`);
    return item;
  };
  const list = (field: string, max: number): string[] | Error => {
    const items = value[field];
    if (!Array.isArray(items) || items.length > max) return new Error(`"${field}" must be a list of at most ${max} strings`);
    for (const item of items) {
      if (typeof item !== 'string' || !item.trim() || item.length > TRACKED_LIMITS.name || CONTROL.test(item)) {
        return new Error(`"${field}" must hold short strings`);
      }
    }
    return items as string[];
  };
  const id = text('id', 120);
  const name = text('name', TRACKED_LIMITS.name);
  const note = text('note', TRACKED_LIMITS.note, true);
  const created = text('created', 40);
  const updated = text('updated', 40);
  const forms = list('forms', TRACKED_LIMITS.forms);
  const spellings = list('spellings', TRACKED_LIMITS.spellings);
  const removed = list('removed', TRACKED_LIMITS.forms);
  const added = list('added', TRACKED_LIMITS.forms);
  for (const item of [id, name, note, created, updated, forms, spellings, removed, added]) if (item instanceof Error) return `tracked name: ${item.message}`;
  const label = `tracked name "${String(name).slice(0, 60)}"`;
  if (!/^tracked-[a-z0-9]+(?:-[a-z0-9]+)*$/u.test(id as string)) return `${label}: "id" must be "tracked-" and kebab-case`;
  if (!ENTITY_KINDS.includes(value.kind as EntityKind)) return `${label}: "kind" must be one of ${ENTITY_KINDS.join(', ')}`;
  const langs = value.langs;
  if (!Array.isArray(langs) || langs.length > NAME_LANGS.length || !langs.every((lang) => NAME_LANGS.includes(lang as NameLang))) {
    return `${label}: "langs" must list some of ${NAME_LANGS.join(', ')}`;
  }
  if (value.gender !== undefined && value.gender !== 'male' && value.gender !== 'female') return `${label}: "gender" must be male or female`;
  for (const field of ['created', 'updated'] as const) {
    const stamp = field === 'created' ? created : updated;
    if (!ISO_INSTANT.test(stamp as string) || Number.isNaN(Date.parse(stamp as string))) return `${label}: "${field}" must be an ISO instant`;
  }
  if ((forms as string[]).length === 0) return `${label}: it has no forms`;
  for (const form of forms as string[]) {
    if (!FORM_SHAPE.test(cleanName(form))) return `${label}: the form "${form.slice(0, 60)}" is not a name`;
  }
  return {
    id: id as string,
    name: cleanName(name as string),
    kind: value.kind as EntityKind,
    langs: NAME_LANGS.filter((lang) => (langs as string[]).includes(lang)),
    spellings: (spellings as string[]).map(cleanName),
    ...(value.gender ? { gender: value.gender as Gender } : {}),
    forms: [...new Set((forms as string[]).map(cleanName))],
    removed: (removed as string[]).map(cleanName),
    added: (added as string[]).map(cleanName),
    ...(note ? { note: (note as string).trim() } : {}),
    created: created as string,
    updated: updated as string,
  };
}

/** The valid names of a stored list (a damaged entry is dropped, not the list; ids stay unique). */
export function parseTrackedNames(raw: unknown): TrackedName[] {
  if (!Array.isArray(raw)) return [];
  const out: TrackedName[] = [];
  const ids = new Set<string>();
  for (const item of raw.slice(0, TRACKED_LIMITS.names)) {
    const parsed = parseTrackedName(item);
    if (typeof parsed === 'string' || ids.has(parsed.id)) continue;
    ids.add(parsed.id);
    out.push(parsed);
  }
  return out;
}

// ───────────────────────────── as entities ─────────────────────────────

/** The alias of one reviewed form: matched with a capital where it has one, in any case when written in lower case. */
function aliasOf(form: string): Alias {
  const letters = [...form].filter((char) => /\p{L}/u.test(char)).join('');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return { form, case: 'acronym' };
  if (letters === letters.toLowerCase() && letters !== letters.toUpperCase()) return { form, case: 'any' };
  return form;
}

export const TRACKED_DESCRIPTION = 'A name you track. Add a note about it in the reading room, under Names.';

/** The entity a tracked name is to the spotter, the cards and the reading room. */
export function trackedEntity(tracked: TrackedName): Entity {
  return {
    id: tracked.id,
    name: tracked.name,
    kind: tracked.kind,
    description: tracked.note ?? TRACKED_DESCRIPTION,
    aliases: tracked.forms.map(aliasOf),
  };
}

/** A gazetteer of the tracked names alone (its own small spotter). */
export function trackedGazetteer(names: readonly TrackedName[]): Gazetteer {
  return { version: 1, paradigms: {}, entities: names.map(trackedEntity) };
}

/**
 * What the tracked names mean for tagging, per id: changes when a name's forms change (not its
 * note), so that re-tagging runs only when marks would differ.
 */
export function taggingKeys(names: readonly TrackedName[]): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const tracked of names) keys[tracked.id] = [...tracked.forms].map(foldText).sort().join('|');
  return keys;
}

// ───────────────────────────── tags ─────────────────────────────

/**
 * The mentions of the bundled spotter and of the tracked names' spotter on one text, as one
 * spotter would give them: leftmost first, and of two that overlap the longer one (the bundled one
 * when they are as long).
 */
export function mergeMentions(bundled: readonly Mention[], tracked: readonly Mention[]): Mention[] {
  if (tracked.length === 0) return [...bundled];
  if (bundled.length === 0) return [...tracked];
  const all = [...bundled.map((mention) => ({ mention, tracked: false })), ...tracked.map((mention) => ({ mention, tracked: true }))];
  all.sort((a, b) => a.mention.start - b.mention.start || (b.mention.end - b.mention.start) - (a.mention.end - a.mention.start) ||
    Number(a.tracked) - Number(b.tracked));
  const out: Mention[] = [];
  for (const { mention } of all) {
    const last = out[out.length - 1];
    if (last && mention.start < last.end) {
      // Overlaps the one kept: keep the longer (a later start can still be longer).
      if (mention.end - mention.start > last.end - last.start) out[out.length - 1] = mention;
      continue;
    }
    out.push(mention);
  }
  return out;
}

/**
 * An excerpt with its tracked tags recomputed by `spotter` (the tracked names' spotter; undefined
 * when none are tracked): every tag and mention of a tracked id is dropped, then the spotter's are
 * added. The bundled tags are never touched. Returns undefined when nothing changes.
 */
export function retagExcerpt(excerpt: ExcerptRecord, spotter: Spotter | undefined): ExcerptRecord | undefined {
  const found = spotter ? spotter.spot(excerpt.text) : [];
  const kept = excerpt.mentions.filter(([, , id]) => !isTrackedId(id));
  const mentions = [...kept, ...found.map((mention): [number, number, string] => [mention.start, mention.end, mention.entity.id])]
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const entityIds = [...new Set([...excerpt.entityIds.filter((id) => !isTrackedId(id)), ...found.map((mention) => mention.entity.id)])].sort();
  const same = entityIds.length === excerpt.entityIds.length && entityIds.every((id, index) => id === excerpt.entityIds[index]) &&
    mentions.length === excerpt.mentions.length &&
    mentions.every((mention, index) => {
      const other = excerpt.mentions[index];
      return other !== undefined && other[0] === mention[0] && other[1] === mention[1] && other[2] === mention[2];
    });
  return same ? undefined : { ...excerpt, entityIds, mentions };
}
