/**
 * An entity's name and description in the reader's language, for the extension's pages and the
 * background (never the content script: it marks pages without any of this). English comes from
 * the gazetteer itself; Ukrainian, Russian and German from data/l10n/<lang>.json (validated by the
 * unit tests and the build). A name the reader tracks is shown as the reader wrote it.
 */
import { useMemo } from 'preact/hooks';
import type { Entity } from '../core/gazetteer';
import type { EntityL10n, EntityText } from '../core/entity-l10n';
import type { Lang } from '../core/i18n/lang';
import de from '../data/l10n/de.json';
import ru from '../data/l10n/ru.json';
import uk from '../data/l10n/uk.json';
import type { SourceRecord } from '../core/schema';
import { entityById } from './gazetteer-data';
import { type I18n, useI18n } from './i18n/use-i18n';

const FILES: Readonly<Record<Exclude<Lang, 'en'>, EntityL10n>> = { uk: uk as EntityL10n, ru: ru as EntityL10n, de: de as EntityL10n };

/** The bundled translation of an entity, or undefined in English and for an id the files do not have (a tracked name). */
export function entityTextIn(lang: Lang, id: string): EntityText | undefined {
  return lang === 'en' ? undefined : FILES[lang].entities[id];
}

/** The entity's name in `lang` (its own name when there is no translation). */
export function entityName(lang: Lang, entity: Pick<Entity, 'id' | 'name'>): string {
  return entityTextIn(lang, entity.id)?.name ?? entity.name;
}

/** The entity's description in `lang` (its own when there is no translation). */
export function entityDescription(lang: Lang, entity: Pick<Entity, 'id' | 'description'>): string {
  return entityTextIn(lang, entity.id)?.description ?? entity.description;
}

/** The entity with its name and description in `lang`. */
export function localEntity<T extends Pick<Entity, 'id' | 'name'> & { description?: string }>(lang: Lang, entity: T): T {
  const text = entityTextIn(lang, entity.id);
  if (!text) return entity;
  return { ...entity, name: text.name, ...(entity.description !== undefined ? { description: text.description } : {}) };
}

/** In a component: names and descriptions in the interface's language, following its changes. */
export function useEntityText(): { name: (entity: Pick<Entity, 'id' | 'name'>) => string; description: (entity: Pick<Entity, 'id' | 'description'>) => string; lang: Lang } {
  const { lang } = useI18n();
  return useMemo(() => ({
    lang,
    name: (entity) => entityName(lang, entity),
    description: (entity) => entityDescription(lang, entity),
  }), [lang]);
}

/** A source's title; the chronicle's ("Backstory chronicle: Kyiv", core/chronicle.ts) in the reader's language. */
export function localSourceTitle({ t, lang }: Pick<I18n, 't' | 'lang'>, source: Pick<SourceRecord, 'id' | 'title'> & { kind?: SourceRecord['kind'] }): string {
  const entity = source.kind === 'chronicle' ? entityById(source.id.replace(/^chronicle:/u, '')) : undefined;
  return entity ? t('card.chronicle.title', { name: entityName(lang, entity) }) : source.title;
}
