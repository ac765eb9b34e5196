// Errors the reader reads come as sentences of the catalogs: made in the corpus and the background,
// carried through a reply, and said in the reader's language by the UI.
import { describe, expect, it } from 'vitest';
import { BackstoryError, type ExtractedPage, toErrorReply } from '../../core/protocol';
import { translatorFor } from '../../lib/i18n/catalogs';
import { errorMessage } from '../../lib/i18n/error-text';
import { readerError, say } from '../../lib/i18n/reader-error';
import { openCorpus, rejection } from './corpus-fixtures';

const uk = translatorFor('uk').t;
const de = translatorFor('de').t;

function throughReply(error: BackstoryError): unknown {
  const reply = JSON.parse(JSON.stringify(toErrorReply(error))) as { ok: false; error: unknown };
  return reply.error;
}

describe('reader errors', () => {
  it('keep English in `message` and say their sentences in the reader’s language, also after a reply', () => {
    const error = readerError('not-found', say('errors.pageNotInCorpus'));
    expect(error.message).toBe('That page is not in the corpus (it may have been deleted already).');
    expect(errorMessage(error, uk)).toBe('Цієї сторінки немає в корпусі (можливо, її вже видалено).');
    expect(errorMessage(throughReply(error), de)).toBe('Diese Seite ist nicht im Korpus (vielleicht wurde sie schon gelöscht).');
  });

  it('say a full disk and an unreachable page by their code, and anything else as “something went wrong”', () => {
    expect(errorMessage(new BackstoryError({ code: 'quota', message: 'x' }), uk)).toMatch(/^У браузері не залишилося місця/u);
    expect(errorMessage(new BackstoryError({ code: 'unreachable', message: 'x' }), de)).toMatch(/^Backstory kann diese Seite nicht lesen/u);
    expect(errorMessage(new TypeError('boom'), uk)).toBe('Щось пішло не так: boom');
  });
});

describe('the corpus’s refusals', () => {
  const page = (override: Partial<ExtractedPage>): ExtractedPage => ({
    url: 'https://shop.example/p/1', title: 'A kettle', article: { isArticle: true, textLength: 300 },
    blocks: [{ kind: 'paragraph', text: 'A stainless steel kettle that boils a litre of water in under three minutes, with a filter against limescale and an automatic switch.' }],
    ...override,
  });

  it('ask about a page that is not an article, with the reason and its number, in Ukrainian', async () => {
    const { service } = await openCorpus();
    const error = await rejection(service.addPage(page({
      article: { isArticle: false, textLength: 140, reasonCode: 'front-page', reasonCount: 23, reason: 'This looks like a front page with many headlines rather than one article (23 headlines link to other stories).' },
    })));
    expect(error.code).toBe('not-article');
    expect(errorMessage(error, uk)).toBe(
      'Це схоже на головну сторінку з багатьма заголовками, а не на одну статтю (23 заголовки ведуть на інші матеріали). ' +
      'До того ж у ній не названо жодної людини, місця чи організації, за якими стежить Backstory. Її все одно можна додати.',
    );
    expect(error.message).toMatch(/^This looks like a front page .* You can add it anyway\.$/u);
  });

  it('ask about a page that names nothing, and refuse an import file that is not an export, in German', async () => {
    const { service } = await openCorpus();
    const nothing = await rejection(service.addPage(page({})));
    expect(errorMessage(nothing, de)).toMatch(/^Diese Seite nennt keine der Personen, Orte und Organisationen/u);
    const file = await rejection(service.importJsonl('{"hello": "world"}\n'));
    expect(file.code).toBe('invalid-file');
    expect(errorMessage(file, de)).toBe('Das ist kein Backstory-Export: Seine erste Zeile (Zeile 1) muss die Kopfzeile sein.');
    const record = await rejection(service.importJsonl('{"format":"backstory-corpus","version":1,"sources":1,"excerpts":0}\n{"source": 5}\n'));
    // A damaged record is said with its line; the detail names the JSON field, in English.
    expect(errorMessage(record, uk)).toMatch(/^Рядок 1 файлу недійсний: the header: .+\.$/u);
  });
});
