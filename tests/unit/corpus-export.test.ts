import { describe, expect, test } from 'vitest';
import {
  EXPORT_VERSION,
  LIMITS,
  type ExportedSource,
  exportFileName,
  exportLines,
  parseCorpusJsonl,
  validateExcerpt,
  validateSource,
} from '../../core/corpus-export';
import { bundledCorpus } from './corpus-fixtures';

const AT = new Date('2024-06-01T12:00:00Z');

function sample(): ExportedSource[] {
  const corpus = bundledCorpus();
  return corpus.sources.map((source) => ({
    source: { ...source, origin: 'reader' as const, addedAt: '2024-05-01T10:00:00.000Z' },
    excerpts: corpus.excerpts.filter((excerpt) => excerpt.sourceId === source.id),
  }));
}

function fileOf(entries: ExportedSource[]): string {
  return `${[...exportLines('reader', entries, AT)].join('\n')}\n`;
}

/** The file with line `index` (0-based) replaced. */
function withLine(text: string, index: number, line: string): string {
  const lines = text.split('\n');
  lines[index] = line;
  return lines.join('\n');
}

function failure(text: string): { line: number; message: string } {
  const outcome = parseCorpusJsonl(text);
  if (outcome.ok) throw new Error('expected the file to be refused');
  return { line: outcome.line, message: outcome.message };
}

describe('export', () => {
  test('a header with the version and counts, then each source and its excerpts', () => {
    const entries = sample();
    const lines = [...exportLines('reader', entries, AT)];
    const header = JSON.parse(lines[0] as string);
    expect(header).toEqual({ format: 'backstory-corpus', version: EXPORT_VERSION, exportedAt: AT.toISOString(), scope: 'reader', sources: 2, excerpts: 5 });
    expect(Object.keys(JSON.parse(lines[1] as string))).toEqual(['source']);
    expect(Object.keys(JSON.parse(lines[2] as string))).toEqual(['excerpt']);
    expect(lines).toHaveLength(1 + 2 + 5);
    expect(exportFileName('reader', AT)).toBe('backstory-my-pages-2024-06-01.jsonl');
  });

  test('parse(export(x)) gives x back', () => {
    const entries = sample();
    const outcome = parseCorpusJsonl(fileOf(entries));
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.corpus.sources).toEqual(entries);
      expect(outcome.corpus.excerptCount).toBe(5);
    }
  });

  test('CRLF line ends, a byte-order mark and blank lines are fine', () => {
    const text = `\ufeff${fileOf(sample()).split('\n').join('\r\n')}\r\n\r\n`;
    expect(parseCorpusJsonl(text).ok).toBe(true);
  });

  test('HTML in text is kept as text', () => {
    const entries = sample();
    const first = entries[0] as ExportedSource;
    first.excerpts[0] = { ...(first.excerpts[0] as ExportedSource['excerpts'][number]), text: '<img src=x onerror=alert(1)> <script>alert(1)</script>', mentions: [], entityIds: [] };
    const outcome = parseCorpusJsonl(fileOf(entries));
    expect(outcome.ok && outcome.corpus.sources[0]?.excerpts[0]?.text).toBe('<img src=x onerror=alert(1)> <script>alert(1)</script>');
  });
});

