/**
 * The reading room's Names tab: "Track a name" — a person, place, unit or organisation the
 * gazetteer does not know — and the names the reader tracks.
 *
 * The form asks for the name, its kind, the languages it is written in (detected from its letters
 * until the reader chooses), other spellings and a note. Backstory generates the forms news use
 * (core/inflect) and lists them for review before anything is saved: the reader removes forms or
 * adds their own; forms that cannot be tracked (too short, already Backstory's or another tracked
 * name's) are left out with the reason, and warnings (a common word, lower case) are shown beside
 * their form. "Track" saves the name (lib/tracked-names.ts): open tabs mark it at once, and the
 * background re-tags the corpus, whose progress shows here.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ENTITY_KINDS, type EntityKind } from '../../core/gazetteer';
import { type Gender, NAME_LANGS, type NameLang, detectLanguages } from '../../core/inflect';
import type { MessageKey } from '../../core/i18n/keys';
import { type TrackedName, TRACKED_LIMITS, cleanName } from '../../core/tracked-names';
import {
  type FormProblem,
  type FormProblemCode,
  NameChecker,
  type ReviewIssue,
  type ReviewedForm,
  type TrackedDraft,
  reviewDraft,
  trackedFromDraft,
} from '../../core/tracked-review';
import type { I18n } from '../../core/i18n/translator';
import { KIND_LABELS, KindIcon } from '../../components/KindIcon';
import { entityName } from '../../lib/entity-l10n';
import { gazetteer } from '../../lib/gazetteer-data';
import { errorMessage } from '../../lib/i18n/error-text';
import { useI18n } from '../../lib/i18n/use-i18n';
import { askBackground } from '../../lib/messaging';
import {
  type RetagProgress,
  deleteTrackedName,
  getRetagProgress,
  getTrackedNames,
  saveTrackedName,
  watchRetagProgress,
  watchTrackedNames,
} from '../../lib/tracked-names';
import './names.css';

export interface NamesViewProps {
  /** A name to put in the form (the page's context menu "Track “…” in Backstory"). */
  initial?: { key: number; name: string };
  onOpenEntity: (entityId: string) => void;
}

type GenderChoice = 'auto' | Gender;

interface FormState {
  name: string;
  kind: EntityKind;
  langs: NameLang[];
  /** The reader chose the languages: stop following the name's letters. */
  langsChosen: boolean;
  gender: GenderChoice;
  spellings: string;
  note: string;
  removed: string[];
  added: string[];
}

function emptyForm(name = ''): FormState {
  const clean = cleanName(name).slice(0, TRACKED_LIMITS.name);
  return { name: clean, kind: 'person', langs: detectLanguages(clean), langsChosen: false, gender: 'auto', spellings: '', note: '', removed: [], added: [] };
}

function formOf(tracked: TrackedName): FormState {
  return {
    name: tracked.name, kind: tracked.kind, langs: [...tracked.langs], langsChosen: true, gender: tracked.gender ?? 'auto',
    spellings: tracked.spellings.join('\n'), note: tracked.note ?? '', removed: [...tracked.removed], added: [...tracked.added],
  };
}

function draftFrom(form: FormState): TrackedDraft {
  return {
    name: form.name,
    kind: form.kind,
    langs: form.langs,
    spellings: form.spellings.split(/[\n;]/u).map(cleanName).filter(Boolean),
    ...(form.gender !== 'auto' ? { gender: form.gender } : {}),
    removed: form.removed,
    added: form.added,
  };
}

const KIND_CHOICES: Record<EntityKind, MessageKey> = {
  person: 'room.names.kind.person',
  place: 'room.names.kind.place',
  organisation: 'room.names.kind.organisation',
  other: 'room.names.kind.other',
};
const LANG_LABELS: Record<NameLang, MessageKey> = {
  en: 'room.names.lang.en',
  de: 'room.names.lang.de',
  uk: 'room.names.lang.uk',
  ru: 'room.names.lang.ru',
};

