/**
 * Deleting a page of the reader's (with undo), as the Sources and "Your reading" views offer it:
 * each action reports what happened as a notice, and reloads the list after a change.
 */
import { type DeletedSource, errorText } from '../../core/protocol';
import type { SourceRecord } from '../../core/schema';
import { askBackground } from '../../lib/messaging';

export type SourceNotice =
  | { kind: 'deleted'; deleted: DeletedSource }
  | { kind: 'info'; text: string }
  | { kind: 'error'; text: string };

export function sourceActions(setNotice: (notice: SourceNotice) => void, onChanged: () => void) {
  return {
    async remove(source: SourceRecord): Promise<void> {
      try {
        setNotice({ kind: 'deleted', deleted: await askBackground({ type: 'delete-source', sourceId: source.id }) });
        onChanged();
      } catch (error) {
        setNotice({ kind: 'error', text: errorText(error) });
      }
    },
    async undo(deleted: DeletedSource): Promise<void> {
      try {
        await askBackground({ type: 'restore-source', source: deleted.source, excerpts: deleted.excerpts });
        setNotice({ kind: 'info', text: `Restored “${deleted.source.title}”.` });
        onChanged();
      } catch (error) {
        setNotice({ kind: 'error', text: errorText(error) });
      }
    },
  };
}
