/** An entity's kind: its label (a message) and a small icon. */
import type { EntityKind } from '../core/gazetteer';
import type { MessageKey } from '../core/i18n/keys';

/** The message that names each kind ("Place", «Місце»). */
export const KIND_LABELS: Record<EntityKind, MessageKey> = {
  place: 'card.kind.place',
  person: 'card.kind.person',
  organisation: 'card.kind.organisation',
  other: 'card.kind.other',
};

const KIND_ICONS: Record<EntityKind, string> = {
  place: 'M8 1.5a4.5 4.5 0 0 0-4.5 4.5c0 3.2 4.5 8.5 4.5 8.5s4.5-5.3 4.5-8.5A4.5 4.5 0 0 0 8 1.5Zm0 6.3a1.8 1.8 0 1 1 0-3.6 1.8 1.8 0 0 1 0 3.6Z',
  person: 'M8 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm0 1.5c-3 0-5.5 1.6-5.5 3.6V14.5h11v-1.4c0-2-2.5-3.6-5.5-3.6Z',
  organisation: 'M2 14.5V4l6-2.5L14 4v10.5h-4v-3H6v3H2Zm3-8h1.5V8H5V6.5Zm4.5 0H11V8H9.5V6.5Z',
  other: 'M8 1.5 14.5 8 8 14.5 1.5 8 8 1.5Z',
};

export function KindIcon({ kind }: { kind: EntityKind }) {
  return (
    <svg class={`bs-kind-icon bs-kind-${kind}`} viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={KIND_ICONS[kind]} fill="currentColor" />
    </svg>
  );
}
