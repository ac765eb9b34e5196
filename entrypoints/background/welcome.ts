/** The first-run page, opened once on install unless the reader has answered its question already. */
import { browser } from 'wxt/browser';
import { getSettings } from '../../lib/settings';

export async function openWelcome(): Promise<void> {
  if ((await getSettings()).welcomed) return;
  await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
}
