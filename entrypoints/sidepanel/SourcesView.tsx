/**
 * The sources of the corpus: the bundled documents and the reader's own pages, with their dates and
 * how each date was found. Reader pages can be corrected (date, title, site) and deleted, each with
 * undo; the corpus can be exported to a JSON Lines file and imported back.
 */
import { useRef, useState } from 'preact/hooks';
import { type ExportScope, type ImportResult, errorText } from '../../core/protocol';
import type { SourceRecord } from '../../core/schema';
import { sourceLabel } from '../../core/schema';
import { safeHref } from '../../core/safe-url';
import { DateLabel, dateProvenance } from '../../components/DateLabel';
import { formatDate } from '../../core/date-format';
import { type ImportProgress, exportToFile, importFile } from '../../lib/messaging';
import type { SourceEdit } from '../../core/source-edit';
import { type SourceNotice, sourceActions } from './source-actions';
import { SourceEditForm } from './SourceEditForm';
import { useShortcut } from '../../lib/shortcuts';

export interface SourcesViewProps {
  sources: readonly SourceRecord[];
  /** Reload the list (after a change made here). */
  onChanged: () => void;
}

type Notice = SourceNotice;

type ImportState =
  | { status: 'idle' }
  | { status: 'importing'; fileName: string; progress: ImportProgress }
  | { status: 'done'; result: ImportResult; fileName: string };

type ExportState = { status: 'idle' } | { status: 'exporting'; lines: number; totalLines: number };

/** Reader pages listed at first; the rest on request (a reader may have thousands). */
const LIST_FIRST = 200;

