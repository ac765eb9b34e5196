/**
 * "Add this page": the button and what happened — progress, the result (how many excerpts, which
 * date was found and how), or why it could not be added with an "Add anyway" choice where that helps.
 */
import type { AddPageResult } from '../core/protocol';
import { formatDate } from '../core/date-format';
import { dateProvenance } from './DateLabel';

export type AddState =
  | { status: 'idle' }
  | { status: 'adding' }
  | { status: 'added'; result: AddPageResult }
  | { status: 'failed'; message: string; canForce: boolean };

export interface AddPageStatusProps {
  state: AddState;
  onAdd: (force: boolean) => void;
  /** Label of the main button. */
  label?: string;
}

export function addResultText(result: AddPageResult): string {
  const { source, excerptCount, updated } = result;
  const date = source.dateSource === 'added'
    ? 'no publication date found, so it is dated today'
    : `dated ${formatDate(source.date, source.datePrecision)} (${dateProvenance(source)})`;
  return `${updated ? 'Updated' : 'Added'}: ${excerptCount} excerpt${excerptCount === 1 ? '' : 's'}, ${date}.`;
}

export function AddPageStatus({ state, onAdd, label = 'Add this page' }: AddPageStatusProps) {
  return (
    <div class="bs-add">
      <button type="button" class="bs-button bs-primary" disabled={state.status === 'adding'} onClick={() => onAdd(false)}>
        {state.status === 'adding' ? 'Adding…' : state.status === 'added' ? 'Add again' : label}
      </button>
      <div class="bs-add-status" role="status" aria-live="polite">
        {state.status === 'adding' && (
          <span class="bs-progress">
            <span class="bs-spinner" aria-hidden="true" />
            Reading the article, finding its date and tagging excerpts…
          </span>
        )}
        {state.status === 'added' && <span class="bs-ok">{addResultText(state.result)}</span>}
        {state.status === 'failed' && (
          <span class="bs-error">
            {state.message}
            {state.canForce && (
              <>
                {' '}
                <button type="button" class="bs-link-button" onClick={() => onAdd(true)}>Add anyway</button>
              </>
            )}
          </span>
        )}
      </div>
    </div>
  );
}
