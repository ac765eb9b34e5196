/**
 * Correcting a page of the reader's in the reading room: its publication date (a date input), title
 * and site, with Save and Cancel. Each field is checked as the background will check it
 * (core/source-edit.ts) and says what is wrong next to it; Enter saves, Escape cancels, and focus
 * returns to the "Edit" button afterwards. A failed write (a full disk) keeps the form open with
 * what the reader typed and says why, so nothing is lost. Only the fields that changed are sent.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SourceRecord } from '../../core/schema';
import {
  EARLIEST_PAGE_DAY,
  MAX_EDIT_SITE,
  MAX_EDIT_TITLE,
  type SourceEdit,
  type SourceEditField,
  type SourceEditProblem,
  type SourceEditProblems,
  checkSourceEditProblems,
  foldSpaces,
  localDay,
} from '../../core/source-edit';
import { errorMessage } from '../../lib/i18n/error-text';
import type { I18n } from '../../core/i18n/translator';
import { useI18n } from '../../lib/i18n/use-i18n';
import './source-edit.css';

export interface SourceEditFormProps {
  source: SourceRecord;
  /** Save the changed fields; rejects with the reason when the write failed. */
  onSave: (edit: SourceEdit) => Promise<void>;
  onClose: () => void;
}

/** The fields of the form that differ from the source (texts folded as they will be stored). */
export function changedFields(source: SourceRecord, values: { date: string; title: string; site: string }): SourceEdit {
  const edit: SourceEdit = {};
  if (values.date !== source.date.slice(0, 10)) edit.date = values.date;
  if (foldSpaces(values.title) !== source.title) edit.title = values.title;
  if (foldSpaces(values.site) !== (source.site ?? '')) edit.site = values.site;
  return edit;
}

/** What is wrong with a field, in the reader's language. */
export function editProblemText(i18n: Pick<I18n, 't' | 'formatDate' | 'formatNumber'>, field: SourceEditField, problem: SourceEditProblem): string {
  const { t, formatDate, formatNumber } = i18n;
  const site = field === 'site';
  switch (problem.code) {
    case 'date-missing': return t('room.edit.problem.dateMissing');
    case 'date-unreal': return t('room.edit.problem.dateUnreal', { example: formatDate('2022-11-09') });
    case 'date-early': return t('room.edit.problem.dateEarly', { year: formatNumber(Number(EARLIEST_PAGE_DAY.slice(0, 4)), { useGrouping: false }) });
    case 'date-future': return t('room.edit.problem.dateFuture', { today: formatDate(problem.today) });
    case 'not-text': return t('room.edit.problem.notText');
    case 'empty': return t(site ? 'room.edit.problem.siteEmpty' : 'room.edit.problem.titleEmpty');
    case 'too-long': return t(site ? 'room.edit.problem.siteTooLong' : 'room.edit.problem.titleTooLong', { count: problem.length, max: problem.max });
    case 'control': return t(site ? 'room.edit.problem.siteControl' : 'room.edit.problem.titleControl');
  }
}

export function SourceEditForm({ source, onSave, onClose }: SourceEditFormProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [date, setDate] = useState(source.date.slice(0, 10));
  const [title, setTitle] = useState(source.title);
  const [site, setSite] = useState(source.site ?? '');
  const [errors, setErrors] = useState<SourceEditProblems>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const titleInput = useRef<HTMLInputElement>(null);
  const today = localDay(new Date());
  const id = `bs-edit-${source.id.replace(/[^\w-]/gu, '_')}`;

  useEffect(() => {
    titleInput.current?.focus();
    titleInput.current?.select();
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    setFailure(undefined);
    const edit = changedFields(source, { date, title, site });
    const checked = checkSourceEditProblems(edit, today);
    if (!checked.ok) {
      setErrors(checked.problems);
      const first = (['title', 'site', 'date'] as const).find((field) => checked.problems[field]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setErrors({});
    if (Object.keys(checked.edit).length === 0) {
      onClose();
      return;
    }
    setSaving(true);
    try {
      await onSave(checked.edit);
    } catch (error) {
      setFailure(t('room.nothingSaved', { message: errorMessage(error, t) }));
      setSaving(false);
    }
  };

  const field = (name: 'title' | 'site' | 'date') => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] ? 'true' as const : undefined,
    'aria-describedby': errors[name] ? `${id}-${name}-problem` : name === 'date' ? `${id}-date-hint` : undefined,
  });
  const problem = (name: 'title' | 'site' | 'date') => {
    const found = errors[name];
    return found && <span id={`${id}-${name}-problem`} class="bs-edit-problem">{editProblemText(i18n, name, found)}</span>;
  };

  return (
    <form
      class="bs-edit-form"
      noValidate
      onSubmit={(event) => void save(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <fieldset disabled={saving}>
        <legend>{t('room.edit.legend')}</legend>
        <div class="bs-edit-field">
          <label for={`${id}-title`}>{t('room.edit.title')}</label>
          <input {...field('title')} ref={titleInput} class="bs-input" type="text" maxLength={MAX_EDIT_TITLE} value={title}
            onInput={(event) => setTitle(event.currentTarget.value)} />
          {problem('title')}
        </div>
        <div class="bs-edit-field">
          <label for={`${id}-site`}>{t('room.edit.site')}</label>
          <input {...field('site')} class="bs-input" type="text" maxLength={MAX_EDIT_SITE} value={site}
            onInput={(event) => setSite(event.currentTarget.value)} />
          {problem('site')}
        </div>
        <div class="bs-edit-field">
          <label for={`${id}-date`}>{t('room.edit.date')}</label>
          <input {...field('date')} class="bs-input bs-edit-date" type="date" min={EARLIEST_PAGE_DAY} max={today} value={date}
            onInput={(event) => setDate(event.currentTarget.value)} />
          {problem('date')}
          <span id={`${id}-date-hint`} class="bs-edit-hint">{t('room.edit.hint')}</span>
        </div>
        {failure && <p class="bs-edit-problem" role="alert">{failure}</p>}
        <div class="bs-edit-actions">
          <button type="submit" class="bs-button bs-primary">{saving ? t('room.edit.saving') : t('room.edit.save')}</button>
          <button type="button" class="bs-button" onClick={onClose}>{t('room.cancel')}</button>
        </div>
      </fieldset>
    </form>
  );
}
