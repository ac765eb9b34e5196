/**
 * The sources of the corpus: the bundled documents and the reader's own pages, with their dates and
 * how each date was found. Reader pages can be corrected (date, title, site) and deleted, each with
 * undo; the corpus can be exported to a JSON Lines file and imported back.
 */
import { useRef, useState } from 'preact/hooks';
import type { ExportScope, ImportResult } from '../../core/protocol';
import type { SourceRecord } from '../../core/schema';
import { safeHref } from '../../core/safe-url';
import { DateLabel, dateProvenance } from '../../components/DateLabel';
import { localSourceLabel } from '../../lib/i18n/source-names';
import type { I18n } from '../../core/i18n/translator';
import { errorMessage } from '../../lib/i18n/error-text';
import { useI18n } from '../../lib/i18n/use-i18n';
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

export function importLabel({ t }: Pick<I18n, 't'>, progress: ImportProgress): string {
  if (progress.phase === 'checking') return t('room.sources.checking');
  if (progress.phase === 'writing') return t('room.sources.writing', { done: progress.done, count: progress.total });
  return t('room.sources.updating');
}

/** "Imported 3 sources and 120 excerpts from file.jsonl (1 already there, unchanged)." and the tracked names, if any. */
export function importedText({ t }: Pick<I18n, 't'>, result: ImportResult, file: string): string {
  const counts = {
    sources: t('room.sources.importedSources', { count: result.sources }),
    excerpts: t('room.sources.importedExcerpts', { count: result.excerpts }),
    file,
  };
  const imported = result.unchanged > 0
    ? t('room.sources.importedUnchanged', { ...counts, unchanged: t('room.sources.unchanged', { count: result.unchanged }) })
    : t('room.sources.imported', counts);
  const names = result.trackedNames ?? 0;
  return names > 0 ? imported + t('room.sources.importedNames', { count: names }) : imported;
}

