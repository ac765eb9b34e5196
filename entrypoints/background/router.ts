/**
 * Answers every request of the protocol (core/protocol.ts). Messages are accepted only from the
 * extension itself (its pages and its content scripts) and only in a valid shape; everything else
 * gets a typed error. Storage errors (a full disk) come back as 'quota' with nothing written.
 */
import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import {
  type BackgroundRequest,
  type BackgroundResponses,
  BackstoryError,
  CARD_AREAS,
  type Reply,
  errorReply,
  isProtocolError,
  parseBackgroundRequest,
  toErrorReply,
} from '../../core/protocol';
import { DEFAULT_LANG } from '../../core/i18n/lang';
import { forgetQuestion } from '../../lib/add-question';
import { entityDescription, entityName } from '../../lib/entity-l10n';
import { catalogOf } from '../../lib/i18n/catalogs';
import { currentReaderLang } from '../../lib/i18n/reader-lang';
import { entityById } from '../../lib/gazetteer-data';
import { openSidePanel } from '../../lib/side-panel';
import { addPage, addTab } from './add-tab';
import { corpus } from './corpus';
import { announceCorpusChange } from './events';
import { injectPart } from './page-parts';
import { rememberFromTab } from './remember';
import { retagging, trackedNamesChanged } from './tracked';

type Answer = BackgroundResponses[BackgroundRequest['type']];

async function answer(request: BackgroundRequest, sender: Runtime.MessageSender): Promise<Answer> {
  switch (request.type) {
    case 'stats':
      return (await corpus()).stats();
    case 'list-sources':
      return (await corpus()).listSources();
    case 'entity-counts':
      return (await corpus()).entityCounts();
    case 'excerpts-for': {
      const [found, lang] = await Promise.all([
        (await corpus()).excerptsFor(request.entityId, request.page, request.limit),
        currentReaderLang().catch(() => DEFAULT_LANG),
      ]);
      // The page's content script has no descriptions and no names but the English ones (see
      // core/protocol.ts ExcerptsForEntity): the card gets them here, in the reader's language.
      const entity = entityById(request.entityId);
      return {
        ...found,
        lang,
        ...(entity ? { name: entityName(lang, entity), description: entityDescription(lang, entity) } : {}),
      };
    }
    case 'page-excerpts':
      return (await corpus()).pageExcerpts(request.page, request.limit);
    case 'search':
      return (await corpus()).search(request.query, request.filters, request.limit);
    case 'entity-timeline':
      return (await corpus()).entityTimeline(request.entityId, { month: request.month, offset: request.offset, limit: request.limit });
    case 'add-page':
      return addPage(request.page, { force: request.force });
    case 'add-tab': {
      const added = await addTab(request.tabId, { force: request.force });
      // Added from the popup: a question the command had left about this tab is answered.
      await forgetQuestion(request.tabId).catch(() => undefined);
      return added;
    }
    case 'delete-source': {
      const deleted = await (await corpus()).deleteSource(request.sourceId);
      announceCorpusChange('deleted');
      return deleted;
    }
    case 'edit-source': {
      const edited = await (await corpus()).editSource(request.sourceId, request.edit);
      if (edited.changed) announceCorpusChange('edited');
      return edited;
    }
    case 'restore-source': {
      const restored = await (await corpus()).restoreSource(request.source, request.excerpts);
      announceCorpusChange('restored');
      return restored;
    }
    case 'prepare-search':
      return (await corpus()).prepareSearch();
    case 'open-options':
      await browser.runtime.openOptionsPage();
      return { opened: true };
    case 'remember-page':
      return rememberFromTab(request.page, sender);
    case 'forget-remembered': {
      const forgotten = await (await corpus()).forgetRemembered(request.site ? { site: request.site } : { all: true });
      if (forgotten.length > 0) announceCorpusChange('forgotten');
      return { forgotten };
    }
    case 'load-part':
      return injectPart(request.part, sender);
    case 'card-messages': {
      const lang = await currentReaderLang();
      return { lang, messages: catalogOf(lang, CARD_AREAS) };
    }
    case 'tracked-names-changed': {
      // Re-tagging may take a while: it runs on, with its progress in storage.
      void trackedNamesChanged(await corpus()).catch(() => undefined);
      return { retagging: retagging() };
    }
    case 'open-side-panel':
      // Handled synchronously in `route` (a user gesture does not survive an await).
      throw new BackstoryError({ code: 'internal', message: 'open-side-panel reached the async router' });
  }
}

/** The runtime.onMessage listener. */
export function route(message: unknown, sender: Runtime.MessageSender): Promise<Reply<unknown>> | undefined {
  if (sender.id !== browser.runtime.id) {
    return Promise.resolve(errorReply('bad-request', 'Backstory accepts messages from its own pages only.'));
  }
  // Events broadcast by the background itself are not requests.
  if (typeof message === 'object' && message !== null && 'event' in message) return undefined;
  const request = parseBackgroundRequest(message);
  if (isProtocolError(request)) return Promise.resolve(errorReply(request.code, request.message));
  if (request.type === 'open-side-panel') {
    // Must run before any await: the panel opens only in response to the reader's click.
    const tabId = request.tabId ?? sender.tab?.id;
    const search = request.sourceId !== undefined || request.query !== undefined
      ? { ...(request.sourceId ? { sourceId: request.sourceId } : {}), ...(request.query ? { query: request.query } : {}) }
      : undefined;
    const focus = search ? { view: 'search' as const, search } : request.entityId ? { entityId: request.entityId, view: 'entity' as const } : {};
    const opened = openSidePanel(tabId !== undefined ? { tabId } : {}, focus);
    return opened.then((how) => ({ ok: true as const, value: { opened: how === 'panel' } }), toErrorReply);
  }
  return answer(request, sender).then((value) => ({ ok: true as const, value }), toErrorReply);
}
