import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zh } from './messages.ts';

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('anju.lang');

// Only Chinese is in the entry: English (messages.en.ts) is fetched when chosen, by `loadEnglish`.
void i18next.use(initReactI18next).init({
  resources: { zh: { translation: zh } },
  lng: 'zh',
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
});

/** The one loader of the English strings: fetched once, then added to i18next. */
let english: Promise<void> | undefined;
function loadEnglish(): Promise<void> {
  english ??= import('./messages.en.ts').then(
    ({ en }) => {
      i18next.addResourceBundle('en', 'translation', en);
    },
    (error: unknown) => {
      english = undefined; // offline before the chunk was ever fetched: the next try asks again
      throw error;
    },
  );
  return english;
}

function show(language: 'zh' | 'en') {
  // The page says which language it is in (index.html says zh-CN): a screen reader reads an English
  // page as English after a reload too, not only after the switch is pressed.
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  return i18next.changeLanguage(language);
}

/**
 * Settled when the stored language can be shown; main.tsx renders after it. English stored but its
 * chunk unreachable (no signal, never fetched): the page shows in Chinese rather than not at all.
 */
export const languageReady: Promise<unknown> =
  stored === 'en'
    ? loadEnglish()
        .then(() => show('en'))
        .catch(() => undefined)
    : Promise.resolve();

/** 中文 ⇄ English; English's strings are fetched first, so no key shows untranslated. */
export function switchLanguage(): void {
  const next = i18next.language === 'zh' ? 'en' : 'zh';
  void (next === 'en' ? loadEnglish() : Promise.resolve()).then(
    () => {
      localStorage.setItem('anju.lang', next);
      return show(next);
    },
    () => undefined, // not reachable (no signal): the page stays in Chinese, the button can be pressed again
  );
}

export default i18next;
