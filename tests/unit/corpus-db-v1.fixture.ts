/**
 * A corpus database as Backstory's schema version 1 wrote it (see corpus/db.ts, "Version 1"),
 * created with the plain IndexedDB API so that it does not depend on the current code: stores
 * `sources` (index `origin`), `excerpts` (indexes `entity` multiEntry on `entities`, `date`,
 * `source`) and `settings`; sources without date confidence, precision or evidence; excerpts with
 * their entity ids under `entities`; no journal, no persisted index.
 */

export interface V1Source {
  id: string;
  origin: 'bundled' | 'reader';
  title: string;
  site?: string;
  url?: string;
  date: string;
  dateSource: string;
  addedAt?: string;
  excerptCount: number;
}

export interface V1Excerpt {
  id: string;
  sourceId: string;
  position: number;
  text: string;
  date: string;
  entities: string[];
  mentions: [number, number, string][];
}

export interface V1Contents {
  sources: V1Source[];
  excerpts: V1Excerpt[];
  settings: { key: string; value: unknown }[];
}

function done(request: IDBRequest | IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    if ('oncomplete' in request) {
      request.oncomplete = () => resolve();
      request.onabort = () => reject(request.error);
      request.onerror = () => reject(request.error);
    } else {
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    }
  });
}

export async function createV1Database(factory: IDBFactory, name: string, contents: V1Contents): Promise<void> {
  const request = factory.open(name, 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    const sources = db.createObjectStore('sources', { keyPath: 'id' });
    sources.createIndex('origin', 'origin');
    const excerpts = db.createObjectStore('excerpts', { keyPath: 'id' });
    excerpts.createIndex('entity', 'entities', { multiEntry: true });
    excerpts.createIndex('date', 'date');
    excerpts.createIndex('source', 'sourceId');
    db.createObjectStore('settings', { keyPath: 'key' });
  };
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = db.transaction(['sources', 'excerpts', 'settings'], 'readwrite');
  for (const source of contents.sources) tx.objectStore('sources').put(source);
  for (const excerpt of contents.excerpts) tx.objectStore('excerpts').put(excerpt);
  for (const setting of contents.settings) tx.objectStore('settings').put(setting);
  await done(tx);
  db.close();
}

/** The version and store names of a database, read without upgrading it. */
export async function describeDatabase(factory: IDBFactory, name: string): Promise<{ version: number; stores: string[]; excerpts: unknown[] }> {
  const request = factory.open(name);
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const stores = [...db.objectStoreNames].sort();
  const tx = db.transaction('excerpts', 'readonly');
  const all = tx.objectStore('excerpts').getAll();
  await done(all);
  const version = db.version;
  db.close();
  return { version, stores, excerpts: all.result as unknown[] };
}
