/**
 * The first-run page, opened once when Backstory is installed: what it does, in three sentences,
 * and the one question it asks — whether to remember the articles the reader reads. Either answer
 * is kept (`welcomed`), and can be changed in the options or the reading room at any time.
 */
import { useEffect, useState } from 'preact/hooks';
import { Logo } from '../../components/Logo';
import { type Settings, getSettings, updateSettings, watchSettings } from '../../lib/settings';
import { openSidePanel } from '../../lib/side-panel';

export function Welcome() {
  const [settings, setSettings] = useState<Settings | undefined>();
  useEffect(() => {
    void getSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);

  const answer = (remember: boolean) => void updateSettings({ remember, rememberPaused: false, welcomed: true });

  return (
    <main class="bs-options bs-root bs-welcome">
      <h1 class="bs-options-title"><Logo size={28} /> Welcome to Backstory</h1>
      <p>
        As you read the news, Backstory marks the people, places and organisations of the Russia–Ukraine war — in English, Ukrainian,
        Russian and German, however they are spelled. Rest the pointer on a marked name to see dated excerpts about it, from the pages
        you keep. Everything stays in this browser: Backstory sends nothing anywhere.
      </p>
      <section aria-labelledby="bs-welcome-question" class="bs-callout">
        <h2 id="bs-welcome-question" class="bs-section-title">Remember the articles you read?</h2>
        <p>
          If you say yes, an article about the war that you keep open for a little while becomes part of the backstory of every name in it,
          without a click. Never in private windows; you can pause it, exclude sites, and see or forget everything it kept.
        </p>
        {!settings ? <p class="bs-muted">Loading…</p> : (
          <div class="bs-toolbar">
            <button type="button" class="bs-button" aria-pressed={settings.welcomed && settings.remember} onClick={() => answer(true)}>
              Yes, remember the articles I read
            </button>
            <button type="button" class="bs-button" aria-pressed={settings.welcomed && !settings.remember} onClick={() => answer(false)}>
              Not now
            </button>
          </div>
        )}
        {settings?.welcomed && (
          <p class="bs-ok" role="status">
            {settings.remember
              ? 'Backstory will remember the war articles you read. Change this any time in the settings.'
              : 'Backstory will only keep the pages you add. You can turn remembering on later in the settings.'}
          </p>
        )}
      </section>
      <p>
        <button type="button" class="bs-link-button" onClick={() => void openSidePanel({}, { view: 'search' })}>Open the reading room</button>
      </p>
    </main>
  );
}
