/**
 * Reads a Chromium NetLog (`--log-net-log=<file>`): every URL request the browser made, with the
 * origin that initiated it. Requests started by an extension context (its service worker, its
 * pages) carry the initiator chrome-extension://<id>; requests of a page (and of content scripts,
 * which run in the page) carry the page's origin; the browser's own carry none.
 */
import { readFileSync } from 'node:fs';

export interface LoggedRequest {
  url: string;
  method: string;
  initiator: string;
}

interface NetLogEvent {
  type: number;
  params?: { url?: string; method?: string; initiator?: string };
}

export function readNetLog(path: string): LoggedRequest[] {
  const text = readFileSync(path, 'utf8').trim();
  let data: { constants: { logEventTypes: Record<string, number> }; events: NetLogEvent[] };
  try {
    data = JSON.parse(text);
  } catch {
    // A log cut short (the browser was killed) lacks its closing brackets.
    data = JSON.parse(`${text.replace(/,\s*$/u, '')}]}`);
  }
  const startJob = data.constants.logEventTypes.URL_REQUEST_START_JOB;
  return data.events
    .filter((event) => event.type === startJob && event.params?.url)
    .map((event) => ({ url: event.params!.url!, method: event.params!.method ?? 'GET', initiator: event.params!.initiator ?? '' }));
}
