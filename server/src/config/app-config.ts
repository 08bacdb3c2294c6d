import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_OFFICE_HOURS, parseOfficeHours } from '@ioc/shared';

/** Everything the server reads from the environment, validated once at boot. */
export interface AppConfig {
  host: string;
  port: number;
  /** A real TimescaleDB server; when absent the embedded database is started. */
  databaseUrl: string | null;
  /** True when `databaseUrl` points at the embedded engine started by this process. */
  embeddedDatabase: boolean;
  /** Connections to a real server; the embedded engine always gets exactly one. */
  databasePoolSize: number;
  /** Where the embedded database keeps its files. */
  dataDir: string;
  officeHours: string;
  redisUrl: string | null;
  /** Where the built dashboard lives; served at `/`. */
  dashboardDir: string;
  /** Units that send nothing during office hours for this long are marked silent. */
  silentAfterMinutes: number;
  /** Bearer token of the admin endpoints; generated into the data directory when not set. */
  adminToken: string | null;
  /** Bearer token Prometheus scrapes `/metrics` with (the admin token works too). */
  metricsToken: string | null;
  /** Log level of the JSON logs: `fatal`, `error`, `warn`, `info` or `debug`. */
  logLevel: LogLevel;
  /**
   * Origins (scheme://host[:port]) whose pages may open the live socket besides the server's own;
   * a browser of any other origin is refused. Clients that send no Origin (not browsers) pass.
   */
  allowedOrigins: string[];
  /** How long a request body may take to arrive (ingest and imports); then 408. */
  bodyTimeoutMs: number;
  /** Bytes one live connection may leave unread before it is dropped (it reconnects and resyncs). */
  liveSendBufferBytes: number;
  /**
   * How long a ranking or unit index is served again while no ingest request has committed
   * (0: computed at every read, as the ranking benchmark measures it).
   */
  readCacheMs: number;
  /** The most rows an export of dossiers holds (IOC_EXPORT_MAX_ROWS); a wider filter is refused. */
  exportMaxRows: number;
  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For names the client (for the per-client
   * limits). Null: none; the client is the connection's address, which nobody can forge.
   */
  trustProxy: string | null;
  /** Service index reads (rankings, unit index, lost dossiers) a second per client; bursts of 6 s' worth. */
  readRateLimit: number;
  /** Events a second one unit may send (sustained); bursts up to a full request pass. */
  unitRateLimit: number;
  /**
   * How long one run of an aggregate refresh may hold the embedded engine's one connection: past
   * it, the run stops after its current window and the next run, a few seconds later, goes on
   * (0: one window per run). A real server's scheduler refreshes on connections of its own.
   */
  embeddedRefreshBudgetMs: number;
  /** A unit with fewer dossiers in a period is flagged low-volume in the ranking, not ranked. */
  rankingMinDossiers: number;
  /** A person's session ends after this long without a request or an open live socket. */
  sessionIdleMs: number;
  /** A person's session ends this long after sign-in, used or not. */
  sessionAbsoluteMs: number;
  /** Consecutive failed sign-ins of one login before it is locked. */
  signInMaxFailures: number;
  /** How long a login stays locked after too many failures. */
  signInLockMs: number;
  /** Sign-in attempts a minute from one client address (any login), past which 429. */
  signInAttemptsPerMinute: number;
  version: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const repoRoot = resolve(__dirname, '../../..');

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  IOC_DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  IOC_DATA_DIR: z.string().min(1).default(resolve(repoRoot, '.data')),
  IOC_OFFICE_HOURS: z
    .string()
    .default(DEFAULT_OFFICE_HOURS)
    .superRefine((value, ctx) => {
      try {
        parseOfficeHours(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  IOC_DASHBOARD_DIR: z.string().min(1).default(resolve(repoRoot, 'dashboard/dist')),
  IOC_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  IOC_METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  IOC_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  IOC_UNIT_RATE_LIMIT: z.coerce.number().int().min(1).default(1000),
  IOC_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'each origin must be an http(s) URL' }))),
  IOC_BODY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  IOC_LIVE_SEND_BUFFER_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(256 * 1024 * 1024)
    .default(4 * 1024 * 1024),
  IOC_READ_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  IOC_EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(2_000_000).default(200_000),
  IOC_READ_RATE_LIMIT: z.coerce.number().positive().default(10),
  IOC_TRUST_PROXY: z
    .string()
    .regex(
      /^[\w.:/]+(\s*,\s*[\w.:/]+)*$/,
      'a comma-separated list of loopback, linklocal, uniquelocal or addresses',
    )
    .optional(),
  IOC_RANKING_MIN_DOSSIERS: z.coerce.number().int().min(1).default(30),
  IOC_EMBEDDED_REFRESH_BUDGET_MS: z.coerce.number().int().min(0).max(600_000).default(500),
  IOC_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
  IOC_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .default(12),
  IOC_SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(3).max(100).default(5),
  IOC_SIGN_IN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  IOC_SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(20),
  IOC_SILENT_AFTER_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
});

