/**
 * Names the reader tracks: people, places, units the bundled gazetteer does not know. Pure logic,
 * shared by the reading room (the "Track a name" form), the background (tagging, re-tagging the
 * corpus, import) and the content script (marking):
 *
 * - the record as stored (`TrackedName`) and its checked parsing, for storage and import files;
 * - the forms to review: generated in the name's languages (core/inflect), minus those the reader
 *   removed, plus those they added;
 * - the checks (`NameChecker`): a form shorter than three letters, one Backstory already marks for
 *   another entity, or one another tracked name has is refused, with the reason; a form that is a
 *   common word, or that contains a name Backstory marks, is allowed with a warning;
 * - the entity a tracked name becomes (`trackedEntity`): every reviewed form a plain alias, the
 *   reader's note as its description, so that `compileSpotter` marks it like any other;
 * - merging the mentions of two spotters on one text (`mergeMentions`) and adding a tracked
 *   spotter's tags to a stored excerpt (`retagExcerpt`).
 */
import { type Alias, type EntityKind, ENTITY_KINDS, type Entity, type Gazetteer, expandForms, normaliseAlias } from './gazetteer';
import { commonWordLanguages } from './common-words';
import { type Gender, NAME_LANGS, NAME_LANG_LABELS, type NameLang, SCRIPT_LANGS, detectLanguages, inflectName, scriptOf } from './inflect';
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

// ───────────────────────────── forms ─────────────────────────────

