/**
 * Correcting a page of the reader's: its date, title and site, as the reading room edits them.
 *
 * The checks are shared by the edit form (to say what is wrong before anything is sent) and the
 * background (which never trusts a message): a date is a real calendar day from 1900 up to today,
 * a title or site is not empty once trimmed, fits the limits the store and export files accept, and
 * holds no control characters. `applySourceEdit` builds the corrected record: a new date becomes
 * the page's date "set by you" (`dateSource: 'reader'`, confidence 1, a day), and the evidence keeps
 * what had been found before, so that the correction can be understood later and in export files.
 *
 * Pure: today's date comes in as a parameter (the reader's local day).
 */
import { LIMITS } from './corpus-export';
import { formatDate } from './date-format';
import type { SourceRecord } from './schema';

/** What the reader changes; a field left out stays as it is. */
export interface SourceEdit {
  /** The publication date, an ISO day ("2022-11-09"). */
  date?: string;
  title?: string;
  site?: string;
}

export type SourceEditField = keyof SourceEdit;

/** What is wrong with each field, in English words for the reader (the background's messages, logs). */
export type SourceEditErrors = Partial<Record<SourceEditField, string>>;

export type CheckedSourceEdit = { ok: true; edit: SourceEdit } | { ok: false; errors: SourceEditErrors };

/** What is wrong with a field, for the reading room to say in the reader's language. */
export type SourceEditProblem =
  | { code: 'date-missing' | 'date-unreal' | 'date-early' | 'not-text' | 'empty' | 'control' }
  | { code: 'date-future'; today: string }
  | { code: 'too-long'; length: number; max: number };

export type SourceEditProblems = Partial<Record<SourceEditField, SourceEditProblem>>;

export type CheckedSourceEditProblems = { ok: true; edit: SourceEdit } | { ok: false; problems: SourceEditProblems };

/** The earliest date a page can be given. */
export const EARLIEST_PAGE_DAY = '1900-01-01';
export const MAX_EDIT_TITLE = LIMITS.title;
export const MAX_EDIT_SITE = LIMITS.shortText;
/** How much of the earlier finding the evidence of a corrected date keeps. */
const MAX_EVIDENCE = 500;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/u;
// Control characters other than whitespace (whitespace is folded into single spaces).
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/u;

/** The calendar day of a moment in the time zone of the running code ("2026-07-10"). */
export function localDay(moment: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

function realDay(value: string): boolean {
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checkDate(value: string, today: string): SourceEditProblem | undefined {
  const day = value.trim();
  if (!day) return { code: 'date-missing' };
  if (!realDay(day)) return { code: 'date-unreal' };
  if (day < EARLIEST_PAGE_DAY) return { code: 'date-early' };
  if (day > today) return { code: 'date-future', today };
  return undefined;
}

/** Whitespace folded into single spaces, trimmed. */
export function foldSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function checkText(value: string, max: number): SourceEditProblem | undefined {
  const text = foldSpaces(value);
  if (!text) return { code: 'empty' };
  if (text.length > max) return { code: 'too-long', length: text.length, max };
  if (CONTROL.test(text)) return { code: 'control' };
  return undefined;
}

/** A field's problem in English. */
function problemText(field: SourceEditField, problem: SourceEditProblem): string {
  const name = field === 'title' ? 'The title' : 'The site';
  switch (problem.code) {
    case 'date-missing': return 'Enter the date the page was published.';
    case 'date-unreal': return 'That is not a real date. Enter a day such as 2022-11-09.';
    case 'date-early': return 'Enter a date from 1900 on.';
    case 'date-future': return `The date cannot be later than today (${formatDate(problem.today)}).`;
    case 'not-text': return `The ${field} must be text.`;
    case 'empty': return `${name} cannot be empty.`;
    case 'too-long': return `${name} is too long: ${problem.length.toLocaleString('en')} characters, at most ${problem.max.toLocaleString('en')}.`;
    case 'control': return `${name} contains control characters, which cannot be stored.`;
  }
}

/**
 * Check an edit against `today` (an ISO day: the reader's today). Returns the edit with its texts
 * trimmed, or what is wrong with each field, as codes (`checkSourceEdit` words them in English).
 */
export function checkSourceEditProblems(edit: unknown, today: string): CheckedSourceEditProblems {
  const problems: SourceEditProblems = {};
  const checked: SourceEdit = {};
  if (typeof edit !== 'object' || edit === null || Array.isArray(edit)) return { ok: false, problems: { title: { code: 'not-text' } } };
  const raw = edit as Record<string, unknown>;
  for (const field of ['date', 'title', 'site'] as const) {
    const value = raw[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      problems[field] = { code: 'not-text' };
      continue;
    }
    const problem = field === 'date' ? checkDate(value, today) : checkText(value, field === 'title' ? MAX_EDIT_TITLE : MAX_EDIT_SITE);
    if (problem) problems[field] = problem;
    else checked[field] = field === 'date' ? value.trim() : foldSpaces(value);
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, edit: checked };
}

/** `checkSourceEditProblems` with each problem in English. */
export function checkSourceEdit(edit: unknown, today: string): CheckedSourceEdit {
  if (typeof edit !== 'object' || edit === null || Array.isArray(edit)) return { ok: false, errors: { title: 'Nothing to save.' } };
  const checked = checkSourceEditProblems(edit, today);
  if (checked.ok) return checked;
  const errors: SourceEditErrors = {};
  for (const [field, problem] of Object.entries(checked.problems) as [SourceEditField, SourceEditProblem][]) errors[field] = problemText(field, problem);
  return { ok: false, errors };
}

/** The first problem of a failed check, as one sentence (for a message that has room for one). */
export function firstEditError(errors: SourceEditErrors): string {
  return errors.date ?? errors.title ?? errors.site ?? 'Nothing to save.';
}

/** The evidence of a date set by the reader: when, and what had been found before. */
function correctedEvidence(source: SourceRecord, day: string): string {
  const before = source.dateSource === 'reader'
    // Corrected again: keep what the page itself had said.
    ? /; before: (.*)$/u.exec(source.dateEvidence)?.[1]
    : `${source.date}${source.dateEvidence ? ` (${source.dateEvidence})` : ''}`;
  const evidence = `corrected on ${day}${before ? `; before: ${before}` : ''}`;
  return evidence.length > MAX_EVIDENCE ? `${evidence.slice(0, MAX_EVIDENCE - 1)}…` : evidence;
}

/**
 * The source with the edit applied. A date given becomes the page's date set by the reader (even
 * the same day: the reader confirmed it). `dateChanged` says whether the excerpts' dates change.
 */
export function applySourceEdit(source: SourceRecord, edit: SourceEdit, today: string): { source: SourceRecord; changed: boolean; dateChanged: boolean } {
  const next: SourceRecord = { ...source };
  if (edit.title !== undefined) next.title = edit.title;
  if (edit.site !== undefined) next.site = edit.site;
  if (edit.date !== undefined) {
    next.date = edit.date;
    next.dateSource = 'reader';
    next.dateConfidence = 1;
    next.datePrecision = 'day';
    next.dateEvidence = source.dateSource === 'reader' && source.date === edit.date ? source.dateEvidence : correctedEvidence(source, today);
  }
  const changed = (['title', 'site', 'date', 'dateSource', 'dateConfidence', 'datePrecision', 'dateEvidence'] as const)
    .some((field) => next[field] !== source[field]);
  return { source: next, changed, dateChanged: next.date !== source.date };
}
