/**
 * The entities found on a page, grouped by kind, with mention counts and the aliases seen. Each
 * row shows the entity on the page; a second button opens its timeline in the reading room.
 */
import type { EntityKind } from '../core/gazetteer';
import type { MessageKey } from '../core/i18n/keys';
import type { PageEntity } from '../core/protocol';
import { useI18n } from '../lib/i18n/use-i18n';
import { KindIcon } from './KindIcon';

const KIND_ORDER: EntityKind[] = ['person', 'place', 'organisation', 'other'];
const GROUP_LABELS: Record<EntityKind, MessageKey> = {
  person: 'card.entities.person',
  place: 'card.entities.place',
  organisation: 'card.entities.organisation',
  other: 'card.entities.other',
};

export interface PageEntityListProps {
  entities: readonly PageEntity[];
  onReveal: (entity: PageEntity) => void;
  onTimeline: (entity: PageEntity) => void;
}

function asKind(kind: string): EntityKind {
  return (KIND_ORDER as string[]).includes(kind) ? (kind as EntityKind) : 'other';
}

/** Aliases seen on the page other than the canonical name itself. */
function otherSpellings(entity: PageEntity): string[] {
  const name = entity.name.toLowerCase();
  return entity.seen.filter((alias) => alias.toLowerCase() !== name && !name.split(/\s+/u).includes(alias.toLowerCase())).slice(0, 3);
}

export function PageEntityList({ entities, onReveal, onTimeline }: PageEntityListProps) {
  const { t, formatNumber } = useI18n();
  const groups = KIND_ORDER.map((kind) => ({ kind, items: entities.filter((entity) => asKind(entity.kind) === kind) }))
    .filter((group) => group.items.length > 0);
  return (
    <div class="bs-entity-groups">
      {groups.map((group) => (
        <section key={group.kind} class="bs-entity-group" aria-labelledby={`bs-group-${group.kind}`}>
          <h3 id={`bs-group-${group.kind}`} class="bs-group-title">
            <KindIcon kind={group.kind} /> {t(GROUP_LABELS[group.kind])}
          </h3>
          <ul class="bs-entity-rows" aria-label={t(GROUP_LABELS[group.kind])}>
            {group.items.map((entity) => {
              const spellings = otherSpellings(entity);
              return (
                <li key={entity.id} class="bs-entity-row">
                  <button
                    type="button"
                    class="bs-entity-reveal"
                    onClick={() => onReveal(entity)}
                    title={t('card.entities.show', { name: entity.name })}
                  >
                    <span class="bs-entity-name">{entity.name}</span>
                    {spellings.length > 0 && <span class="bs-entity-seen">{t('card.entities.seenAs', { spellings: spellings.join(', ') })}</span>}
                    <span class="bs-count" aria-label={t('card.entities.mentions', { count: entity.count })}>{formatNumber(entity.count)}</span>
                  </button>
                  <button
                    type="button"
                    class="bs-icon-button"
                    onClick={() => onTimeline(entity)}
                    aria-label={t('card.entities.timeline', { name: entity.name })}
                    title={t('card.entities.timelineTitle')}
                  >
                    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
                      <path d="M2 13.5h12M4 11V7m4 4V3m4 8V6" stroke="currentColor" stroke-width="1.8" fill="none" stroke-linecap="round" />
                    </svg>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

