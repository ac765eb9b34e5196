/**
 * The Backstory chronicle: for every entity of the gazetteer, a few dated key facts, each one
 * sentence written for Backstory and the public record that confirms it (data/chronicle/*.json).
 * It is bundled with the corpus as its own kind of source — one source per entity, "Backstory
 * chronicle: <name>", dated "as of" the chronicle's date — apart from the seed documents and the
 * reader's pages. Each entry is an excerpt dated with the event's own date (a day, or a month when
 * that is all that is known), linked to its record.
 *
 * Entries have stable ids, so that the interface-language work can translate them one by one.
 */
import type { Gazetteer } from './gazetteer';
import type { ExcerptRecord, SourceRecord } from './schema';
import type { Spotter } from './spotter';
import { tagText } from './tagger';

export interface ChronicleEntry {
  /** Stable, unique: `<entity>-<yyyy>-<mm>-<slug>`. */
  id: string;
  entity: string;
  /** The event's date: `YYYY-MM-DD`, or `YYYY-MM` when only the month is known. */
  date: string;
  /** One factual sentence, in English. */
  text: string;
  /** The https address of the public record that confirms the fact and its date. */
  source: string;
  /** Who published that record. */
  publisher: string;
  /** When sources or sides disagree: how. */
  contested?: string;
}

export interface ChronicleFile {
  /** The day the chronicle was checked up to (`YYYY-MM-DD`). */
  asOf: string;
  entries: ChronicleEntry[];
}

/** Source ids of chronicle sources start with this. */
export const CHRONICLE_PREFIX = 'chronicle:';
export const CHRONICLE_SITE = 'Backstory chronicle';
export const MAX_ENTRY_CHARS = 240;
/** The earliest date an entry may have (older history is not the chronicle's business). */
const EARLIEST = '1900-01-01';

export function isChronicleSource(sourceId: string): boolean {
  return sourceId.startsWith(CHRONICLE_PREFIX);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/u;
const MONTH = /^(\d{4})-(\d{2})$/u;
const ID = /^[a-z0-9][a-z0-9-]{2,120}$/u;
/** Losses are not the chronicle's to count: a number next to one of these words is refused. */
const CASUALTIES = /\b\d[\d,.]*\s*(?:\w+\s+){0,3}(?:killed|dead|deaths|died|casualties|wounded|injured|losses|soldiers lost|troops lost)\b/iu;

function validDate(date: string): boolean {
  const day = DAY.exec(date);
  if (day) {
    const parsed = new Date(`${date}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
  }
  const month = MONTH.exec(date);
  return month !== null && Number(month[2]) >= 1 && Number(month[2]) <= 12;
}

/**
 * Whether a sentence names the entity: the spotter finds it, or its name is there as written (a
 * longer name may win the spotter's match: "Zaporizhzhia nuclear plant", "the Kerch bridge").
 */
function namesEntity(text: string, entity: Gazetteer['entities'][number], spotter: Spotter): boolean {
  if (tagText(spotter, text).entityIds.includes(entity.id)) return true;
  const lower = text.toLowerCase();
  const forms = [entity.name, ...entity.aliases.map((alias) => (typeof alias === 'string' ? alias : alias.form))]
    .map((form) => form.replace(/\{[^}]*\}/gu, '').trim().toLowerCase())
    .filter((form) => form.length >= 3);
  return forms.some((form) => lower.includes(form));
}

/**
 * Every problem with the chronicle: entries without a valid date, an https source, a publisher, a
 * known entity or a sentence naming it; dates outside [1900, as of]; duplicate ids; numbers of
 * casualties; entities with fewer than `minimumPerEntity` entries. Empty when it is sound.
 */
export function chronicleProblems(files: readonly ChronicleFile[], gazetteer: Gazetteer, spotter: Spotter, minimumPerEntity = 2): string[] {
  const problems: string[] = [];
  const known = new Map(gazetteer.entities.map((entity) => [entity.id, entity]));
  const ids = new Set<string>();
  const perEntity = new Map<string, number>();
  for (const file of files) {
    if (!DAY.test(file.asOf) || !validDate(file.asOf)) problems.push(`"asOf" must be a day (YYYY-MM-DD), not "${file.asOf}"`);
    for (const entry of file.entries) {
      const where = `entry "${entry.id}"`;
      if (typeof entry.id !== 'string' || !ID.test(entry.id)) problems.push(`${where}: the id must be lowercase letters, digits and hyphens`);
      else if (ids.has(entry.id)) problems.push(`${where}: the id is used twice`);
      ids.add(entry.id);
      if (!known.has(entry.entity)) {
        problems.push(`${where}: unknown entity "${entry.entity}"`);
        continue;
      }
      perEntity.set(entry.entity, (perEntity.get(entry.entity) ?? 0) + 1);
      if (typeof entry.date !== 'string' || !validDate(entry.date)) problems.push(`${where}: no valid date (YYYY-MM-DD or YYYY-MM)`);
      else if (entry.date < EARLIEST.slice(0, entry.date.length) || entry.date > file.asOf.slice(0, entry.date.length)) {
        problems.push(`${where}: ${entry.date} is outside the chronicle's range (${EARLIEST.slice(0, 4)} to ${file.asOf})`);
      }
      let url: URL | undefined;
      try {
        url = new URL(entry.source);
      } catch {
        url = undefined;
      }
      if (!url || url.protocol !== 'https:') problems.push(`${where}: the source must be an https address`);
      if (typeof entry.publisher !== 'string' || entry.publisher.trim().length < 2) problems.push(`${where}: no publisher`);
      if (typeof entry.text !== 'string' || entry.text.trim().length < 20) problems.push(`${where}: the sentence is missing or too short`);
      else {
        if (entry.text.length > MAX_ENTRY_CHARS) problems.push(`${where}: the sentence is longer than ${MAX_ENTRY_CHARS} characters`);
        if (CASUALTIES.test(entry.text)) problems.push(`${where}: counts casualties or losses`);
        if (!namesEntity(entry.text, known.get(entry.entity) as Gazetteer['entities'][number], spotter)) problems.push(`${where}: the sentence does not name ${known.get(entry.entity)?.name}`);
      }
    }
  }
  for (const entity of gazetteer.entities) {
    const count = perEntity.get(entity.id) ?? 0;
    if (count < minimumPerEntity) problems.push(`entity "${entity.id}" has ${count} chronicle entr${count === 1 ? 'y' : 'ies'} (at least ${minimumPerEntity})`);
  }
  return problems;
}