/** Save a file through a temporary object URL (no download permission needed). */
function saveFile(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function importLabel(progress: ImportProgress): string {
  if (progress.phase === 'checking') return 'Reading and checking the file…';
  if (progress.phase === 'writing') return `Writing ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} excerpts…`;
  return 'Updating the cards…';
}

export function SourcesView({ sources, onChanged }: SourcesViewProps) {
  const [notice, setNotice] = useState<Notice | undefined>();
  const [importState, setImportState] = useState<ImportState>({ status: 'idle' });
  const [exportState, setExportState] = useState<ExportState>({ status: 'idle' });
  const [showAll, setShowAll] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const cancelImport = useRef<AbortController | undefined>(undefined);
  const addKey = useShortcut('add-page');
  // Pages added on purpose; those remembered as the reader read are in "Your reading".
  const readerSources = sources.filter((source) => source.origin === 'reader' && !source.remembered);
  const rememberedCount = sources.filter((source) => source.remembered).length;
  const bundled = sources.filter((source) => source.origin === 'bundled' && source.kind !== 'chronicle');
  const chronicle = sources.filter((source) => source.kind === 'chronicle');
  const keyDates = chronicle.reduce((sum, source) => sum + source.excerptCount, 0);

  const { remove, undo, edit, undoEdit } = sourceActions(setNotice, onChanged);

  const exportCorpus = async (scope: ExportScope) => {
    setExportState({ status: 'exporting', lines: 0, totalLines: 1 });
    try {
      const file = await exportToFile(scope, (lines, totalLines) => setExportState({ status: 'exporting', lines, totalLines }));
      saveFile(file.fileName, file.blob);
      setNotice({ kind: 'info', text: `Exported ${(file.lines - 1).toLocaleString()} records to ${file.fileName}.` });
    } catch (error) {
      setNotice({ kind: 'error', text: errorText(error) });
    } finally {
      setExportState({ status: 'idle' });
    }
  };

  const importChosen = async (file: File) => {
    setNotice(undefined);
    const abort = new AbortController();
    cancelImport.current = abort;
    try {
      setImportState({ status: 'importing', fileName: file.name, progress: { phase: 'checking', done: 0, total: file.size } });
      const result = await importFile(file, (progress) => setImportState({ status: 'importing', fileName: file.name, progress }), abort.signal);
      setImportState({ status: 'done', result, fileName: file.name });
      onChanged();
    } catch (error) {
      setImportState({ status: 'idle' });
      setNotice({ kind: 'error', text: `Nothing was imported from “${file.name}”: ${errorText(error)}` });
    } finally {
      cancelImport.current = undefined;
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const busy = exportState.status === 'exporting' || importState.status === 'importing';
  const listed = showAll ? readerSources : readerSources.slice(0, LIST_FIRST);

  return (
    <section class="bs-view" aria-label="Sources">
      <div class="bs-toolbar">
        <button type="button" class="bs-button" disabled={busy || readerSources.length + rememberedCount === 0} onClick={() => void exportCorpus('reader')}>Export your pages</button>
        <button type="button" class="bs-button" disabled={busy} onClick={() => void exportCorpus('all')}>Export everything</button>
        <button type="button" class="bs-button" disabled={busy} onClick={() => fileInput.current?.click()}>Import…</button>
        <input
          ref={fileInput}
          type="file"
          accept=".jsonl,.ndjson,.json,application/x-ndjson,application/json"
          class="bs-visually-hidden"
          aria-label="Import a Backstory export file"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void importChosen(file);
          }}
        />
      </div>
      <div role="status" aria-live="polite" class="bs-status-line">
        {exportState.status === 'exporting' && (
          <label class="bs-progress-label">
            Exporting… <progress max={exportState.totalLines} value={exportState.lines} aria-label="Export progress" />
          </label>
        )}
        {importState.status === 'importing' && (
          <span class="bs-progress-label">
            <label>
              {importLabel(importState.progress)}{' '}
              <progress max={importState.progress.total || 1} value={importState.progress.done} aria-label="Import progress" />
            </label>
            {importState.progress.phase === 'checking' && (
              <button type="button" class="bs-link-button" onClick={() => cancelImport.current?.abort()}>Cancel</button>
            )}
          </span>
        )}
        {importState.status === 'done' && (
          <span class="bs-ok">
            Imported {importState.result.sources.toLocaleString()} source{importState.result.sources === 1 ? '' : 's'} and {importState.result.excerpts.toLocaleString()} excerpts from {importState.fileName}
            {importState.result.unchanged > 0 ? ` (${importState.result.unchanged} already there, unchanged)` : ''}.
            {(importState.result.trackedNames ?? 0) > 0 && ` With ${importState.result.trackedNames} tracked name${importState.result.trackedNames === 1 ? '' : 's'} (see Names).`}
          </span>
        )}
        {notice?.kind === 'deleted' && (
          <span>
            Deleted “{notice.deleted.source.title}”.{' '}
            <button type="button" class="bs-link-button" onClick={() => void undo(notice.deleted)}>Undo</button>
          </span>
        )}
        {notice?.kind === 'edited' && (
          <span>
            Saved your changes to “{notice.edited.source.title}”.{' '}
            <button type="button" class="bs-link-button" onClick={() => void undoEdit(notice.edited)}>Undo</button>
          </span>
        )}
        {notice?.kind === 'info' && <span class="bs-ok">{notice.text}</span>}
        {notice?.kind === 'error' && <span class="bs-error" role="alert">{notice.text}</span>}
      </div>
      <h2 class="bs-section-title">Your pages ({readerSources.length})</h2>
      {rememberedCount > 0 && <p class="bs-muted">Added on purpose. {rememberedCount.toLocaleString()} more were remembered as you read: see “Your reading”.</p>}
      {readerSources.length === 0 ? (
        <p class="bs-muted">
          Pages you add from the popup, a card, the context menu{addKey ? ` or ${addKey}` : ''} appear here.
        </p>
      ) : (
        <>
          <SourceList sources={listed} onDelete={remove} onEdit={edit} />
          {listed.length < readerSources.length && (
            <button type="button" class="bs-link-button" onClick={() => setShowAll(true)}>
              Show all {readerSources.length.toLocaleString()} pages
            </button>
          )}
        </>
      )}
      <h2 class="bs-section-title">Bundled corpus ({bundled.length})</h2>
      <SourceList sources={bundled} />
      {chronicle.length > 0 && (
        <>
          <h2 class="bs-section-title">Backstory chronicle</h2>
          <p class="bs-muted" data-chronicle>
            {keyDates.toLocaleString()} key dates about {chronicle.length} people, places and organisations, as of {formatDate(chronicle[0]!.date)},
            each written for Backstory with the public record that confirms it (linked from every date). They show in cards, timelines and search.
          </p>
        </>
      )}
    </section>
  );
}

export function SourceList({ sources, onDelete, onEdit, onForgetSite, order = 'date' }: {
  sources: readonly SourceRecord[];
  onDelete?: (source: SourceRecord) => void;
  /** For the reader's pages: save a correction of the date, title or site (rejects when nothing was saved). */
  onEdit?: (source: SourceRecord, edit: SourceEdit) => Promise<void>;
  /** For remembered pages: forget every page of this one's site. */
  onForgetSite?: (source: SourceRecord) => void;
  /** Newest publication date first, or as given (already in reading order). */
  order?: 'date' | 'read';
}) {
  const [editing, setEditing] = useState<string | undefined>();
  const sorted = order === 'date' ? [...sources].sort((a, b) => b.date.localeCompare(a.date)) : sources;
  const editButtonId = (source: SourceRecord) => `bs-edit-button-${source.id.replace(/[^\w-]/gu, '_')}`;
  const stopEditing = (source: SourceRecord) => {
    setEditing(undefined);
    // Back to where the reader was: the page's "Edit" button (after the list re-rendered).
    setTimeout(() => document.getElementById(editButtonId(source))?.focus(), 0);
  };
  return (
    <ul class="bs-source-list">
      {sorted.map((source) => {
        const href = safeHref(source.url);
        if (onEdit && editing === source.id && source.origin === 'reader') {
          return (
            <li key={source.id} class="bs-source-item">
              <SourceEditForm
                source={source}
                onSave={async (edit) => {
                  await onEdit(source, edit);
                  stopEditing(source);
                }}
                onClose={() => stopEditing(source)}
              />
            </li>
          );
        }
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
              {source.remembered && source.readAt && (
                <>
                  <span aria-hidden="true"> · </span>
                  <span class="bs-tag bs-tag-read">read on {formatDate(source.readAt.slice(0, 10))}</span>
                </>
              )}
            </div>
            <div class="bs-date-how">Date {dateProvenance(source)}{source.dateEvidence ? `: ${source.dateEvidence}` : ''}</div>
            {onDelete && (
              <button type="button" class="bs-link-button bs-delete" onClick={() => onDelete(source)} aria-label={`Delete “${source.title}”`}>
                Delete
              </button>
            )}
            {onEdit && source.origin === 'reader' && (
              <button type="button" id={editButtonId(source)} class="bs-link-button bs-edit" onClick={() => setEditing(source.id)}
                aria-label={`Edit the date, title or site of “${source.title}”`}>
                Edit
              </button>
            )}
            {onForgetSite && source.url && (
              <button type="button" class="bs-link-button" onClick={() => onForgetSite(source)} aria-label={`Forget this site: every page read on ${sourceLabel(source)}`}>
                Forget this site
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