export function SourcesView({ sources, onChanged }: SourcesViewProps) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
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

  const { remove, undo, edit, undoEdit } = sourceActions(setNotice, onChanged, i18n);

  const exportCorpus = async (scope: ExportScope) => {
    setExportState({ status: 'exporting', lines: 0, totalLines: 1 });
    try {
      const file = await exportToFile(scope, (lines, totalLines) => setExportState({ status: 'exporting', lines, totalLines }));
      saveFile(file.fileName, file.blob);
      setNotice({ kind: 'info', text: t('room.sources.exported', { records: t('room.sources.records', { count: file.lines - 1 }), file: file.fileName }) });
    } catch (error) {
      setNotice({ kind: 'error', text: errorMessage(error, t) });
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
      setNotice({ kind: 'error', text: t('room.sources.importFailed', { file: file.name, message: errorMessage(error, t) }) });
    } finally {
      cancelImport.current = undefined;
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const busy = exportState.status === 'exporting' || importState.status === 'importing';
  const listed = showAll ? readerSources : readerSources.slice(0, LIST_FIRST);

  return (
    <section class="bs-view" aria-label={t('room.tabs.sources')}>
      <div class="bs-toolbar">
        <button type="button" class="bs-button" disabled={busy || readerSources.length + rememberedCount === 0} onClick={() => void exportCorpus('reader')}>
          {t('room.sources.exportYours')}
        </button>
        <button type="button" class="bs-button" disabled={busy} onClick={() => void exportCorpus('all')}>{t('room.sources.exportAll')}</button>
        <button type="button" class="bs-button" disabled={busy} onClick={() => fileInput.current?.click()}>{t('room.sources.import')}</button>
        <input
          ref={fileInput}
          type="file"
          accept=".jsonl,.ndjson,.json,application/x-ndjson,application/json"
          class="bs-visually-hidden"
          aria-label={t('room.sources.importLabel')}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void importChosen(file);
          }}
        />
      </div>
      <div role="status" aria-live="polite" class="bs-status-line">
        {exportState.status === 'exporting' && (
          <label class="bs-progress-label">
            {t('room.sources.exporting')}{' '}
            <progress max={exportState.totalLines} value={exportState.lines} aria-label={t('room.sources.exportProgress')} />
          </label>
        )}
        {importState.status === 'importing' && (
          <span class="bs-progress-label">
            <label>
              {importLabel(i18n, importState.progress)}{' '}
              <progress max={importState.progress.total || 1} value={importState.progress.done} aria-label={t('room.sources.importProgress')} />
            </label>
            {importState.progress.phase === 'checking' && (
              <button type="button" class="bs-link-button" onClick={() => cancelImport.current?.abort()}>{t('room.cancel')}</button>
            )}
          </span>
        )}
        {importState.status === 'done' && (
          <span class="bs-ok">{importedText(i18n, importState.result, importState.fileName)}</span>
        )}
        {notice?.kind === 'deleted' && (
          <span>
            {t('room.notice.deleted', { title: notice.deleted.source.title })}{' '}
            <button type="button" class="bs-link-button" onClick={() => void undo(notice.deleted)}>{t('room.undo')}</button>
          </span>
        )}
        {notice?.kind === 'edited' && (
          <span>
            {t('room.notice.edited', { title: notice.edited.source.title })}{' '}
            <button type="button" class="bs-link-button" onClick={() => void undoEdit(notice.edited)}>{t('room.undo')}</button>
          </span>
        )}
        {notice?.kind === 'info' && <span class="bs-ok">{notice.text}</span>}
        {notice?.kind === 'error' && <span class="bs-error" role="alert">{notice.text}</span>}
      </div>
      <h2 class="bs-section-title">{t('room.sources.yourPages', { count: readerSources.length })}</h2>
      {rememberedCount > 0 && <p class="bs-muted">{t('room.sources.rememberedNote', { count: rememberedCount })}</p>}
      {readerSources.length === 0 ? (
        <p class="bs-muted">
          {addKey ? t('room.sources.emptyWithKey', { key: addKey }) : t('room.sources.empty')}
        </p>
      ) : (
        <>
          <SourceList sources={listed} onDelete={remove} onEdit={edit} />
          {listed.length < readerSources.length && (
            <button type="button" class="bs-link-button" onClick={() => setShowAll(true)}>
              {t('room.showAllPages', { count: readerSources.length })}
            </button>
          )}
        </>
      )}
      <h2 class="bs-section-title">{t('room.sources.bundled', { count: bundled.length })}</h2>
      <SourceList sources={bundled} />
      {chronicle.length > 0 && (
        <>
          <h2 class="bs-section-title">{t('room.sources.chronicle')}</h2>
          <p class="bs-muted" data-chronicle>
            {t('room.sources.chronicleNote', {
              dates: t('room.sources.chronicleDates', { count: keyDates }),
              entities: t('room.sources.chronicleEntities', { count: chronicle.length }),
              date: formatDate(chronicle[0]!.date),
            })}
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
  const i18n = useI18n();
  const { t, formatDate } = i18n;
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
              <span>{localSourceLabel(i18n, source)}</span>
              {source.author && <span>, {source.author}</span>}
              <span aria-hidden="true"> · </span>
              <span>{t('room.excerpts', { count: source.excerptCount })}</span>
              {source.remembered && source.readAt && (
                <>
                  <span aria-hidden="true"> · </span>
                  <span class="bs-tag bs-tag-read">{t('room.sources.readOn', { date: formatDate(source.readAt.slice(0, 10)) })}</span>
                </>
              )}
            </div>
            <div class="bs-date-how">
              {source.dateEvidence
                ? t('room.sources.dateHowEvidence', { provenance: dateProvenance(i18n, source), evidence: source.dateEvidence })
                : t('room.sources.dateHow', { provenance: dateProvenance(i18n, source) })}
            </div>
            {onDelete && (
              <button type="button" class="bs-link-button bs-delete" onClick={() => onDelete(source)} aria-label={t('room.sources.deleteLabel', { title: source.title })}>
                {t('room.sources.delete')}
              </button>
            )}
            {onEdit && source.origin === 'reader' && (
              <button type="button" id={editButtonId(source)} class="bs-link-button bs-edit" onClick={() => setEditing(source.id)}
                aria-label={t('room.sources.editLabel', { title: source.title })}>
                {t('room.sources.edit')}
              </button>
            )}
            {onForgetSite && source.url && (
              <button type="button" class="bs-link-button" onClick={() => onForgetSite(source)} aria-label={t('room.sources.forgetSiteLabel', { site: localSourceLabel(i18n, source) })}>
                {t('room.sources.forgetSite')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
