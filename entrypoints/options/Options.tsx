/** Options page: pause Backstory everywhere. */
import { useEffect, useState } from 'preact/hooks';
import { type Settings, getSettings, updateSettings, watchSettings } from '../../lib/settings';

export function Options() {
  const [settings, setSettings] = useState<Settings | undefined>();
  useEffect(() => {
    getSettings().then(setSettings);
    return watchSettings(setSettings);
  }, []);
  if (!settings) return <main><p>Loading…</p></main>;
  return (
    <main class="options">
      <h1>Backstory settings</h1>
      <label>
        <input
          type="checkbox"
          checked={settings.paused}
          onChange={(event) => updateSettings({ paused: (event.target as HTMLInputElement).checked })}
        />{' '}
        Pause Backstory on every site
      </label>
    </main>
  );
}
