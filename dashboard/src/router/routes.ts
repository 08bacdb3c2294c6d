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
 * Every screen and what it shows, all of it in the URL, so a link, a bookmark or a wall's start
 * page shows exactly that: `/`, `/map?figure=backlog&area=dak-nong`, `/ranking?period=2026-11&page=2`,
 * `/units/24781`.
 */
export type Route =
  | { screen: 'operations' }
  | { screen: 'map'; figure: MapFigure; area: FormerProvinceSlug | null }
  | { screen: 'ranking'; period: string | null; page: number }
  | { screen: 'unit'; unitCode: string }
  | { screen: 'not-found'; path: string };

export type ScreenName = Route['screen'];

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
export const MIN_ROTATE_SECONDS = 5;
export const MAX_ROTATE_SECONDS = 3600;

function positiveInteger(value: string | null): number | null {
  if (value === null || !/^\d{1,6}$/.test(value)) return null;
  const number = Number(value);
  return number >= 1 ? number : null;
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
