import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { connect } from 'node:net';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import { TEST_ENGINE } from '@ioc/server/dist/testing/test-database';
import { TEST_ADMIN_TOKEN } from '@ioc/server/dist/testing/test-server';
import { call, type HttpAnswer } from '../support/http';
import { ServerProcess } from '../support/server-process';

/*
 * The hostile review of issue 12, replayed against one server process at once: each attack of
 * the review (bounded, loopback only) while a commune's software sends its events every 200 ms.
 * Key revocation across processes (item 11) needs two processes and Redis: its scale-out test
 * (test/scale-out) covers it.
 * Asserted: no 500 from any content, no 5xx but load shedding with Retry-After, the server's
 * memory under a stated ceiling, the commune's ingest p99 under a stated bound throughout, and
 * nothing half-written (the database holds exactly what the answers counted).
 */
const MEMORY_CEILING_MIB = 1_024;
const INGEST_P99_BOUND_MS = 2_000;
jest.setTimeout(180_000);

interface CommuneRequest {
  id: string;
  status: number;
  ms: number;
}

/** The commune's software: `dossier.received` events one at a time until told to stop. */
const COMMUNE_SOFTWARE = `
const { parentPort, workerData } = require('node:worker_threads');
const { request } = require('node:http');
const { url, key, unit, hourAgo } = workerData;
let attacking = true;
parentPort.on('message', () => (attacking = false));
const post = (body) =>
  new Promise((resolve) => {
    const started = performance.now();
    const req = request(url + '/api/v1/events', {
      method: 'POST',
      agent: false,
      headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const done = (status) => resolve({ status, ms: performance.now() - started });
    req.setTimeout(60000, () => req.destroy());
    req.on('response', (res) => res.resume().on('end', () => done(res.statusCode)));
    req.on('error', () => done(0));
    req.end(body);
  });
(async () => {
  const requests = [];
  for (let i = 0; attacking; i++) {
    const id = 'victim-' + i;
    const dossier = { code: id, procedure: '1.001193', field: 'civil-status', channel: 'online' };
    const event = { id, unit, type: 'dossier.received', at: new Date(hourAgo).toISOString(), dossier };
    requests.push({ id, ...(await post(JSON.stringify([event]))) });
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  parentPort.postMessage(requests);
})();
`;

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