export class ConfigError extends Error {}

/** Parses the environment; a bad value stops the start with a message naming the variable. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.IOC_SESSION_IDLE_MINUTES > e.IOC_SESSION_ABSOLUTE_HOURS * 60) {
    throw new ConfigError(
      'invalid configuration:\n  IOC_SESSION_IDLE_MINUTES: must not exceed IOC_SESSION_ABSOLUTE_HOURS',
    );
  }
  return {
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL ?? null,
    embeddedDatabase: false,
    databasePoolSize: e.IOC_DATABASE_POOL_SIZE,
    dataDir: e.IOC_DATA_DIR,
    officeHours: e.IOC_OFFICE_HOURS,
    redisUrl: e.REDIS_URL ?? null,
    dashboardDir: e.IOC_DASHBOARD_DIR,
    silentAfterMinutes: e.IOC_SILENT_AFTER_MINUTES,
    adminToken: e.IOC_ADMIN_TOKEN ?? null,
    metricsToken: e.IOC_METRICS_TOKEN ?? null,
    logLevel: e.IOC_LOG_LEVEL,
    unitRateLimit: e.IOC_UNIT_RATE_LIMIT,
    bodyTimeoutMs: e.IOC_BODY_TIMEOUT_MS,
    liveSendBufferBytes: e.IOC_LIVE_SEND_BUFFER_BYTES,
    readCacheMs: e.IOC_READ_CACHE_MS,
    exportMaxRows: e.IOC_EXPORT_MAX_ROWS,
    trustProxy: e.IOC_TRUST_PROXY ?? null,
    readRateLimit: e.IOC_READ_RATE_LIMIT,
    allowedOrigins: e.IOC_ALLOWED_ORIGINS.map((origin) => new URL(origin).origin),
    rankingMinDossiers: e.IOC_RANKING_MIN_DOSSIERS,
    embeddedRefreshBudgetMs: e.IOC_EMBEDDED_REFRESH_BUDGET_MS,
    sessionIdleMs: e.IOC_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.IOC_SESSION_ABSOLUTE_HOURS * 3_600_000,
    signInMaxFailures: e.IOC_SIGN_IN_MAX_FAILURES,
    signInLockMs: e.IOC_SIGN_IN_LOCK_MINUTES * 60_000,
    signInAttemptsPerMinute: e.IOC_SIGN_IN_RATE_LIMIT,
    version: readVersion(e.IOC_DASHBOARD_DIR),
  };
}

/**
 * The build the server announces to the walls: the dashboard's build id when it was built (so an
 * open wall reloads after a deploy), else the product version.
 */
function readVersion(dashboardDir: string): string {
  const build = z.object({ buildId: z.string().min(1) });
  try {
    return build.parse(JSON.parse(readFileSync(resolve(dashboardDir, 'build.json'), 'utf8'))).buildId;
  } catch {
    // No dashboard built (a server-only deployment): the package version is the best name.
  }
  const pkg = z
    .object({ version: z.string() })
    .safeParse(JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')));
  return pkg.success ? pkg.data.version : '0.0.0';
}
