/** The languages a tracked name's forms are generated for (core/inflect), with their names. */
export const NAME_LANGS = ['en', 'de', 'uk', 'ru'] as const;
export type NameLang = (typeof NAME_LANGS)[number];

export const NAME_LANG_LABELS: Record<NameLang, string> = { en: 'English', de: 'German', uk: 'Ukrainian', ru: 'Russian' };
