/**
 * Reviewing a name before it is tracked (the reading room's "Track a name", and imports):
 *
 * - the forms a draft stands for: generated in the name's languages (core/inflect), minus those the
 *   reader removed, plus those they added (`draftForms`);
 * - the checks (`NameChecker`): a form shorter than three letters, one Backstory already marks for
 *   another entity (in any inflection of any bundled alias), or one another tracked name has is
 *   refused, with the reason; a form that is a common word, written in lower case, or that contains
 *   a name Backstory marks is allowed with a warning;
 * - the review of a draft (`reviewDraft`), the record it becomes (`trackedFromDraft`), and the
 *   check of a whole list (`checkTrackedList`, for import files).
 *
 * Kept apart from core/tracked-names.ts so that the content script, which only marks tracked
 * names, carries neither the inflection rules nor the word lists.
 */
import { ENTITY_KINDS, type EntityKind, type Gazetteer, expandForms, normaliseAlias } from './gazetteer';
import { commonWordLanguages } from './common-words';
import { type Gender, NAME_LANGS, NAME_LANG_LABELS, type NameLang, SCRIPT_LANGS, detectLanguages, inflectName, scriptOf } from './inflect';
import { FORM_SHAPE, TRACKED_LIMITS, type TrackedName, cleanName, newTrackedId } from './tracked-names';
import { foldText } from './text-fold';

// ───────────────────────────── forms ─────────────────────────────


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

/** What is wrong with a form, for the reading room to say in the reader's language. */
export type FormProblemCode =
  | 'empty' | 'too-long' | 'shape' | 'too-short' | 'tracked' | 'bundled' | 'common-word' | 'lower-case' | 'contains-bundled';

export interface FormProblem {
  severity: Severity;
  /** In English: for import messages and logs. */
  reason: string;
  code: FormProblemCode;
  /**
   * What the message for `code` names: the form checked, the name (and id) that already has it
   * (tracked, bundled) or whose form it contains (`inside`), the languages it is a common word of.
   */
  detail: { form: string; name?: string; id?: string; inside?: string; langs?: NameLang[] };
}

