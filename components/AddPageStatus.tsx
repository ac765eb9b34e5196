/**
 * "Add this page": the button and what happened — progress, the result (how many excerpts, which
 * date was found and how), or why it could not be added with an "Add anyway" choice where that helps.
 */
import type { AddPageResult } from '../core/protocol';
import type { I18n } from '../core/i18n/translator';
import { useI18n } from '../lib/i18n/use-i18n';
import { dateProvenance } from './DateLabel';
import { failureText } from './failure-text';

export type AddState =
  | { status: 'idle' }
  | { status: 'adding' }
  | { status: 'added'; result: AddPageResult }
  | { status: 'failed'; message: string; canForce: boolean; error?: unknown };

export interface AddPageStatusProps {
  state: AddState;
  onAdd: (force: boolean) => void;
  /** Label of the main button ("Add this page" in the reader's language when not given). */
  label?: string;
}

/** "Added: 12 excerpts, dated 9 Nov 2022 (from the page’s metadata)." in the reader's language. */
export function addResultText(i18n: Pick<I18n, 't' | 'formatDate'>, result: AddPageResult): string {
  const { t, formatDate } = i18n;
  const { source, excerptCount, updated } = result;
  const date = source.dateSource === 'added'
    ? t('card.add.datedToday')
    : t('card.add.dated', { date: formatDate(source.date, source.datePrecision), provenance: dateProvenance(i18n, source) });
  return t(updated ? 'card.add.updated' : 'card.add.added', { excerpts: t('card.excerpts', { count: excerptCount }), date });
}

export function AddPageStatus({ state, onAdd, label }: AddPageStatusProps) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="bs-add">
      <button type="button" class="bs-button bs-primary" disabled={state.status === 'adding'} onClick={() => onAdd(false)}>
        {state.status === 'adding' ? t('card.add.adding') : state.status === 'added' ? t('card.add.again') : label ?? t('card.add.button')}
      </button>
      <div class="bs-add-status" role="status" aria-live="polite">
        {state.status === 'adding' && (
          <span class="bs-progress">
            <span class="bs-spinner" aria-hidden="true" />
            {t('card.add.progress')}
          </span>
        )}
        {state.status === 'added' && <span class="bs-ok">{addResultText(i18n, state.result)}</span>}
        {state.status === 'failed' && (
          <span class="bs-error">
            {failureText(t, state)}
            {state.canForce && (
              <>
                {' '}
                <button type="button" class="bs-link-button" onClick={() => onAdd(true)}>{t('card.add.anyway')}</button>
              </>
            )}
          </span>
        )}
      </div>
    </div>
  );
}
