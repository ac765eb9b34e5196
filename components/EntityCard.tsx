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
import { safeHref } from '../core/safe-url';
import { useI18n } from '../lib/i18n/use-i18n';
import { failureText } from './failure-text';

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
  | { status: 'failed'; message: string; error?: unknown };

/** "Not this" for the mark the card is about: offered, asked for, done (with the undo), undone, failed. */
export type NotThisState =
  | { status: 'ready' | 'saving'; form: string }
  | { status: 'done' | 'undone'; form: string; site: string }
  | { status: 'failed'; form: string; message: string; error?: unknown };

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
  const { t, lang } = useI18n();
  const titleId = `bs-card-title-${entity.id}`;
  return (
    // Read out in the card's language, not the page's.
    <div class="bs-card" lang={lang} role="dialog" aria-labelledby={titleId} aria-describedby={`${titleId}-desc`}>
      <header class="bs-card-header">
        <div class="bs-card-kind">
          <KindIcon kind={entity.kind} /> {t(KIND_LABELS[entity.kind])}
        </div>
        <h2 class="bs-card-title" id={titleId}>
          <span class="bs-visually-hidden">{t('card.titlePrefix')}</span>
          {entity.name}
        </h2>
        <button type="button" class="bs-close" aria-label={t('card.close')} title={t('card.closeTitle')} onClick={onClose}>×</button>
        {seenAs && (
          <p class="bs-seen-as">
            <span class="bs-visually-hidden">{t('card.seenAs')}</span>
            <span class="bs-alias">{seenAs}</span> <span aria-hidden="true">→</span> {entity.name}
          </p>
        )}
        <p class="bs-card-description" id={`${titleId}-desc`}>{entity.description}</p>
      </header>
      {/* A focusable scroll region (a named section is a region): Tab reaches it, the arrow keys scroll it. */}
      <section class="bs-card-excerpts" tabIndex={0} aria-label={t('card.excerptsAbout', { name: entity.name })} aria-busy={excerpts.status === 'loading'}>
        {excerpts.status === 'loading' && (
          <div class="bs-skeleton" role="progressbar" aria-label={t('card.loadingExcerpts')}>
            <div /><div /><div />
          </div>
        )}
        {excerpts.status === 'failed' && <p class="bs-error" role="alert">{failureText(t, excerpts)}</p>}
        {excerpts.status === 'ready' && (excerpts.keyDates?.length ?? 0) > 0 && (
          <section class="bs-key-dates" aria-label={t('card.keyDates.label', { name: entity.name })}>
            <h3 class="bs-card-subtitle">{t('card.keyDates.title')}</h3>
            <ol class="bs-key-date-list">
              {excerpts.keyDates!.map((view) => <KeyDate key={view.excerpt.id} view={view} />)}
            </ol>
          </section>
        )}
        {excerpts.status === 'ready' && excerpts.excerpts.length === 0 && (addState.status === 'added'
          ? (
            <p class="bs-muted bs-no-excerpts">
              {t('card.addedHere', { name: entity.name })}
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
          {excerpts.status === 'ready' && excerpts.total > excerpts.excerpts.length
            ? t('card.moreWithTotal', { total: excerpts.total })
            : t('card.more')}
        </button>
        <AddPageStatus state={addState} onAdd={onAdd} />
        {(notThis?.status === 'ready' || notThis?.status === 'undone') && onNotThis && (
          <button
            type="button"
            class="bs-link-button bs-not-this"
            aria-label={t('card.notThis.label', { form: notThis.form, name: entity.name })}
            title={t('card.notThis.title', { form: notThis.form, name: entity.name })}
            onClick={onNotThis}
          >
            {t('card.notThis.button')}
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
  const { t } = useI18n();
  return (
    <div class="bs-next-steps bs-no-excerpts">
      <p class="bs-muted">
        {t(hasKeyDates ? 'card.next.noneBeyondKeyDates' : 'card.next.none', { name })}
      </p>
      <ul class="bs-next-list">
        <li>
          {rememberOn
            ? t('card.next.rememberOn', { name })
            : onRememberSettings
              ? (
                <>
                  <button type="button" class="bs-link-button bs-remember-link" onClick={onRememberSettings}>{t('card.next.rememberButton')}</button>
                  {t('card.next.rememberAfter', { name })}
                </>
              )
              : t('card.next.rememberOff', { name })}
        </li>
        <li>{t('card.next.add', { name })}</li>
        {onSearch && (
          <li>
            <button type="button" class="bs-link-button bs-search-link" onClick={onSearch}>{t('card.next.search', { name })}</button>
          </li>
        )}
      </ul>
    </div>
  );
}

/** What "Not this" did, and how to undo it: here, or later in the options. */
function NotThisStatus({ state, name, onUndo }: { state: NotThisState; name: string; onUndo?: () => void }) {
  const { t } = useI18n();
  if (state.status === 'saving') return <p class="bs-muted bs-not-this-status" role="status">{t('card.notThis.saving', { form: state.form })}</p>;
  if (state.status === 'failed') return <p class="bs-error bs-not-this-status" role="alert">{t('card.notThis.failed', { message: failureText(t, state) })}</p>;
  if (state.status === 'undone') {
    return <p class="bs-muted bs-not-this-status" role="status">{t('card.notThis.undone', { form: state.form, name, site: state.site })}</p>;
  }
  if (state.status !== 'done') return null;
  return (
    <p class="bs-not-this-status" role="status">
      {t('card.notThis.done', { form: state.form, name, site: state.site })}{' '}
      {onUndo && <button type="button" class="bs-link-button bs-not-this-undo" onClick={onUndo}>{t('card.notThis.undo')}</button>}
      {' '}{t('card.notThis.later')}
    </p>
  );
}

/** One key date: its date (a day, or a month), the fact, and the record that confirms it. */
function KeyDate({ view }: { view: ExcerptView }) {
  const { t, formatDate } = useI18n();
  const { excerpt } = view;
  const precision = excerpt.date.length === 7 ? 'month' : 'day';
  const href = safeHref(excerpt.url);
  return (
    <li class="bs-key-date">
      <time class="bs-date" dateTime={excerpt.date}>{formatDate(excerpt.date, precision)}</time>{' '}
      <span class="bs-key-date-text">{excerpt.text}</span>
      {excerpt.contested && <span class="bs-contested">{t('card.keyDates.contested', { note: excerpt.contested })}</span>}{' '}
      {href
        ? <a class="bs-key-date-source" href={href} target="_blank" rel="noopener noreferrer">{excerpt.cite ?? t('card.keyDates.source')}</a>
        : excerpt.cite && <span class="bs-key-date-source">{excerpt.cite}</span>}
    </li>
  );
}
