/**
 * The hover card's content: who or what the entity is, the alias seen on the page, its key dates
 * from the Backstory chronicle (what happened before this page first), up to five dated excerpts
 * ranked for this page, and the actions "More in side panel", "Add this page" and "Not this" (the
 * mark is wrong here: stop marking it on this site, with the way to undo it).
 */
import type { EntityKind } from '../core/gazetteer';
import type { ExcerptView } from '../core/protocol';
import { AddPageStatus, type AddState } from './AddPageStatus';
import { KIND_LABELS, KindIcon } from './KindIcon';
import { ExcerptItem } from './ExcerptItem';
import { formatDate } from '../core/date-format';
import { safeHref } from '../core/safe-url';

export interface CardEntity {
  id: string;
  name: string;
  kind: EntityKind;
  /** Undefined while it is on its way (a page's card receives it with the excerpts). */
  description?: string;
}

export type ExcerptsState =
  | { status: 'loading' }
  | { status: 'ready'; excerpts: ExcerptView[]; total: number; keyDates?: ExcerptView[]; description?: string }
  | { status: 'failed'; message: string };

/** "Not this" for the mark the card is about: offered, asked for, done (with the undo), undone, failed. */
export type NotThisState =
  | { status: 'ready' | 'saving'; form: string }
  | { status: 'done' | 'undone'; form: string; site: string }
  | { status: 'failed'; form: string; message: string };

export interface EntityCardProps {
  entity: CardEntity;
  /** The alias as written on the page, when it differs from the canonical name ("Kiev"). */
  seenAs?: string;
  excerpts: ExcerptsState;
  addState: AddState;
  onMore: () => void;
  onAdd: (force: boolean) => void;
  onClose: () => void;
  /** Show a source's other excerpts in the reading room (the card shows two of one source at most). */
  onMoreFromSource?: (sourceId: string) => void;
  /** Search the reading room for the entity's name (an empty card's next step). */
  onSearch?: () => void;
  /** Whether "Remember the articles I read" is on (an empty card says what happens next). */
  rememberOn?: boolean;
  /** Open the settings where remembering is turned on. */
  onRememberSettings?: () => void;
  /** "Not this": offered when given. */
  notThis?: NotThisState;
  onNotThis?: () => void;
  onUndoNotThis?: () => void;
}

export function EntityCard({ entity, seenAs, excerpts, addState, onMore, onAdd, onClose, onMoreFromSource, onSearch, rememberOn, onRememberSettings, notThis, onNotThis, onUndoNotThis }: EntityCardProps) {
  const titleId = `bs-card-title-${entity.id}`;
  return (
    <div class="bs-card" role="dialog" aria-labelledby={titleId} aria-describedby={`${titleId}-desc`}>
      <header class="bs-card-header">
        <div class="bs-card-kind">
          <KindIcon kind={entity.kind} /> {KIND_LABELS[entity.kind]}
        </div>
        <h2 class="bs-card-title" id={titleId}>
          <span class="bs-visually-hidden">Backstory: </span>
          {entity.name}
        </h2>
        <button type="button" class="bs-close" aria-label="Close" title="Close (Esc)" onClick={onClose}>×</button>
        {seenAs && (
          <p class="bs-seen-as">
            <span class="bs-visually-hidden">Written on this page as </span>
            <span class="bs-alias">{seenAs}</span> <span aria-hidden="true">→</span> {entity.name}
          </p>
        )}
        <p class="bs-card-description" id={`${titleId}-desc`}>{entity.description}</p>
      </header>
      {/* A focusable scroll region (a named section is a region): Tab reaches it, the arrow keys scroll it. */}
      <section class="bs-card-excerpts" tabIndex={0} aria-label={`Excerpts about ${entity.name}`} aria-busy={excerpts.status === 'loading'}>
        {excerpts.status === 'loading' && (
          <div class="bs-skeleton" role="progressbar" aria-label="Loading excerpts">
            <div /><div /><div />
          </div>
        )}
        {excerpts.status === 'failed' && <p class="bs-error" role="alert">{excerpts.message}</p>}
        {excerpts.status === 'ready' && (excerpts.keyDates?.length ?? 0) > 0 && (
          <section class="bs-key-dates" aria-label={`Key dates for ${entity.name}`}>
            <h3 class="bs-card-subtitle">Key dates</h3>
            <ol class="bs-key-date-list">
              {excerpts.keyDates!.map((view) => <KeyDate key={view.excerpt.id} view={view} />)}
            </ol>
          </section>
        )}
        {excerpts.status === 'ready' && excerpts.excerpts.length === 0 && (addState.status === 'added'
          ? (
            <p class="bs-muted bs-no-excerpts">
              This page is now in your corpus: what it says about {entity.name} will show in cards on other pages and in the reading room.
            </p>
          )
          : (
            <NextSteps
              name={entity.name}
              hasKeyDates={(excerpts.keyDates?.length ?? 0) > 0}
              rememberOn={rememberOn === true}
              {...(onRememberSettings ? { onRememberSettings } : {})}
              {...(onSearch ? { onSearch } : {})}
            />
          ))}
        {excerpts.status === 'ready' && excerpts.excerpts.length > 0 && (
          <ol class="bs-excerpt-list">
            {excerpts.excerpts.map((view) => (
              <li key={view.excerpt.id}>
                <ExcerptItem
                  view={view}
                  entityId={entity.id}
                  {...(onMoreFromSource ? { onMoreFromSource: (source: { id: string }) => onMoreFromSource(source.id) } : {})}
                />
              </li>
            ))}
          </ol>
        )}
      </section>
      {notThis && notThis.status !== 'ready' && <NotThisStatus state={notThis} name={entity.name} {...(onUndoNotThis ? { onUndo: onUndoNotThis } : {})} />}
      <footer class="bs-card-actions">
        <button type="button" class="bs-button" onClick={onMore}>
          More in side panel
          {excerpts.status === 'ready' && excerpts.total > excerpts.excerpts.length && ` (${excerpts.total})`}
        </button>
        <AddPageStatus state={addState} onAdd={onAdd} />
        {(notThis?.status === 'ready' || notThis?.status === 'undone') && onNotThis && (
          <button
            type="button"
            class="bs-link-button bs-not-this"
            aria-label={`Not this: stop marking “${notThis.form}” as ${entity.name} on this site`}
            title={`“${notThis.form}” here is not ${entity.name}: stop marking it on this site`}
            onClick={onNotThis}
          >
            Not this
          </button>
        )}
      </footer>
    </div>
  );
}

