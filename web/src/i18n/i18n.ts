import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, zh } from './messages.ts';

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('anju.lang');

void i18next.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: stored === 'en' ? 'en' : 'zh',
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
});

// The page says which language it is in from the start (index.html says zh-CN): a screen reader
// reads an English page as English after a reload too, not only after the switch is pressed.
if (typeof document !== 'undefined' && stored === 'en') document.documentElement.lang = 'en';

export function switchLanguage() {
  const next = i18next.language === 'zh' ? 'en' : 'zh';
  localStorage.setItem('anju.lang', next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  void i18next.changeLanguage(next);
}

export default i18next;
