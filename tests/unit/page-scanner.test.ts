import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Gazetteer } from '../../core/gazetteer';
import { compileSpotter } from '../../core/spotter';
import { LIGHT_ATTRIBUTE, MARK_ATTRIBUTE, createMarker } from '../../entrypoints/content/marker';
import { PageMentions } from '../../entrypoints/content/page-mentions';
import { PageScanner } from '../../entrypoints/content/page-scanner';

const gazetteer: Gazetteer = {
  version: 1,
  paradigms: { 'ru-m': ['', 'а', 'у', 'ом', 'е'] },
  entities: [
    { id: 'kherson', name: 'Kherson', kind: 'place', description: 'City.', aliases: ['Kherson', 'Херсон{ru-m}'] },
    { id: 'surovikin', name: 'Sergei Surovikin', kind: 'person', description: 'General.', aliases: ['Sergei Surovikin', 'Surovikin'] },
    { id: 'nato', name: 'NATO', kind: 'organisation', description: 'Alliance.', aliases: [{ form: 'NATO', case: 'acronym' }] },
  ],
};
const spotter = compileSpotter(gazetteer);
const immediately = () => Promise.resolve();

function setUp(html: string) {
  document.body.innerHTML = html;
  const marker = createMarker(document);
  const mentions = new PageMentions(document, marker);
  let changes = 0;
  const scanner = new PageScanner(document, spotter, mentions, () => changes++, immediately);
  return { marker, mentions, scanner, changes: () => changes };
}

describe('scanning a page (wrap fallback, as in browsers without the Highlight API)', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('uses the <mark> fallback where CSS.highlights is missing', () => {
    expect(createMarker(document).mode).toBe('wrap');
  });

  it('marks mentions, including one across elements, and tallies entities', async () => {
    const { mentions, scanner } = setUp('<p>Russia left Kherson.</p><p>General <b>Sergei</b> Surovikin said NATO and Херсона.</p>');
    const stats = await scanner.scanAll();
    expect(stats.mentions).toBe(4);
    expect(stats.marks).toBe(4);
    expect(mentions.entities().map((entity) => [entity.id, entity.count, entity.seen])).toEqual([
      ['kherson', 2, ['Kherson', 'Херсона']],
      ['nato', 1, ['NATO']],
      ['surovikin', 1, ['Sergei Surovikin']],
    ]);
    const marks = [...document.querySelectorAll(`mark[${MARK_ATTRIBUTE}]`)].map((mark) => mark.textContent);
    expect(marks).toEqual(['Kherson', 'Sergei', ' Surovikin', 'NATO', 'Херсона']);
  });

  it('removes every mark cleanly on stop, leaving the original DOM', async () => {
    const html = '<p>Russia left Kherson.</p><p>General <b>Sergei</b> Surovikin said NATO, NATO and Kherson.</p>';
    const { scanner } = setUp(html);
    await scanner.scanAll();
    expect(document.body.innerHTML).not.toBe(html);
    scanner.stop();
    expect(document.body.innerHTML).toBe(html);
  });

  it('marks content added after the scan, and forgets removed content', async () => {
    const { mentions, scanner, changes } = setUp('<main><p>Kherson</p></main>');
    await scanner.scanAll();
    scanner.observe();
    const paragraph = document.createElement('p');
    paragraph.textContent = 'Later: Surovikin spoke.';
    document.querySelector('main')!.append(paragraph);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await scanner.settled();
    expect(mentions.entities().map((entity) => entity.id).sort()).toEqual(['kherson', 'surovikin']);
    expect(changes()).toBeGreaterThan(1);
    paragraph.remove();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await scanner.settled();
    expect(mentions.entities().map((entity) => entity.id)).toEqual(['kherson']);
    expect(mentions.total).toBe(1);
    // An observer left running would read the next test's page (and this file's teardown).
    scanner.stop();
  });

  it('re-reads a paragraph whose text changed', async () => {
    const { mentions, scanner } = setUp('<p id="p">Nothing here</p>');
    await scanner.scanAll();
    scanner.observe();
    expect(mentions.total).toBe(0);
    document.getElementById('p')!.firstChild!.textContent = 'NATO met in Kherson';
    await new Promise((resolve) => setTimeout(resolve, 0));
    await scanner.settled();
    expect(mentions.total).toBe(2);
    scanner.stop();
  });

  it('caps the number of marks but still counts every mention', async () => {
    document.body.innerHTML = `<p>${'Kherson '.repeat(50)}</p>`;
    const marker = createMarker(document);
    const mentions = new PageMentions(document, marker, 10);
    const scanner = new PageScanner(document, spotter, mentions, () => {}, immediately);
    const stats = await scanner.scanAll();
    expect(stats.mentions).toBe(50);
    expect(stats.marks).toBe(10);
    expect(mentions.entities()[0]?.count).toBe(50);
  });

  it('yields between slices on a large page', async () => {
    document.body.innerHTML = Array.from({ length: 400 }, (_, index) => `<p>Item ${index}: Kherson and NATO</p>`).join('');
    const marker = createMarker(document);
    const mentions = new PageMentions(document, marker, 100_000);
    let yields = 0;
    let clock = 0;
    // A fake clock that advances 1 ms per reading: slices end after SLICE_MS readings.
    const scanner = new PageScanner(document, spotter, mentions, () => {}, async () => { yields++; }, () => clock++);
    const stats = await scanner.scanAll();
    expect(stats.mentions).toBe(800);
    expect(yields).toBeGreaterThan(10);
    expect(stats.slices).toBeGreaterThan(10);
  });

  it('drops work when stopped mid-scan', async () => {
    document.body.innerHTML = Array.from({ length: 2000 }, () => '<p>Kherson</p>').join('');
    const marker = createMarker(document);
    const mentions = new PageMentions(document, marker, 100_000);
    let clock = 0;
    let yields = 0;
    const scanner: PageScanner = new PageScanner(document, spotter, mentions, () => {}, async () => {
      if (++yields === 2) scanner.stop();
    }, () => clock++);
    await scanner.scanAll();
    expect(mentions.total).toBe(0);
    expect(document.querySelectorAll(`mark[${MARK_ATTRIBUTE}]`)).toHaveLength(0);
  });
});

