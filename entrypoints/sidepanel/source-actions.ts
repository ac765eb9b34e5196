/**
 * Deleting and correcting a page of the reader's (each with undo), as the Sources and "Your
 * reading" views offer it: each action reports what happened as a notice, and reloads the list
 * after a change. A correction that fails is reported to the form that asked (which keeps what the
 * reader typed), not as a notice.
 */
import type { DeletedSource, EditedSource } from '../../core/protocol';
import type { I18n } from '../../core/i18n/translator';
import type { SourceRecord } from '../../core/schema';
import type { SourceEdit } from '../../core/source-edit';
import { errorMessage } from '../../lib/i18n/error-text';
import { askBackground } from '../../lib/messaging';

export type SourceNotice =
  | { kind: 'deleted'; deleted: DeletedSource }
  | { kind: 'edited'; edited: EditedSource }
  | { kind: 'info'; text: string }
  | { kind: 'error'; text: string };

/** `t` writes the notices in the reader's language. */
export function sourceActions(setNotice: (notice: SourceNotice) => void, onChanged: () => void, { t }: Pick<I18n, 't'>) {
  return {
    async remove(source: SourceRecord): Promise<void> {
      try {
        setNotice({ kind: 'deleted', deleted: await askBackground({ type: 'delete-source', sourceId: source.id }) });
        onChanged();
      } catch (error) {
        setNotice({ kind: 'error', text: errorMessage(error, t) });
      }
    },
    async undo(deleted: DeletedSource): Promise<void> {
      try {
        await askBackground({ type: 'restore-source', source: deleted.source, excerpts: deleted.excerpts });
        setNotice({ kind: 'info', text: t('room.notice.restored', { title: deleted.source.title }) });
        onChanged();
      } catch (error) {
        setNotice({ kind: 'error', text: errorMessage(error, t) });
      }
    },
    /** Save a correction; rejects (for the form to show) when nothing could be saved. */
    async edit(source: SourceRecord, edit: SourceEdit): Promise<void> {
      const edited = await askBackground({ type: 'edit-source', sourceId: source.id, edit });
      if (edited.changed) setNotice({ kind: 'edited', edited });
      onChanged();
    },
    /** Put the page back as it was before a correction. */
    async undoEdit(edited: EditedSource): Promise<void> {
      try {
        await askBackground({ type: 'restore-source', source: edited.before.source, excerpts: edited.before.excerpts });
        setNotice({ kind: 'info', text: t('room.notice.putBack', { title: edited.before.source.title }) });
        onChanged();
      } catch (error) {
        setNotice({ kind: 'error', text: errorMessage(error, t) });
      }
    },
  };
}
