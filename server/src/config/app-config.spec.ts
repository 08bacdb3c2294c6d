import { loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  it('defaults to the embedded database on port 3000 with the statutory office hours', () => {
    const config = loadAppConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      officeHours: '07:00-11:30,13:30-17:00',
      rankingMinDossiers: 30,
      sessionIdleMs: 3_600_000,
      sessionAbsoluteMs: 12 * 3_600_000,
      signInMaxFailures: 5,
      signInLockMs: 15 * 60_000,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: must be a postgres:// URL'],
    [{ IOC_OFFICE_HOURS: '17:00-07:00' }, 'IOC_OFFICE_HOURS'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ IOC_RANKING_MIN_DOSSIERS: '0' }, 'IOC_RANKING_MIN_DOSSIERS'],
    [{ IOC_ALLOWED_ORIGINS: 'https://ok.example, javascript:alert(1)' }, 'IOC_ALLOWED_ORIGINS'],
    [{ IOC_BODY_TIMEOUT_MS: '5' }, 'IOC_BODY_TIMEOUT_MS'],
    [{ IOC_LIVE_SEND_BUFFER_BYTES: '1000' }, 'IOC_LIVE_SEND_BUFFER_BYTES'],
    [{ IOC_READ_CACHE_MS: '-1' }, 'IOC_READ_CACHE_MS'],
    [{ IOC_TRUST_PROXY: 'all; rm -rf' }, 'IOC_TRUST_PROXY'],
    [{ IOC_READ_RATE_LIMIT: '0' }, 'IOC_READ_RATE_LIMIT'],
    [{ IOC_EMBEDDED_REFRESH_BUDGET_MS: '-1' }, 'IOC_EMBEDDED_REFRESH_BUDGET_MS'],
    [{ IOC_SESSION_IDLE_MINUTES: '0' }, 'IOC_SESSION_IDLE_MINUTES'],
    [{ IOC_SESSION_ABSOLUTE_HOURS: 'forever' }, 'IOC_SESSION_ABSOLUTE_HOURS'],
    [{ IOC_SESSION_IDLE_MINUTES: '600', IOC_SESSION_ABSOLUTE_HOURS: '8' }, 'IOC_SESSION_IDLE_MINUTES'],
    [{ IOC_SIGN_IN_MAX_FAILURES: '1' }, 'IOC_SIGN_IN_MAX_FAILURES'],
    [{ IOC_SIGN_IN_LOCK_MINUTES: '0' }, 'IOC_SIGN_IN_LOCK_MINUTES'],
    [{ IOC_SIGN_IN_RATE_LIMIT: '0' }, 'IOC_SIGN_IN_RATE_LIMIT'],
  ])('stops the start naming the bad variable: %j', (env, message) => {
    expect(() => loadAppConfig(env)).toThrow(message);
  });

  it('reads the allowed origins as origins, trimmed and without paths', () => {
    expect(
      loadAppConfig({ IOC_ALLOWED_ORIGINS: ' https://ioc.lamdong.gov.vn/wall , http://10.0.0.5:8080' })
        .allowedOrigins,
    ).toEqual(['https://ioc.lamdong.gov.vn', 'http://10.0.0.5:8080']);
    expect(loadAppConfig({}).allowedOrigins).toEqual([]);
  });
});
