import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import {
  LIVE_SCOPE_KINDS,
  type LiveAck,
  type LiveClientToServerEvents,
  type LiveScopeKind,
  type LiveServerToClientEvents,
} from '@ioc/shared';
import {
  openTestSession,
  startTestServer,
  TEST_ADMIN_TOKEN,
  TEST_FIELDS,
  TEST_UNIT,
  type TestServer,
  type TestSession,
} from '@ioc/server/dist/testing/test-server';
import { ReferenceService } from '@ioc/server/dist/reference/reference.service';

/*
 * Issue 13: every REST route the server really mounts (read from Express's router at run time,
 * not from a list) × every role, and every kind of live scope × every role. A route that this
 * table gives no rule fails the test: whoever adds a route says here who may call it (and the
 * server itself refuses to start without its @Access rule).
 */

const ROLES = ['admin', 'leader', 'department-head', 'unit-officer', 'wall', 'admin-token', 'none'] as const;
type Role = (typeof ROLES)[number];
/** `allow`: answered (2xx, or a 4xx of validation or absence); otherwise the refusal expected. */
type Outcome = 'allow' | 401 | 403 | 404;
/** Which unit or field a request names: the caller's own, another, or none. */
type Variant = 'own' | 'other' | 'none';

const OTHER_UNIT = '22918';
const everyone = (outcome: Outcome) => () => outcome;
const signedIn: Expect = (role) => (role === 'none' ? 401 : 'allow');
const admins: Expect = (role) =>
  role === 'none' ? 401 : role === 'admin' || role === 'admin-token' ? 'allow' : 403;
type Expect = (role: Role, variant: Variant) => Outcome;

/** The policy's answers, as the issue states them (docs/architecture.md, "Access"). */
const RULES = {
  public: everyone('allow'),
  /** Ingest routes take ingest keys only: a person's session or the admin token is no key. */
  ingestKey: everyone(401),
  metrics: (role) => (role === 'admin-token' ? 'allow' : 401),
  signedIn,
  peopleOnly: (role) => (role === 'none' ? 401 : role === 'wall' || role === 'admin-token' ? 403 : 'allow'),
  /** `/api/docs`: people (and the admin token); a wall has no use for it. */
  docs: (role) => (role === 'none' || role === 'wall' ? 401 : 'allow'),
  province: signedIn,
  unitFigures: (role, variant) => {
    if (role === 'none') return 401;
    if (variant === 'none') return 'allow';
    if (role === 'department-head') return 403;
    if (role === 'unit-officer') return variant === 'own' ? 'allow' : 403;
    return 'allow';
  },
  /** Lists of dossiers per unit, filtered by field for a department head. */
  lostDossiers: (role, variant) => {
    if (role === 'none') return 401;
    if (role === 'wall') return 403;
    if (role === 'unit-officer') return variant === 'own' ? 'allow' : 403;
    return 'allow';
  },
  /** The drill-down's lists: a unit officer's own unit (or none named: his), a department head's fields. */
  dossierLists: (role, variant) => {
    if (role === 'none') return 401;
    if (role === 'wall') return 403;
    if (role === 'unit-officer') return variant === 'other' ? 403 : 'allow';
    return 'allow';
  },
  /** One dossier named (the drill-down): what the caller may not see is 404, not 403. */
  dossier: (role, variant) => {
    if (role === 'none') return 401;
    if (role === 'wall') return 404;
    if (role === 'unit-officer') return variant === 'own' ? 'allow' : 404;
    return 'allow';
  },
  /** Anomalies are not kept per field: no department head. */
  anomalies: (role, variant) => {
    if (role === 'none') return 401;
    if (role === 'wall' || role === 'department-head') return 403;
    if (role === 'unit-officer') return variant === 'other' ? 403 : 'allow';
    return 'allow';
  },
  admin: admins,
  /** Meeting reports (issue 15): people, narrowed to a department head's fields or an officer's unit. */
  report: (role) => (role === 'none' ? 401 : role === 'wall' ? 403 : 'allow'),
  /** Taking a snapshot of the figures: the leadership (and the admin token). */
  takeSnapshot: (role) =>
    role === 'none' ? 401 : ['admin', 'leader', 'admin-token'].includes(role) ? 'allow' : 403,
} satisfies Record<string, Expect>;

