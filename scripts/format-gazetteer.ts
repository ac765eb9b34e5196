/**
 * Writes data/entities.json in its reviewed layout: one alias per line, small objects and word
 * lists inline, so that a change to the gazetteer is a small, readable diff. `npx tsx
 * scripts/format-gazetteer.ts` after editing it by script.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const path = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'entities.json');

const inline = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${inline(item)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
};

export function formatGazetteer(data: { version: number; paradigms: Record<string, string[]>; entities: Record<string, unknown>[] }): string {
  const lines = ['{', `  "version": ${data.version},`, '  "paradigms": {'];
  const paradigms = Object.entries(data.paradigms);
  paradigms.forEach(([name, endings], index) => lines.push(`    ${JSON.stringify(name)}: ${inline(endings)}${index < paradigms.length - 1 ? ',' : ''}`));
  lines.push('  },', '  "entities": [');
  data.entities.forEach((entity, entityIndex) => {
    lines.push('    {');
    const entries = Object.entries(entity);
    entries.forEach(([key, value], index) => {
      const comma = index < entries.length - 1 ? ',' : '';
      if (key === 'aliases' && Array.isArray(value)) {
        lines.push('      "aliases": [');
        value.forEach((alias, aliasIndex) => lines.push(`        ${inline(alias)}${aliasIndex < value.length - 1 ? ',' : ''}`));
        lines.push(`      ]${comma}`);
      } else if (key === 'cues' && value && typeof value === 'object') {
        const cues = Object.entries(value);
        lines.push('      "cues": {');
        cues.forEach(([kind, words], cueIndex) => lines.push(`        ${JSON.stringify(kind)}: ${inline(words)}${cueIndex < cues.length - 1 ? ',' : ''}`));
        lines.push(`      }${comma}`);
      } else {
        lines.push(`      ${JSON.stringify(key)}: ${inline(value)}${comma}`);
      }
    });
    lines.push(`    }${entityIndex < data.entities.length - 1 ? ',' : ''}`);
  });
  lines.push('  ]', '}', '');
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(path, formatGazetteer(JSON.parse(readFileSync(path, 'utf8'))));
}
