/** The toolbar popup: the entities found on the current tab. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { TabResponses } from '../../core/protocol';
import { askTab } from '../../lib/messaging';

type PageState =
  | { status: 'loading' }
  | { status: 'unavailable'; reason: string }
  | { status: 'ready'; page: TabResponses['page-entities'] };

/** The tab the popup is about: the active tab of its window, or `?tab=<id>` when opened as a page. */
async function currentTabId(): Promise<number | undefined> {
  const requested = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(requested) && requested > 0) return requested;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

export function Popup() {
  const [state, setState] = useState<PageState>({ status: 'loading' });
  useEffect(() => {
    (async () => {
      const tabId = await currentTabId();
      if (tabId === undefined) {
        setState({ status: 'unavailable', reason: 'No tab is active.' });
        return;
      }
      try {
        setState({ status: 'ready', page: await askTab(tabId, { type: 'page-entities' }) });
      } catch {
        setState({ status: 'unavailable', reason: 'Backstory cannot read this page (browser pages and web stores are off limits).' });
      }
    })();
  }, []);

  return (
    <main class="popup" aria-live="polite">
      <h1>Backstory</h1>
      {state.status === 'loading' && <p>Looking at this page…</p>}
      {state.status === 'unavailable' && <p>{state.reason}</p>}
      {state.status === 'ready' && (
        state.page.entities.length === 0
          ? <p>{state.page.paused ? 'Backstory is paused on this page.' : 'No people, places or organisations of the war on this page.'}</p>
          : (
            <ul aria-label="Entities on this page">
              {state.page.entities.map((entity) => (
                <li key={entity.id}>{entity.name} <span>({entity.count})</span></li>
              ))}
            </ul>
          )
      )}
    </main>
  );
}
