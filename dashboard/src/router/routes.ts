import { AUDIT_ACTIONS, type AuditAction } from '@ioc/shared';
import { LANGUAGES, DEFAULT_LANGUAGE, type Language } from '../i18n/messages';
import { formerProvinceBySlug, type FormerProvinceSlug } from '../units/formerProvinces';

/** What the map colours its units by; the first is the default. */
export const MAP_FIGURES = [
  'overdue-share',
  'overdue',
  'backlog',
  'received-today',
  'on-time-30d',
  'rating-30d',
] as const;
export type MapFigure = (typeof MAP_FIGURES)[number];

/**
 * The filter of a dossier list as the URL carries it (the API's own parameters: `unit`,
 * `formerProvince`, `field`, `procedure`, `channel`, `status`, `received`, `resolved`, `code`,
 * and the order `sort`), passed through as written: the server checks them and names a bad one.
 */
export const DOSSIER_LIST_PARAMS = [
  'unit',
  'formerProvince',
  'field',
  'procedure',
  'channel',
  'status',
  'received',
  'resolved',
  'code',
  'sort',
] as const;
export type DossierListParam = (typeof DOSSIER_LIST_PARAMS)[number];
export type DossierListFilter = Partial<Record<DossierListParam, string>>;

/** A meeting report's query as the URL carries it (the API's own: `period`, `date`, `from`, `to`, `formerProvince`, `field`). */
export const REPORT_PARAMS = ['period', 'date', 'from', 'to', 'formerProvince', 'field'] as const;
export type ReportParam = (typeof REPORT_PARAMS)[number];
export type ReportUrlQuery = Partial<Record<ReportParam, string>>;

/**
 * A processing-times query as the URL carries it (the API's own: `unit`, `formerProvince`,
 * `field`, `procedure`, `channel`, `period`, `groupBy`), passed through as written.
 */
export const PROCESSING_TIME_PARAMS = [
  'unit',
  'formerProvince',
  'field',
  'procedure',
  'channel',
  'period',
  'groupBy',
] as const;
export type ProcessingTimeParam = (typeof PROCESSING_TIME_PARAMS)[number];
export type ProcessingTimesUrlQuery = Partial<Record<ProcessingTimeParam, string>>;

