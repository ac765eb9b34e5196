/**
 * Runs Mozilla's addons-linter (what addons.mozilla.org runs on an upload) on the Firefox zip that
 * `wxt zip -b firefox` made, and checks that the reproducible sources zip AMO asks for is there.
 * Prints every error and warning; fails on any error.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const zip = join(root, '.output', `${name}-${version}-firefox.zip`);
const sources = join(root, '.output', `${name}-${version}-sources.zip`);

for (const file of [zip, sources]) {
  if (!existsSync(file)) {
    console.error(`Missing ${file}: run \`npx wxt zip -b firefox\` first.`);
    process.exit(1);
  }
}

const linter = join(root, 'node_modules', '.bin', 'addons-linter');
let output;
try {
  output = execFileSync(linter, ['--output', 'json', zip], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
} catch (error) {
  // addons-linter exits non-zero when it finds errors; its report is still on stdout.
  output = error.stdout;
  if (!output) throw error;
}
const report = JSON.parse(output);
for (const kind of ['errors', 'warnings']) {
  for (const message of report[kind]) {
    const where = message.file ? ` (${message.file}${message.line ? `:${message.line}` : ''})` : '';
    console.log(`${kind === 'errors' ? 'error  ' : 'warning'} ${message.code}: ${message.message}${where}`);
  }
}
console.log(`addons-linter on ${zip.slice(root.length + 1)}: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`);
process.exit(report.summary.errors > 0 ? 1 : 0);
