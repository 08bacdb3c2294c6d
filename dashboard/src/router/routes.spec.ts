import { describe, expect, it } from '@jest/globals';
import {
  hrefOf,
  isAdminScreen,
  NO_AUDIT_FILTER,
  parseLocation,
  queryStringOf,
  rankingQueryOf,
  withParam,
  type Display,
  type Route,
} from './routes';

const plain: Display = { kiosk: false, rotateSeconds: null, language: 'vi' };

describe('the URL holds what a screen shows', () => {
  it.each<[string, Route]>([
    ['/', { screen: 'operations' }],
    ['/map', { screen: 'map', figure: 'overdue-share', area: null }],
    ['/map?figure=backlog&area=dak-nong', { screen: 'map', figure: 'backlog', area: 'dak-nong' }],
    ['/ranking', { screen: 'ranking', period: null, page: 1 }],
    ['/ranking?period=2026-11&page=2', { screen: 'ranking', period: '2026-11', page: 2 }],
    ['/ranking?period=2026-Q4', { screen: 'ranking', period: '2026-Q4', page: 1 }],
    ['/units/24781', { screen: 'unit', unitCode: '24781' }],
    [
      '/units/24781/lost-points?indicator=on-time&period=2026-10',
      { screen: 'lost-points', unitCode: '24781', indicator: 'on-time', period: '2026-10', page: 1 },
    ],
    [
      '/units/24781/lost-points?indicator=online-filing&period=2026-01-01..2026-10-15&page=2',
      {
        screen: 'lost-points',
        unitCode: '24781',
        indicator: 'online-filing',
        period: '2026-01-01..2026-10-15',
        page: 2,
      },
    ],
    [
      '/dossiers?unit=24781&field=land&status=overdue&sort=overdue',
      { screen: 'dossiers', filter: { unit: '24781', field: 'land', status: 'overdue', sort: 'overdue' } },
    ],
    ['/dossiers?received=2026-12-07', { screen: 'dossiers', filter: { received: '2026-12-07' } }],
    [
      '/reports?period=ytd&date=2026-11-30&formerProvince=lam-dong',
      { screen: 'report', query: { period: 'ytd', date: '2026-11-30', formerProvince: 'lam-dong' } },
    ],
    ['/reports/snapshots', { screen: 'report-snapshots' }],
    [
      '/reports/snapshots/0b6f1c7e-2f4b-4c8e-9a1d-3e5f7a9b1c2d',
      { screen: 'report-snapshot', id: '0b6f1c7e-2f4b-4c8e-9a1d-3e5f7a9b1c2d' },
    ],
    [
      '/reports/snapshots/0b6f1c7e-2f4b-4c8e-9a1d-3e5f7a9b1c2d/present?page=3',
      { screen: 'report-present', id: '0b6f1c7e-2f4b-4c8e-9a1d-3e5f7a9b1c2d', page: 3 },
    ],
    [
      '/dossiers/24781/H48.61-261207-0001',
      { screen: 'dossier', unitCode: '24781', code: 'H48.61-261207-0001' },
    ],
    [
      '/processing-times?unit=24781&field=land&period=2026-Q4&groupBy=procedure%2Cunit',
      {
        screen: 'processing-times',
        query: { unit: '24781', field: 'land', period: '2026-Q4', groupBy: 'procedure,unit' },
      },
    ],
    ['/processing-times', { screen: 'processing-times', query: {} }],
    ['/admin/users', { screen: 'admin-users' }],
    ['/admin/displays', { screen: 'admin-displays' }],
    ['/admin/keys', { screen: 'admin-keys' }],
    ['/admin/audit', { screen: 'admin-audit', filter: NO_AUDIT_FILTER }],
    [
      '/admin/audit?action=auth.sign-in&outcome=failure&from=2026-11-01&to=2026-11-20&before=1234',
      {
        screen: 'admin-audit',
        filter: {
          action: 'auth.sign-in',
          outcome: 'failure',
          from: '2026-11-01',
          to: '2026-11-20',
          before: '1234',
        },
      },
    ],
  ])('%s, and back to the same URL', (url, route) => {
    const [path, search = ''] = url.split('?');
    expect(parseLocation(path!, search).route).toEqual(route);
    expect(hrefOf(route, plain)).toBe(url);
  });

  it('falls back to defaults on values it does not know, rather than failing', () => {
    expect(parseLocation('/map', '?figure=nonsense&area=hanoi').route).toEqual({
      screen: 'map',
      figure: 'overdue-share',
      area: null,
    });
    expect(parseLocation('/ranking', '?period=2026-13&page=-1').route).toEqual({
      screen: 'ranking',
      period: null,
      page: 1,
    });
    expect(parseLocation('/units/abc', '').route).toEqual({ screen: 'not-found', path: '/units/abc' });
    expect(parseLocation('/units/24781/', '').route).toEqual({ screen: 'unit', unitCode: '24781' });
    // Points lost need a period; without an indicator the screen shows the costliest.
    expect(parseLocation('/units/24781/lost-points', '?indicator=on-time').route.screen).toBe('not-found');
    expect(parseLocation('/units/24781/lost-points', '?period=2026-10').route).toMatchObject({
      indicator: null,
    });
    expect(
      parseLocation('/units/24781/lost-points', '?indicator=On%20time&period=2026-10').route.screen,
    ).toBe('not-found');
  });

  it('keeps kiosk, rotation and language on every move, bounding the rotation', () => {
    const { display } = parseLocation('/', '?kiosk=1&rotate=30&lang=en');
    expect(display).toEqual({ kiosk: true, rotateSeconds: 30, language: 'en' });
    expect(hrefOf({ screen: 'unit', unitCode: '24781' }, display)).toBe(
      '/units/24781?kiosk=1&rotate=30&lang=en',
    );
    expect(parseLocation('/', '?rotate=1').display.rotateSeconds).toBe(5);
    expect(parseLocation('/', '?rotate=99999').display.rotateSeconds).toBe(3600);
    expect(parseLocation('/', '?lang=fr').display.language).toBe('vi');
  });

  it('drops audit filters it does not know, keeping the others', () => {
    expect(
      parseLocation(
        '/admin/audit',
        '?action=user.drop&outcome=maybe&from=2026-02-31&to=2026-11-20&before=abc',
      ).route,
    ).toEqual({ screen: 'admin-audit', filter: { ...NO_AUDIT_FILTER, to: '2026-11-20' } });
  });

  it('opens the users at /admin, and knows the administration screens', () => {
    expect(parseLocation('/admin/', '').route).toEqual({ screen: 'admin-users' });
    expect(parseLocation('/admin/people', '').route).toEqual({ screen: 'not-found', path: '/admin/people' });
    expect(isAdminScreen('admin-audit')).toBe(true);
    expect(isAdminScreen('ranking')).toBe(false);
  });

  it('names the ranking API period of a label', () => {
    expect(rankingQueryOf('2026-11')).toBe('period=month&date=2026-11');
    expect(rankingQueryOf('2026-Q4')).toBe('period=quarter&date=2026-Q4');
    expect(rankingQueryOf('2026-W43')).toBe('period=week&date=2026-W43');
    expect(rankingQueryOf('2026-11-05')).toBe('period=day&date=2026-11-05');
    expect(rankingQueryOf('2026')).toBe('period=year&date=2026');
  });

  it('asks the API with the set parameters only, in one order, whatever order the URL had', () => {
    expect(queryStringOf({ unit: '24781', status: 'overdue', field: '' })).toBe('status=overdue&unit=24781');
    expect(queryStringOf({ status: 'overdue', unit: '24781' })).toBe(
      queryStringOf({ unit: '24781', status: 'overdue' }),
    );
    expect(queryStringOf({})).toBe('');
  });

  it('changes one filter of a form, the empty choice leaving it out', () => {
    expect(withParam<'unit' | 'field'>({ unit: '24781', field: 'land' }, 'field', '')).toEqual({
      unit: '24781',
    });
    expect(withParam<'unit' | 'field'>({ unit: '24781' }, 'field', 'land')).toEqual({
      unit: '24781',
      field: 'land',
    });
  });
});
