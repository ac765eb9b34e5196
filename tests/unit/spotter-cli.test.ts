// The spot CLI as other tools run it: `npm run --silent spot`, JSON Lines in and out.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function runSpot(input: string) {
  const result = spawnSync('npm', ['run', '--silent', 'spot'], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });
  return {
    status: result.status,
    lines: result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as {
      id: unknown;
      mentions: { start: number; end: number; text: string; entity: { id: string; name: string; kind: string }; confidence: number }[];
    }),
    stderr: result.stderr,
  };
}

describe('npm run spot', () => {
  it('answers one line per good input line, skips blank lines and reports bad ones by number', () => {
    const text = 'Russian President Vladi\u00admir Putin met NATO envoys; Rasputin stayed home.';
    const input = [
      JSON.stringify({ id: 'a', text, lang: 'en' }),
      '',
      'this is not json',
      JSON.stringify({ id: 'no-text' }),
      JSON.stringify({ id: 'c', text: 'Бої за Херсон і Херсонес', lang: null }),
      JSON.stringify({ id: 'd', text: 'Nothing here.' }),
      JSON.stringify({ id: 'e', text: 'Kyiv', lang: 3 }),
      '   ',
      JSON.stringify(['not', 'an', 'object']),
    ].join('\n');
    const { status, lines, stderr } = runSpot(`${input}\n`);
    expect(status).toBe(1);
    expect(lines.map((line) => line.id)).toEqual(['a', 'c', 'd']);
    expect(stderr).toMatch(/line 3: not valid JSON/u);
    expect(stderr).toMatch(/line 4: no "text" field/u);
    expect(stderr).toMatch(/line 7: "lang" must be a string or null/u);
    expect(stderr).toMatch(/line 9: expected a JSON object/u);
    expect(stderr).not.toMatch(/line (2|8)\b/u);

    const [first, second, third] = lines;
    const putin = first?.mentions.find((mention) => mention.entity.id === 'putin');
    expect(putin).toBeDefined();
    expect(text.slice(putin!.start, putin!.end)).toBe(putin!.text);
    expect(putin!.text).toBe('Vladi\u00admir Putin');
    expect(putin!.entity).toEqual({ id: 'putin', name: 'Vladimir Putin', kind: 'person' });
    expect(putin!.confidence).toBeGreaterThan(0.5);
    expect(putin!.confidence).toBeLessThanOrEqual(1);
    expect(first?.mentions.some((mention) => mention.text === 'Rasputin')).toBe(false);
    expect(second?.mentions.map((mention) => [mention.text, mention.entity.id])).toEqual([['Херсон', 'kherson']]);
    expect(third?.mentions).toEqual([]);
  });

  it('exits 0 when every line is good, and echoes ids as given', () => {
    const { status, lines, stderr } = runSpot(`${JSON.stringify({ id: 7, text: 'NATO' })}\r\n${JSON.stringify({ text: 'x' })}`);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(lines.map((line) => line.id)).toEqual([7, null]);
    expect(lines[0]?.mentions.map((mention) => mention.entity.id)).toEqual(['nato']);
  });
});
