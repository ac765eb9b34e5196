/**
 * The keyboard shortcuts as the browser really assigned them. A suggested key in the manifest is
 * only a wish: the browser leaves a command without a key when the key is taken (by the browser
 * itself or another extension), and the reader can change or clear it. Anything that tells the
 * reader about a key reads it from here, never from the manifest.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

export type CommandName = 'show-card' | 'open-side-panel' | 'add-page';

export interface CommandShortcut {
  name: string;
  description: string;
  /** The key as the browser shows it ("Alt+Shift+K"), or undefined when none is set. */
  shortcut: string | undefined;
}

export async function commandShortcuts(): Promise<CommandShortcut[]> {
  const commands = await browser.commands.getAll();
  return commands
    .filter((command) => command.name && !command.name.startsWith('_'))
    .map((command) => ({
      name: command.name as string,
      description: command.description || (command.name as string),
      shortcut: command.shortcut || undefined,
    }));
}

/** The key of one command, once known (undefined while loading or when none is set). */
export function useShortcut(name: CommandName): string | undefined {
  const [shortcut, setShortcut] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void commandShortcuts().then(
      (all) => live && setShortcut(all.find((command) => command.name === name)?.shortcut),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [name]);
  return shortcut;
}

interface FirefoxCommands {
  openShortcutSettings?: () => Promise<void>;
}

/** Open the browser's shortcut settings. */
export async function openShortcutSettings(): Promise<void> {
  const commands = browser.commands as unknown as FirefoxCommands;
  if (typeof commands.openShortcutSettings === 'function') {
    await commands.openShortcutSettings();
    return;
  }
  await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

/** Whether this is Firefox (where the reader sets keys differently: the options say how). */
export function isFirefox(): boolean {
  return browser.runtime.getURL('').startsWith('moz-extension:');
}
