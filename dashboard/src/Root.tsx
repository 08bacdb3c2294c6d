import { useEffect, useMemo } from 'react';
import { App } from './App';
import { AccessGate } from './access/AccessGate';
import { I18nContext } from './i18n/I18nContext';
import { createTranslator } from './i18n/messages';
import { DisplayContext, useAppLocation } from './router/useAppLocation';

/** What holds for every screen, signed in or not: the language and display settings of the URL. */
export function Root() {
  const { display } = useAppLocation();
  const i18n = useMemo(
    () => ({ language: display.language, t: createTranslator(display.language) }),
    [display.language],
  );

  useEffect(() => {
    document.documentElement.lang = display.language;
    document.title = i18n.t('app.title');
  }, [display.language, i18n]);

  return (
    <I18nContext.Provider value={i18n}>
      <DisplayContext.Provider value={display}>
        <AccessGate>
          <App />
        </AccessGate>
      </DisplayContext.Provider>
    </I18nContext.Provider>
  );
}
