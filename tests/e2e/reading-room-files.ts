/**
 * Import and export the way a reader does: through the reading room's Sources tab, its file input
 * and its download. Shared by the end-to-end round trip at 100k (store-scale.e2e.ts) and the store
 * benchmark through the real extension (bench/store-extension.bench.ts).
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExtensionSession } from './harness';

const LONG = 30 * 60_000;

async function openSources(session: ExtensionSession) {
  const panel = await session.context.newPage();
  await panel.goto(session.extensionUrl('sidepanel.html#sources'));
  await panel.getByRole('heading', { name: /Your pages/u }).waitFor();
  return panel;
}

/** Import `path` through the reading room's file input; the seconds until it says "Imported", and what it said. */
export async function importThroughReadingRoom(session: ExtensionSession, path: string): Promise<{ seconds: number; message: string }> {
  const panel = await openSources(session);
  try {
    const started = performance.now();
    await panel.getByLabel('Import a Backstory export file').setInputFiles(path);
    const done = panel.getByText(/^Imported [\d,]+ sources? and [\d,]+ excerpts/u).or(panel.getByRole('alert'));
    await done.waitFor({ timeout: LONG });
    const seconds = (performance.now() - started) / 1000;
    const message = (await done.textContent()) ?? '';
    if (!message.startsWith('Imported')) throw new Error(`The import of ${path} failed: ${message}`);
    return { seconds, message };
  } finally {
    await panel.close();
  }
}

/** Export everything through the reading room's download into a new temporary folder. */
export async function exportThroughReadingRoom(session: ExtensionSession): Promise<{ seconds: number; path: string; bytes: number; lines: number }> {
  const panel = await openSources(session);
  try {
    const started = performance.now();
    const download = panel.waitForEvent('download', { timeout: LONG });
    await panel.getByRole('button', { name: 'Export everything' }).click();
    const file = await download;
    const path = join(mkdtempSync(join(tmpdir(), 'backstory-export-')), file.suggestedFilename());
    await file.saveAs(path);
    const seconds = (performance.now() - started) / 1000;
    const note = await panel.getByText(/^Exported [\d,]+ records/u).textContent();
    return { seconds, path, bytes: statSync(path).size, lines: Number((note ?? '').replace(/[^\d]/gu, '')) + 1 };
  } finally {
    await panel.close();
  }
}