/**
 * What an empty card offers: it says that nothing from articles is known yet (the description and
 * any key dates are above), and the three ways to change that.
 */
function NextSteps({ name, hasKeyDates, rememberOn, onRememberSettings, onSearch }: {
  name: string;
  hasKeyDates: boolean;
  rememberOn: boolean;
  onRememberSettings?: () => void;
  onSearch?: () => void;
}) {
  return (
    <div class="bs-next-steps bs-no-excerpts">
      <p class="bs-muted">
        {hasKeyDates
          ? `No excerpts about ${name} from your pages yet, beyond its key dates.`
          : `No excerpts about ${name} from your pages yet.`}
      </p>
      <ul class="bs-next-list">
        <li>
          {rememberOn
            ? `Backstory remembers the articles you read: the next one about ${name} will show here.`
            : onRememberSettings
              ? (
                <>
                  <button type="button" class="bs-link-button bs-remember-link" onClick={onRememberSettings}>Remember the articles you read</button>
                  {` and the next one about ${name} will show here.`}
                </>
              )
              : `Turn on "Remember the articles I read" in the options and the next article about ${name} will show here.`}
        </li>
        <li>Or add this page (below) to keep what it says about {name}.</li>
        {onSearch && (
          <li>
            <button type="button" class="bs-link-button bs-search-link" onClick={onSearch}>Search your corpus for “{name}”</button>
          </li>
        )}
      </ul>
    </div>
  );
}

/** What "Not this" did, and how to undo it: here, or later in the options. */
function NotThisStatus({ state, name, onUndo }: { state: NotThisState; name: string; onUndo?: () => void }) {
  if (state.status === 'saving') return <p class="bs-muted bs-not-this-status" role="status">Turning off “{state.form}” here…</p>;
  if (state.status === 'failed') return <p class="bs-error bs-not-this-status" role="alert">Could not turn the mark off: {state.message}</p>;
  if (state.status === 'undone') return <p class="bs-muted bs-not-this-status" role="status">“{state.form}” is marked as {name} on {state.site} again.</p>;
  if (state.status !== 'done') return null;
  return (
    <p class="bs-not-this-status" role="status">
      Backstory no longer marks “{state.form}” as {name} on {state.site}.{' '}
      {onUndo && <button type="button" class="bs-link-button bs-not-this-undo" onClick={onUndo}>Undo</button>}
      {' '}You can also undo it later in Backstory’s options, under “Marks you turned off”.
    </p>
  );
}

/** One key date: its date (a day, or a month), the fact, and the record that confirms it. */
function KeyDate({ view }: { view: ExcerptView }) {
  const { excerpt } = view;
  const precision = excerpt.date.length === 7 ? 'month' : 'day';
  const href = safeHref(excerpt.url);
  return (
    <li class="bs-key-date">
      <time class="bs-date" dateTime={excerpt.date}>{formatDate(excerpt.date, precision)}</time>{' '}
      <span class="bs-key-date-text">{excerpt.text}</span>
      {excerpt.contested && <span class="bs-contested"> (contested: {excerpt.contested})</span>}{' '}
      {href
        ? <a class="bs-key-date-source" href={href} target="_blank" rel="noopener noreferrer">{excerpt.cite ?? 'source'}</a>
        : excerpt.cite && <span class="bs-key-date-source">{excerpt.cite}</span>}
    </li>
  );
}