describe('the page-level step: general names only on pages about the war', () => {
  const withGeneral: Gazetteer = {
    version: 1,
    paradigms: {},
    entities: [
      { id: 'kherson', name: 'Kherson', kind: 'place', description: 'City.', aliases: ['Kherson'] },
      { id: 'bakhmut', name: 'Bakhmut', kind: 'place', description: 'Town.', aliases: ['Bakhmut'] },
      { id: 'united-nations', name: 'United Nations', kind: 'organisation', description: 'Body.', scope: 'general', aliases: ['United Nations'] },
      { id: 'macron', name: 'Emmanuel Macron', kind: 'person', description: 'President.', scope: 'general', aliases: ['Emmanuel Macron', 'Macron'] },
    ],
  };
  const generalSpotter = compileSpotter(withGeneral);

  async function marked(html: string): Promise<string[]> {
    document.body.innerHTML = html;
    const mentions = new PageMentions(document, createMarker(document));
    await new PageScanner(document, generalSpotter, mentions, () => undefined, immediately).scanAll();
    return mentions.entityIds().sort();
  }

  it('leaves general names unmarked on a page about something else, however often they appear', async () => {
    expect(await marked('<p>Macron opened the wine fair. The United Nations praised Macron and the growers.</p>')).toEqual([]);
  });

  it('does not let general names make a page about the war', async () => {
    expect(await marked('<p>Macron met the United Nations chief about Kherson tomatoes.</p>')).toEqual(['kherson']);
  });

  it('marks them on a page about the war, as the page-level war score decides', async () => {
    expect(await marked('<p>Macron spoke at the United Nations.</p><p>Shelling of Kherson and Bakhmut went on as the war entered its fourth year.</p>'))
      .toEqual(['bakhmut', 'kherson', 'macron', 'united-nations']);
  });

  it('needs the war\'s own names: war words alone (front, strikes, wars) do not make a war page', async () => {
    expect(await marked('<p>Macron said the invasion and the war had cost thousands of troops.</p>')).toEqual([]);
    expect(await marked('<p>Macron spoke as the war, the shelling and the invasion reached Kherson.</p>')).toEqual(['kherson', 'macron']);
  });
});