/** Every route and its rule; `unit` says where it names a unit (tested as own, other and none). */
const ROUTES: Record<string, { rule: keyof typeof RULES; unit?: 'param' | 'query' }> = {
  'GET /api/health': { rule: 'public' },
  'GET /api/docs': { rule: 'docs' },
  'GET /api/docs-json': { rule: 'docs' },
  'GET /api/docs-yaml': { rule: 'docs' },
  'GET /metrics': { rule: 'metrics' },
  'POST /api/v1/events': { rule: 'ingestKey' },
  'POST /api/v1/imports': { rule: 'ingestKey' },
  'POST /api/v1/auth/sign-in': { rule: 'public' },
  'POST /api/v1/auth/sign-out': { rule: 'signedIn' },
  'GET /api/v1/auth/me': { rule: 'signedIn' },
  'POST /api/v1/auth/password': { rule: 'peopleOnly' },
  'POST /api/v1/displays/pairing': { rule: 'public' },
  'GET /api/v1/displays/pairing': { rule: 'public' },
  'POST /api/v1/displays/session': { rule: 'public' },
  'GET /api/v1/units': { rule: 'province' },
  'GET /api/v1/calendar': { rule: 'province' },
  'GET /api/v1/service-index-rules': { rule: 'province' },
  'GET /api/v1/rankings': { rule: 'province' },
  'GET /api/v1/backlog-history': { rule: 'unitFigures', unit: 'query' },
  'GET /api/v1/kpi-comparison': { rule: 'unitFigures', unit: 'query' },
  'GET /api/v1/daily-flow': { rule: 'unitFigures', unit: 'query' },
  'GET /api/v1/alert-rules': { rule: 'province' },
  'PUT /api/v1/admin/alert-rules/:code': { rule: 'admin' },
  'DELETE /api/v1/admin/alert-rules/:code': { rule: 'admin' },
  'GET /api/v1/units/:code/index': { rule: 'unitFigures', unit: 'param' },
  'GET /api/v1/units/:code/index/lost-dossiers': { rule: 'lostDossiers', unit: 'param' },
  'GET /api/v1/anomalies': { rule: 'anomalies', unit: 'query' },
  'GET /api/v1/dossiers': { rule: 'dossierLists', unit: 'query' },
  'GET /api/v1/dossiers/export.csv': { rule: 'dossierLists', unit: 'query' },
  'GET /api/v1/dossiers/export.xlsx': { rule: 'dossierLists', unit: 'query' },
  'GET /api/v1/dossiers/:unit/:code': { rule: 'dossier', unit: 'param' },
  'GET /api/v1/processing-times': { rule: 'dossierLists', unit: 'query' },
  'PUT /api/v1/admin/calendar/:date': { rule: 'admin' },
  'DELETE /api/v1/admin/calendar/:date': { rule: 'admin' },
  'PUT /api/v1/admin/service-index-rules/:effectiveFrom': { rule: 'admin' },
  'DELETE /api/v1/admin/service-index-rules/:effectiveFrom': { rule: 'admin' },
  'GET /api/v1/admin/keys': { rule: 'admin' },
  'POST /api/v1/admin/keys': { rule: 'admin' },
  'DELETE /api/v1/admin/keys/:id': { rule: 'admin' },
  'GET /api/v1/admin/users': { rule: 'admin' },
  'POST /api/v1/admin/users': { rule: 'admin' },
  'GET /api/v1/admin/users/:id': { rule: 'admin' },
  'PATCH /api/v1/admin/users/:id': { rule: 'admin' },
  'POST /api/v1/admin/users/:id/password': { rule: 'admin' },
  'DELETE /api/v1/admin/users/:id/sessions': { rule: 'admin' },
  'GET /api/v1/admin/displays': { rule: 'admin' },
  'POST /api/v1/admin/displays': { rule: 'admin' },
  'POST /api/v1/admin/displays/pair': { rule: 'admin' },
  'PATCH /api/v1/admin/displays/:id': { rule: 'admin' },
  'POST /api/v1/admin/displays/:id/token': { rule: 'admin' },
  'DELETE /api/v1/admin/displays/:id': { rule: 'admin' },
  'GET /api/v1/admin/audit': { rule: 'admin' },
  'GET /api/v1/reports': { rule: 'report' },
  'POST /api/v1/report-snapshots': { rule: 'takeSnapshot' },
  'GET /api/v1/report-snapshots': { rule: 'report' },
  'GET /api/v1/report-snapshots/:id': { rule: 'report' },
  'GET /api/v1/report-snapshots/:id/report.pdf': { rule: 'report' },
  'GET /api/v1/report-snapshots/:id/report.xlsx': { rule: 'report' },
  'DELETE /api/v1/report-snapshots/:id': { rule: 'admin' },
};

