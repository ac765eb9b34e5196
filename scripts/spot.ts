/**
 * `npm run --silent spot`: the spotter as a command-line filter, for other tools.
 *
 * Reads JSON Lines on stdin, one object per line: {"id": "...", "text": "...", "lang": "en"|"uk"|"ru"|"de"|null}
 * (`lang` optional, any language tag accepted as a hint). Writes one JSON line per input line to
 * stdout, in input order:
 *   {"id": "...", "mentions": [{"start": S, "end": E, "text": "...",
 *     "entity": {"id": "...", "name": "...", "kind": "..."}, "confidence": 0.0-1.0}]}
 * Offsets are UTF-16 code units into `text`, end exclusive; `text` is `input.text.slice(start, end)`.
 * Each line is spotted as a page of its own (its words decide ambiguous mentions); mentions below
 * the spotter's confidence threshold are not printed.
 *
 * Blank lines (empty or white space only) are skipped silently and produce no output line.
 * A bad line (not JSON, not an object, no string `text`, `lang` neither a string nor null) gets a
 * message on stderr naming its line number and produces no output line; the other lines are still
 * processed and the exit status is 1. `id` is echoed as given (null when absent).
 *
 * The spotter is the one everything else uses: compileSpotter over data/entities.json.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { validateGazetteer } from '../core/gazetteer';
import { type Mention, type Spotter, compileSpotter } from '../core/spotter';

const here = dirname(fileURLToPath(import.meta.url));
export const GAZETTEER_PATH = join(here, '..', 'data', 'entities.json');

/** The spotter over data/entities.json, fully built so that bad data fails here. */
export function loadSpotter(path = GAZETTEER_PATH): Spotter {
  return compileSpotter(validateGazetteer(JSON.parse(readFileSync(path, 'utf8')))).compileAll();
}

export interface SpotRequest {
  id: unknown;
  text: string;
  lang: string | null;
}

/** Parse one input line: a request, or a message saying what is wrong with it. */
export function parseRequest(line: string): SpotRequest | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'expected a JSON object like {"id": "...", "text": "..."}' };
  }
  const object = value as Record<string, unknown>;
  if (!('text' in object)) return { error: 'no "text" field' };
  if (typeof object.text !== 'string') return { error: `"text" must be a string, not ${describe(object.text)}` };
  const lang = object.lang ?? null;
  if (lang !== null && typeof lang !== 'string') return { error: `"lang" must be a string or null, not ${describe(lang)}` };
  return { id: object.id ?? null, text: object.text, lang };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function spotRequest(spotter: Spotter, request: SpotRequest): { id: unknown; mentions: Mention[] } {
  const mentions = spotter.spot(request.text, { lang: request.lang });
  return {
    id: request.id,
    mentions: mentions.map((mention) => ({
      start: mention.start,
      end: mention.end,
      text: mention.text,
      entity: { id: mention.entity.id, name: mention.entity.name, kind: mention.entity.kind },
      confidence: mention.confidence,
    })),
  };
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write('Usage: npm run --silent spot < input.jsonl > output.jsonl\n' +
      'Each input line: {"id": "...", "text": "...", "lang": "en"|"uk"|"ru"|"de"|null}\n');
    return;
  }
  let spotter: Spotter;
  try {
    spotter = loadSpotter();
  } catch (error) {
    process.stderr.write(`spot: cannot load ${GAZETTEER_PATH}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
    return;
  }
  const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  let bad = 0;
  let buffer = '';
  const flush = async (): Promise<void> => {
    if (!buffer) return;
    const chunk = buffer;
    buffer = '';
    if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  };
  for await (const line of input) {
    lineNumber++;
    if (!line.trim()) continue;
    const request = parseRequest(line);
    if ('error' in request) {
      bad++;
      process.stderr.write(`spot: line ${lineNumber}: ${request.error}; line skipped\n`);
      continue;
    }
    buffer += `${JSON.stringify(spotRequest(spotter, request))}\n`;
    if (buffer.length > 1 << 16) await flush();
  }
  await flush();
  if (bad > 0) {
    process.stderr.write(`spot: ${bad} bad line(s) of ${lineNumber}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