describe('import validation names the line', () => {
  const good = fileOf(sample());
  const sourceLine = good.split('\n')[1] as string;
  const excerptLine = good.split('\n')[2] as string;
  const source = JSON.parse(sourceLine).source;
  const excerpt = JSON.parse(excerptLine).excerpt;

  const cases: [string, string, number, RegExp][] = [
    ['not JSON', withLine(good, 2, '{"excerpt": {'), 3, /not valid JSON/u],
    ['no header', good.split('\n').slice(1).join('\n'), 1, /not a Backstory export/u],
    ['a newer version', withLine(good, 0, good.split('\n')[0]?.replace(`"version":${EXPORT_VERSION}`, '"version":99') as string), 1, /newer Backstory/u],
    ['a wrong type', withLine(good, 1, JSON.stringify({ source: { ...source, title: 42 } })), 2, /"title" must be a string/u],
    ['a huge string', withLine(good, 2, JSON.stringify({ excerpt: { ...excerpt, text: 'x'.repeat(LIMITS.text + 1) } })), 3, /too long/u],
    ['__proto__', withLine(good, 2, excerptLine.replace('{"id"', '{"__proto__":{"polluted":true},"id"')), 3, /"__proto__" is not allowed/u],
    ['constructor deep inside', withLine(good, 1, JSON.stringify({ source: { ...source, site: { constructor: { prototype: {} } } } })), 2, /"constructor" is not allowed/u],
    ['an unknown field', withLine(good, 1, JSON.stringify({ source: { ...source, extra: 1 } })), 2, /unknown field "extra"/u],
    ['a javascript: URL', withLine(good, 1, JSON.stringify({ source: { ...source, url: 'javascript:alert(1)' } })), 2, /http\(s\) address/u],
    ['an unknown enum', withLine(good, 1, JSON.stringify({ source: { ...source, origin: 'server' } })), 2, /"origin" must be one of/u],
    ['a bad date', withLine(good, 1, JSON.stringify({ source: { ...source, date: 'yesterday' } })), 2, /not an ISO date/u],
    ['offsets outside the text', withLine(good, 2, JSON.stringify({ excerpt: { ...excerpt, mentions: [[0, 99_999, 'kherson']] } })), 3, /outside the text/u],
    ['a mention of an untagged entity', withLine(good, 2, JSON.stringify({ excerpt: { ...excerpt, mentions: [[0, 3, 'nowhere']] } })), 3, /not in entityIds/u],
    ['an excerpt of a missing source', withLine(good, 2, JSON.stringify({ excerpt: { ...excerpt, sourceId: 'ghost' } })), 3, /not in the file/u],
    ['a duplicate excerpt', withLine(good, 3, excerptLine), 4, /appears twice/u],
    ['an array line', withLine(good, 2, '[1,2,3]'), 3, /must be an object/u],
    ['two records in a line', withLine(good, 2, JSON.stringify({ excerpt, source })), 3, /must be \{"source"/u],
    ['a negative position', withLine(good, 2, JSON.stringify({ excerpt: { ...excerpt, position: -1 } })), 3, /"position" must be a whole number/u],
    ['control characters in a title', withLine(good, 1, JSON.stringify({ source: { ...source, title: 'a\u0000b' } })), 2, /control characters/u],
  ];

  for (const [what, text, line, message] of cases) {
    test(`${what} → line ${line}`, () => {
      const found = failure(text);
      expect(found.line).toBe(line);
      expect(found.message).toMatch(message);
      expect(found.message).toMatch(new RegExp(`^Line ${line}: `, 'u'));
    });
  }

  test('a truncated file is caught by the header counts', () => {
    const lines = good.trimEnd().split('\n');
    const found = failure(lines.slice(0, -1).join('\n'));
    expect(found.message).toMatch(/truncated/u);
  });

  test('an empty file', () => {
    expect(failure('').message).toMatch(/empty/u);
  });

  test('a polluted prototype stays clean', () => {
    failure(withLine(good, 2, excerptLine.replace('{"id"', '{"__proto__":{"polluted":true},"id"')));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('record validators', () => {
  test('return fresh objects with only the known fields, entity ids sorted and unique', () => {
    const excerpt = validateExcerpt({ id: 'x#0', sourceId: 'x', position: 0, text: 'Kherson and Putin', date: '2022-11-09', entityIds: ['putin', 'kherson', 'putin'], mentions: [[0, 7, 'kherson']] });
    expect(excerpt).toEqual({ id: 'x#0', sourceId: 'x', position: 0, text: 'Kherson and Putin', date: '2022-11-09', entityIds: ['kherson', 'putin'], mentions: [[0, 7, 'kherson']] });
    expect(typeof validateSource({ id: 'x' })).toBe('string');
  });
});