/**
 * The routes Express serves, as `METHOD /path` (Nest's routes, Swagger's, the dashboard's
 * catch-all for every method); a trailing slash is the same route.
 */
function mountedRoutes(t: TestServer): string[] {
  interface Layer {
    route?: { path: string | string[]; methods: Record<string, boolean> };
  }
  const express = t.server.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  const routes = new Set<string>();
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    for (const path of [layer.route.path].flat()) {
      for (const [method, on] of Object.entries(layer.route.methods)) {
        const normalised = path.length > 1 ? path.replace(/\/$/, '') : path;
        if (on && method !== '_all') routes.add(`${method.toUpperCase()} ${normalised}`);
      }
    }
  }
  return [...routes].sort();
}

describe('access: every route and every live scope × every role', () => {
  let t: TestServer;
  const sessions = new Map<Role, TestSession>();

  beforeAll(async () => {
    t = await startTestServer({ IOC_READ_RATE_LIMIT: '1000', IOC_SIGN_IN_RATE_LIMIT: '1000' });
    for (const role of ['admin', 'leader', 'department-head', 'unit-officer', 'wall'] as const)
      sessions.set(role, await t.session(role));
  });
  afterAll(async () => {
    await t?.close();
  });

  const request = async (role: Role, method: string, path: string): Promise<Response> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (role === 'admin-token') headers.authorization = `Bearer ${TEST_ADMIN_TOKEN}`;
    const init: RequestInit = {
      method,
      headers,
      body: ['GET', 'HEAD', 'OPTIONS'].includes(method) ? undefined : '{}',
    };
    if (role === 'none' || role === 'admin-token') return fetch(`${t.url}${path}`, init);
    // Signing out ends the session: a fresh one of the same role for it.
    const session =
      method === 'POST' && path === '/api/v1/auth/sign-out'
        ? await openTestSession(t.server, role)
        : sessions.get(role)!;
    return session.fetch(path, init);
  };

  it('has a rule in this table for every route the server serves, and every rule names a served route', () => {
    const mounted = mountedRoutes(t).filter((route) => !isDashboard(route) && !isDocs(route));
    expect(mounted.filter((route) => !(route in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((route) => !mounted.includes(route))).toEqual([]);
  });

  it('answers each route to each role as the policy says', async () => {
    const wrong: string[] = [];
    const table: string[] = [];
    for (const route of mountedRoutes(t)) {
      const [method, pattern] = route.split(' ') as [string, string];
      // fetch cannot send CONNECT or TRACE; the rarer methods only reach the dashboard's catch-all.
      if (!SENDABLE.includes(method)) {
        expect(isDashboard(route)).toBe(true);
        continue;
      }
      const rule = isDashboard(route)
        ? { rule: 'public' as const }
        : isDocs(route)
          ? { rule: 'docs' as const }
          : ROUTES[route];
      if (!rule) continue; // failed above
      const variants: Variant[] =
        rule.unit === 'param'
          ? ['own', 'other']
          : rule.unit === 'query'
            ? ['own', 'other', 'none']
            : ['none'];
      for (const variant of variants) {
        const path = concrete(pattern, rule.unit, variant);
        const row: string[] = [];
        for (const role of ROLES) {
          const expected = RULES[rule.rule](role, variant);
          const response = await request(role, method, path);
          const status = response.status;
          await response.arrayBuffer();
          const ok =
            expected === 'allow' ? status < 500 && status !== 401 && status !== 403 : status === expected;
          if (!ok) wrong.push(`${method} ${path} as ${role}: ${status}, expected ${expected}`);
          row.push(expected === 'allow' ? 'yes' : String(expected));
        }
        table.push(`| ${method} ${path} | ${row.join(' | ')} |`);
      }
    }
    console.info(`| route | ${ROLES.join(' | ')} |\n${table.join('\n')}`);
    expect(wrong).toEqual([]);
  });

  it('decides each kind of live scope for each role, per scope in the acknowledgement', async () => {
    const [otherField] = t.server.app
      .get(ReferenceService)
      .procedureFields()
      .filter((field) => !TEST_FIELDS.includes(field));
    const scopesOf: Record<LiveScopeKind, { own: string; other?: string }> = {
      province: { own: 'province' },
      ranking: { own: 'ranking' },
      feed: { own: 'feed' },
      alerts: { own: 'alerts' },
      unit: { own: `unit:${TEST_UNIT}`, other: `unit:${OTHER_UNIT}` },
      field: { own: `field:${TEST_FIELDS[0]}`, other: `field:${otherField}` },
    };
    const allowed = (role: Role, kind: LiveScopeKind, variant: 'own' | 'other'): boolean => {
      const everything = role === 'admin' || role === 'leader' || role === 'admin-token';
      switch (kind) {
        case 'province':
        case 'ranking':
        case 'alerts':
          return true;
        case 'feed':
          return everything || role === 'wall';
        case 'unit':
          return everything || role === 'wall' || (role === 'unit-officer' && variant === 'own');
        case 'field':
          return everything || (role === 'department-head' && variant === 'own');
      }
    };
    expect(Object.keys(scopesOf).sort()).toEqual([...LIVE_SCOPE_KINDS].sort());
    const wrong: string[] = [];
    for (const role of ROLES) {
      const headers: Record<string, string> =
        role === 'none'
          ? {}
          : role === 'admin-token'
            ? { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }
            : { cookie: sessions.get(role)!.cookie };
      const socket: Socket<LiveServerToClientEvents, LiveClientToServerEvents> = io(`${t.url}/live`, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        extraHeaders: headers,
      });
      const connected = await new Promise<{ ok: true } | { ok: false; data: unknown }>((resolve) => {
        socket.once('connect', () => resolve({ ok: true }));
        socket.once('connect_error', (error) =>
          resolve({ ok: false, data: (error as { data?: unknown }).data }),
        );
      });
      if (role === 'none') {
        // Without a credential there is no connection at all, so no scope.
        expect(connected).toEqual({ ok: false, data: expect.objectContaining({ code: 'auth.required' }) });
        continue;
      }
      expect(connected).toEqual({ ok: true });
      for (const kind of LIVE_SCOPE_KINDS) {
        for (const variant of ['own', 'other'] as const) {
          const scope = scopesOf[kind][variant];
          if (!scope) continue;
          const ack = (await socket
            .timeout(20_000)
            .emitWithAck('live:subscribe', { scopes: [scope] })) as LiveAck;
          const denied = !ack.ok && (ack.denied ?? []).includes(scope);
          if (denied === allowed(role, kind, variant))
            wrong.push(
              `${scope} as ${role}: ${JSON.stringify(ack)}, expected ${allowed(role, kind, variant) ? 'allowed' : 'denied'}`,
            );
          // A resync is asked the same.
          const resync = (await socket.timeout(20_000).emitWithAck('live:resync', { scope })) as LiveAck;
          const resyncDenied = !resync.ok && (resync.denied ?? []).includes(scope);
          if (resyncDenied !== denied) wrong.push(`resync of ${scope} as ${role}: ${JSON.stringify(resync)}`);
        }
      }
      socket.disconnect();
    }
    expect(wrong).toEqual([]);
  });
});

const SENDABLE = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** The dashboard's page (its index for any screen URL): public, the wall loads it before pairing. */
function isDashboard(route: string): boolean {
  return route.includes('{*');
}

/** Swagger UI's files under /api/docs (behind the same check as the document). */
function isDocs(route: string): boolean {
  return route.startsWith('GET /api/docs/');
}

function concrete(pattern: string, unit: 'param' | 'query' | undefined, variant: Variant): string {
  const unitCode = variant === 'own' ? TEST_UNIT : OTHER_UNIT;
  let path = pattern
    .replace(/\/?\{\*\w+\}/, '/ranking')
    .replace(':unit/:code', `${unitCode}/NO-SUCH-DOSSIER`)
    .replace(':code', unitCode)
    .replace(':id', randomUUID())
    .replace(':date', '1999-01-01')
    .replace(':effectiveFrom', '1999-01-01');
  if (pattern.endsWith('/lost-dossiers')) path += '?indicator=on-time';
  if (pattern === '/api/v1/rankings') path += '?period=month';
  if (pattern === '/api/v1/reports') path += '?period=month&date=2026-10';
  if (unit === 'query' && variant !== 'none') path += `${path.includes('?') ? '&' : '?'}unit=${unitCode}`;
  return path;
}