const PROBLEMS: Record<FormProblemCode, MessageKey> = {
  empty: 'room.names.problem.empty',
  'too-long': 'room.names.problem.tooLong',
  shape: 'room.names.problem.shape',
  'too-short': 'room.names.problem.tooShort',
  tracked: 'room.names.problem.tracked',
  bundled: 'room.names.problem.bundled',
  'common-word': 'room.names.problem.commonWord',
  'lower-case': 'room.names.problem.lowerCase',
  'contains-bundled': 'room.names.problem.containsBundled',
};

/** What is wrong with a form, in the reader's language (a bundled entity named as that language writes it). */
function problemText({ t, formatList, lang }: Pick<I18n, 't' | 'formatList' | 'lang'>, problem: FormProblem): string {
  const { form, name = '', id, inside = '', langs = [] } = problem.detail;
  return t(PROBLEMS[problem.code], {
    form, name: id ? entityName(lang, { id, name }) : name, inside, langs: formatList(langs.map((code) => t(LANG_LABELS[code]))), count: TRACKED_LIMITS.name,
  });
}

/** Why the draft cannot be saved, in the reader's language. */
function issueText(i18n: Pick<I18n, 't' | 'formatList' | 'lang'>, issue: ReviewIssue): string {
  const { t } = i18n;
  switch (issue.code) {
    case 'no-name': return t('room.names.issue.noName');
    case 'no-kind': return t('room.names.issue.noKind');
    case 'no-form-left': return t('room.names.issue.noFormLeft');
    case 'too-many-spellings': return t('room.names.issue.tooManySpellings', { count: issue.max });
    case 'too-many-forms': return t('room.names.issue.tooManyForms', { forms: t('room.names.forms', { count: issue.count }), count: issue.max });
    case 'refused':
      return t(issue.origin === 'written' ? 'room.names.issue.nameRefused' : 'room.names.issue.formRefused', {
        form: issue.form, reason: problemText(i18n, issue.problem),
      });
  }
}

/** The tracked names, followed live. */
function useTrackedNames(): TrackedName[] | undefined {
  const [names, setNames] = useState<TrackedName[] | undefined>();
  useEffect(() => {
    void getTrackedNames().then(setNames);
    return watchTrackedNames(setNames);
  }, []);
  return names;
}

function useRetagProgress(): RetagProgress | undefined {
  const [progress, setProgress] = useState<RetagProgress | undefined>();
  useEffect(() => {
    void getRetagProgress().then(setProgress);
    return watchRetagProgress(setProgress);
  }, []);
  return progress;
}

/** Tell the background (wakes it where storage events do not): re-tag now. */
function tellBackground(): void {
  askBackground({ type: 'tracked-names-changed' }).catch(() => undefined);
}

type Status = { kind: 'saved' | 'deleted' | 'failed'; text: string; undo?: TrackedName };

