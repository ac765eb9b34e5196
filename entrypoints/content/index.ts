/**
 * Content script (every http(s) page, top frame): marks mentions of the war's entities and opens
 * the hover card. It holds only the spotter (compiled from the gazetteer) and the page's marks;
 * the corpus lives in the background and is asked for by message.
 *
 *   page-text     reads the page's visible text as runs of text nodes
 *   page-scanner  runs the spotter over them in time slices, follows DOM changes
 *   page-mentions the mentions found, their DOM positions and the per-entity tally
 *   marker        paints them (CSS Custom Highlight API, or <mark> fallback)
 *   hover-card    hover intent, hit-testing and the card in a closed shadow root
 *   reader-names  the names the reader tracks and the marks they turned off here
 */
import { askEarly, bootedAt, pageLoaded } from './boot-time';
import './highlight.css';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { type PageContextInfo, type PageReport, type Reply, type TabRequest, errorReply, isProtocolError, parseTabRequest, toErrorReply } from '../../core/protocol';
import { spotterFromSnapshot } from '../../core/spotter';
import spotterSnapshot from 'virtual:spotter-snapshot';
import { type Coverage, watchCoverage } from '../../lib/coverage';
import { askBackground } from '../../lib/messaging';
import { type PageParts, loadPart } from './page-parts';
import { DEFAULT_SETTINGS, type Settings, isActiveOn, rememberBlocker, siteOf, watchSettings } from '../../lib/settings';
import { mentionAtSelection, nextMentionOnScreen } from './hit-test';
import { HoverCardController } from './hover-card';
import { createMarker } from './marker';
import { PageMentions, liveRange } from './page-mentions';
import { PageScanner, type ScanStats } from './page-scanner';
import { ReaderNames } from './reader-names';
import { ReadingTracker } from './reading-tracker';