/** Whitespace collapsed, trimmed, NFC. */
export function cleanName(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** What the reader has filled in (the form in the reading room, or a stored name being edited). */
export interface TrackedDraft {
  name: string;
  kind: EntityKind;
  langs: readonly NameLang[];
  spellings: readonly string[];
  gender?: Gender;
  removed: readonly string[];
  added: readonly string[];
}

/** Where a form to review comes from. */
export type FormOrigin = 'written' | 'generated' | 'added';

export interface DraftForm {
  form: string;
  origin: FormOrigin;
  /** The languages whose rules gave it (empty for forms as written or added). */
  langs: NameLang[];
}

/** The languages a spelling is declined in: those chosen that fit its script, else those its letters suggest. */
function langsFor(spelling: string, chosen: readonly NameLang[]): NameLang[] {
  const script = scriptOf(spelling);
  if (!script) return [];
  const fitting = chosen.filter((lang) => SCRIPT_LANGS[script].includes(lang));
  return fitting.length > 0 ? fitting : detectLanguages(spelling);
}

/**
 * The forms a draft stands for, before checks: the name and each spelling as written, their
 * generated forms in every language that fits, and the forms the reader added; minus those the
 * reader removed. Folded duplicates are listed once (the first wins).
 */
export function draftForms(draft: TrackedDraft): DraftForm[] {
  const out: DraftForm[] = [];
  const seen = new Map<string, DraftForm>();
  const removed = new Set(draft.removed.map(foldText));
  const push = (form: string, origin: FormOrigin, lang?: NameLang) => {
    const clean = cleanName(form);
    const key = foldText(clean);
    if (!key || (origin !== 'added' && removed.has(key))) return;
    const known = seen.get(key);
    if (known) {
      if (lang && !known.langs.includes(lang)) known.langs.push(lang);
      return;
    }
    const entry: DraftForm = { form: clean, origin, langs: lang ? [lang] : [] };
    seen.set(key, entry);
    out.push(entry);
  };
  const spellings = [draft.name, ...draft.spellings].map(cleanName).filter(Boolean);
  for (const spelling of spellings) push(spelling, 'written');
  for (const spelling of spellings) {
    for (const lang of langsFor(spelling, draft.langs)) {
      const generated = inflectName(spelling, lang, { kind: draft.kind, ...(draft.gender ? { gender: draft.gender } : {}) });
      for (const form of generated.forms) push(form, 'generated', lang);
    }
  }
  for (const form of draft.added) push(form, 'added');
  return out;
}

// ───────────────────────────── checks ─────────────────────────────

export type Severity = 'refused' | 'warning';

export interface FormProblem {
  severity: Severity;
  reason: string;
}

/** Letters (any script) in a form. */
function letterCount(form: string): number {
  return [...form].filter((char) => /\p{L}/u.test(char)).length;
}

/** Characters a form may hold: letters, marks, digits, spaces, apostrophes, hyphens and full stops; a letter first. */
const FORM_SHAPE = /^\p{L}[\p{L}\p{M}\p{N} '’ʼ‘.\-‐‑]*$/u;

interface KnownForm {
  /** Who has the form: a bundled entity or another tracked name. */
  name: string;
  id: string;
  tracked: boolean;
}

/**
 * Checks forms against the bundled gazetteer (every alias expanded into its forms) and the other
 * tracked names. Build one per gazetteer and list of tracked names; checking is a lookup.
 */
export class NameChecker {
  private readonly bundled = new Map<string, KnownForm>();
  private readonly tracked = new Map<string, KnownForm>();
  /** Longest bundled form, in words (for finding bundled names inside a tracked form). */
  private longest = 1;

  constructor(gazetteer: Pick<Gazetteer, 'entities' | 'paradigms'>, trackedNames: readonly TrackedName[] = []) {
    for (const entity of gazetteer.entities) {
      for (const alias of entity.aliases) {
        let forms: string[];
        try {
          forms = expandForms(normaliseAlias(alias).form, gazetteer.paradigms);
        } catch {
          continue;
        }
        for (const form of forms) {
          const key = foldText(form);
          if (!this.bundled.has(key)) this.bundled.set(key, { name: entity.name, id: entity.id, tracked: false });
          this.longest = Math.max(this.longest, key.split(' ').length);
        }
      }
    }
    this.setTracked(trackedNames);
  }

  /** The other tracked names (after one was saved or deleted). */
  setTracked(trackedNames: readonly TrackedName[]): void {
    this.tracked.clear();
    for (const tracked of trackedNames) {
      for (const form of tracked.forms) this.tracked.set(foldText(form), { name: tracked.name, id: tracked.id, tracked: true });
    }
  }

  /** Who already has a form (bundled first), apart from the tracked name `exceptId`. */
  owner(form: string, exceptId?: string): KnownForm | undefined {
    const key = foldText(form);
    const bundled = this.bundled.get(key);
    if (bundled) return bundled;
    const tracked = this.tracked.get(key);
    return tracked && tracked.id !== exceptId ? tracked : undefined;
  }

  /** What is wrong with one form, worst first; empty when nothing is. */
  check(form: string, exceptId?: string): FormProblem[] {
    const problems: FormProblem[] = [];
    const clean = cleanName(form);
    if (!clean) return [{ severity: 'refused', reason: 'It is empty.' }];
    if (clean.length > TRACKED_LIMITS.name) problems.push({ severity: 'refused', reason: `It is longer than ${TRACKED_LIMITS.name} characters.` });
    if (!FORM_SHAPE.test(clean)) {
      problems.push({ severity: 'refused', reason: 'A name starts with a letter and holds only letters, digits, spaces, apostrophes, hyphens and full stops.' });
    }
    if (letterCount(clean) < 3) {
      problems.push({ severity: 'refused', reason: 'It has fewer than three letters: it would be marked inside abbreviations and initials all over the page.' });
    }
    const owner = this.owner(clean, exceptId);
    if (owner) {
      problems.push({
        severity: 'refused',
        reason: owner.tracked
          ? `You already track “${clean}” as ${owner.name}.`
          : `Backstory already marks “${clean}” as ${owner.name}: the same words cannot stand for two names.`,
      });
    }
    const common = commonWordLanguages(clean);
    if (common.length > 0) {
      problems.push({
        severity: 'warning',
        reason: `“${clean}” is also a common ${common.map((lang) => NAME_LANG_LABELS[lang]).join(' and ')} word: it will be marked wherever it starts a sentence or a headline.`,
      });
    }
    if (clean === clean.toLowerCase() && clean !== clean.toUpperCase()) {
      problems.push({ severity: 'warning', reason: `“${clean}” is written in lower case, so it is marked in any case, also as an ordinary word.` });
    }
    if (!owner) {
      const inside = this.bundledInside(clean);
      if (inside) {
        problems.push({
          severity: 'warning',
          reason: `“${clean}” contains “${inside.form}”, which Backstory marks as ${inside.name}: where “${clean}” is written in full, it is marked as your name instead.`,
        });
      }
    }
    return problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'refused' ? -1 : 1));
  }

  /** A bundled form that is a run of whole words inside `form` (not all of it). */
  private bundledInside(form: string): { form: string; name: string } | undefined {
    const words = form.split(' ');
    const folded = words.map((word) => foldText(word));
    for (let size = Math.min(this.longest, words.length - 1); size >= 1; size--) {
      for (let start = 0; start + size <= words.length; start++) {
        const known = this.bundled.get(folded.slice(start, start + size).join(' '));
        if (known) return { form: words.slice(start, start + size).join(' '), name: known.name };
      }
    }
    return undefined;
  }
}

/** A form to review: where it comes from and what the checks say. */
export interface ReviewedForm extends DraftForm {
  problems: FormProblem[];
  /** Marked once saved: not refused. */
  kept: boolean;
}