describe('the page step over the pieces of a page (core/page-sense.ts)', () => {
  const senses: Gazetteer = {
    version: 1,
    paradigms: {},
    entities: [
      { id: 'kyiv', name: 'Kyiv', kind: 'place', description: 'Capital.', aliases: ['Kyiv'] },
      { id: 'donetsk', name: 'Donetsk', kind: 'place', description: 'City.', aliases: ['Donetsk'] },
      { id: 'istanbul', name: 'Istanbul', kind: 'place', description: 'City.', scope: 'general', aliases: ['Istanbul'] },
      { id: 'dmitry-medvedev', name: 'Dmitry Medvedev', kind: 'person', description: 'Former president.',
        aliases: ['Dmitry Medvedev', { form: 'Medvedev', confidence: 0.7 }], cues: { against: ['Daniil', '#sport'] } },
    ],
  };
  const sensesSpotter = compileSpotter(senses);

  async function marked(html: string): Promise<string[]> {
    document.body.innerHTML = html;
    const mentions = new PageMentions(document, createMarker(document));
    await new PageScanner(document, sensesSpotter, mentions, () => undefined, immediately).scanAll();
    return [...document.querySelectorAll(`mark[${MARK_ATTRIBUTE}]`)].map((mark) => mark.textContent ?? '');
  }

  it('decides a bare name in one paragraph by the full name in another', async () => {
    expect(await marked('<p>Dmitry Medvedev posted on Telegram.</p><p>Later Medvedev posted again.</p>')).toEqual(['Dmitry Medvedev', 'Medvedev']);
    expect(await marked('<p>Daniil Medvedev won in Rome.</p><p>Medvedev thanked his team.</p>')).toEqual([]);
  });

  it('reads the page topic from paragraphs without any name', async () => {
    expect(await marked('<p>Medvedev played well.</p><p>The tournament ended in straight sets at Wimbledon.</p>')).toEqual([]);
  });

  it('does not mark the city in a club\'s or stadium\'s name, nor general names on such a page', async () => {
    expect(await marked('<p>Shakhtar Donetsk beat Dynamo Kyiv in Istanbul.</p><p>The return leg is in Kyiv.</p>')).toEqual(['Kyiv']);
  });

  describe('as the page changes (a live blog)', () => {
    // Scanners left observing would read the next test's page: each is stopped after its test.
    const running: PageScanner[] = [];
    afterEach(() => {
      for (const scanner of running.splice(0)) scanner.stop();
    });

    async function live(html: string) {
      document.body.innerHTML = html;
      const mentions = new PageMentions(document, createMarker(document));
      const scanner = new PageScanner(document, sensesSpotter, mentions, () => undefined, immediately);
      running.push(scanner);
      await scanner.scanAll();
      scanner.observe();
      const settle = async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        await scanner.settled();
      };
      const marks = () => [...document.querySelectorAll(`mark[${MARK_ATTRIBUTE}]`)].map((mark) => mark.textContent ?? '');
      return { scanner, mentions, settle, marks };
    }

    it('decides the earlier marks again when new text decides them otherwise, in document order', async () => {
      const { settle, marks, scanner } = await live('<main><p>Medvedev posted again about the war in Kyiv.</p></main>');
      expect(marks()).toEqual(['Medvedev', 'Kyiv']);
      // The newest entry comes first on the page: the full name before the bare one decides it.
      const update = document.createElement('p');
      update.textContent = 'Daniil Medvedev, the tennis player, answered him.';
      document.querySelector('main')!.prepend(update);
      await settle();
      expect(marks()).toEqual(['Kyiv']);
      // The entry is taken down: the bare name is judged on its own again.
      update.remove();
      await settle();
      expect(marks()).toEqual(['Medvedev', 'Kyiv']);
      scanner.stop();
    });

    it('leaves the marks of unchanged runs alone when the decisions stay the same', async () => {
      const { settle, marks, mentions, scanner } = await live('<main><p>Dmitry Medvedev posted about Kyiv.</p><p>Medvedev wrote again.</p></main>');
      const before = [...mentions.paintedMentions()];
      const update = document.createElement('p');
      update.textContent = 'Later in Donetsk, shelling went on.';
      document.querySelector('main')!.append(update);
      await settle();
      expect(marks()).toEqual(['Dmitry Medvedev', 'Kyiv', 'Medvedev', 'Donetsk']);
      // The three earlier marks are the same objects: nothing was read again but the new paragraph.
      expect(before.every((mention) => mentions.isCurrent(mention))).toBe(true);
      scanner.stop();
    });
  });
});

describe('light marks: names with nothing behind them but a description and key dates', () => {
  function lightTexts(): string[] {
    return [...document.querySelectorAll(`mark[${LIGHT_ATTRIBUTE}]`)].map((mark) => mark.textContent ?? '');
  }

  it('draws every mark in full until the list of names with excerpts is known, then lightens the others', async () => {
    const { mentions, scanner } = setUp('<p>Russia left Kherson.</p><p>Surovikin said NATO and Kherson.</p>');
    await scanner.scanAll();
    expect(lightTexts()).toEqual([]);
    mentions.setCoverage(new Set(['kherson']));
    expect(lightTexts()).toEqual(['Surovikin', 'NATO']);
    expect(mentions.isLight('kherson')).toBe(false);
    // A page added about Surovikin: his marks are drawn in full at once.
    mentions.setCoverage(new Set(['kherson', 'surovikin']));
    expect(lightTexts()).toEqual(['NATO']);
    mentions.setCoverage(undefined);
    expect(lightTexts()).toEqual([]);
  });

  it('paints marks found later in the style their entity has', async () => {
    const { mentions, scanner } = setUp('<main><p>Kherson</p></main>');
    mentions.setCoverage(new Set(['kherson']));
    await scanner.scanAll();
    scanner.observe();
    const paragraph = document.createElement('p');
    paragraph.textContent = 'Later: Surovikin spoke.';
    document.querySelector('main')!.append(paragraph);
    await new Promise((resolve) => setTimeout(resolve, 0));
    await scanner.settled();
    expect(lightTexts()).toEqual(['Surovikin']);
    scanner.stop();
  });
});
