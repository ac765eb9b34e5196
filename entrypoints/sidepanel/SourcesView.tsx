/**
 * The sources of the corpus: the bundled documents and the reader's own pages, with their dates and
 * how each date was found. Reader pages can be deleted (with undo); the corpus can be exported to a
 * JSON Lines file and imported back.
 */
import { useRef, useState } from 'preact/hooks';
import type { DeletedSource, ExportScope, ImportProgressEvent, ImportResult } from '../../core/protocol';
import type { SourceRecord } from '../../core/schema';
import { sourceLabel } from '../../core/schema';
import { safeHref } from '../../core/safe-url';
import { DateLabel, howDateWasFound } from '../../components/DateLabel';
import { askBackground, importWithProgress } from '../../lib/messaging';
import { useShortcut } from '../../lib/shortcuts';

export interface SourcesViewProps {
  sources: readonly SourceRecord[];
  /** Reload the list (after a change made here). */
  onChanged: () => void;
}

type Notice =
  | { kind: 'deleted'; deleted: DeletedSource }
  | { kind: 'info'; text: string }
  | { kind: 'error'; text: string };

type ImportState =
  | { status: 'idle' }
  | { status: 'reading'; loaded: number; total: number }
  | { status: 'importing'; lines: number; progress?: ImportProgressEvent }
  | { status: 'done'; result: ImportResult; fileName: string };

/** Save text as a file through a temporary object URL (no download permission needed). */
function saveFile(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function readFile(file: File, onProgress: (loaded: number, total: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    reader.onerror = () => reject(new Error(`Could not read “${file.name}”.`));
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.readAsText(file);
  });
}

export function SourcesView({ sources, onChanged }: SourcesViewProps) {
  const [notice, setNotice] = useState<Notice | undefined>();
  const [importState, setImportState] = useState<ImportState>({ status: 'idle' });
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const addKey = useShortcut('add-page');
  const readerSources = sources.filter((source) => source.origin === 'reader');
  const bundled = sources.filter((source) => source.origin === 'bundled');

  const remove = async (source: SourceRecord) => {
    try {
      const deleted = await askBackground({ type: 'delete-source', sourceId: source.id });
      setNotice({ kind: 'deleted', deleted });
      onChanged();
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };

  const undo = async (deleted: DeletedSource) => {
    try {
      await askBackground({ type: 'restore-source', source: deleted.source, excerpts: deleted.excerpts });
      setNotice({ kind: 'info', text: `Restored “${deleted.source.title}”.` });
      onChanged();
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };

  const exportCorpus = async (scope: ExportScope) => {
    setBusy(true);
    try {
      const file = await askBackground({ type: 'export', scope });
      saveFile(file.fileName, file.text);
      setNotice({ kind: 'info', text: `Exported ${file.lines - 1} records to ${file.fileName}.` });
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (file: File) => {
    setNotice(undefined);
    try {
      setImportState({ status: 'reading', loaded: 0, total: file.size });
      const text = await readFile(file, (loaded, total) => setImportState({ status: 'reading', loaded, total }));
      const lines = text.split('\n').filter((line) => line.trim()).length;
      setImportState({ status: 'importing', lines });
      const result = await importWithProgress(text, (progress) => setImportState({ status: 'importing', lines, progress }));
      setImportState({ status: 'done', result, fileName: file.name });
      onChanged();
    } catch (error) {
      setImportState({ status: 'idle' });
      setNotice({ kind: 'error', text: `Nothing was imported from “${file.name}”: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <section class="bs-view" aria-label="Sources">
      <div class="bs-toolbar">
        <button type="button" class="bs-button" disabled={busy || readerSources.length === 0} onClick={() => void exportCorpus('reader')}>Export your pages</button>
        <button type="button" class="bs-button" disabled={busy} onClick={() => void exportCorpus('all')}>Export everything</button>
        <button type="button" class="bs-button" onClick={() => fileInput.current?.click()}>Import…</button>
        <input
          ref={fileInput}
          type="file"
          accept=".jsonl,.ndjson,.json,application/x-ndjson,application/json"
          class="bs-visually-hidden"
          aria-label="Import a Backstory export file"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void importFile(file);
          }}
        />
      </div>
      <div role="status" aria-live="polite" class="bs-status-line">
        {importState.status === 'reading' && (
          <label class="bs-progress-label">
            Reading the file… <progress max={importState.total || 1} value={importState.loaded} />
          </label>
        )}
        {importState.status === 'importing' && (
          <label class="bs-progress-label">
            {!importState.progress || importState.progress.phase === 'checking'
              ? `Checking ${importState.lines} lines…`
              : importState.progress.phase === 'writing' ? 'Writing…' : 'Indexing…'}{' '}
            <progress
              max={importState.progress?.total || 1}
              value={importState.progress?.done ?? 0}
              aria-label="Import progress"
            />
          </label>
        )}
        {importState.status === 'done' && (
          <span class="bs-ok">
            Imported {importState.result.sources} source{importState.result.sources === 1 ? '' : 's'} and {importState.result.excerpts} excerpts from {importState.fileName}
            {importState.result.unchanged > 0 ? ` (${importState.result.unchanged} already there, unchanged)` : ''}.
          </span>
        )}
        {notice?.kind === 'deleted' && (
          <span>
            Deleted “{notice.deleted.source.title}”.{' '}
            <button type="button" class="bs-link-button" onClick={() => void undo(notice.deleted)}>Undo</button>
          </span>
        )}
        {notice?.kind === 'info' && <span class="bs-ok">{notice.text}</span>}
        {notice?.kind === 'error' && <span class="bs-error" role="alert">{notice.text}</span>}
      </div>
      <h2 class="bs-section-title">Your pages ({readerSources.length})</h2>
      {readerSources.length === 0 ? (
        <p class="bs-muted">
          Pages you add from the popup, a card, the context menu{addKey ? ` or ${addKey}` : ''} appear here.
        </p>
      ) : (
        <SourceList sources={readerSources} onDelete={remove} />
      )}
      <h2 class="bs-section-title">Bundled corpus ({bundled.length})</h2>
      <SourceList sources={bundled} />
    </section>
  );
}

function SourceList({ sources, onDelete }: { sources: readonly SourceRecord[]; onDelete?: (source: SourceRecord) => void }) {
  const sorted = [...sources].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <ul class="bs-source-list">
      {sorted.map((source) => {
        const href = safeHref(source.url);
        return (
          <li key={source.id} class="bs-source-item">
            <div class="bs-source-title">
              {href ? <a href={href} target="_blank" rel="noopener noreferrer">{source.title}</a> : source.title}
            </div>
            <div class="bs-excerpt-meta">
              <DateLabel source={source} />
              <span aria-hidden="true"> · </span>
              <span>{sourceLabel(source)}</span>
              {source.author && <span>, {source.author}</span>}
              <span aria-hidden="true"> · </span>
              <span>{source.excerptCount} excerpt{source.excerptCount === 1 ? '' : 's'}</span>
            </div>
            <div class="bs-date-how">Date from {howDateWasFound(source)}{source.dateEvidence ? `: ${source.dateEvidence}` : ''}</div>
            {onDelete && (
              <button type="button" class="bs-link-button bs-delete" onClick={() => onDelete(source)} aria-label={`Delete “${source.title}”`}>
                Delete
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