export const AUDIT_OUTCOMES = ['success', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * What the audit list shows: its filters and, once paged, the `next` of the page before
 * (`before`), so that a link to an older page shows that page. Dates are Vietnam days
 * (`2026-11-05`), both included.
 */
export interface AuditFilter {
  action: AuditAction | null;
  outcome: AuditOutcome | null;
  from: string | null;
  to: string | null;
  before: string | null;
}

export const NO_AUDIT_FILTER: AuditFilter = {
  action: null,
  outcome: null,
  from: null,
  to: null,
  before: null,
};

/**
 * Every screen and what it shows, all of it in the URL, so a link, a bookmark or a wall's start
 * page shows exactly that: `/`, `/map?figure=backlog&area=dak-nong`, `/ranking?period=2026-11&page=2`,
 * `/units/24781`, `/units/24781/lost-points?indicator=on-time&period=2026-10`, `/admin/users`, `/admin/audit?action=auth.sign-in&outcome=failure&from=2026-11-01`.
 */
export type Route =
  | { screen: 'operations' }
  | { screen: 'map'; figure: MapFigure; area: FormerProvinceSlug | null }
  | { screen: 'ranking'; period: string | null; page: number }
  | { screen: 'unit'; unitCode: string }
  /** A unit's points lost in a period (`period` a label: `2026-10`, `2026-01-01..2026-10-15`); no indicator: the costliest. */
  | { screen: 'lost-points'; unitCode: string; indicator: string | null; period: string; page: number }
  | { screen: 'dossiers'; filter: DossierListFilter }
  | { screen: 'report'; query: ReportUrlQuery }
  | { screen: 'report-snapshots' }
  | { screen: 'report-snapshot'; id: string }
  | { screen: 'report-present'; id: string; page: number }
  | { screen: 'dossier'; unitCode: string; code: string }
  | { screen: 'processing-times'; query: ProcessingTimesUrlQuery }
  | { screen: 'admin-users' }
  | { screen: 'admin-displays' }
  | { screen: 'admin-keys' }
  | { screen: 'admin-audit'; filter: AuditFilter }
  | { screen: 'not-found'; path: string };

export type ScreenName = Route['screen'];

/** The administration screens (admins only), in the order of their tabs. */
export const ADMIN_SCREENS = ['admin-users', 'admin-displays', 'admin-keys', 'admin-audit'] as const;
export type AdminScreenName = (typeof ADMIN_SCREENS)[number];

export function isAdminScreen(screen: ScreenName): screen is AdminScreenName {
  return (ADMIN_SCREENS as readonly string[]).includes(screen);
}

const ADMIN_PATHS: Record<AdminScreenName, string> = {
  'admin-users': '/admin/users',
  'admin-displays': '/admin/displays',
  'admin-keys': '/admin/keys',
  'admin-audit': '/admin/audit',
};

/** The first screen of an administration section, without filters. */
export function adminRoute(screen: AdminScreenName): Route {
  return screen === 'admin-audit' ? { screen, filter: NO_AUDIT_FILTER } : { screen };
}

/** How the app is shown, whatever the screen: kiosk (no controls), rotation, language. */
export interface Display {
  kiosk: boolean;
  /** Seconds per step of the rotation; null: no rotation. */
  rotateSeconds: number | null;
  language: Language;
}

export interface AppLocation {
  route: Route;
  display: Display;
}

/** `2026-11` (month), `2026-Q4`, `2026`, `2026-W43`, `2026-11-05`: what the ranking API takes as `date`. */
const PERIOD_LABEL = /^(\d{4})(-(0[1-9]|1[0-2])(-\d{2})?|-Q[1-4]|-W(0[1-9]|[1-4]\d|5[0-3]))?$/;
/** An indicator of the service index by its id (`on-time`, `online-filing`). */
const INDICATOR_ID = /^[a-z][a-z0-9-]{0,63}$/;
/** A real calendar day `yyyy-mm-dd` (not 2026-02-31). */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
export const MIN_ROTATE_SECONDS = 5;
export const MAX_ROTATE_SECONDS = 3600;

function calendarDay(value: string | null): string | null {
  const match = value === null ? null : DAY.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value ? value : null;
}

function parseAuditFilter(query: URLSearchParams): AuditFilter {
  const action = query.get('action');
  const outcome = query.get('outcome');
  const before = query.get('before');
  return {
    action: (AUDIT_ACTIONS as readonly string[]).includes(action ?? '') ? (action as AuditAction) : null,
    outcome: (AUDIT_OUTCOMES as readonly string[]).includes(outcome ?? '') ? (outcome as AuditOutcome) : null,
    from: calendarDay(query.get('from')),
    to: calendarDay(query.get('to')),
    before: before !== null && /^\d{1,19}$/.test(before) ? before : null,
  };
}

function positiveInteger(value: string | null): number | null {
  if (value === null || !/^\d{1,6}$/.test(value)) return null;
  const number = Number(value);
  return number >= 1 ? number : null;
}

/** The named parameters of a query that are there and not empty. */
function pick<P extends string>(query: URLSearchParams, names: readonly P[]): Partial<Record<P, string>> {
  const picked: Partial<Record<P, string>> = {};
  for (const name of names) {
    const value = query.get(name);
    if (value !== null && value !== '') picked[name] = value;
  }
  return picked;
}

/**
 * The API's query string of a screen's URL query (the same parameter names): set values only, in
 * a stable order, so the same filter is the same request.
 */
export function queryStringOf(query: Readonly<Partial<Record<string, string>>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  params.sort();
  return params.toString();
}

/** A filter changed by its form: `name` set to `value`, or left out for the empty choice. */
export function withParam<P extends string>(
  query: Readonly<Partial<Record<P, string>>>,
  name: P,
  value: string,
): Partial<Record<P, string>> {
  const next: Partial<Record<P, string>> = { ...query };
  if (value === '') delete next[name];
  else next[name] = value;
  return next;
}

export function parseLocation(pathname: string, search: string): AppLocation {
  const query = new URLSearchParams(search);
  const rotate = positiveInteger(query.get('rotate'));
  const lang = query.get('lang');
  const display: Display = {
    kiosk: query.get('kiosk') === '1' || query.get('kiosk') === 'true',
    rotateSeconds:
      rotate === null ? null : Math.min(MAX_ROTATE_SECONDS, Math.max(MIN_ROTATE_SECONDS, rotate)),
    language: (LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as Language) : DEFAULT_LANGUAGE,
  };
  const path = pathname.replace(/\/+$/, '') || '/';
  return { route: parseRoute(path, query), display };
}

function parseRoute(path: string, query: URLSearchParams): Route {
  if (path === '/') return { screen: 'operations' };
  if (path === '/map') {
    const figure = query.get('figure');
    const area = formerProvinceBySlug(query.get('area') ?? '');
    return {
      screen: 'map',
      figure: (MAP_FIGURES as readonly string[]).includes(figure ?? '')
        ? (figure as MapFigure)
        : MAP_FIGURES[0],
      area: area?.slug ?? null,
    };
  }
  if (path === '/ranking') {
    const period = query.get('period');
    return {
      screen: 'ranking',
      period: period !== null && PERIOD_LABEL.test(period) ? period : null,
      page: positiveInteger(query.get('page')) ?? 1,
    };
  }
  const unit = /^\/units\/(\d{5})$/.exec(path);
  if (unit) return { screen: 'unit', unitCode: unit[1]! };
  const lost = /^\/units\/(\d{5})\/lost-points$/.exec(path);
  const indicator = query.get('indicator');
  const lostPeriod = query.get('period');
  if (
    lost &&
    (indicator === null || INDICATOR_ID.test(indicator)) &&
    lostPeriod !== null &&
    lostPeriod !== ''
  ) {
    return {
      screen: 'lost-points',
      unitCode: lost[1]!,
      indicator,
      period: lostPeriod,
      page: positiveInteger(query.get('page')) ?? 1,
    };
  }
  if (path === '/reports') return { screen: 'report', query: pick(query, REPORT_PARAMS) };
  if (path === '/reports/snapshots') return { screen: 'report-snapshots' };
  const snapshot = /^\/reports\/snapshots\/([0-9a-f-]{36})(\/present)?$/.exec(path);
  if (snapshot) {
    return snapshot[2]
      ? { screen: 'report-present', id: snapshot[1]!, page: positiveInteger(query.get('page')) ?? 1 }
      : { screen: 'report-snapshot', id: snapshot[1]! };
  }
  if (path === '/dossiers') return { screen: 'dossiers', filter: pick(query, DOSSIER_LIST_PARAMS) };
  if (path === '/processing-times')
    return { screen: 'processing-times', query: pick(query, PROCESSING_TIME_PARAMS) };
  const dossier = /^\/dossiers\/(\d{5})\/([^/]{1,64})$/.exec(path);
  if (dossier) return { screen: 'dossier', unitCode: dossier[1]!, code: decodeURIComponent(dossier[2]!) };
  if (path === '/admin') return { screen: 'admin-users' };
  if (path === ADMIN_PATHS['admin-audit']) return { screen: 'admin-audit', filter: parseAuditFilter(query) };
  const admin = ADMIN_SCREENS.find((screen) => ADMIN_PATHS[screen] === path);
  if (admin) return adminRoute(admin);
  return { screen: 'not-found', path };
}

/** The URL of a route, keeping the display's settings (a kiosk stays a kiosk when it moves on). */
export function hrefOf(route: Route, display: Display): string {
  const query = new URLSearchParams();
  let path: string;
  switch (route.screen) {
    case 'operations':
      path = '/';
      break;
    case 'map':
      path = '/map';
      if (route.figure !== MAP_FIGURES[0]) query.set('figure', route.figure);
      if (route.area !== null) query.set('area', route.area);
      break;
    case 'ranking':
      path = '/ranking';
      if (route.period !== null) query.set('period', route.period);
      if (route.page !== 1) query.set('page', String(route.page));
      break;
    case 'unit':
      path = `/units/${route.unitCode}`;
      break;
    case 'lost-points':
      path = `/units/${route.unitCode}/lost-points`;
      if (route.indicator !== null) query.set('indicator', route.indicator);
      query.set('period', route.period);
      if (route.page !== 1) query.set('page', String(route.page));
      break;
    case 'dossiers':
      path = '/dossiers';
      for (const name of DOSSIER_LIST_PARAMS) {
        const value = route.filter[name];
        if (value !== undefined) query.set(name, value);
      }
      break;
    case 'dossier':
      path = `/dossiers/${route.unitCode}/${encodeURIComponent(route.code)}`;
      break;
    case 'processing-times':
      path = '/processing-times';
      for (const name of PROCESSING_TIME_PARAMS) {
        const value = route.query[name];
        if (value !== undefined) query.set(name, value);
      }
      break;
    case 'report':
      path = '/reports';
      for (const name of REPORT_PARAMS) {
        const value = route.query[name];
        if (value !== undefined) query.set(name, value);
      }
      break;
    case 'report-snapshots':
      path = '/reports/snapshots';
      break;
    case 'report-snapshot':
      path = `/reports/snapshots/${route.id}`;
      break;
    case 'report-present':
      path = `/reports/snapshots/${route.id}/present`;
      if (route.page !== 1) query.set('page', String(route.page));
      break;
    case 'admin-users':
    case 'admin-displays':
    case 'admin-keys':
      path = ADMIN_PATHS[route.screen];
      break;
    case 'admin-audit':
      path = ADMIN_PATHS[route.screen];
      for (const name of ['action', 'outcome', 'from', 'to', 'before'] as const) {
        const value = route.filter[name];
        if (value !== null) query.set(name, value);
      }
      break;
    case 'not-found':
      path = route.path;
      break;
  }
  if (display.kiosk) query.set('kiosk', '1');
  if (display.rotateSeconds !== null) query.set('rotate', String(display.rotateSeconds));
  if (display.language !== DEFAULT_LANGUAGE) query.set('lang', display.language);
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** The ranking API's query for a period label: `2026-11` → `period=month&date=2026-11`. */
export function rankingQueryOf(period: string): string {
  const kind = /-Q\d$/.test(period)
    ? 'quarter'
    : /-W\d\d$/.test(period)
      ? 'week'
      : /^\d{4}-\d{2}-\d{2}$/.test(period)
        ? 'day'
        : /^\d{4}-\d{2}$/.test(period)
          ? 'month'
          : 'year';
  return `period=${kind}&date=${encodeURIComponent(period)}`;
}
