/**
 * The page step: after the spotter has scored every match of a page (pass 1 over every piece,
 * `pageContext`, pass 2 with `Spotter.judge`), decide the ambiguous ones with the whole page in view.
 *
 * Why: the cue window is six words around a mention. On a page about something else (the sinking of
 * the submarine Kursk, a council meeting in Odessa, Texas, a tennis final, the salmon run, a boxer
 * called Klitschko) every mention whose own sentence holds no cue used to be marked as the war's
 * entity. A reader decides such a name once for the page: from the first mention that says who or
 * what it is, or from what the page is about. This step does the same, in a fixed order, and the
 * content script (card and popup) and the evaluation (`spotPage`) both call it.
 *
 * A mention is *contestable* when its form names more than one entity or its alias confidence is
 * below AMBIGUOUS_BELOW (the gazetteer's way of saying "this form has look-alikes": Kursk the city and
 * the submarine, "Odessa", «Путина», a bare shared surname). Other mentions are decided by their form.
 *
 * Rules, first match wins for each mention:
 *
 * 1. Names of other things. A place right after a team word ("Dynamo Kyiv", "Shakhtar Donetsk",
 *    «Шахтар» (Донецьк): `TEAM_WORDS`) or right before an arena word ("Donbass Arena": `ARENA_WORDS`)
 *    is part of that name: not marked. On a page whose topic is sport, so is a place in quotation
 *    marks («Дніпро», the club) or in brackets after a quoted name («Зоря» (Луганськ)). A quoted name
 *    after a ship word (АПЛ «Курск», корабль Черноморского флота «Азов», кораблі «Ямал» і «Азов»; in
 *    English and German without quotes: "the landing ship Minsk") is a ship's: only things (kind
 *    `other`) stay, and the same name in quotes elsewhere on the page follows it.
 * 2. Strong local evidence. A cue right beside the mention (a `<word`, `>word` or `@quoted` cue, or a
 *    word within STRONG_CUE_WORDS words) decides it with the strong cues alone: a sense with a strong
 *    cue against it is out (unless a strong cue speaks for it too and the one against is a word, not a
 *    position), a sense with a strong cue for it beats one without, the nearest such cue wins, then
 *    the alias's confidence plus its strong cues (`strongLocal`) decides; below MIN_CONFIDENCE nothing
 *    is marked. "Daniil Medvedev", "Wladimir Klitschko", "Permian and Odessa High", "the city of
 *    Kursk", «Курска» in quotes, „Untergang der Kursk“, "моряки из Курска".
 * 3. Decided by its form. A mention that is not contestable and has no strong cue against it is its
 *    entity. Rules 2 and 3 are the page's *decisions*; the other mentions follow them below.
 * 4. Named on the page. A contestable mention whose entities are named elsewhere on the page through a
 *    form that decides them (rule 3), with every decision about them agreeing, takes that decision:
 *    "Dmitry Medvedev" earlier makes a later bare "Medvedev" his; «Курщину» and «Курської області»
 *    make «Курськ» the region even beside the word «підводний». A topic (rule 5) that speaks for one
 *    of the mention's senses goes first: "Kursk" on a page about the disaster that names the region.
 * 5. The page's topic. The page is about a topic of page-topics.ts (sport, fishing, US local news,
 *    the submarine Kursk, food, a town's own news; its words are read only when a decision depends on
 *    them) when it uses at least TOPIC_MIN_GROUPS of its word groups and more than the war's evidence
 *    (distinct war words other than the countries' names, plus the war's own names decided by rules 2
 *    and 3, except those the topic itself speaks for). Then a contestable mention takes a sense whose
 *    entity has a `support` cue `#topic`, or else loses the senses whose entity has an `against` cue
 *    `#topic`: "Kursk" on a page about the disaster is the submarine, "Medvedev" on a tennis page is
 *    nobody we mark, "Азов" in a town's news is not the brigade.
 * 6. One sense per page. A contestable mention whose entities the page has decided (rules 2 and 3)
 *    takes the nearest decision before it, else the nearest after it: "Klitschko" after "Wladimir
 *    Klitschko" is Wladimir (not marked), also when "Vitali Klitschko" comes at the end. A decision
 *    made by quotation marks holds for quoted names only (the “Moscow”, the cruiser, leaves a bare
 *    "Moscow" the city), and a decision for an entity the mention cannot be does not count.
 * 7. Confidence. Otherwise the pass-2 confidence decides (spotter-context.ts), with the page's war
 *    score counted again without the names that rule 1 took away.
 *
 * Then general names (gazetteer `scope: "general"`) are marked only when `marksGeneralNames` holds
 * for the page's war names as decided by rules 2 and 3 (club and stadium names do not count) and the
 * page has no other topic (rule 5). Last, a person's bare surname takes in the word right before it when that
 * word is their given name in another spelling ("Sergej Lawrow", given-names.ts).
 *
 * Confidence stays per mention: a kept mention reports its own pass-2 confidence (at least
 * MIN_CONFIDENCE when a page rule kept it); the page only decides the sense and whether to mark.
 */
