import { createContext, useContext } from 'react';
import { createTranslator, DEFAULT_LANGUAGE, type Language, type Translate } from './messages';

export interface I18n {
  language: Language;
  t: Translate;
}

export const I18nContext = createContext<I18n>({
  language: DEFAULT_LANGUAGE,
  t: createTranslator(DEFAULT_LANGUAGE),
});

export function useI18n(): I18n {
  return useContext(I18nContext);
}
