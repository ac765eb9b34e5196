/**
 * A Preact hook for extension pages: a counter that goes up whenever the background announces that
 * the corpus changed (a page added, deleted or imported), so views can reload what they show.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { isCorpusChangedEvent } from '../core/protocol';

export function useCorpusVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const listener = (message: unknown): undefined => {
      if (isCorpusChangedEvent(message)) setVersion((value) => value + 1);
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);
  return version;
}