import { type Candidate, type JudgedMatch, type Match, type Mention, type Spotter, bestCandidate, better } from './spotter';
import {
  type PageContext,
  AMBIGUOUS_BELOW,
  MIN_CONFIDENCE,
  PAGE_WEIGHT,
  SUPPORT_BONUS,
  marksGeneralNames,
  topicsOf,
  warScore,
} from './spotter-context';
import {
  ARENA_WORDS, PAGE_TOPICS, type PageTopic, TEAM_WORDS, TOPIC_MIN_GROUPS, type TopicCounts, countTopics, topicHidesGeneralNames,
} from './page-topics';
import { givenNamesOf, isGivenName } from './given-names';
import { isShipName, openedByQuote, wordAfter, wordBefore } from './page-words';

/** The rule that decided a mention (see the list at the top of this file). */
export type PageRule =
  | 'team-name'
  | 'ship-name'
  | 'local-cue'
  | 'form'
  | 'named-on-page'
  | 'page-topic'
  | 'one-sense'
  | 'confidence'
  | 'general-name';

/** One piece of a page (a text run of the content script, or the whole text) after pass 2. */
export interface JudgedPiece {
  text: string;
  judged: JudgedMatch[];
}

/** What the page step decided for one match. */
export interface SenseDecision {
  start: number;
  end: number;
  /** The entity marked, or undefined when the match is not marked. */
  entity?: string;
  rule: PageRule;
}

export interface PageDecision {
  /** Per piece, in the order given: the mentions to mark. */
  mentions: Mention[][];
  /** Per piece: what was decided for each match, and by which rule (for tests and the CLI). */
  decisions: SenseDecision[][];
  /** The page's topic when it is about something else than the war (rule 5). */
  topic?: PageTopic;
  /** Whether general names are marked on this page. */
  generalNames: boolean;
  /** Distinct war names (not general) among the page's decisions (rules 2 and 3), club and stadium names left out. */
  warNames: number;
}

/** Pass 2 of one piece, every sense kept (the page step needs them all). */
export function judgePiece(spotter: Spotter, text: string, matches: readonly Match[], page: PageContext): JudgedPiece {
  const judged: JudgedMatch[] = [];
  for (const match of matches) {
    if (match.terminal < 0) continue;
    const one = spotter.judge(text, match, page);
    if (one) judged.push(one);
  }
  return { text, judged };
}

interface Item {
  piece: number;
  order: number;
  text: string;
  match: JudgedMatch;
  /** Entity indices of every candidate (one for most matches). */
  entities: readonly number[];
  /** Candidates still possible. */
  candidates: Candidate[];
  contestable: boolean;
  decided: boolean;
  sense: Candidate | undefined;
  rule: PageRule;
  /** This mention decides others (rules 2 and 3). */
  decider?: 'form' | 'cue';
  /** In quotation marks: a ship's or a unit's name (its decision holds for quoted names only). */
  quoted: boolean;
}

/** What rules 1 to 3 leave of a page, and whether the rest needs the page's topic. */
interface Prepared {
  items: Item[];
  quotedPlaces: Item[];
  needsTopic: boolean;
}

/**
 * Whether deciding this page reads its topic words (a contestable mention of an entity with topic
 * cues, a quoted place, or general names on a page that would mark them). The content script asks
 * first, and counts the topic words ahead in slices only then.
 */
export function pageNeedsTopic(spotter: Spotter, pieces: readonly JudgedPiece[], page: PageContext): boolean {
  return preparePage(spotter, pieces, page).needsTopic;
}