/** The chronicle as bundled records: one source per entity with entries, one excerpt per entry, oldest first. */
export function chronicleRecords(files: readonly ChronicleFile[], gazetteer: Gazetteer, spotter: Spotter): { sources: SourceRecord[]; excerpts: ExcerptRecord[] } {
  const asOf = files.map((file) => file.asOf).sort().at(-1) ?? '1970-01-01';
  const byEntity = new Map<string, ChronicleEntry[]>();
  for (const entry of files.flatMap((file) => file.entries)) {
    const list = byEntity.get(entry.entity);
    if (list) list.push(entry);
    else byEntity.set(entry.entity, [entry]);
  }
  const sources: SourceRecord[] = [];
  const excerpts: ExcerptRecord[] = [];
  for (const entity of gazetteer.entities) {
    const entries = (byEntity.get(entity.id) ?? []).sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    if (entries.length === 0) continue;
    const id = `${CHRONICLE_PREFIX}${entity.id}`;
    sources.push({
      id,
      origin: 'bundled',
      kind: 'chronicle',
      title: `${CHRONICLE_SITE}: ${entity.name}`,
      site: CHRONICLE_SITE,
      lang: 'en',
      date: asOf,
      dateSource: 'date-line',
      dateConfidence: 1,
      datePrecision: 'day',
      dateEvidence: `key dates as of ${asOf}`,
      excerptCount: entries.length,
    });
    entries.forEach((entry, position) => {
      const tags = tagText(spotter, entry.text);
      const entityIds = tags.entityIds.includes(entity.id) ? tags.entityIds : [...tags.entityIds, entity.id].sort();
      excerpts.push({
        id: `${id}#${position}`,
        sourceId: id,
        position,
        text: entry.text,
        date: entry.date,
        entityIds,
        mentions: tags.mentions,
        url: entry.source,
        cite: entry.publisher,
        entryId: entry.id,
        ...(entry.contested ? { contested: entry.contested } : {}),
      });
    });
  }
  return { sources, excerpts };
}
