/**
 * The message protocol between the extension's contexts. Every request the background answers and
 * every request a content script answers is declared here, with its response type; the background
 * and the content script check each incoming message with `parseRequest` before acting on it.
 */
import type { SourceRecord } from './schema';

/** Requests answered by the background (corpus owner). */
export type BackgroundRequest =
  | { type: 'stats' }
  | { type: 'list-sources' };

export interface CorpusStats {
  sources: number;
  excerpts: number;
  readerSources: number;
  entitiesTagged: number;
}

export interface BackgroundResponses {
  stats: CorpusStats;
  'list-sources': SourceRecord[];
}

/** Requests answered by the content script of a tab (asked by the popup). */
export type TabRequest = { type: 'page-entities' };

export interface PageEntity {
  id: string;
  name: string;
  kind: string;
  count: number;
  /** Aliases as seen on the page, most frequent first. */
  seen: string[];
}

export interface TabResponses {
  'page-entities': { url: string; title: string; entities: PageEntity[]; paused: boolean };
}

export type ErrorCode = 'bad-request' | 'not-found' | 'quota' | 'internal';

export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

const BACKGROUND_TYPES = new Set<BackgroundRequest['type']>(['stats', 'list-sources']);
const TAB_TYPES = new Set<TabRequest['type']>(['page-entities']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validate an incoming message; returns the typed request or an error to send back. */
export function parseBackgroundRequest(message: unknown): BackgroundRequest | ProtocolError {
  if (!isObject(message) || typeof message.type !== 'string') {
    return { code: 'bad-request', message: 'A request is an object with a "type".' };
  }
  if (!BACKGROUND_TYPES.has(message.type as BackgroundRequest['type'])) {
    return { code: 'bad-request', message: `Unknown request type "${message.type}".` };
  }
  return message as BackgroundRequest;
}

export function parseTabRequest(message: unknown): TabRequest | ProtocolError {
  if (!isObject(message) || typeof message.type !== 'string' || !TAB_TYPES.has(message.type as TabRequest['type'])) {
    return { code: 'bad-request', message: 'Unknown tab request.' };
  }
  return message as TabRequest;
}

export function isProtocolError(value: unknown): value is ProtocolError {
  return isObject(value) && typeof value.code === 'string' && typeof value.message === 'string' && !('type' in value);
}