describe('the hostile review, replayed at once', () => {
  let server: ServerProcess;
  afterAll(async () => {
    await server?.close();
  });

  it('keeps ingest answering, memory bounded and data whole while every attack runs', async () => {
    server = await ServerProcess.start({ IOC_LIVE_SEND_BUFFER_BYTES: String(1024 * 1024) });
    const url = server.url;
    const unitKey = async (unit: string) => {
      const answer = await call(`${url}/api/v1/admin/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `hostile ${unit}`, unit }),
      });
      return (answer.json as { key: string }).key;
    };
    const [victimKey, attackerKey] = [await unitKey('24778'), await unitKey('22918')];
    const post = (
      key: string,
      body: string | Buffer,
      contentType = 'application/json',
      path = '/api/v1/events',
    ) =>
      call(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': contentType },
        body,
        timeoutMs: 60_000,
      });
    const received = (unit: string, id: string, at: number, extra: Record<string, unknown> = {}) => ({
      id,
      unit,
      type: 'dossier.received',
      at: new Date(at).toISOString(),
      dossier: { code: id, procedure: '1.001193', field: 'civil-status', channel: 'online', ...extra },
    });

    // The server's memory, every 200 ms.
    let maxRssMiB = 0;
    const memory = setInterval(() => {
      const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
      const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      maxRssMiB = Math.max(maxRssMiB, kib / 1024);
    }, 200);

    // The victim commune's software, one event every 200 ms, for as long as the attacks run. In a
    // thread of its own: the attacks' payloads are built and sent by this test's event loop, and
    // they must not delay the commune's requests or its clock.
    const commune = new Worker(COMMUNE_SOFTWARE, {
      eval: true,
      workerData: { url, key: victimKey, unit: '24778', hourAgo: Date.now() - HOUR },
    });
    const communeDone = once(commune, 'message') as Promise<[CommuneRequest[]]>;

    const answers: { attack: string; answer: HttpAnswer }[] = [];
    const attack = async (name: string, run: () => Promise<HttpAnswer | HttpAnswer[]>) => {
      const result = await run();
      for (const answer of [result].flat()) answers.push({ attack: name, answer });
    };
    await Promise.all([
      // 1. The victim's next ids, sent first under the attacker's unit: they stay the victim's.
      attack('ids of another unit', () =>
        post(
          attackerKey,
          JSON.stringify(
            Array.from({ length: 50 }, (_, i) => received('22918', `victim-${i}`, Date.now() - HOUR)),
          ),
        ),
      ),
      // 2. Weekly receipts since 2000.
      attack('old dates', () =>
        post(
          attackerKey,
          JSON.stringify(
            Array.from({ length: 1_405 }, (_, i) =>
              received('22918', `old-${i}`, Date.parse('2000-01-03T02:00:00Z') + i * WEEK),
            ).filter((e) => Date.parse(e.at) < Date.now() - HOUR),
          ),
        ),
      ),
      // 3. CSV of millions of blank or refused lines.
      attack('csv floods', async () => [
        await post(
          attackerKey,
          `Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận\n${'\n'.repeat(8_000_000)}`,
          'text/csv',
          '/api/v1/imports',
        ),
        await post(
          attackerKey,
          `Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận\n${'x\n'.repeat(2_800_000)}`,
          'text/csv',
          '/api/v1/imports',
        ),
      ]),
      // 4. An offset PostgreSQL refuses; 10. markup as a field.
      attack('bad offset and field', () =>
        post(
          attackerKey,
          JSON.stringify([
            { ...received('22918', 'offset-1', 0), at: '2026-11-20T10:00:00+16:00' },
            received('22918', 'field-1', Date.now() - HOUR, { field: '<img src=x onerror=alert(1)>' }),
          ]),
        ),
      ),
      // 5. Bodies announced and never sent, without a key.
      attack('unauthenticated bodies', () =>
        Promise.all(
          Array.from(
            { length: 40 },
            () =>
              new Promise<HttpAnswer>((resolve) => {
                const started = performance.now();
                const socket = connect(Number(new URL(url).port), '127.0.0.1', () =>
                  socket.write(
                    'POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 8000000\r\n\r\n[',
                  ),
                );
                let text = '';
                socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
                socket.on('close', () =>
                  resolve({
                    status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0),
                    json: undefined,
                    text,
                    headers: {},
                    ms: performance.now() - started,
                  }),
                );
                socket.on('error', () => undefined);
              }),
          ),
        ),
      ),
      // 6. 8 MiB of one-character lines.
      attack('ndjson of ones', () =>
        post(attackerKey, '1\n'.repeat(4 * 1024 * 1024 - 1), 'application/x-ndjson'),
      ),
      // 7. A socket asking for 1,500 snapshots, then one that stops reading (a signed-in client:
      // an anonymous one is not even connected, below).
      attack('socket flood', async () => {
        const socket = io(`${url}/live`, {
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
          extraHeaders: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        });
        await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
        const acks = await Promise.all(
          Array.from({ length: 1_500 }, (_, i) =>
            socket
              .timeout(30_000)
              .emitWithAck('live:subscribe', { scopes: [i % 2 ? 'province' : 'ranking'] }),
          ),
        );
        (socket.io.engine.transport as unknown as { ws: { _socket: { pause(): void } } }).ws._socket.pause();
        for (let i = 0; i < 40; i++) socket.emit('live:resync', { scope: 'ranking' });
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        socket.disconnect();
        expect(acks.filter((a: { ok: boolean }) => !a.ok).length).toBeGreaterThan(1_400);
        return [];
      }),
      // 9. Another local process on the embedded engine's port, with the old fixed password.
      attack('embedded database port', async () => {
        if (TEST_ENGINE !== 'embedded' || server.databaseUrl === null) return [];
        const target = new URL(server.databaseUrl);
        const client = new Client({
          host: target.hostname,
          port: Number(target.port),
          user: 'postgres',
          password: 'postgres',
        });
        const refused = await client.connect().then(
          () => 'connected',
          (error: { code?: string }) => error.code ?? 'refused',
        );
        await client.end().catch(() => undefined);
        expect(refused).toBe('28P01');
        return [];
      }),
      // 12. What a browser is told about every answer, here the first page it loads.
      attack('security headers', async () => {
        const page = await call(`${url}/api/health`);
        expect(page.headers).toMatchObject({
          'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
          'x-content-type-options': 'nosniff',
          'referrer-policy': expect.any(String),
        });
        expect(page.headers['x-powered-by']).toBeUndefined();
        return page;
      }),
      // Issue 13: every read and the socket without a credential, a citizen's rating included.
      attack('anonymous reads', async () => {
        const socket = io(`${url}/live`, { transports: ['websocket'], forceNew: true, reconnection: false });
        const connected = await new Promise<string>((resolve) => {
          socket.once('connect', () => resolve('connected'));
          socket.once('connect_error', (error) => resolve(error.message));
        });
        socket.disconnect();
        expect(connected).not.toBe('connected');
        const paths = [
          '/api/v1/rankings?period=month',
          '/api/v1/units',
          '/api/v1/units/24778/index/lost-dossiers?indicator=satisfaction',
          '/api/v1/anomalies?unit=24778',
          '/api/v1/backlog-history',
          '/api/docs-json',
          '/api/v1/admin/users',
        ];
        return Promise.all(paths.map((path) => call(`${url}${path}`)));
      }),
      // Issue 13: guessing passwords, and a sign-in posted by a page of another site.
      attack('sign-in guessing', async () => {
        const tries: HttpAnswer[] = [];
        for (let i = 0; i < 8; i++) {
          tries.push(
            await call(`${url}/api/v1/auth/sign-in`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ login: 'admin', password: `guess number ${i} of the attacker` }),
            }),
          );
        }
        tries.push(
          await call(`${url}/api/v1/auth/sign-in`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              origin: 'https://evil.example',
              'sec-fetch-site': 'cross-site',
            },
            body: JSON.stringify({ login: 'admin', password: 'whatever it may be' }),
          }),
        );
        return tries;
      }),
      // 8. 40 loops of a two-year ranking.
      attack('ranking readers', () =>
        Promise.all(
          Array.from({ length: 40 }, async () => {
            const got: HttpAnswer[] = [];
            for (let i = 0; i < 10; i++) {
              got.push(
                await call(`${url}/api/v1/rankings?period=custom&from=2025-07-01&to=2026-11-30`, {
                  timeoutMs: 60_000,
                  headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
                }),
              );
            }
            return got;
          }),
        ).then((all) => all.flat()),
      ),
    ]);
    commune.postMessage('stop');
    const [victim] = await communeDone;
    await commune.terminate();
    const victimIds = victim.filter((v) => v.status === 200).map((v) => v.id);
    clearInterval(memory);

    // No answer from content is a 500; a 5xx is only load shedding, and says when to come back.
    const serverErrors = answers.filter(({ answer }) => answer.status >= 500);
    expect(serverErrors.filter(({ answer }) => answer.status !== 503)).toEqual([]);
    for (const { answer } of serverErrors) expect(answer.text).toMatch(/try again/);
    // Each attack got the answer the contract gives it.
    const statuses = (name: string) => answers.filter((a) => a.attack === name).map((a) => a.answer.status);
    expect(statuses('old dates')).toEqual([200]);
    expect(statuses('csv floods')).toEqual([413, 413]);
    expect(statuses('bad offset and field')).toEqual([200]);
    expect(new Set(statuses('unauthenticated bodies'))).toEqual(new Set([401]));
    expect(statuses('ndjson of ones')).toEqual([413]);
    expect(statuses('ranking readers').every((s) => [200, 429, 503].includes(s))).toBe(true);
    expect(new Set(statuses('anonymous reads'))).toEqual(new Set([401]));
    expect(statuses('sign-in guessing')).toEqual([...Array<number>(8).fill(401), 403]);

    // The commune was served throughout.
    expect(victim.every((v) => v.status === 200)).toBe(true);
    const sorted = victim.map((v) => v.ms).sort((a, b) => a - b);
    const p99 = sorted[Math.floor(sorted.length * 0.99)] ?? 0;
    console.info(
      `hostile: ${answers.length} attack answers, victim ${victim.length} requests p99 ${p99.toFixed(0)} ms, server RSS max ${maxRssMiB.toFixed(0)} MiB (the commune, ms: ${victim.map((v) => v.ms.toFixed(0)).join(' ')})`,
    );
    expect(p99).toBeLessThan(INGEST_P99_BOUND_MS);
    expect(maxRssMiB).toBeLessThan(MEMORY_CEILING_MIB);

    // Nothing half-written: the victim's events all stored under its unit, the attacker's
    // same ids under its own, and of the old dates exactly the accepted ones.
    const [counts] = await server.query<{ victim: number; attacker_ids: number; old: number }>(
      `SELECT (SELECT count(*)::int FROM dossier_events WHERE unit_code = '24778' AND id LIKE 'victim-%') AS victim,
              (SELECT count(*)::int FROM dossier_events WHERE unit_code = '22918' AND id LIKE 'victim-%') AS attacker_ids,
              (SELECT count(*)::int FROM dossier_events WHERE unit_code = '22918' AND id LIKE 'old-%') AS old`,
    );
    const oldAnswer = answers.find((a) => a.attack === 'old dates')!.answer.json as { accepted: number };
    expect(counts).toEqual({ victim: victimIds.length, attacker_ids: 50, old: oldAnswer.accepted });
    const [bad] = await server.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM dossier_events WHERE id IN ('offset-1', 'field-1')`,
    );
    expect(bad).toEqual({ n: 0 });
  });
});