/** Letters (any script) in a form. */
function letterCount(form: string): number {
  return [...form].filter((char) => /\p{L}/u.test(char)).length;
}


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
    if (!clean) return [{ severity: 'refused', code: 'empty', detail: { form: clean }, reason: 'It is empty.' }];
    const detail = { form: clean };
    if (clean.length > TRACKED_LIMITS.name) {
      problems.push({ severity: 'refused', code: 'too-long', detail, reason: `It is longer than ${TRACKED_LIMITS.name} characters.` });
    }
    if (!FORM_SHAPE.test(clean)) {
      problems.push({
        severity: 'refused', code: 'shape', detail,
        reason: 'A name starts with a letter and holds only letters, digits, spaces, apostrophes, hyphens and full stops.',
      });
    }
    if (letterCount(clean) < 3) {
      problems.push({
        severity: 'refused', code: 'too-short', detail,
        reason: 'It has fewer than three letters: it would be marked inside abbreviations and initials all over the page.',
      });
    }
    const owner = this.owner(clean, exceptId);
    if (owner) {
      problems.push(owner.tracked
        ? { severity: 'refused', code: 'tracked', detail: { form: clean, name: owner.name, id: owner.id }, reason: `You already track “${clean}” as ${owner.name}.` }
        : {
          severity: 'refused', code: 'bundled', detail: { form: clean, name: owner.name, id: owner.id },
          reason: `Backstory already marks “${clean}” as ${owner.name}: the same words cannot stand for two names.`,
        });
    }
    const common = commonWordLanguages(clean);
    if (common.length > 0) {
      problems.push({
        severity: 'warning', code: 'common-word', detail: { form: clean, langs: common },
        reason: `“${clean}” is also a common ${common.map((lang) => NAME_LANG_LABELS[lang]).join(' and ')} word: it will be marked wherever it starts a sentence or a headline.`,
      });
    }
    if (clean === clean.toLowerCase() && clean !== clean.toUpperCase()) {
      problems.push({
        severity: 'warning', code: 'lower-case', detail,
        reason: `“${clean}” is written in lower case, so it is marked in any case, also as an ordinary word.`,
      });
    }
    if (!owner) {
      const inside = this.bundledInside(clean);
      if (inside) {
        problems.push({
          severity: 'warning', code: 'contains-bundled', detail: { form: clean, inside: inside.form, name: inside.name, id: inside.id },
          reason: `“${clean}” contains “${inside.form}”, which Backstory marks as ${inside.name}: where “${clean}” is written in full, it is marked as your name instead.`,
        });
      }
    }
    return problems.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'refused' ? -1 : 1));
  }

  /** A bundled form that is a run of whole words inside `form` (not all of it). */
  private bundledInside(form: string): { form: string; name: string; id: string } | undefined {
    const words = form.split(' ');
    const folded = words.map((word) => foldText(word));
    for (let size = Math.min(this.longest, words.length - 1); size >= 1; size--) {
      for (let start = 0; start + size <= words.length; start++) {
        const known = this.bundled.get(folded.slice(start, start + size).join(' '));
        if (known) return { form: words.slice(start, start + size).join(' '), name: known.name, id: known.id };
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

/** Why a draft cannot be saved as it is, for the reading room to say in the reader's language. */
export type ReviewIssue =
  | { code: 'no-name' | 'no-kind' | 'no-form-left' }
  | { code: 'too-many-spellings'; max: number }
  | { code: 'refused'; origin: 'written' | 'added'; form: string; problem: FormProblem }
  | { code: 'too-many-forms'; count: number; max: number };

export interface DraftReview {
  forms: ReviewedForm[];
  /** Why the draft cannot be saved as it is (the name itself refused, no form left, limits), in English. */
  errors: string[];
  /** The same, one issue per error, in the same order. */
  issues: ReviewIssue[];
}

/** An issue in English (DraftReview.errors). */
function issueText(issue: ReviewIssue): string {
  switch (issue.code) {
    case 'no-name': return 'Write the name to track.';
    case 'no-kind': return 'Choose what kind of name it is.';
    case 'too-many-spellings': return `At most ${issue.max} other spellings.`;
    case 'refused': return `${issue.origin === 'written' ? 'The name' : 'The form'} “${issue.form}” cannot be tracked: ${issue.problem.reason}`;
    case 'no-form-left': return 'No form of this name is left to mark.';
    case 'too-many-forms': return `This name has ${issue.count} forms; at most ${issue.max} can be tracked. Remove some.`;
  }
}

/**
 * The review of a draft: every form with its problems. A generated form that is refused is left out
 * (shown, with the reason); a refused form the reader wrote or added blocks saving until they
 * change or remove it.
 */
export function reviewDraft(draft: TrackedDraft, checker: NameChecker, exceptId?: string): DraftReview {
  const issues: ReviewIssue[] = [];
  const name = cleanName(draft.name);
  if (!name) issues.push({ code: 'no-name' });
  if (!ENTITY_KINDS.includes(draft.kind)) issues.push({ code: 'no-kind' });
  if (draft.spellings.length > TRACKED_LIMITS.spellings) issues.push({ code: 'too-many-spellings', max: TRACKED_LIMITS.spellings });
  const forms = draftForms(draft).map((entry): ReviewedForm => {
    const problems = checker.check(entry.form, exceptId);
    return { ...entry, problems, kept: !problems.some((problem) => problem.severity === 'refused') };
  });
  for (const entry of forms) {
    if (entry.origin !== 'generated' && !entry.kept) {
      const problem = entry.problems.find((candidate) => candidate.severity === 'refused');
      if (problem) issues.push({ code: 'refused', origin: entry.origin, form: entry.form, problem });
    }
  }
  const kept = forms.filter((entry) => entry.kept).length;
  if (name && kept === 0 && issues.length === 0) issues.push({ code: 'no-form-left' });
  if (kept > TRACKED_LIMITS.forms) issues.push({ code: 'too-many-forms', count: kept, max: TRACKED_LIMITS.forms });
  return { forms, errors: issues.map(issueText), issues };
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

