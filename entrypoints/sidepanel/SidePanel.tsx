/** The side panel (Firefox: sidebar): the reading room. Lists the corpus's sources. */
import { useEffect, useState } from 'preact/hooks';
import type { SourceRecord } from '../../core/schema';
import { sourceLabel } from '../../core/schema';
import { askBackground } from '../../lib/messaging';

export function SidePanel() {
  const [sources, setSources] = useState<SourceRecord[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    askBackground({ type: 'list-sources' }).then(setSources, (reason: Error) => setError(reason.message));
  }, []);
  return (
    <main class="sidepanel">
      <h1>Backstory</h1>
      {error && <p role="alert">{error}</p>}
      {!sources && !error && <p>Loading the corpus…</p>}
      {sources && (
        <ul aria-label="Sources">
          {sources.map((source) => (
            <li key={source.id}>
              <strong>{source.title}</strong> — {sourceLabel(source)}, <time dateTime={source.date}>{source.date.slice(0, 10)}</time>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
