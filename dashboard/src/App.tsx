import { unitsSchema } from '@ioc/shared';
import { lazy, Suspense, useMemo, type CSSProperties } from 'react';
import styles from './App.module.css';
import { useResource } from './api/useResource';
import { useI18n } from './i18n/I18nContext';
import { Rotation } from './kiosk/Rotation';
import { useConnectionState } from './live/useConnectionState';
import { canSeeDossiers } from './access/capabilities';
import { useSignedIn } from './access/PrincipalContext';
import { isAdminScreen } from './router/routes';
import { useAppLocation } from './router/useAppLocation';
import { NotAllowed } from './screens/admin/NotAllowed';
import { OperationsScreen } from './screens/operations/OperationsScreen';
import { AppHeader } from './ui/AppHeader';
import { ConnectionBanner } from './ui/ConnectionBanner';
import { connectionLook } from './ui/connectionLook';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { StatusView } from './ui/StatusView';
import { unitDirectoryOf, UnitsContext } from './units/UnitsContext';

// Screens other than the first are loaded when first shown: the wall's first screen stays small.
const MapScreen = lazy(() => import('./screens/map/MapScreen'));
const RankingScreen = lazy(() => import('./screens/ranking/RankingScreen'));
const UnitScreen = lazy(() => import('./screens/unit/UnitScreen'));
const DossiersScreen = lazy(() => import('./screens/dossiers/DossiersScreen'));
const DossierScreen = lazy(() => import('./screens/dossier/DossierScreen'));
const ProcessingTimesScreen = lazy(() => import('./screens/processing-times/ProcessingTimesScreen'));
const LostPointsScreen = lazy(() => import('./screens/lost-points/LostPointsScreen'));
const ReportScreen = lazy(() => import('./screens/report/ReportScreen'));
const SnapshotsScreen = lazy(() => import('./screens/report/SnapshotsScreen'));
const SnapshotScreen = lazy(() => import('./screens/report/SnapshotScreen'));
const PresentScreen = lazy(() => import('./screens/report/PresentScreen'));
const UsersScreen = lazy(() => import('./screens/admin/users/UsersScreen'));
const DisplaysScreen = lazy(() => import('./screens/admin/displays/DisplaysScreen'));
const KeysScreen = lazy(() => import('./screens/admin/keys/KeysScreen'));
const AuditScreen = lazy(() => import('./screens/admin/audit/AuditScreen'));

export function App() {
  const { route, display } = useAppLocation();
  const { t } = useI18n();
  const { principal } = useSignedIn();
  const units = useResource('/api/v1/units', unitsSchema);
  const directory = useMemo(() => unitDirectoryOf(units.data ?? []), [units.data]);
  const connection = useConnectionState();
  const look = connectionLook[connection.state];

  // Administration shows no live figures: its forms stay usable while the live connection is down.
  const admin = isAdminScreen(route.screen);
  const reports = route.screen.startsWith('report');
  // Desks (lists, reports) are read at a desk, not watched: the live connection's state does not grey them.
  const dossiers =
    route.screen === 'dossiers' ||
    route.screen === 'dossier' ||
    route.screen === 'lost-points' ||
    route.screen === 'processing-times' ||
    reports;
  // The projector shows the report alone.
  const bare = route.screen === 'report-present';
  // A frozen snapshot needs no live connection: the projector is not framed in alarm when the room goes offline.
  const alerting = connection.everConnected && look.banner !== null && !bare;
  // Checked here, before a screen is loaded: anyone else gets a clear refusal, not a broken screen.
  const adminAllowed = principal.kind === 'user' && principal.role === 'admin';
  const frame = { '--frame-color': look.color } as CSSProperties;

  return (
    <UnitsContext.Provider value={directory}>
      <div
        className={[styles.app, alerting ? styles.alerting : '', display.kiosk ? styles.kiosk : ''].join(' ')}
        style={frame}
        data-kiosk={display.kiosk}
        data-screen={route.screen}
      >
        {display.rotateSeconds !== null && units.data !== null && (
          <Rotation route={route} seconds={display.rotateSeconds} />
        )}
        {!bare && <AppHeader connection={connection.state} route={route} />}
        {!bare && connection.everConnected && (
          <ConnectionBanner connection={connection.state} lastMessageAt={connection.lastMessageAt} />
        )}
        <div
          className={`${styles.screen} ${alerting && !admin && !dossiers ? styles.notLive : ''}`}
          data-live={!alerting}
        >
          {units.status === 'loading' ? (
            <StatusView
              headline={t('status.connecting')}
              detail={t('status.connectingDetail')}
              testId="connecting-view"
            />
          ) : units.data === null ? (
            <StatusView
              error
              headline={t('status.unitsError')}
              detail={units.error ?? undefined}
              onRetry={units.retry}
              testId="units-error-view"
            />
          ) : (
            <ErrorBoundary
              key={route.screen}
              fallback={(message) => (
                <StatusView error headline={t('panel.broken')} detail={message} testId="screen-error" />
              )}
            >
              <Suspense fallback={<StatusView headline={t('panel.loading')} />}>
                {route.screen === 'operations' && <OperationsScreen />}
                {route.screen === 'map' && <MapScreen figure={route.figure} area={route.area} />}
                {route.screen === 'ranking' && <RankingScreen period={route.period} page={route.page} />}
                {route.screen === 'unit' && <UnitScreen unitCode={route.unitCode} />}
                {dossiers && !reports && !canSeeDossiers(principal) && (
                  <StatusView headline={t('panel.notInScope')} testId="dossiers-not-in-scope" />
                )}
                {canSeeDossiers(principal) && route.screen === 'dossiers' && (
                  <DossiersScreen filter={route.filter} />
                )}
                {reports && !canSeeDossiers(principal) && (
                  <StatusView headline={t('panel.notInScope')} testId="reports-not-in-scope" />
                )}
                {canSeeDossiers(principal) && route.screen === 'report' && (
                  <ReportScreen query={route.query} />
                )}
                {canSeeDossiers(principal) && route.screen === 'report-snapshots' && <SnapshotsScreen />}
                {canSeeDossiers(principal) && route.screen === 'report-snapshot' && (
                  <SnapshotScreen id={route.id} />
                )}
                {canSeeDossiers(principal) && route.screen === 'report-present' && (
                  <PresentScreen id={route.id} page={route.page} />
                )}
                {canSeeDossiers(principal) && route.screen === 'lost-points' && (
                  <LostPointsScreen
                    unitCode={route.unitCode}
                    indicator={route.indicator}
                    period={route.period}
                    page={route.page}
                  />
                )}
                {canSeeDossiers(principal) && route.screen === 'processing-times' && (
                  <ProcessingTimesScreen query={route.query} />
                )}
                {canSeeDossiers(principal) && route.screen === 'dossier' && (
                  <DossierScreen unitCode={route.unitCode} code={route.code} />
                )}
                {admin && !adminAllowed && <NotAllowed />}
                {adminAllowed && route.screen === 'admin-users' && <UsersScreen />}
                {adminAllowed && route.screen === 'admin-displays' && <DisplaysScreen />}
                {adminAllowed && route.screen === 'admin-keys' && <KeysScreen />}
                {adminAllowed && route.screen === 'admin-audit' && <AuditScreen filter={route.filter} />}
                {route.screen === 'not-found' && (
                  <StatusView error headline={t('status.notFound')} detail={route.path} testId="not-found" />
                )}
              </Suspense>
            </ErrorBoundary>
          )}
        </div>
      </div>
    </UnitsContext.Provider>
  );
}