/** Pages with more text than this are never remembered (articles have a few tens of thousands of characters). */
const MAX_REMEMBERED_CHARS = 400_000;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    // Nothing before the page's load event (boot-time.ts). Then the settings are asked for, and
    // arrive while the spotter starts and reads the page: nothing is painted before they say
    // Backstory is on here.
    const waitStart = performance.now();
    await pageLoaded(document);
    const loadWaitMs = performance.now() - waitStart;
    const early = askEarly();
    const compileStart = performance.now();
    const spotter = spotterFromSnapshot(spotterSnapshot);
    const compileMs = performance.now() - compileStart;
    const marker = createMarker(document);
    const mentions = new PageMentions(document, marker);
    const useCoverage = (coverage: Coverage | undefined) => mentions.setCoverage(coverage ? new Set(coverage.withExcerpts) : undefined);
    let settings: Settings = DEFAULT_SETTINGS;
    let lastScan: ScanStats | undefined;
    let pageDate: string | null | undefined;

    // The article extraction (Readability) is a part injected on demand: only adding or remembering
    // a page needs it, not every page the reader opens.
    const extractPage = async () => (await loadPart('extract')).extractArticle(document, location.href);

    const scanner = new PageScanner(document, spotter, mentions, () => {
      card.mentionsChanged();
      tracker.start();
    });
    // Names the reader tracks and marks turned off here: when they change, the page is read again.
    const readerNames = new ReaderNames(siteOf(location.href), (additions) => {
      scanner.setAdditions(additions);
      if (active() && ctx.isValid) void scanner.rescan();
    });

    // The card speaks the reader's language: its messages come from the background with the first
    // card, and again when the language setting changes while the page is open.
    let cardLoaded = false;
    const speakReaderLanguage = async (part: PageParts['card']) => {
      const { lang, messages } = await askBackground({ type: 'card-messages' });
      part.setCardLanguage(lang, messages);
    };

    let datedUrl = location.href;
    const pageContext = async (): Promise<PageContextInfo> => {
      // A single-page app may have moved to another article since the date was read.
      if (location.href !== datedUrl) {
        datedUrl = location.href;
        pageDate = undefined;
      }
      // The date is read by the card's part, which the card needs anyway.
      if (pageDate === undefined) pageDate = (await loadPart('card')).pageDate(document, location.href);
      return {
        url: location.href,
        title: document.title.slice(0, 2000),
        ...(pageDate ? { date: pageDate } : {}),
        entityIds: mentions.entityIds().slice(0, 50),
      };
    };

    const card = new HoverCardController(document, mentions, marker, {
      entityById: (id) => spotter.entityById(id) ?? readerNames.entityById(id),
      fetchExcerpts: async (entityId) => askBackground({ type: 'excerpts-for', entityId, page: await pageContext(), limit: 5 }),
      loadView: async () => {
        const part = await loadPart('card');
        await speakReaderLanguage(part);
        cardLoaded = true;
        return part.createCardView(document);
      },
      addPage: async (force) => askBackground({ type: 'add-page', page: await extractPage(), force }),
      openSidePanel: (entityId) => {
        askBackground({ type: 'open-side-panel', entityId }).catch(() => undefined);
      },
      openSearch: (search) => {
        askBackground({ type: 'open-side-panel', ...search }).catch(() => undefined);
      },
      openOptions: () => {
        askBackground({ type: 'open-options' }).catch(() => undefined);
      },
      remembering: () => settings.remember && !settings.rememberPaused,
      delayMs: () => settings.hoverDelayMs,
      notThis: async (text, entity) => {
        const entry = await readerNames.turnOff(text, entity);
        return { site: entry.site, undo: () => readerNames.turnOn(entry) };
      },
    });

    // "Remember the articles I read" (opt-in): a page read for the dwell time, naming two or more
    // entities, and not a huge one (a book, an endless feed), whose extraction would hold the page up.
    const tracker = new ReadingTracker(document, {
      dwellSeconds: () => settings.dwellSeconds,
      eligible: () => rememberBlocker(settings, location.href, browser.extension.inIncognitoContext === true) === undefined &&
        mentions.entityIds().length >= 2 && (lastScan?.chars ?? 0) <= MAX_REMEMBERED_CHARS,
      remember: async () => askBackground({ type: 'remember-page', page: await extractPage() }),
    });

    const active = () => isActiveOn(settings, location.href);
    const start = async () => {
      if (!active() || !ctx.isValid) return;
      card.attach();
      scanner.observe();
      lastScan = await scanner.scanAll();
      tracker.start();
    };
    const firstStart = async () => {
      // Asked for when the script began, like the settings: usually in by now.
      await readerNames.ready(early.trackedNames);
      scanner.setAdditions(readerNames.additions);
      const scan = await scanner.scanAll({
        beforePaint: async () => {
          settings = await early.settings;
          readerNames.useSettings(settings);
          useCoverage(await early.coverage);
          return active() && ctx.isValid;
        },
      });
      if (!active() || !ctx.isValid) return;
      card.attach();
      scanner.observe();
      // The first scan counts from the moment the script began (the wait for the load event and
      // the spotter's start included).
      lastScan = { ...scan, startedAt: bootedAt, busyMs: scan.busyMs + compileMs, compileMs, loadWaitMs };
      tracker.start();
    };
    const stop = () => {
      card.detach();
      scanner.stop();
      tracker.stop();
    };

    const report = (): PageReport => ({
      url: location.href,
      title: document.title,
      entities: mentions.entities(),
      paused: settings.paused,
      siteDisabled: siteOf(location.href) !== undefined && settings.disabledSites.includes(siteOf(location.href) as string),
      ...(lastScan ? { scan: { ...lastScan } } : {}),
    });

    const answer = async (request: TabRequest): Promise<unknown> => {
      switch (request.type) {
        case 'page-entities':
          return report();
        case 'extract-page':
          return extractPage();
        case 'corpus-changed':
          card.invalidate();
          return { forgotten: true };
        case 'reveal-entity': {
          const mention = mentions.firstOf(request.entityId);
          if (!mention) return { found: false };
          const element = mention.startNode.parentElement;
          element?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
          card.openFor(mention, { keyboard: false, pinned: true });
          return { found: true };
        }
        case 'show-card-for-selection': {
          const mention = mentionAtSelection(document, mentions) ?? nextMentionOnScreen(document, mentions, card.currentMention);
          if (!mention) return { shown: false };
          const rect = liveRange(document, mention).getBoundingClientRect();
          if (rect.bottom < 0 || rect.top > innerHeight) {
            mention.startNode.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
          }
          card.openFor(mention, { keyboard: true });
          return { shown: true };
        }
      }
    };

    browser.runtime.onMessage.addListener((message: unknown, sender): Promise<Reply<unknown>> | undefined => {
      if (sender.id !== browser.runtime.id) return undefined;
      const request = parseTabRequest(message);
      if (isProtocolError(request)) {
        // Messages meant for other listeners (or malformed) get a typed error only if they look like ours.
        return typeof (message as { type?: unknown })?.type === 'string' ? Promise.resolve(errorReply(request.code, request.message)) : undefined;
      }
      return answer(request).then((value) => ({ ok: true as const, value }), (error: unknown) => toErrorReply(error));
    });

    const unwatchCoverage = watchCoverage(useCoverage);
    const unwatch = watchSettings((next) => {
      const wasActive = active();
      if (next.language !== settings.language) {
        // Cards kept in the other language (names, descriptions) are asked for again.
        card.invalidate();
        if (cardLoaded) void loadPart('card').then(speakReaderLanguage).catch(() => undefined);
      }
      settings = next;
      if (wasActive && !active()) stop();
      else if (!wasActive && active()) void start();
      else if (active()) tracker.start(); // remembering turned on or off, paused, a site excluded
    });

    // Same-document navigations (single-page apps): the page's context changed; read it again.
    const navigation = (globalThis as { navigation?: EventTarget }).navigation;
    const pathOf = (url: string) => url.replace(/#.*$/u, '');
    let lastPath = pathOf(location.href);
    const onNavigate = () => {
      if (pathOf(location.href) === lastPath) return; // a jump to an anchor, not a new page
      lastPath = pathOf(location.href);
      tracker.navigated(location.href);
      if (!active()) return;
      card.close(false);
      scanner.stop();
      void start();
    };
    navigation?.addEventListener('navigatesuccess', onNavigate);
    ctx.onInvalidated(() => {
      navigation?.removeEventListener('navigatesuccess', onNavigate);
      unwatch();
      unwatchCoverage();
      readerNames.stop();
      stop();
    });

    await firstStart();
  },
});
