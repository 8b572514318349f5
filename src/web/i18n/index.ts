import 'dayjs/locale/vi';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLocale } from '../api.ts';
import { en } from './en.ts';
import { vi } from './vi.ts';

dayjs.extend(customParseFormat);

export type Locale = 'vi' | 'en';
const STORAGE_KEY = 'phoihop.locale';

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** Switches the interface language (and the language of server messages). */
export function applyLocale(locale: Locale, persist = true) {
  if (persist) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }
  setApiLocale(locale);
  dayjs.locale(locale === 'vi' ? 'vi' : 'en');
  document.documentElement.lang = locale;
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
}

const initial = storedLocale();
void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  // "unit.create" style keys under audit.actions contain dots
  keySeparator: '.',
  returnNull: false,
});
applyLocale(initial, false);

export { i18n };