export interface DraftReview {
  forms: ReviewedForm[];
  /** Why the draft cannot be saved as it is (the name itself refused, no form left, limits). */
  errors: string[];
}

/**
 * The review of a draft: every form with its problems. A generated form that is refused is left out
 * (shown, with the reason); a refused form the reader wrote or added blocks saving until they
 * change or remove it.
 */
export function reviewDraft(draft: TrackedDraft, checker: NameChecker, exceptId?: string): DraftReview {
  const errors: string[] = [];
  const name = cleanName(draft.name);
  if (!name) errors.push('Write the name to track.');
  if (!ENTITY_KINDS.includes(draft.kind)) errors.push('Choose what kind of name it is.');
  if (draft.spellings.length > TRACKED_LIMITS.spellings) errors.push(`At most ${TRACKED_LIMITS.spellings} other spellings.`);
  const forms = draftForms(draft).map((entry): ReviewedForm => {
    const problems = checker.check(entry.form, exceptId);
    return { ...entry, problems, kept: !problems.some((problem) => problem.severity === 'refused') };
  });
  for (const entry of forms) {
    if (entry.origin !== 'generated' && !entry.kept) {
      const reason = entry.problems.find((problem) => problem.severity === 'refused')?.reason ?? '';
      errors.push(`${entry.origin === 'written' ? 'The name' : 'The form'} “${entry.form}” cannot be tracked: ${reason}`);
    }
  }
  const kept = forms.filter((entry) => entry.kept).length;
  if (name && kept === 0 && errors.length === 0) errors.push('No form of this name is left to mark.');
  if (kept > TRACKED_LIMITS.forms) errors.push(`This name has ${kept} forms; at most ${TRACKED_LIMITS.forms} can be tracked. Remove some.`);
  return { forms, errors };
}

/** The stored record for a reviewed draft (new, or replacing `previous`). */
export function trackedFromDraft(draft: TrackedDraft, review: DraftReview, now: Date, previous?: TrackedName, note?: string): TrackedName {
  const iso = now.toISOString();
  const trimmedNote = note?.trim().slice(0, TRACKED_LIMITS.note);
  return {
    id: previous?.id ?? newTrackedId(now),
    name: cleanName(draft.name),
    kind: draft.kind,
    langs: NAME_LANGS.filter((lang) => draft.langs.includes(lang)),
    spellings: draft.spellings.map(cleanName).filter(Boolean),
    ...(draft.gender ? { gender: draft.gender } : {}),
    forms: review.forms.filter((entry) => entry.kept).map((entry) => entry.form),
    removed: [...new Set(draft.removed.map(cleanName).filter(Boolean))],
    added: [...new Set(draft.added.map(cleanName).filter(Boolean))],
    ...(trimmedNote ? { note: trimmedNote } : {}),
    created: previous?.created ?? iso,
    updated: iso,
  };
}

/** A stored name back as a draft (to edit it). */
export function draftOf(tracked: TrackedName): TrackedDraft {
  return {
    name: tracked.name, kind: tracked.kind, langs: tracked.langs, spellings: tracked.spellings,
    ...(tracked.gender ? { gender: tracked.gender } : {}), removed: tracked.removed, added: tracked.added,
  };
}

// ───────────────────────────── parsing (storage, import files) ─────────────────────────────

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/u;
const FIELDS = ['id', 'name', 'kind', 'langs', 'spellings', 'gender', 'forms', 'removed', 'added', 'note', 'created', 'updated'] as const;
// eslint-disable-next-line no-control-regex
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

/**
 * Check a list of tracked names as a whole against the gazetteer: the rules a reader meets in the
 * form (no form refused, no form shared between two names). Returns the first problem, naming the
 * name, or undefined. Used for import files.
 */
export function checkTrackedList(names: readonly TrackedName[], gazetteer: Pick<Gazetteer, 'entities' | 'paradigms'>): { index: number; message: string } | undefined {
  const checker = new NameChecker(gazetteer);
  const owners = new Map<string, TrackedName>();
  for (const [index, tracked] of names.entries()) {
    for (const form of tracked.forms) {
      const refused = checker.check(form).find((problem) => problem.severity === 'refused');
      if (refused) return { index, message: `tracked name "${tracked.name}": the form "${form}" is refused: ${refused.reason}` };
      const key = foldText(form);
      const other = owners.get(key);
      if (other && other.id !== tracked.id) return { index, message: `tracked name "${tracked.name}": the form "${form}" is also a form of "${other.name}"` };
      owners.set(key, tracked);
    }
  }
  return undefined;
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
