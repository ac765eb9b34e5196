/**
 * The bundled gazetteer for extension pages and the background, with lookups by id and the
 * display forms of each entity's aliases.
 */
import { type Entity, type Gazetteer, expandForms, normaliseAlias } from '../core/gazetteer';
import data from '../data/entities.json';

export const gazetteer = data as Gazetteer;

const byId = new Map(gazetteer.entities.map((entity) => [entity.id, entity]));

export function entityById(id: string): Entity | undefined {
  return byId.get(id);
}

/** The distinct written forms of an entity's aliases, one per alias (its base form). */
export function aliasDisplayForms(entity: Entity): string[] {
  const forms: string[] = [];
  for (const alias of entity.aliases) {
    const pattern = normaliseAlias(alias).form;
    const first = expandForms(pattern, gazetteer.paradigms)[0];
    if (first && !forms.some((form) => form.toLowerCase() === first.toLowerCase())) forms.push(first);
  }
  return forms;
}