function preparePage(spotter: Spotter, pieces: readonly JudgedPiece[], page: PageContext): Prepared {
  const items: Item[] = [];
  pieces.forEach((piece, index) => {
    for (const match of piece.judged) {
      // One candidate per entity (Spotter.judge), so the indices are distinct.
      const { candidates } = match;
      const entities = candidates.length === 1 ? [(candidates[0] as Candidate).index] : candidates.map((candidate) => candidate.index);
      let contestable = entities.length > 1;
      if (!contestable) contestable = candidates.every((candidate) => candidate.base < AMBIGUOUS_BELOW);
      // `candidates` is never changed in place: rules that narrow it assign a new array.
      items.push({
        piece: index, order: items.length, text: piece.text, match, entities,
        candidates, contestable, decided: false, sense: undefined, rule: 'confidence',
        quoted: openedByQuote(piece.text, match.start),
      });
    }
  });

  // 1. Names of teams and stadiums (by their words), and of ships: a quoted name after a ship word is
  // the ship, and so is the same name in quotes elsewhere on the page, unless a second cue beside it
  // says otherwise ("бригади «Азов»"). Only things (kind "other": the submarine, the cruiser) stay.
  const shipNames = new Set<string>();
  for (const item of items) {
    const { text } = item;
    const { start } = item.match;
    // The word before is read only where it can matter: a place (a team's name), a quoted name or one
    // in Latin letters (a ship's name).
    const hasPlace = item.candidates.some((candidate) => candidate.entity.kind === 'place');
    const before = hasPlace || item.quoted || text.charCodeAt(start) < 0x250 ? wordBefore(text, start) : undefined;
    if (before !== undefined || item.quoted) {
      if (item.candidates.some((candidate) => candidate.entity.kind !== 'other') && isShipName(text, start, before)) {
        shipNames.add(entityKey(item));
        dropKinds(item, (candidate) => candidate.entity.kind === 'other', 'ship-name');
        continue;
      }
    }
    if (!hasPlace) continue;
    const after = wordAfter(text, item.match.end);
    if ((before !== undefined && TEAM_WORDS.has(before)) || (after !== undefined && ARENA_WORDS.has(after))) {
      dropPlaces(item);
    }
  }
  if (shipNames.size > 0) {
    for (const item of items) {
      if (item.decided || !shipNames.has(entityKey(item)) || !item.candidates.some((candidate) => candidate.entity.kind !== 'other')) continue;
      if (!item.quoted) continue;
      if (item.candidates.some((candidate) => candidate.entity.kind !== 'other' && candidate.score.strongLocal > candidate.base + SUPPORT_BONUS)) continue;
      dropKinds(item, (candidate) => candidate.entity.kind === 'other', 'ship-name');
    }
  }

  // 2 and 3. The page's decisions.
  for (const item of items) {
    if (item.decided) continue;
    if (item.candidates.some((candidate) => candidate.score.strongSupport || candidate.score.strongAgainst)) {
      // Senses with a strong cue against them are out (a sense with a strong cue for it too stays, its
      // strong cues counted both ways, unless the cue against is positional: "chicken Kiev", «Курск» in
      // quotes); a sense with a strong cue for it beats one without.
      const left = item.candidates.filter((candidate) => !candidate.score.strongAgainst ||
        (candidate.score.strongSupport && !candidate.score.againstBeside));
      const supported = left.filter((candidate) => candidate.score.strongSupport);
      // Among senses with strong cues for them, the nearest cue wins ("экипажу лодки в городе Курске":
      // "городе" is beside the name, "лодки" three words off), then the strong cues' sum.
      let best: Candidate | undefined;
      for (const candidate of supported.length > 0 ? supported : left) {
        if (!best || candidate.score.supportDistance < best.score.supportDistance ||
            (candidate.score.supportDistance === best.score.supportDistance && (candidate.score.strongLocal > best.score.strongLocal ||
            (candidate.score.strongLocal === best.score.strongLocal && better(candidate, best))))) best = candidate;
      }
      decide(item, best && best.score.strongLocal >= MIN_CONFIDENCE ? best : undefined, 'local-cue');
      item.decider = 'cue';
    } else if (!item.contestable) {
      // No strong cue either way: a form that names one entity with confidence is that entity, whatever
      // a word a few words off says ("Курська область" in a sentence that ends on «човні»).
      decide(item, bestCandidate(item.candidates), 'form');
      item.decider = 'form';
    }
  }

  // 1, on sport pages: a quoted place is a club, and so is a place in brackets after a quoted name.
  const quotedPlaces = items.filter((item) => {
    if (item.decided && !item.sense) return false;
    if (!item.candidates.some((candidate) => candidate.entity.kind === 'place')) return false;
    const { start, end } = item.match;
    // In quotation marks, or right after an opening one («Дніпро-1»).
    return item.quoted || (/[»“”"'’]\s*\(\s*$/u.test(item.text.slice(Math.max(0, start - 8), start)) && /^\s*\)/u.test(item.text.slice(end, end + 4)));
  });

  // 5 (found here, applied below). What the page is about, read only when something depends on it:
  // a contestable mention of an entity with topic cues, a quoted place, a general name.
  const topicCues = new Map<number, boolean>();
  const hasTopicCues = (candidate: Candidate) => {
    let has = topicCues.get(candidate.index);
    if (has === undefined) {
      const cues = spotter.entityCues(candidate.index);
      has = !!cues && topicsOf([...cues.support, ...cues.against]).length > 0;
      topicCues.set(candidate.index, has);
    }
    return has;
  };
  // General names need the topic only on a page that would mark them otherwise.
  const needsTopic = quotedPlaces.length > 0 ||
    items.some((item) => !item.decided && item.contestable && item.candidates.some(hasTopicCues)) ||
    (items.some((item) => item.candidates.some((candidate) => spotter.entities[candidate.index]?.scope === 'general')) &&
      marksGeneralNames({ ...page, warNames: warNamesOf(spotter, items) }));
  return { items, quotedPlaces, needsTopic };
}

/**
 * Decide every mention of a page (the rules at the top of this file). Pure: reads only its arguments.
 * `topics`: the page's topic words (`countTopics` over every text of the page), or a function that
 * counts them, called only when a decision depends on the topic; by default the pieces' texts.
 */
export function decidePage(
  spotter: Spotter,
  pieces: readonly JudgedPiece[],
  page: PageContext,
  topics?: TopicCounts | (() => TopicCounts),
): PageDecision {
  const { items, quotedPlaces, needsTopic } = preparePage(spotter, pieces, page);
  let topic: PageTopic | undefined;
  if (needsTopic) {
    const names = warNameSet(spotter, items);
    const words = Math.max(0, (page.warWords ?? 0) - (page.countryWords ?? 0));
    const counts = typeof topics === 'function' ? topics() : topics ?? countTopics(pieces.map((piece) => piece.text));
    let topicGroups = 0;
    for (const name of PAGE_TOPICS) {
      const groups = counts[name] ?? 0;
      if (groups < TOPIC_MIN_GROUPS || groups <= topicGroups) continue;
      // A name the topic itself speaks for (the submarine Kursk on a page about the submarine) is no
      // evidence of the war against that topic.
      let evidence = words;
      for (const index of names) if (!topicsOf(spotter.entityCues(index)?.support ?? []).includes(name)) evidence++;
      if (groups > evidence) {
        topic = name;
        topicGroups = groups;
      }
    }
  }
  if (topic === 'sport') for (const item of quotedPlaces) dropPlaces(item);

  // The decisions, by entity, in page order.
  const decidersByEntity = new Map<number, Item[]>();
  for (const item of items) {
    if (!item.decider) continue;
    for (const entity of item.entities) {
      let list = decidersByEntity.get(entity);
      if (!list) decidersByEntity.set(entity, list = []);
      list.push(item);
    }
  }

  const finalNames = warNamesOf(spotter, items);
  const finalScore = warScore(finalNames, page.warWords ?? 0);

  for (const item of items) {
    if (item.decided) continue;
    if (item.contestable) {
      const deciders = relevantDeciders(item, decidersByEntity);
      // 5 before 4: a topic that speaks for one of the senses decides, even when the page names another
      // ("Kursk" on a page about the disaster that also names the Kursk region).
      const forTopic = topic ? item.candidates.filter((candidate) => topicsOf(spotter.entityCues(candidate.index)?.support ?? []).includes(topic as PageTopic)) : [];
      if (forTopic.length > 0) {
        decide(item, bestCandidate(forTopic), 'page-topic');
        continue;
      }
      // 4. Named on the page, every decision agreeing.
      if (deciders.some((decider) => decider.decider === 'form')) {
        const senses = new Set(deciders.map((decider) => senseFor(item, decider)));
        if (senses.size === 1) {
          decide(item, [...senses][0], 'named-on-page');
          continue;
        }
      }
      // 5. The page's topic, against senses (the senses it speaks for were taken above).
      if (topic) {
        const kept = item.candidates.filter((candidate) => !topicsOf(spotter.entityCues(candidate.index)?.against ?? []).includes(topic));
        const removed = kept.length < item.candidates.length;
        item.candidates = kept;
        if (kept.length === 0) {
          decide(item, undefined, 'page-topic');
          continue;
        }
        if (removed && deciders.length === 0) {
          decide(item, keepByConfidence(kept, page, finalScore), 'page-topic');
          continue;
        }
      }
      // 6. One sense per page: the nearest decision.
      if (deciders.length > 0) {
        const nearest = nearestDecider(item, deciders);
        const sense = senseFor(item, nearest);
        decide(item, sense && item.candidates.includes(sense) ? sense : undefined, 'one-sense');
        continue;
      }
    }
    // 7. Confidence.
    decide(item, keepByConfidence(item.candidates, page, finalScore), 'confidence');
  }

  const generalNames = (topic === undefined || !topicHidesGeneralNames(topic)) && marksGeneralNames({ ...page, warNames: finalNames });
  const mentions: Mention[][] = pieces.map(() => []);
  const decisions: SenseDecision[][] = pieces.map(() => []);
  for (const item of items) {
    let sense = item.sense;
    if (sense && !generalNames && spotter.entityById(sense.entity.id)?.scope === 'general') {
      sense = undefined;
      item.rule = 'general-name';
    }
    const { start, end } = item.match;
    (decisions[item.piece] as SenseDecision[]).push({ start, end, ...(sense ? { entity: sense.entity.id } : {}), rule: item.rule });
    if (!sense) continue;
    const confidence = Math.max(MIN_CONFIDENCE, Math.min(1, item.rule === 'confidence' ? adjusted(sense, page, finalScore) : sense.score.confidence));
    const from = withGivenName(spotter, item.text, start, end, sense);
    (mentions[item.piece] as Mention[]).push({ start: from, end, text: item.text.slice(from, end), entity: sense.entity, confidence });
  }
  return { mentions, decisions, ...(topic ? { topic } : {}), generalNames, warNames: finalNames };
}

/**
 * Spot one text as a whole page, the way the content script judges a page: pass 1, the page
 * context, pass 2, then the page step. `lang` is the page's language when known.
 */
export function spotPage(spotter: Spotter, text: string, lang?: string | null): Mention[] {
  const matches = spotter.findMatches(text);
  const page = spotter.pageContext([{ text, matches }], { lang: lang ?? null });
  return decidePage(spotter, [judgePiece(spotter, text, matches, page)], page).mentions[0] as Mention[];
}

/**
 * Spot the pieces of one page (the passages of an article) as one page: the page context and the
 * page step over all of them, the mentions per piece, in the order given. What a stored excerpt is
 * tagged with (core/tagger.ts), so that its tags are the marks the page gets.
 */
export function spotPieces(spotter: Spotter, texts: readonly string[], lang?: string | null): Mention[][] {
  const found = texts.map((text) => ({ text, matches: spotter.findMatches(text) }));
  const page = spotter.pageContext(found, { lang: lang ?? null });
  return decidePage(spotter, found.map((piece) => judgePiece(spotter, piece.text, piece.matches, page)), page).mentions;
}

function decide(item: Item, sense: Candidate | undefined, rule: PageRule): void {
  item.decided = true;
  item.sense = sense;
  item.rule = rule;
}

function dropPlaces(item: Item): void {
  dropKinds(item, (candidate) => candidate.entity.kind !== 'place', 'team-name');
}

/** Keep only the candidates `keep` allows; with none left the mention is not marked (`rule`). */
function dropKinds(item: Item, keep: (candidate: Candidate) => boolean, rule: PageRule): void {
  item.candidates = item.candidates.filter(keep);
  if (item.candidates.length === 0) {
    decide(item, undefined, rule);
    item.decider = undefined;
  } else if (item.sense && !item.candidates.includes(item.sense)) {
    item.decided = false;
    item.sense = undefined;
    item.decider = undefined;
  }
}

/** The entities a match can be, as one key (the same name in another case has the same key). */
function entityKey(item: Item): string {
  return item.entities.length === 1 ? String(item.entities[0]) : [...item.entities].sort((a, b) => a - b).join(',');
}

/** Distinct war names (not general) among the page's decisions (rules 2 and 3). */
function warNamesOf(spotter: Spotter, items: readonly Item[]): number {
  return warNameSet(spotter, items).size;
}

/** The entity indices of the war names (not general) among the page's decisions (rules 2 and 3). */
function warNameSet(spotter: Spotter, items: readonly Item[]): Set<number> {
  const names = new Set<number>();
  for (const item of items) {
    if (item.decider && item.sense && spotter.entities[item.sense.index]?.scope !== 'general') names.add(item.sense.index);
  }
  return names;
}

/**
 * The decisions about the entities of `item`, in page order. A name decided in quotation marks (the
 * “Moscow”, the pride of the fleet; «Курска») decides only names in quotes: "Moscow" unquoted on the
 * same page is still the city. A decision for an entity this mention cannot be says nothing about
 * it («на Азові», the sea, is no decision about a bare "Азов").
 */
function relevantDeciders(item: Item, byEntity: ReadonlyMap<number, Item[]>): Item[] {
  const found = new Set<Item>();
  for (const entity of item.entities) {
    for (const decider of byEntity.get(entity) ?? []) {
      if (decider === item || (decider.quoted && !item.quoted)) continue;
      if (decider.sense && !item.entities.includes(decider.sense.index)) continue;
      found.add(decider);
    }
  }
  return [...found].sort((a, b) => a.order - b.order);
}

/** What a decision about other mentions means for this one: the same entity's candidate, or nothing. */
function senseFor(item: Item, decider: Item): Candidate | undefined {
  const entity = decider.sense?.index;
  return entity === undefined ? undefined : item.match.candidates.find((candidate) => candidate.index === entity);
}

function nearestDecider(item: Item, deciders: readonly Item[]): Item {
  let before: Item | undefined;
  for (const decider of deciders) {
    if (decider.order < item.order) before = decider;
    else return before ?? decider;
  }
  return before as Item;
}

/** The pass-2 score with the page's war score counted again (rule 7). */
function adjusted(candidate: Candidate, page: PageContext, finalScore: number): number {
  if (candidate.base >= AMBIGUOUS_BELOW) return candidate.score.score;
  return candidate.score.score + PAGE_WEIGHT * (finalScore - page.warScore);
}

function keepByConfidence(candidates: readonly Candidate[], page: PageContext, finalScore: number): Candidate | undefined {
  let best: Candidate | undefined;
  let bestScore = -Infinity;
  for (const candidate of candidates) {
    const score = adjusted(candidate, page, finalScore);
    if (!best || score > bestScore || (score === bestScore && better(candidate, best))) {
      best = candidate;
      bestScore = score;
    }
  }
  return best && Math.round(bestScore * 1000) / 1000 >= MIN_CONFIDENCE ? best : undefined;
}

const givenNames = new WeakMap<object, ReadonlySet<number>>();

/** Start of the mention, moved back over the person's given name in another spelling ("Sergej Lawrow"). */
function withGivenName(spotter: Spotter, text: string, start: number, end: number, sense: Candidate): number {
  if (sense.entity.kind !== 'person' || /\s/u.test(text.slice(start, end))) return start;
  const entity = spotter.entities[sense.index];
  if (!entity) return start;
  let names = givenNames.get(entity);
  if (!names) givenNames.set(entity, names = givenNamesOf(entity.name));
  if (names.size === 0) return start;
  const before = /(?:^|[^\p{L}\p{M}'’-])(\p{Lu}[\p{L}\p{M}'’-]*)[ \u00a0]$/u.exec(text.slice(Math.max(0, start - 40), start));
  const word = before?.[1];
  if (!word || !isGivenName(word, names)) return start;
  return start - word.length - 1;
}
