import { createTestDatabase, type TestDatabase } from '@ioc/server/dist/testing/test-database';
import { freePort, ProductionServer } from '../support/production-server';

// The server's own output, as Docker collects it, with everything a careless log would leak in
// play: the admin token, the metrics token, a new ingest key (in an answer), a wrong key (in a
// header), a citizen's comment (in a body).
jest.setTimeout(120_000);

const ADMIN_TOKEN = 'logs-test-admin-token-AAAAAAAAAAAAAAAA';
const METRICS_TOKEN = 'logs-test-metrics-token-BBBBBBBBBBBBBB';
const WRONG_KEY = 'ioc_wrong-key-CCCCCCCCCCCCCCCCCCCC';
const COMMENT = 'Cán bộ tiếp dân thái độ DDDDDDDDDD';

describe('the server logs', () => {
  let database: TestDatabase;
  let server: ProductionServer;
  let lines: Record<string, unknown>[];
  let createdKey: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = new ProductionServer(await freePort(), {
      ...database.env,
      IOC_ADMIN_TOKEN: ADMIN_TOKEN,
      IOC_METRICS_TOKEN: METRICS_TOKEN,
      IOC_LOG_LEVEL: 'debug',
    });
    await server.start();
    createdKey = await server.createIngestKey(ADMIN_TOKEN);
    const post = (key: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/v1/events?note=${encodeURIComponent(COMMENT)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const answered = await post(
      createdKey,
      [
        {
          id: 'logs-1',
          unit: '24781',
          type: 'feedback.submitted',
          at,
          rating: 1,
          source: 'kiosk',
          comment: COMMENT,
        },
        {
          id: 'logs-2',
          unit: '99999',
          type: 'feedback.submitted',
          at,
          rating: 2,
          source: 'kiosk',
          comment: COMMENT,
        },
      ],
      { 'x-request-id': 'from-nginx-0123' },
    );
    expect(answered.status).toBe(200);
    expect(answered.headers.get('x-request-id')).toBe('from-nginx-0123');
    expect((await post(WRONG_KEY, [])).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('ioc_ingest_events_total{outcome="rejected",reason="unit"} 1');
    expect((await server.stop('SIGTERM')).code).toBe(0);
    lines = server.output
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await database?.drop();
  });

  it('are JSON, one object a line', () => {
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.every((line) => typeof line.level === 'number' && typeof line.msg === 'string')).toBe(true);
  });

  it('carry a request id on every line of a request, the one nginx passed on when it did', () => {
    const requests = lines.filter((line) => line.req !== undefined);
    expect(requests.length).toBeGreaterThanOrEqual(5);
    expect(requests.every((line) => typeof line.reqId === 'string' && line.reqId !== '')).toBe(true);
    expect(requests.find((line) => line.reqId === 'from-nginx-0123')).toMatchObject({
      req: { method: 'POST', path: '/api/v1/events' },
      res: { statusCode: 200 },
    });
  });

  it('hold no token, no key and no citizen comment, anywhere', () => {
    const output = server.output;
    for (const secret of [
      ADMIN_TOKEN,
      METRICS_TOKEN,
      WRONG_KEY,
      createdKey,
      COMMENT,
      'DDDDDDDDDD',
      'CCCCCCCCCC',
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output).not.toContain(encodeURIComponent(COMMENT));
    expect(output.toLowerCase()).not.toContain('authorization');
  });
});
