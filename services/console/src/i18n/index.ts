import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import ko from './ko.json';

export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'provision-console.language';

function initialLanguage(): Language {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'ko';
}

// ICU MessageFormat (i18next-icu): plurals and selects live in the catalogs, e.g.
// "{count, plural, other {# subjects}}", so no screen assembles a sentence from pieces.
/** Resolves once the catalogs are loaded; render after it. */
export const i18nReady = i18next
  .use(ICU)
  .use(initReactI18next)
  .init({
    resources: { ko: { translation: ko }, en: { translation: en } },
    lng: initialLanguage(),
    fallbackLng: 'ko',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  .then(() => {
    document.documentElement.lang = i18next.language;
  });

/** Switches the language everywhere and remembers it in this browser. */
export async function changeLanguage(language: Language): Promise<void> {
  window.localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

export { i18next };
