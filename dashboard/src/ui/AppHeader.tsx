import { useSignedIn } from '../access/PrincipalContext';
import { useNow } from '../clock/useNow';
import { readVietnamClock } from '../format/vietnamTime';
import { useI18n } from '../i18n/I18nContext';
import { LANGUAGE_LABEL_KEYS, LANGUAGES, WEEKDAY_KEYS, type MessageKey } from '../i18n/messages';
import type { ConnectionState } from '../live/scopeState';
import { adminRoute, hrefOf, isAdminScreen, type Route, type ScreenName } from '../router/routes';
import { navigateTo, useDisplay } from '../router/useAppLocation';
import styles from './AppHeader.module.css';
import { connectionLook } from './connectionLook';
import { RouteLink } from './RouteLink';

/** The screens the header switches between; a unit is reached from them. */
const NAV: { screen: ScreenName; route: Route; label: MessageKey }[] = [
  { screen: 'operations', route: { screen: 'operations' }, label: 'nav.operations' },
  { screen: 'map', route: { screen: 'map', figure: 'overdue-share', area: null }, label: 'nav.map' },
  { screen: 'ranking', route: { screen: 'ranking', period: null, page: 1 }, label: 'nav.ranking' },
];

/** Administration, for admins only: its entry is current on every administration screen. */
const ADMIN_NAV = { route: adminRoute('admin-users'), label: 'nav.admin' } as const satisfies {
  route: Route;
  label: MessageKey;
};

/** Meeting reports, for people signed in (a wall display has no meeting to prepare). */
const REPORTS_NAV = { route: { screen: 'report', query: {} }, label: 'nav.reports' } as const satisfies {
  route: Route;
  label: MessageKey;
};

const REPORT_SCREENS: ReadonlySet<ScreenName> = new Set(['report', 'report-snapshots', 'report-snapshot']);

/** The clock, ticking on its own: the rest of the header does not re-render every second. */
function Clock() {
  const { t } = useI18n();
  const now = useNow(CLOCK_TICK_MS);
  const reading = readVietnamClock(now);
  return (
    <div className={styles.clock}>
      <time className={styles.time} dateTime={new Date(now).toISOString()}>
        {reading.time}
      </time>
      <span className={styles.date}>
        {t(WEEKDAY_KEYS[reading.weekday])}, {reading.date} · {t('clock.zone')}
      </span>
    </div>
  );
}

const CLOCK_TICK_MS = 1000;

export interface AppHeaderProps {
  connection: ConnectionState;
  route: Route;
}

/** Title, connection state and clock; the screen and language switches unless in kiosk mode. */
export function AppHeader({ connection, route }: AppHeaderProps) {
  const { t, language } = useI18n();
  const display = useDisplay();
  const { principal, signOut } = useSignedIn();
  const look = connectionLook[connection];
  return (
    <header className={styles.bar}>
      <h1 className={styles.title}>{t('app.title')}</h1>
      {!display.kiosk && (
        <nav className={styles.group} aria-label={t('nav.label')} data-testid="screen-nav">
          {NAV.map((item) => (
            <RouteLink
              key={item.screen}
              route={item.route}
              className={styles.toggle}
              testId={`nav-${item.screen}`}
              aria-current={route.screen === item.screen ? 'page' : undefined}
            >
              {t(item.label)}
            </RouteLink>
          ))}
          {principal.kind === 'user' && (
            <RouteLink
              route={REPORTS_NAV.route}
              className={styles.toggle}
              testId="nav-reports"
              aria-current={REPORT_SCREENS.has(route.screen) ? 'page' : undefined}
            >
              {t(REPORTS_NAV.label)}
            </RouteLink>
          )}
          {principal.kind === 'user' && principal.role === 'admin' && (
            <RouteLink
              route={ADMIN_NAV.route}
              className={styles.toggle}
              testId="nav-admin"
              aria-current={isAdminScreen(route.screen) ? 'page' : undefined}
            >
              {t(ADMIN_NAV.label)}
            </RouteLink>
          )}
        </nav>
      )}
      <div
        className={styles.pill}
        style={{ color: look.color }}
        role="status"
        aria-live="polite"
        data-testid="connection-state"
        data-state={connection}
      >
        <span className={styles.dot} />
        {t(look.label)}
      </div>
      <Clock />
      {!display.kiosk && (
        <div className={styles.group} role="group" aria-label={t('language.label')}>
          {LANGUAGES.map((option) => (
            <button
              key={option}
              type="button"
              className={styles.toggle}
              aria-pressed={option === language}
              data-testid={`language-${option}`}
              onClick={() => navigateTo(hrefOf(route, { ...display, language: option }), { replace: true })}
            >
              {t(LANGUAGE_LABEL_KEYS[option])}
            </button>
          ))}
        </div>
      )}
      {!display.kiosk && principal.kind === 'user' && (
        <div className={styles.person} data-testid="signed-in-as">
          <span className={styles.personName}>
            {principal.user.displayName}
            <span className={styles.personRole}>{t(`role.${principal.role}`)}</span>
          </span>
          <button type="button" className={styles.toggle} onClick={signOut} data-testid="sign-out">
            {t('access.signOut')}
          </button>
        </div>
      )}
    </header>
  );
}
