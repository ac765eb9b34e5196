/**
 * `npm run bench`: runs every `bench/*.bench.ts` (or those named on the command line), prints one
 * table and writes `bench/results/latest.json` (plus a timestamped copy).
 *
 *   npm run bench                 all benchmarks
 *   npm run bench -- spotter      only bench/spotter.bench.ts
 *   npm run bench -- --quick      fewer runs and smaller corpora (for a smoke test)
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchModule, BenchRow } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const wanted = args.filter((arg) => !arg.startsWith('--'));

function format(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return String(Math.round(value * 100) / 100);
}

function printTable(rows: BenchRow[]): void {
  const header = ['area', 'measure', 'value', 'unit', 'baseline', 'ratio', 'target', 'ok'];
  const lines = rows.map((row) => [
    row.area,
    row.name,
    format(row.value),
    row.unit,
    row.baseline === undefined ? '' : `${format(row.baseline)}${row.baselineName ? ` (${row.baselineName})` : ''}`,
    row.ratio === undefined ? '' : `${format(row.ratio)}×${row.ratioLabel ? ` ${row.ratioLabel}` : ''}`,
    row.target ?? '',
    row.pass === undefined ? '' : row.pass ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  const render = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] as number)).join('  ');
  console.log(render(header));
  console.log(widths.map((width) => '─'.repeat(width)).join('  '));
  for (const line of lines) console.log(render(line));
}

async function main(): Promise<void> {
  const files = readdirSync(here)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => wanted.length === 0 || wanted.includes(name.replace(/\.bench\.ts$/u, '')))
    .sort();
  if (files.length === 0) throw new Error(`No benchmark matches ${wanted.join(', ')}`);
  const rows: BenchRow[] = [];
  const failures: string[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(here, file)).href)) as { default: BenchModule };
    console.error(`▶ ${module.default.title} (${file})`);
    try {
      rows.push(...(await module.default.run({ quick })));
    } catch (error) {
      failures.push(`${file}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }
  console.log('');
  printTable(rows);
  const resultsDir = join(here, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const report = { date: new Date().toISOString(), node: process.version, quick, rows, failures };
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote bench/results/latest.json (${rows.length} rows).`);
  if (failures.length) {
    console.error(`\n${failures.length} benchmark(s) failed to run:\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

await main();