export function NamesView({ initial, onOpenEntity }: NamesViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const names = useTrackedNames();
  const progress = useRetagProgress();
  const [form, setForm] = useState<FormState>(() => emptyForm(initial?.name));
  const [editing, setEditing] = useState<TrackedName | undefined>();
  const [extraForm, setExtraForm] = useState('');
  const [status, setStatus] = useState<Status | undefined>();
  const [saving, setSaving] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);

  // A name asked for from a page: a fresh form with it, ready to review.
  useEffect(() => {
    if (!initial) return;
    setEditing(undefined);
    setForm(emptyForm(initial.name));
    nameInput.current?.focus();
  }, [initial?.key]);

  const bundledChecker = useMemo(() => new NameChecker(gazetteer), []);
  const checker = useMemo(() => {
    bundledChecker.setTracked(names ?? []);
    return bundledChecker;
  }, [bundledChecker, names]);
  const draft = useMemo(() => draftFrom(form), [form]);
  const review = useMemo(() => reviewDraft(draft, checker, editing?.id), [draft, checker, names, editing]);
  const kept = review.forms.filter((entry) => entry.kept);
  const leftOut = review.forms.filter((entry) => !entry.kept && entry.origin === 'generated');
  const genderMatters = form.kind === 'person' && form.langs.some((lang) => lang === 'uk' || lang === 'ru');
  const update = (change: Partial<FormState>) => setForm((previous) => ({ ...previous, ...change }));

  const setName = (name: string) => setForm((previous) => ({
    ...previous,
    name,
    // Until the reader chooses, the languages follow the letters of the name.
    ...(previous.langsChosen ? {} : { langs: detectLanguages(name) }),
  }));
  const toggleLang = (lang: NameLang, on: boolean) => setForm((previous) => ({
    ...previous,
    langsChosen: true,
    langs: NAME_LANGS.filter((candidate) => (candidate === lang ? on : previous.langs.includes(candidate))),
  }));
  const removeForm = (entry: ReviewedForm) => setForm((previous) => entry.origin === 'added'
    ? { ...previous, added: previous.added.filter((form) => form !== entry.form) }
    : { ...previous, removed: [...previous.removed, entry.form] });
  const restoreForm = (form: string) => setForm((previous) => ({ ...previous, removed: previous.removed.filter((other) => other !== form) }));
  const addForm = () => {
    const clean = cleanName(extraForm);
    if (!clean) return;
    setForm((previous) => ({ ...previous, added: [...previous.added, clean], removed: previous.removed.filter((other) => other !== clean) }));
    setExtraForm('');
  };

  const reset = () => {
    setEditing(undefined);
    setForm(emptyForm());
    setExtraForm('');
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (review.errors.length > 0 || saving) return;
    setSaving(true);
    try {
      const record = trackedFromDraft(draft, review, new Date(), editing, form.note);
      await saveTrackedName(record);
      tellBackground();
      const saved = t(editing ? 'room.names.saved' : 'room.names.tracking', { name: record.name, forms: t('room.names.forms', { count: record.forms.length }) });
      setStatus({ kind: 'saved', text: `${saved} ${t('room.names.savedAfter')}` });
      reset();
    } catch (error) {
      setStatus({ kind: 'failed', text: t('room.nothingSaved', { message: errorMessage(error, t) }) });
    } finally {
      setSaving(false);
    }
  };

  const remove = async (tracked: TrackedName) => {
    try {
      const gone = await deleteTrackedName(tracked.id);
      tellBackground();
      if (editing?.id === tracked.id) reset();
      setStatus({ kind: 'deleted', text: t('room.names.deleted', { name: tracked.name }), ...(gone ? { undo: gone } : {}) });
    } catch (error) {
      setStatus({ kind: 'failed', text: t('room.names.deleteFailed', { message: errorMessage(error, t) }) });
    }
  };

  const undo = async (tracked: TrackedName) => {
    try {
      await saveTrackedName(tracked);
      tellBackground();
      setStatus({ kind: 'saved', text: t('room.names.again', { name: tracked.name }) });
    } catch (error) {
      setStatus({ kind: 'failed', text: errorMessage(error, t) });
    }
  };

  const edit = (tracked: TrackedName) => {
    setEditing(tracked);
    setForm(formOf(tracked));
    setStatus(undefined);
    nameInput.current?.focus();
  };

  return (
    <section class="bs-view bs-names" aria-label={t('room.tabs.names')}>
      <form class="bs-track-form" aria-labelledby="bs-track-title" onSubmit={(event) => void submit(event)}>
        <h2 id="bs-track-title" class="bs-section-title">{editing ? t('room.names.editTitle', { name: editing.name }) : t('room.names.trackTitle')}</h2>
        <p class="bs-muted bs-track-help">{t('room.names.help')}</p>
        <label class="bs-track-field" for="bs-track-name">
          {t('room.names.name')}
          <input
            id="bs-track-name"
            ref={nameInput}
            class="bs-input"
            value={form.name}
            maxLength={TRACKED_LIMITS.name}
            autocomplete="off"
            placeholder={t('room.names.namePlaceholder')}
            onInput={(event) => setName(event.currentTarget.value)}
          />
        </label>
        <div class="bs-track-row">
          <label class="bs-track-field" for="bs-track-kind">
            {t('room.names.kind')}
            <select id="bs-track-kind" class="bs-input" value={form.kind} onChange={(event) => update({ kind: event.currentTarget.value as EntityKind })}>
              {ENTITY_KINDS.map((kind) => <option key={kind} value={kind}>{t(KIND_CHOICES[kind])}</option>)}
            </select>
          </label>
          {genderMatters && (
            <label class="bs-track-field" for="bs-track-gender">
              {t('room.names.gender')}
              <select id="bs-track-gender" class="bs-input" value={form.gender} onChange={(event) => update({ gender: event.currentTarget.value as GenderChoice })}>
                <option value="auto">{t('room.names.gender.auto')}</option>
                <option value="male">{t('room.names.gender.male')}</option>
                <option value="female">{t('room.names.gender.female')}</option>
              </select>
            </label>
          )}
        </div>
        <fieldset class="bs-track-langs">
          <legend>{t('room.names.langs')}</legend>
          {NAME_LANGS.map((lang) => (
            <label key={lang} class="bs-inline-check">
              <input type="checkbox" checked={form.langs.includes(lang)} onChange={(event) => toggleLang(lang, event.currentTarget.checked)} />
              {t(LANG_LABELS[lang])}
            </label>
          ))}
          <span class="bs-muted bs-track-hint">{t(form.langsChosen ? 'room.names.langsChosen' : 'room.names.langsGuessed')}</span>
        </fieldset>
        <label class="bs-track-field" for="bs-track-spellings">
          {t('room.names.spellings')} <span class="bs-muted">{t('room.names.spellingsHint')}</span>
          <textarea id="bs-track-spellings" class="bs-input" rows={2} value={form.spellings} onInput={(event) => update({ spellings: event.currentTarget.value })} />
        </label>
        <label class="bs-track-field" for="bs-track-note">
          {t('room.names.note')} <span class="bs-muted">{t('room.names.noteHint')}</span>
          <textarea id="bs-track-note" class="bs-input" rows={2} maxLength={TRACKED_LIMITS.note} value={form.note} onInput={(event) => update({ note: event.currentTarget.value })} />
        </label>

        {cleanName(form.name) && (
          <section class="bs-track-review" aria-labelledby="bs-track-forms-title">
            <h3 id="bs-track-forms-title" class="bs-card-subtitle">{t('room.names.formsTitle', { count: kept.length })}</h3>
            <ul class="bs-track-forms" aria-label={t('room.names.formsLabel')}>
              {kept.map((entry) => (
                <li key={entry.form} class="bs-track-form-item">
                  <span class="bs-track-form-text" lang={entry.langs[0]}>{entry.form}</span>
                  {entry.origin === 'added' && <span class="bs-muted">{t('room.names.addedByYou')}</span>}
                  <button type="button" class="bs-link-button" aria-label={t('room.names.removeLabel', { form: entry.form })} onClick={() => removeForm(entry)}>
                    {t('room.names.remove')}
                  </button>
                  {entry.problems.map((problem) => <p key={problem.code} class="bs-warning bs-track-problem">{problemText(i18n, problem)}</p>)}
                </li>
              ))}
            </ul>
            <div class="bs-track-add">
              <label class="bs-visually-hidden" for="bs-track-add">{t('room.names.addFormLabel')}</label>
              <input
                id="bs-track-add"
                class="bs-input"
                placeholder={t('room.names.addFormPlaceholder')}
                value={extraForm}
                onInput={(event) => setExtraForm(event.currentTarget.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    addForm();
                  }
                }}
              />
              <button type="button" class="bs-button" onClick={addForm} disabled={!cleanName(extraForm)}>{t('room.names.addForm')}</button>
            </div>
            {leftOut.length > 0 && (
              <details class="bs-track-left-out">
                <summary>{t('room.names.leftOut', { count: leftOut.length })}</summary>
                <ul>
                  {leftOut.map((entry) => (
                    <li key={entry.form}><span class="bs-track-form-text">{entry.form}</span>: {entry.problems[0] && problemText(i18n, entry.problems[0])}</li>
                  ))}
                </ul>
              </details>
            )}
            {form.removed.length > 0 && (
              <details class="bs-track-left-out">
                <summary>{t('room.names.removedByYou', { count: form.removed.length })}</summary>
                <ul>
                  {form.removed.map((removed) => (
                    <li key={removed}>
                      <span class="bs-track-form-text">{removed}</span>{' '}
                      <button type="button" class="bs-link-button" aria-label={t('room.names.putBackLabel', { form: removed })} onClick={() => restoreForm(removed)}>
                        {t('room.names.putBack')}
                      </button>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </section>
        )}
        {cleanName(form.name) && review.errors.length > 0 && (
          <ul class="bs-error bs-track-errors" role="alert">
            {review.issues.map((issue, index) => <li key={review.errors[index]}>{issueText(i18n, issue)}</li>)}
          </ul>
        )}
        <div class="bs-toolbar">
          <button type="submit" class="bs-button" disabled={saving || !cleanName(form.name) || review.errors.length > 0}>
            {t(editing ? 'room.names.saveChanges' : 'room.names.track')}
          </button>
          {(editing || cleanName(form.name)) && <button type="button" class="bs-button" onClick={reset}>{t('room.cancel')}</button>}
        </div>
      </form>

      {status && (
        <p class={status.kind === 'failed' ? 'bs-error' : 'bs-notice'} role={status.kind === 'failed' ? 'alert' : 'status'}>
          {status.text}
          {status.undo && (
            <>
              {' '}
              <button type="button" class="bs-link-button" onClick={() => void undo(status.undo as TrackedName)}>{t('room.undo')}</button>
            </>
          )}
        </p>
      )}
      <RetagStatus progress={progress} />

      <section aria-labelledby="bs-tracked-title">
        <h2 id="bs-tracked-title" class="bs-section-title">
          {names ? t('room.names.listTitleCount', { count: names.length }) : t('room.names.listTitle')}
        </h2>
        {!names && <div class="bs-skeleton" role="progressbar" aria-label={t('room.entity.loadingNames')}><div /><div /></div>}
        {names && names.length === 0 && <p class="bs-muted">{t('room.names.none')}</p>}
        {names && names.length > 0 && (
          <ul class="bs-entity-rows bs-tracked-list" aria-label={t('room.names.listTitle')}>
            {[...names].sort((a, b) => a.name.localeCompare(b.name)).map((tracked) => (
              <li key={tracked.id} class="bs-tracked-item">
                <div>
                  <KindIcon kind={tracked.kind} /> <span class="bs-entity-name">{tracked.name}</span>{' '}
                  <span class="bs-muted">{t('room.names.kindForms', { kind: t(KIND_LABELS[tracked.kind]), forms: t('room.names.forms', { count: tracked.forms.length }) })}</span>
                </div>
                {tracked.note && <p class="bs-muted bs-tracked-note">{tracked.note}</p>}
                <div class="bs-toolbar">
                  <button type="button" class="bs-link-button" onClick={() => onOpenEntity(tracked.id)} aria-label={t('room.names.showLabel', { name: tracked.name })}>
                    {t('room.names.show')}
                  </button>
                  <button type="button" class="bs-link-button" onClick={() => edit(tracked)} aria-label={t('room.names.editLabel', { name: tracked.name })}>
                    {t('room.names.edit')}
                  </button>
                  <button type="button" class="bs-link-button bs-danger" onClick={() => void remove(tracked)} aria-label={t('room.names.deleteLabel', { name: tracked.name })}>
                    {t('room.names.delete')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

/** How re-tagging the corpus for the tracked names went (published by the background). */
function RetagStatus({ progress }: { progress: RetagProgress | undefined }) {
  const { t } = useI18n();
  if (!progress) return null;
  if (progress.state === 'failed') {
    return <p class="bs-error" role="alert">{progress.detail !== undefined ? t('errors.retagStopped', { detail: progress.detail }) : progress.message}</p>;
  }
  if (progress.state === 'running') {
    return (
      <p class="bs-progress-label bs-retag" role="status">
        {t('room.names.retagging', { done: progress.done, count: progress.total })}{' '}
        <progress max={Math.max(1, progress.total)} value={progress.done} aria-label={t('room.names.retagLabel')} />
      </p>
    );
  }
  return (
    <p class="bs-muted bs-retag" role="status">
      {t('room.names.retagDone', { count: progress.total, changed: progress.changed })}
    </p>
  );
}
