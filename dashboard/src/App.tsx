import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useUnits } from './api/useUnits';
import { useNow } from './clock/useNow';
import { I18nContext } from './i18n/I18nContext';
import { createTranslator, DEFAULT_LANGUAGE, type Language } from './i18n/messages';
import { deriveConnectionState } from './live/liveState';
import { provinceFiguresOf, unitMetricsOf } from './live/unitMetrics';
import { useLiveMetrics } from './live/useLiveMetrics';
import { theme } from './theme';
import { ConnectionBanner } from './wall/ConnectionBanner';
import { connectionLook } from './wall/connectionLook';
import { ConnectingView, UnitsErrorView } from './wall/StatusView';
import { Wall } from './wall/Wall';
import { WallHeader, type WallView } from './wall/WallHeader';
import { RankingView } from './panels/ranking/RankingView';

const CLOCK_TICK_MS = 1000;

const page = (alertColor: string | null): CSSProperties => ({
  height: '100%',
  display: 'flex',
  flexDirection: 'column',
  overflow: 'hidden',
  background: theme.color.background,
  color: theme.color.text,
  fontFamily: theme.font.family,
  // A frame round the whole screen, visible from anywhere in the room, while figures are not live.
  boxShadow: alertColor === null ? 'none' : `inset 0 0 0 ${theme.size.wallAlertBorderWidth}px ${alertColor}`,
});

export function App() {
  const [language, setLanguage] = useState<Language>(DEFAULT_LANGUAGE);
  const [view, setView] = useState<WallView>('operations');
  const i18n = useMemo(() => ({ language, t: createTranslator(language) }), [language]);
  const { units, retry } = useUnits();
  const live = useLiveMetrics();
  const now = useNow(CLOCK_TICK_MS);
  const connection = deriveConnectionState(live, now);
  const look = connectionLook[connection];
  const metrics = useMemo(() => unitMetricsOf(live.scope.entries), [live.scope.entries]);
  const province = useMemo(() => provinceFiguresOf(live.scope.entries), [live.scope.entries]);
  const showsFigures = units.status === 'ready' && live.hasSnapshot && province !== null;

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = i18n.t('app.title');
  }, [language, i18n]);

  return (
    <I18nContext.Provider value={i18n}>
      <div style={page(showsFigures && look.banner !== null ? look.color : null)}>
        <WallHeader
          now={now}
          connection={connection}
          view={view}
          onViewChange={setView}
          onLanguageChange={setLanguage}
        />
        {showsFigures && (
          <ConnectionBanner connection={connection} lastMessageAt={live.lastMessageAt} now={now} />
        )}
        {units.status === 'error' ? (
          <UnitsErrorView detail={units.detail} onRetry={retry} />
        ) : view === 'ranking' ? (
          <RankingView ranking={live.ranking?.ranking ?? null} />
        ) : showsFigures ? (
          <Wall units={units.units} province={province} metrics={metrics} live={connection === 'live'} />
        ) : (
          <ConnectingView />
        )}
      </div>
    </I18nContext.Provider>
  );
}
