import {
  INGEST_EVENT_TYPES,
  type AnomalyList,
  type CreatedIngestKey,
  type IngestKeySummary,
  type IngestResult,
} from '@ioc/shared';
import { aReceivedEvent, startTestServer, type TestServer } from '../testing/test-server';

const at = (local: string) => `${local}:00+07:00`;

describe('the ingest contract, end to end on the embedded TimescaleDB', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ IOC_UNIT_RATE_LIMIT: '50' });
  });
  afterAll(async () => {
    await t.close();
  });

  const dossierRow = async (unit: string, code: string) =>
    (
      await t.dataSource.query<{ status: string; due_at: Date; outcome: string | null }[]>(
        'SELECT status, due_at, outcome FROM dossiers WHERE unit_code = $1 AND code = $2',
        [unit, code],
      )
    )[0];

  it('ingest keys: created once through the admin API, limited to their unit, revocable', async () => {
    const created = await t.admin('POST', '/api/v1/admin/keys', { name: 'iGate Xuân Hương', unit: '24781' });
    expect(created.status).toBe(201);
    const { key, id } = created.body as CreatedIngestKey;
    expect(key).toMatch(/^ioc_/);

    const own = aReceivedEvent('24781');
    const other = aReceivedEvent('22918');
    const { body } = await t.post([own, other], 'application/json', key);
    expect(body).toEqual({
      accepted: 1,
      duplicate: 0,
      rejected: [{ index: 1, id: other.id, reason: "unit: this key may only send events of unit '24781'" }],
    });

    const [stored] = await t.dataSource.query<{ key_hash: string }[]>(
      'SELECT key_hash FROM ingest_keys WHERE id = $1',
      [id],
    );
    expect(stored!.key_hash).not.toContain(key); // only the hash is kept
    const listed = (await t.admin('GET', '/api/v1/admin/keys')).body as IngestKeySummary[];
    expect(listed.find((k) => k.id === id)).toMatchObject({ unitCode: '24781', revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(key);

    expect((await t.admin('DELETE', `/api/v1/admin/keys/${id}`)).status).toBe(204);
    expect((await t.post([aReceivedEvent('24781')], 'application/json', key)).status).toBe(401);
  });

  it('admin endpoints refuse a request without the admin token', async () => {
    const response = await fetch(`${t.url}/api/v1/admin/keys`, {
      headers: { authorization: `Bearer ${t.key}` },
    });
    expect(response.status).toBe(401);
  });

  it('a late-arriving earlier event re-derives the dossier and clears its anomaly', async () => {
    const code = 'OOO-1';
    const resolved = {
      id: 'ooo-1-resolved',
      unit: '22924',
      type: 'dossier.resolved',
      at: at('2026-11-18T09:00'),
      dossier: { code },
    };
    await t.post([resolved]);
    expect((await dossierRow('22924', code))?.status).toBe('unreceived');
    let anomalies = (await t.admin('GET', '/api/v1/anomalies?unit=22924')).body as AnomalyList;
    expect(anomalies.items).toEqual([
      expect.objectContaining({ dossierCode: code, kind: 'missing-receipt' }),
    ]);

    const received = aReceivedEvent('22924', {
      at: at('2026-11-16T10:00'),
      dossier: { code, procedure: '1.001193', field: 'civil-status', channel: 'direct' },
    });
    await t.post([received]);
    // Same-day procedure received Mon 16 Nov 10:00 → due 17:00 that day; resolved on the 18th → late.
    expect(await dossierRow('22924', code)).toEqual({
      status: 'resolved',
      due_at: new Date(at('2026-11-16T17:00')),
      outcome: 'late',
    });
    anomalies = (await t.admin('GET', '/api/v1/anomalies?unit=22924')).body as AnomalyList;
    expect(anomalies.total).toBe(0);
  });

  it('keeps nonsense as anomalies per unit, never drops it', async () => {
    const code = 'TWICE-1';
    const received = aReceivedEvent('22933', {
      at: at('2026-11-16T10:00'),
      dossier: { code, procedure: '1.001193', field: 'civil-status', channel: 'direct' },
    });
    const returned = (id: string, local: string) => ({
      id,
      unit: '22933',
      type: 'dossier.returned',
      at: at(local),
      dossier: { code },
    });
    const { body } = await t.post([
      received,
      returned('twice-1-ret-a', '2026-11-16T15:00'),
      returned('twice-1-ret-b', '2026-11-17T09:00'),
    ]);
    expect(body.accepted).toBe(3);
    const anomalies = (await t.admin('GET', '/api/v1/anomalies?unit=22933&kind=after-closure'))
      .body as AnomalyList;
    expect(anomalies.items).toEqual([
      expect.objectContaining({ eventId: 'twice-1-ret-b', kind: 'after-closure' }),
    ]);
    expect(anomalies.byUnit).toEqual([{ unitCode: '22933', count: 1 }]);
  });

  it('computes dueAt from the calendar the province edits, without a deploy', async () => {
    // Mon 7 Dec 2026 is an ordinary working day until the province declares it a day off.
    const put = await t.admin('PUT', '/api/v1/admin/calendar/2026-12-07', {
      kind: 'day-off',
      name: 'Ngày nghỉ thử nghiệm',
    });
    expect(put.status).toBe(200);
    const received = aReceivedEvent('22945', {
      at: at('2026-11-20T16:00'),
      dossier: { code: 'CAL-1', procedure: '1.001193', field: 'civil-status', channel: 'direct' },
    });
    await t.post([received]);
    // Same day after 15:00 on Fri 20 Nov → 17:00 Mon 23 Nov (the edited 7 Dec is not involved).
    expect((await dossierRow('22945', 'CAL-1'))?.due_at).toEqual(new Date(at('2026-11-23T17:00')));

    // Declaring Mon 23 Nov a day off moves the deadline of new receipts, not the printed one of CAL-1.
    expect(
      (await t.admin('PUT', '/api/v1/admin/calendar/2026-11-23', { kind: 'day-off', name: 'Thử' })).status,
    ).toBe(200);
    const assigned = {
      id: 'cal-1-assign',
      unit: '22945',
      type: 'dossier.assigned',
      at: at('2026-11-20T16:30'),
      dossier: { code: 'CAL-1' },
      department: 'Tư pháp',
    };
    const sameTimeReceipt = aReceivedEvent('22945', {
      at: at('2026-11-20T16:00'),
      dossier: { code: 'CAL-2', procedure: '1.001193', field: 'civil-status', channel: 'direct' },
    });
    await t.post([assigned, sameTimeReceipt]);
    expect((await dossierRow('22945', 'CAL-1'))?.due_at).toEqual(new Date(at('2026-11-23T17:00')));
    expect((await dossierRow('22945', 'CAL-2'))?.due_at).toEqual(new Date(at('2026-11-24T17:00')));
    expect((await t.admin('DELETE', '/api/v1/admin/calendar/2026-11-23')).status).toBe(204);
    const days = (await t.admin('GET', '/api/v1/calendar?year=2026')).body as { date: string }[];
    expect(days.map((d) => d.date)).toContain('2026-12-07');
    expect(
      (await t.admin('PUT', '/api/v1/admin/calendar/2026-12-08', { kind: 'worked-saturday', name: 'x' }))
        .status,
    ).toBe(400);
    expect((await t.admin('DELETE', '/api/v1/admin/calendar/2026-12-07')).status).toBe(204);
    // Gone already: nothing to remove.
    expect((await t.admin('DELETE', '/api/v1/admin/calendar/2026-12-07')).status).toBe(404);
  });

  it('rejects unknown procedures, future dates and a missing dueAt where the catalogue has no time', async () => {
    const future = aReceivedEvent('22918', { at: new Date(Date.now() + 10 * 60_000).toISOString() });
    const unknownProcedure = aReceivedEvent('22918', {
      dossier: { code: 'P-1', procedure: '9.999999', field: 'land', channel: 'direct' },
    });
    const { body } = await t.post([future, unknownProcedure]);
    expect(body.rejected.map((r) => r.reason)).toEqual([
      'at: is more than 5 minutes in the future',
      "dossier.procedure: '9.999999' is not in the procedure catalogue",
    ]);
  });

  it("keeps event ids per unit: another unit's key cannot cancel a unit's event by sending its id", async () => {
    const keyOf = async (unit: string) =>
      (
        (await t.admin('POST', '/api/v1/admin/keys', { name: `vendor ${unit}`, unit }))
          .body as CreatedIngestKey
      ).key;
    const [ownKey, otherKey] = [await keyOf('24781'), await keyOf('22918')];
    const receipt = (unit: string, code: string) =>
      aReceivedEvent(unit, {
        id: 'csv-24781-HS-ID-recv',
        dossier: { code, procedure: '1.001193', field: 'civil-status', channel: 'direct' },
      });
    // Unit B's key sends (by mistake or on purpose) an event with unit A's predictable id first.
    expect((await t.post([receipt('22918', 'B-ID')], 'application/json', otherKey)).body).toMatchObject({
      accepted: 1,
      duplicate: 0,
    });
    // A's real event is still accepted, and its resend is a duplicate, as the contract promises.
    expect((await t.post([receipt('24781', 'HS-ID')], 'application/json', ownKey)).body).toMatchObject({
      accepted: 1,
      duplicate: 0,
    });
    expect((await t.post([receipt('24781', 'HS-ID')], 'application/json', ownKey)).body).toMatchObject({
      accepted: 0,
      duplicate: 1,
    });
    expect(await dossierRow('24781', 'HS-ID')).toMatchObject({ status: 'received' });
    expect(await dossierRow('22918', 'B-ID')).toMatchObject({ status: 'received' });
  });

  it('rejects an offset no clock uses and a field outside the catalogue per item, storing the rest', async () => {
    const farOffset = aReceivedEvent('22918', { at: '2026-11-20T08:15:00+16:00' });
    const farDue = aReceivedEvent('22918', {
      dossier: {
        code: 'OFF-2',
        procedure: '1.001193',
        field: 'civil-status',
        channel: 'direct',
        dueAt: '2026-12-20T17:00:00-15:30',
      },
    });
    const scriptField = aReceivedEvent('22918', {
      dossier: {
        code: 'F-1',
        procedure: '1.001193',
        field: '<img src=x onerror=alert(1)>',
        channel: 'direct',
      },
    });
    const good = aReceivedEvent('22918', { at: '2026-11-20T08:15:00+14:00' });
    const { status, body } = await t.post([farOffset, farDue, scriptField, good]);
    expect(status).toBe(200);
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => [r.index, r.reason])).toEqual([
      [0, 'at: must have a UTC offset between -12:00 and +14:00'],
      [1, 'dossier.dueAt: must have a UTC offset between -12:00 and +14:00'],
      [
        2,
        expect.stringMatching(
          /^dossier\.field: '<img src=x onerror=alert\(1\)>' is not a field of the procedure catalogue \(agriculture, certification, civil-status/,
        ),
      ],
    ]);
  });

  it('answers 429 with Retry-After when a unit is over its rate, storing nothing of that request', async () => {
    // IOC_UNIT_RATE_LIMIT=50 events/s: a unit may burst one full request (10,000), then 1,000 more need 20 s.
    const burst = Array.from({ length: 10_000 }, () => aReceivedEvent('22954'));
    expect((await t.post(burst)).body.accepted).toBe(10_000);
    const over = await fetch(`${t.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(Array.from({ length: 1_000 }, () => aReceivedEvent('22954'))),
    });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('leaves an append-only audit record of every request', async () => {
    await t.post('{not json');
    const tooLarge = await fetch(`${t.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
      body: `["${'x'.repeat(9 * 1024 * 1024)}"]`,
    });
    expect(tooLarge.status).toBe(413);
    const rows = await t.dataSource.query<{ status: number; accepted: number; rejected: number }[]>(
      'SELECT status, accepted, rejected FROM ingest_audit ORDER BY id',
    );
    expect(rows.map((r) => r.status)).toEqual(expect.arrayContaining([200, 400, 413, 429]));
    await expect(t.dataSource.query('DELETE FROM ingest_audit')).rejects.toThrow('append-only');
    await expect(t.dataSource.query('UPDATE ingest_audit SET accepted = 0')).rejects.toThrow('append-only');
  });

  it('accepts NDJSON, judging each line alone', async () => {
    const good = aReceivedEvent('22918');
    const response = await t.post(
      `${JSON.stringify(good)}\n{broken\n${JSON.stringify({ ...good, id: 'x' })}\n`,
      'application/x-ndjson',
    );
    const body: IngestResult = response.body;
    expect(response.status).toBe(200);
    expect(body.accepted).toBe(2);
    expect(body.rejected).toEqual([{ index: 1, reason: expect.stringContaining('line is not JSON') }]);
  });

  it('documents the contract at /api/docs with an example of every event type', async () => {
    const document = (await (await t.read('/api/docs-json')).json()) as {
      paths: Record<string, { post?: { requestBody?: { content: Record<string, { examples?: object }> } } }>;
    };
    const examples =
      document.paths['/api/v1/events']?.post?.requestBody?.content['application/json']?.examples ?? {};
    expect(Object.keys(examples)).toEqual(expect.arrayContaining([...INGEST_EVENT_TYPES]));
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/imports', '/api/v1/anomalies']),
    );
  });
});
