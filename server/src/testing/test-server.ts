import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { SESSION_COOKIE, type AccessRole, type IngestEvent, type IngestResult } from '@ioc/shared';
import { DisplaysService } from '../access/displays.service';
import { SessionsService } from '../access/sessions.service';
import { UsersService } from '../access/users.service';
import type { Clock } from '../common/clock';
import { loadAppConfig } from '../config/app-config';
import { DatabaseRepository } from '../database/database.repository';
import { TimescaleJobsService } from '../database/timescale-jobs.service';
import { KeysService } from '../keys/keys.service';
import { startServer, type RunningServer } from '../main';
import { createTestDatabase, type TestDatabase } from './test-database';

type DossierReceived = Extract<IngestEvent, { type: 'dossier.received' }>;

export interface TestServer {
  server: RunningServer;
  url: string;
  /** A provincial ingest key, valid for every unit. */
  key: string;
  /** Calls an endpoint with the admin token. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** A GET (or any request) as a signed-in leader: what the read API answers a person. */
  read(path: string, init?: RequestInit): Promise<Response>;
  /**
   * A session of a person of `role` (created on first use: a unit officer of 24781, a
   * department head of civil-status), or of a paired display (`wall`, without comments).
   */
  session(role?: AccessRole): Promise<TestSession>;
  dataSource: DataSource;
  post(
    events: unknown[] | string,
    contentType?: string,
    key?: string,
  ): Promise<{ status: number; body: IngestResult }>;
  /**
   * Returns once every TimescaleDB policy (aggregate refreshes, compression, retention) has run
   * over what is stored now: what a reader sees after the policies' next scheduled runs.
   */
  runPolicies(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A whole server on a random port with a fresh database of its own (`createTestDatabase`: the
 * embedded engine, or a new database on the real server the tier runs on): each test file owns
 * its data. A test that restarts a server over the same data passes its own `database`, which
 * outlives the server.
 */
export async function startTestServer(
  env: NodeJS.ProcessEnv = {},
  options: { database?: TestDatabase; clock?: Clock } = {},
): Promise<TestServer> {
  // A server given DATABASE_URL (a test's shared database) uses it as it is.
  const owned = options.database || env.DATABASE_URL ? null : await createTestDatabase();
  const config = loadAppConfig({
    PORT: '0',
    IOC_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    ...(options.database ?? owned)?.env,
    ...env,
  });
  const server = await startServer(config, { logLevel: 'error', clock: options.clock }).catch(
    async (error: unknown) => {
      await owned?.drop();
      throw error;
    },
  );
  const jobs = server.app.get(TimescaleJobsService);
  if (!(await server.app.get(DatabaseRepository).isEmbeddedEngine())) {
    // A real server runs every new policy once as soon as the migrations add it. Waiting for
    // those first runs keeps them from landing in the middle of a test: the next ones are
    // minutes away, and a test that needs them calls runPolicies().
    const ids = (await server.app.get(DatabaseRepository).policyJobs()).map((j) => j.jobId);
    await jobs.untilJobsDone(ids, new Date(0));
  }
  const { key } = await server.app.get(KeysService).create('test', null);
  const sessions = new Map<AccessRole, Promise<TestSession>>();
  const session: TestServer['session'] = (role = 'leader') => {
    if (!sessions.has(role)) sessions.set(role, openTestSession(server, role));
    return sessions.get(role)!;
  };
  const read: TestServer['read'] = async (path, init) => (await session('leader')).fetch(path, init);
  const post: TestServer['post'] = async (events, contentType = 'application/json', withKey = key) => {
    const response = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${withKey}`, 'content-type': contentType },
      body: typeof events === 'string' ? events : JSON.stringify(events),
    });
    return { status: response.status, body: (await response.json()) as IngestResult };
  };
  const admin: TestServer['admin'] = async (method, path, body) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${config.adminToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: response.status === 204 ? null : await response.json(),
    };
  };
  return {
    server,
    url: server.url,
    key,
    admin,
    read,
    session,
    dataSource: server.app.get<DataSource>(getDataSourceToken()),
    post,
    runPolicies: () => jobs.runPoliciesNow(),
    close: async () => {
      await server.close();
      await owned?.drop();
    },
  };
}

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
/** The password of the people test servers create (15+ characters, not a breached one). */
export const TEST_PASSWORD = 'tám con mèo đen trên mái nhà 42';

/** A credential of one role on a test server. */
export interface TestSession {
  role: AccessRole;
  /** `ioc_session=…`, for a socket's `extraHeaders` or a raw request. */
  cookie: string;
  /** The person's or display's id. */
  id: string;
  /** fetch relative to the server, with the cookie (and a same-origin Origin on writes). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/** The scope each test person has. */
export const TEST_UNIT = '24781';
export const TEST_FIELDS = ['civil-status'];

let people = 0;
/** Creates a person of `role` (or a display for `wall`) and opens a session for it. */
export async function openTestSession(
  server: RunningServer,
  role: AccessRole,
  options: { showComments?: boolean; unitCode?: string; fields?: string[] } = {},
): Promise<TestSession> {
  const system = { kind: 'system', name: 'test' } as const;
  let token: string;
  let id: string;
  if (role === 'wall') {
    const displays = server.app.get(DisplaysService);
    const created = await displays.createWithToken(
      { name: `test wall ${++people}`, showComments: options.showComments ?? false },
      system,
      null,
    );
    token = (await displays.exchangeToken(created.token, null)).sessionToken;
    id = created.display.id;
  } else {
    const user = await server.app.get(UsersService).create(
      {
        login: `test.${role}.${process.pid}.${++people}`,
        displayName: `Test ${role}`,
        role,
        fields: role === 'department-head' ? (options.fields ?? TEST_FIELDS) : [],
        unitCode: role === 'unit-officer' ? (options.unitCode ?? TEST_UNIT) : null,
        password: TEST_PASSWORD,
      },
      system,
      null,
    );
    token = (await server.app.get(SessionsService).openForUser(user)).token;
    id = user.id;
  }
  const cookie = `${SESSION_COOKIE}=${token}`;
  const origin = new URL(server.url).origin;
  return {
    role,
    cookie,
    id,
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      if ((init.method ?? 'GET') !== 'GET' && !headers.has('origin')) headers.set('origin', origin);
      return fetch(`${server.url}${path}`, { ...init, headers });
    },
  };
}

let sequence = 0;
/** A valid `dossier.received`, one hour ago by default, for the given unit. */
export function aReceivedEvent(
  unit = '24781',
  overrides: { id?: string; at?: string; dossier?: Partial<DossierReceived['dossier']> } = {},
): DossierReceived {
  sequence += 1;
  return {
    id: overrides.id ?? `test-${process.pid}-${sequence}-recv`,
    unit,
    type: 'dossier.received',
    at: overrides.at ?? new Date(Date.now() - 3_600_000).toISOString(),
    dossier: {
      code: `T-${process.pid}-${sequence}`,
      procedure: '1.001193',
      field: 'civil-status',
      channel: 'online',
      ...overrides.dossier,
    },
  };
}
