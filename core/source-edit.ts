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
import type { MessageKey } from './i18n/keys';
import type { MessageParams } from './i18n/messages';
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

/** What is wrong with each field, in English words. */
export type SourceEditErrors = Partial<Record<SourceEditField, string>>;

/** What is wrong with a field, as a message of the catalogs (errors.edit.*), for the reader's language. */
export interface SourceEditProblem {
  key: MessageKey;
  params?: MessageParams;
}
export type SourceEditProblems = Partial<Record<SourceEditField, SourceEditProblem>>;

export type CheckedSourceEdit = { ok: true; edit: SourceEdit } | { ok: false; errors: SourceEditErrors; problems: SourceEditProblems };

/** A problem in English and as a message. */
type Problem = { text: string } & SourceEditProblem;

/** The earliest date a page can be given. */
export const EARLIEST_PAGE_DAY = '1900-01-01';
export const MAX_EDIT_TITLE = LIMITS.title;
export const MAX_EDIT_SITE = LIMITS.shortText;
/** How much of the earlier finding the evidence of a corrected date keeps. */
const MAX_EVIDENCE = 500;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/u;
// Control characters other than whitespace (whitespace is folded into single spaces).
// eslint-disable-next-line no-control-regex
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

function checkDate(value: string, today: string): Problem | undefined {
  const day = value.trim();
  if (!day) return { key: 'errors.edit.dateMissing', text: 'Enter the date the page was published.' };
  if (!realDay(day)) return { key: 'errors.edit.dateUnreal', text: 'That is not a real date. Enter a day such as 2022-11-09.' };
  if (day < EARLIEST_PAGE_DAY) return { key: 'errors.edit.dateTooEarly', text: 'Enter a date from 1900 on.' };
  if (day > today) return { key: 'errors.edit.dateFuture', params: { today }, text: `The date cannot be later than today (${formatDate(today)}).` };
  return undefined;
}

/** Whitespace folded into single spaces, trimmed. */
export function foldSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function checkText(value: string, what: 'title' | 'site', max: number): Problem | undefined {
  const text = foldSpaces(value);
  const name = what === 'title' ? 'The title' : 'The site';
  if (!text) return { key: `errors.edit.${what}Empty`, text: `${name} cannot be empty.` };
  if (text.length > max) {
    return { key: `errors.edit.${what}TooLong`, params: { count: text.length, max },
      text: `${name} is too long: ${text.length.toLocaleString('en')} characters, at most ${max.toLocaleString('en')}.` };
  }
  if (CONTROL.test(text)) return { key: `errors.edit.${what}Control`, text: `${name} contains control characters, which cannot be stored.` };
  return undefined;
}

/**
 * Check an edit against `today` (an ISO day: the reader's today). Returns the edit with its texts
 * trimmed, or what is wrong with each field.
 */
export function checkSourceEdit(edit: unknown, today: string): CheckedSourceEdit {
  const errors: SourceEditErrors = {};
  const problems: SourceEditProblems = {};
  const checked: SourceEdit = {};
  if (typeof edit !== 'object' || edit === null || Array.isArray(edit)) {
    return { ok: false, errors: { title: 'Nothing to save.' }, problems: { title: { key: 'errors.edit.nothing' } } };
  }
  const raw = edit as Record<string, unknown>;
  for (const field of ['date', 'title', 'site'] as const) {
    const value = raw[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      errors[field] = `The ${field} must be text.`;
      problems[field] = { key: 'errors.edit.notText' };
      continue;
    }
    const problem = field === 'date' ? checkDate(value, today) : checkText(value, field, field === 'title' ? MAX_EDIT_TITLE : MAX_EDIT_SITE);
    if (problem) {
      errors[field] = problem.text;
      problems[field] = problem.params ? { key: problem.key, params: problem.params } : { key: problem.key };
    } else {
      checked[field] = field === 'date' ? value.trim() : foldSpaces(value);
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, problems } : { ok: true, edit: checked };
}

/** The first problem of a failed check, as one sentence (for a message that has room for one). */
export function firstEditError(errors: SourceEditErrors): string {
  return errors.date ?? errors.title ?? errors.site ?? 'Nothing to save.';
}

/** The same first problem, as a message. */
export function firstEditProblem(problems: SourceEditProblems): SourceEditProblem {
  return problems.date ?? problems.title ?? problems.site ?? { key: 'errors.edit.nothing' };
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
