/**
 * Dated events of the war that a text may report. They help date a text that gives only a month
 * and a day ("March 29": which year?) or no date at all: a text is no older than the latest event
 * it reports as news. Each pattern is written to match a report of the event, not a passing word.
 */

export interface WarEvent {
  id: string;
  /** ISO day the event happened (or was announced). */
  date: string;
  label: string;
  patterns: RegExp[];
}

export const WAR_EVENTS: readonly WarEvent[] = [
  {
    id: 'full-scale-invasion',
    date: '2022-02-24',
    label: 'Russia’s full-scale invasion of Ukraine',
    patterns: [/\bFebruary 24,? (invasion|2022)\b/iu, /\bfull-scale invasion\b/iu, /\binvasion began\b/iu],
  },
  {
    id: 'kyiv-withdrawal',
    date: '2022-03-29',
    label: 'Russia announces it will “drastically reduce” activity around Kyiv and Chernihiv',
    patterns: [/\bwithdraw\w*\b[^.]{0,40}\b(from|around) (Kyiv|Kiev)\b/iu, /\bfailure to take (Kyiv|Kiev)\b/iu],
  },
  {
    id: 'moskva-sinking',
    date: '2022-04-14',
    label: 'The cruiser Moskva, flagship of the Black Sea Fleet, sinks',
    patterns: [/\blost the [“"«]?(Moscow|Moskva)[”"»]?/iu, /\b(sinking|sank|sunk)\b[^.]{0,30}\bMoskva\b/iu],
  },
  {
    id: 'snake-island',
    date: '2022-06-30',
    label: 'Russian forces leave Snake Island',
    patterns: [/\b(left|leave|withdr[ae]w from|retreat(ed)? from) Snake Island\b/iu],
  },
  {
    id: 'kharkiv-counteroffensive',
    date: '2022-09-11',
    label: 'Russian forces withdraw from most of Kharkiv oblast',
    patterns: [/\bwithdraw\w*\b[^.]{0,60}\bKharkiv region\b/iu, /\bKharkiv counter-?offensive\b/iu],
  },
  {
    id: 'annexation',
    date: '2022-09-30',
    label: 'Russia claims to annex four Ukrainian regions',
    patterns: [/\bfour Ukrainian regions annexed\b/iu, /\bannex\w* (of )?four\b/iu],
  },
  {
    id: 'crimean-bridge-attack',
    date: '2022-10-08',
    label: 'An explosion damages the Crimean (Kerch) Bridge',
    patterns: [/\battacked\b[^.]{0,60}\bbridge to (the )?Crimea\b/iu, /\bCrimean Bridge (explosion|attack)\b/iu],
  },
  {
    id: 'kherson-withdrawal',
    date: '2022-11-09',
    label: 'Russia orders its troops to withdraw from Kherson',
    patterns: [
      /\b(withdraw\w*|retreat|departure) (of Russian troops |of Russian forces )?from Kherson\b/iu,
      /\bKherson withdrawal\b/iu,
      /\bwithdrawal of Russian troops from Kherson\b/iu,
    ],
  },
  {
    id: 'kursk-incursion',
    date: '2024-08-06',
    label: 'Ukraine launches its offensive into Russia’s Kursk region',
    patterns: [/\bin August, when the Ukrainian army launched an offensive in the Kursk region\b/iu, /\bKursk incursion\b/iu],
  },
];

/** Events a text reports, oldest first. */
export function eventsReportedIn(text: string): WarEvent[] {
  return WAR_EVENTS.filter((event) => event.patterns.some((pattern) => pattern.test(text)))
    .sort((a, b) => a.date.localeCompare(b.date));
}
