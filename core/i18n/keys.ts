/**
 * Every message key, typed from the English catalogs (locales/en/<area>.json): `t('popup.addPage')`
 * is checked by the compiler, a misspelt key is a type error. Type-only: nothing is imported at run time.
 */
type En = typeof import('../../locales/en/common.json') &
  typeof import('../../locales/en/popup.json') &
  typeof import('../../locales/en/options.json') &
  typeof import('../../locales/en/welcome.json') &
  typeof import('../../locales/en/background.json') &
  typeof import('../../locales/en/errors.json') &
  typeof import('../../locales/en/card.json') &
  typeof import('../../locales/en/room.json');

export type MessageKey = Extract<keyof En, string>;

/** The catalog areas: one file per language each, owned by whoever writes that part of the interface. */
export const AREAS = ['common', 'popup', 'options', 'welcome', 'background', 'errors', 'card', 'room'] as const;
export type Area = (typeof AREAS)[number];
