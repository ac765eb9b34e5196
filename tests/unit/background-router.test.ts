/**
 * The background's message router: only the extension's own contexts are answered, every request
 * is shape-checked, answers and errors are typed.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { route } from '../../entrypoints/background/router';
import type { Reply } from '../../core/protocol';
import { gazetteer } from '../../lib/gazetteer-data';
import { SETTINGS_KEY, updateSettings } from '../../lib/settings';

const ownSender = () => ({ id: fakeBrowser.runtime.id });

// Replies of every request type pass through here: the tests read the fields they asked for.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
async function ask(message: unknown, sender: { id?: string } = ownSender()): Promise<Reply<any> & { value?: any }> {
  const reply = route(message, sender as never);
  if (!reply) throw new Error('no reply');
  return reply;
}

describe('the background router', () => {
  it('refuses messages from anything but the extension itself', async () => {
    const reply = await ask({ type: 'stats' }, { id: 'some-other-extension' });
    expect(reply).toEqual({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/own pages only/u) } });
  });

  it('refuses malformed requests with a typed error naming the problem', async () => {
    expect(await ask('stats')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await ask({ type: 'drop-database' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/Unknown request type/u) } });
    expect(await ask({ type: 'search', query: 42 })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/"query"/u) } });
    expect(await ask({ type: 'excerpts-for', entityId: '' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await ask({ type: 'excerpts-for', entityId: 'kyiv', limit: 100_000 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await ask({ type: '__proto__' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('sends the card the messages of the reader’s language only: the card’s and the errors’', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { language: 'uk' } });
    const reply = await ask({ type: 'card-messages' });
    expect(reply.ok).toBe(true);
    expect(reply.value.lang).toBe('uk');
    expect(reply.value.messages['card.add.button']).toBe('Додати цю сторінку');
    const keys = Object.keys(reply.value.messages);
    expect(keys.some((key) => key.startsWith('errors.'))).toBe(true);
    expect(keys.every((key) => key.startsWith('card.') || key.startsWith('errors.'))).toBe(true);
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { language: 'de' } });
    expect((await ask({ type: 'card-messages' })).value.messages['card.add.button']).toBe('Diese Seite hinzufügen');
  });

  it('ignores events broadcast by the background itself', () => {
    expect(route({ event: 'corpus-changed', reason: 'added' }, ownSender() as never)).toBeUndefined();
  });

  it('answers from the bundled corpus, installed on first use', async () => {
    const stats = await ask({ type: 'stats' });
    expect(stats).toMatchObject({ ok: true, value: { sources: 5 + gazetteer.entities.length, readerSources: 0 } });
    const excerpts = await ask({ type: 'excerpts-for', entityId: 'kherson', page: { entityIds: ['kherson', 'putin'], title: 'Kherson withdrawal' }, limit: 3 });
    expect(excerpts.ok).toBe(true);
    expect(excerpts.value.excerpts).toHaveLength(3);
    for (const view of excerpts.value.excerpts) expect(view.excerpt.entityIds).toContain('kherson');
    const unknown = await ask({ type: 'entity-timeline', entityId: 'nobody' });
    expect(unknown).toMatchObject({ ok: true, value: { buckets: [], excerpts: [] } });
  });

  it('never opens an empty card on a fresh install: every entity has key dates, what came before the page first', async () => {
    for (const entity of gazetteer.entities) {
      const card = await ask({ type: 'excerpts-for', entityId: entity.id, page: { entityIds: [entity.id], date: '2024-01-01' }, limit: 5 });
      expect(card.value.keyDates.length, entity.id).toBeGreaterThanOrEqual(2);
      // The entity's own key dates first; among them, before the page's date first (latest first), then after.
      const own = card.value.keyDates.filter((view: { source: { id: string } }) => view.source.id === `chronicle:${entity.id}`);
      expect(card.value.keyDates.slice(0, own.length)).toEqual(own);
      const days: string[] = own.map((view: { excerpt: { date: string } }) => view.excerpt.date);
      const before = days.filter((day) => day <= '2024-01-01');
      expect(days.slice(0, before.length)).toEqual([...before].sort().reverse());
      for (const view of card.value.excerpts) expect(view.source.kind).toBeUndefined();
    }
    // The timeline and search include them too.
    const timeline = await ask({ type: 'entity-timeline', entityId: 'avdiivka' });
    expect(timeline.value.excerpts.some((view: { source: { kind?: string } }) => view.source.kind === 'chronicle')).toBe(true);
    const found = await ask({ type: 'search', query: 'Avdiivka', limit: 20 });
    expect(found.value.hits.some((view: { source: { kind?: string } }) => view.source.kind === 'chronicle')).toBe(true);
  });

  it('sends the entity description with a card\'s excerpts (pages do not carry the descriptions)', async () => {
    const card = await ask({ type: 'excerpts-for', entityId: 'kherson', page: { entityIds: ['kherson'] }, limit: 1 });
    expect(card.value.description).toBe(gazetteer.entities.find((entity) => entity.id === 'kherson')!.description);
    const unknown = await ask({ type: 'excerpts-for', entityId: 'nobody', limit: 1 });
    expect(unknown.ok).toBe(true);
    expect(unknown.value.description).toBeUndefined();
  });

  it('names and describes the entity in the reader’s language with a card’s excerpts', async () => {
    await updateSettings({ language: 'uk' });
    const first = await ask({ type: 'excerpts-for', entityId: 'kherson', page: { entityIds: ['kherson'] }, limit: 1 });
    expect(first.value).toMatchObject({ lang: 'uk', name: 'Херсон', description: expect.stringMatching(/[іїєґ]/u) });
    await updateSettings({ language: 'de' });
    const changed = await ask({ type: 'excerpts-for', entityId: 'kyiv', limit: 1 });
    expect(changed.value).toMatchObject({ lang: 'de', name: 'Kyjiw', description: expect.stringMatching(/^Hauptstadt der Ukraine/u) });
    await updateSettings({ language: 'en' });
    expect((await ask({ type: 'excerpts-for', entityId: 'kyiv', limit: 1 })).value).toMatchObject({ lang: 'en', name: 'Kyiv' });
  });

  it('loads a part of the page path only into the asking tab, and only a known part', async () => {
    expect(await ask({ type: 'load-part', part: 'anything' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/"part"/u) } });
    // From an extension page (no tab), there is nothing to load it into.
    expect(await ask({ type: 'load-part', part: 'extract' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/in a tab/u) } });
    const injected: unknown[] = [];
    const scripting = fakeBrowser.scripting as unknown as { executeScript: (details: unknown) => Promise<unknown[]> };
    const original = scripting.executeScript;
    scripting.executeScript = async (details) => {
      injected.push(details);
      return [];
    };
    try {
      const sender = { ...ownSender(), tab: { id: 7 }, frameId: 0 };
      expect(await ask({ type: 'load-part', part: 'card' }, sender)).toEqual({ ok: true, value: { loaded: true } });
      expect(await ask({ type: 'load-part', part: 'extract' }, sender)).toEqual({ ok: true, value: { loaded: true } });
      expect(injected).toEqual([
        { target: { tabId: 7, frameIds: [0] }, files: ['/page-card.js'] },
        { target: { tabId: 7, frameIds: [0] }, files: ['/page-extract.js'] },
      ]);
      scripting.executeScript = async () => {
        throw new Error('Cannot access contents of the page');
      };
      expect(await ask({ type: 'load-part', part: 'card' }, sender)).toMatchObject({ ok: false, error: { code: 'unreachable', message: expect.stringMatching(/Reload the page/u) } });
    } finally {
      scripting.executeScript = original;
    }
  });

  it('turns a refused page into a typed error the UI can act on', async () => {
    const page = { url: 'https://news.example/', title: 'Front', blocks: [{ kind: 'paragraph', text: 'Short.' }], article: { isArticle: false, reason: 'A front page.', textLength: 6 } };
    expect(await ask({ type: 'add-page', page })).toMatchObject({ ok: false, error: { code: 'not-article', message: 'A front page. You can add it anyway.' } });
    expect(await ask({ type: 'add-page', page, force: true })).toMatchObject({ ok: false, error: { code: 'no-content' } });
  });

  it('remembers a page read in a tab only when the reader opted in, and never in a private window', async () => {
    const paragraphs = [
      'Russian troops left Kherson in November after months of occupation, and Volodymyr Zelensky visited the city days later to thank the soldiers who had pushed them back across the river.',
      'Officials in Kyiv said that rebuilding Kherson would take years, as the retreating forces had mined roads and destroyed the water works, bridges and power lines on their way out.',
    ];
    const page = {
      url: 'https://news.example/2022/11/14/kherson-visit', title: 'Zelensky in Kherson', lang: 'en',
      blocks: paragraphs.map((text) => ({ kind: 'paragraph', text })), article: { isArticle: true, textLength: 400 },
    };
    const tab = { id: 7, url: page.url, incognito: false };
    expect(await ask({ type: 'remember-page', page }, { ...ownSender(), tab } as never)).toMatchObject({ ok: true, value: { kept: false, reason: 'remembering is off' } });
    await fakeBrowser.storage.local.set({ settings: { remember: true } });
    expect(await ask({ type: 'remember-page', page })).toMatchObject({ ok: true, value: { kept: false } }); // not from a tab
    expect(await ask({ type: 'remember-page', page }, { ...ownSender(), tab: { ...tab, incognito: true } } as never))
      .toMatchObject({ ok: true, value: { kept: false, reason: 'a private window' } });
    const kept = await ask({ type: 'remember-page', page }, { ...ownSender(), tab } as never);
    expect(kept).toMatchObject({ ok: true, value: { kept: true, source: { remembered: true } } });
    const forgotten = await ask({ type: 'forget-remembered', site: 'news.example' });
    expect(forgotten.value.forgotten).toHaveLength(1);
  });

  it('asks before adding a page that names nothing Backstory follows, and adds it when told to', async () => {
    const page = {
      url: 'https://garden.example/tomatoes', title: 'Growing tomatoes', lang: 'en', article: { isArticle: true, textLength: 360 },
      blocks: [
        'Tomatoes want six hours of sun, deep watering twice a week and a stake or a cage before the first trusses set, or the stems snap under the weight of the fruit.',
        'Pinch out the side shoots of cordon varieties every few days, feed with a high-potash fertiliser once the first fruits swell, and keep the soil evenly moist to avoid split skins.',
      ].map((text) => ({ kind: 'paragraph', text })),
    };
    expect(await ask({ type: 'add-page', page })).toMatchObject({
      ok: false, error: { code: 'no-entities', message: expect.stringMatching(/names none of the people, places and organisations Backstory follows.*Add it anyway\?$/u) },
    });
    expect(await ask({ type: 'add-page', page, force: true })).toMatchObject({ ok: true, value: { excerptCount: 2, source: { title: 'Growing tomatoes' } } });
  });

  it('corrects a reader page: checked shape, checked values, and the bundled corpus stays read-only', async () => {
    const sources = (await ask({ type: 'list-sources' })).value as { id: string; origin: string; title: string }[];
    const mine = sources.find((source) => source.title === 'Growing tomatoes');
    const bundled = sources.find((source) => source.origin === 'bundled');
    expect(mine && bundled).toBeTruthy();
    expect(await ask({ type: 'edit-source', sourceId: mine!.id, edit: { date: 20221109 } })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/"edit"/u) } });
    expect(await ask({ type: 'edit-source', sourceId: mine!.id, edit: { title: 'x', url: 'https://evil.example' } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await ask({ type: 'edit-source', sourceId: mine!.id, edit: { date: '3000-01-01' } })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/later than today/u) } });
    expect(await ask({ type: 'edit-source', sourceId: bundled!.id, edit: { title: 'Mine' } })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const edited = await ask({ type: 'edit-source', sourceId: mine!.id, edit: { date: '2022-11-09', title: 'Tomatoes, again', site: 'Garden Weekly' } });
    expect(edited).toMatchObject({ ok: true, value: { changed: true, source: { date: '2022-11-09', dateSource: 'reader', title: 'Tomatoes, again', site: 'Garden Weekly' } } });
    expect(edited.value.before.excerpts).toHaveLength(2);
  });
});
