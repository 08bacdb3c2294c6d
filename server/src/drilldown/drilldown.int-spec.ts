import ExcelJS from 'exceljs';
import {
  dossierDetailSchema,
  dossierListSchema,
  processingTimesSchema,
  type DossierList,
  type DossierListItem,
  type IngestEvent,
} from '@ioc/shared';
import { FixedClock } from '../common/clock';
import { TEST_ENGINE } from '../testing/test-database';
import { startTestServer, type TestServer } from '../testing/test-server';
import { EXPORT_COLUMNS, excelDate, exportDateText } from './dossier-export.service';

const A = '24781';
const B = '22918';
/** `vn('2026-05-07 16:30')`: an instant in Vietnam time. */
const vn = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+07:00`);
const NOW = vn('2026-05-07 16:30');
const iso = (local: string) => new Date(vn(local)).toISOString();
const EXPORT_LIMIT = 100;

let n = 0;
const id = () => `drill-${++n}`;
function received(
  unit: string,
  code: string,
  local: string,
  options: { procedure?: string; field?: string; dueAt?: string; channel?: 'online' | 'direct' } = {},
): IngestEvent {
  return {
    id: id(),
    unit,
    type: 'dossier.received',
    at: iso(local),
    dossier: {
      code,
      procedure: options.procedure ?? '1.001193',
      field: options.field ?? 'civil-status',
      channel: options.channel ?? 'direct',
      ...(options.dueAt ? { dueAt: iso(options.dueAt) } : {}),
    },
  };
}
const lifecycle = (unit: string, code: string, type: string, local: string, extra = {}): IngestEvent =>
  ({ id: id(), unit, type, at: iso(local), dossier: { code }, ...extra }) as IngestEvent;

describe(`drill-down: lists, a dossier explained, exports (${TEST_ENGINE})`, () => {
  let t: TestServer;
  let keyId: string;
  /** Dossiers stored before the pagination test starts. */
  const listed: string[] = [];

  beforeAll(async () => {
    t = await startTestServer(
      { IOC_READ_RATE_LIMIT: '1000', IOC_EXPORT_MAX_ROWS: String(EXPORT_LIMIT) },
      { clock: new FixedClock(NOW) },
    );
    const [key] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM ingest_keys WHERE name = 'test'`,
    );
    keyId = key!.id;
    // The explained dossier (construction permit, 5 working days), its resumption sent first:
    // Fri 24/4 10:00 → 5 h; Sat, Sun; Mon 27/4 Giỗ Tổ (nghỉ bù); Tue 28, Wed 29 (21 h); Thu 30/4 and
    // Fri 1/5 days off; Sat, Sun; Mon 4/5, Tue 5/5 (37 h); Wed 6/5 07:00–10:00 (40 h). Paused Tue
    // 28/4 09:00–11:30 (2 h 30): due Wed 6/5 14:30. At Thu 7/5 16:30: 2 h 30 + 7 h 30 = 1 day 2 h late.
    expect((await t.post([lifecycle(A, 'XD-1', 'dossier.resumed', '2026-04-28 11:30')])).body.accepted).toBe(
      1,
    );
    expect(
      (
        await t.post([
          received(A, 'XD-1', '2026-04-24 10:00', { procedure: '1.013228', field: 'construction' }),
          lifecycle(A, 'XD-1', 'dossier.paused', '2026-04-28 09:00', { reason: 'thiếu bản vẽ' }),
          lifecycle(A, 'XD-1', 'dossier.assigned', '2026-04-24 10:30', { department: 'Phòng Kinh tế' }),
        ])
      ).body.accepted,
    ).toBe(3);
    // Same day, received Fri 24/4 at 15:00: due the next working day, Tue 28/4 17:00 (27/4 is off);
    // resolved Wed 29/4 08:00: 1 h late. Rated 2.
    await t.post([
      received(A, 'HT-1', '2026-04-24 15:00'),
      lifecycle(A, 'HT-1', 'dossier.resolved', '2026-04-29 08:00'),
      {
        id: id(),
        unit: A,
        type: 'feedback.submitted',
        at: iso('2026-04-29 09:00'),
        rating: 2,
        source: 'kiosk',
        dossier: { code: 'HT-1' },
        comment: 'chậm',
      },
    ]);
    // 80 dossiers in A and 40 in B, civil-status and construction, one every 30 minutes of office time.
    const events: IngestEvent[] = [];
    for (let i = 0; i < 120; i++) {
      const unit = i < 80 ? A : B;
      const day = 11 + Math.floor(i / 16); // 16 a day from Mon 4/5... spread over 4–11 May
      const date = `2026-05-${String(Math.min(day - 7, 7)).padStart(2, '0')}`;
      const local = `${date} ${String(7 + (i % 8)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`;
      const code = `L-${String(i).padStart(3, '0')}`;
      const construction = i % 3 === 0;
      events.push(
        received(unit, code, local, {
          procedure: construction ? '1.013228' : '1.001193',
          field: construction ? 'construction' : 'civil-status',
          dueAt: i % 2 ? '2026-05-08 16:00' : `${date} 16:${String(i % 60).padStart(2, '0')}`,
          channel: i % 2 ? 'online' : 'direct',
        }),
      );
    }
    const stored = await t.post(events);
    expect(stored.body.rejected).toEqual([]);
    expect(stored.body.accepted).toBe(120);
    const all = await listAll('');
    listed.push(...all.map((d) => `${d.unitCode}/${d.code}`));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function list(
    query: string,
    role: Parameters<TestServer['session']>[0] = 'leader',
  ): Promise<DossierList> {
    const response = await (await t.session(role)).fetch(`/api/v1/dossiers${query}`);
    expect(response.status).toBe(200);
    return dossierListSchema.parse(await response.json());
  }
  async function listAll(
    query: string,
    role: Parameters<TestServer['session']>[0] = 'leader',
  ): Promise<DossierListItem[]> {
    const items: DossierListItem[] = [];
    let next: string | null = null;
    do {
      const sep = query ? '&' : '?';
      const page = await list(`${query}${next ? `${sep}cursor=${encodeURIComponent(next)}` : ''}`, role);
      items.push(...page.items);
      next = page.next;
      if (!next) expect(items.length).toBe(page.total);
    } while (next);
    return items;
  }

  it('explains the deadline step by step, with the timeline in order and its out-of-order arrivals', async () => {
    const response = await t.read(`/api/v1/dossiers/${A}/XD-1`);
    expect(response.status).toBe(200);
    const detail = dossierDetailSchema.parse(await response.json());
    expect(detail.dossier.dueAt).toBe(iso('2026-05-06 14:30'));
    expect(detail.dossier.statutoryDueAt).toBe(iso('2026-05-06 10:00'));
    expect(detail.dossier.overdue).toBe(true);
    expect(detail.dossier.overdueBy).toEqual({ workingMinutes: 600, days: 1, hours: 2, minutes: 0 });
    expect(detail.dossier.pausedFor?.workingMinutes).toBe(150);
    expect(detail.dossier.department).toBe('Phòng Kinh tế');
    const skipped = detail.deadline.days.filter((d) => d.kind !== 'working');
    expect(skipped.map((d) => [d.date, d.kind, d.name])).toEqual([
      ['2026-04-25', 'weekend', null],
      ['2026-04-26', 'weekend', null],
      ['2026-04-27', 'day-off', 'Giỗ Tổ Hùng Vương (nghỉ bù)'],
      ['2026-04-30', 'day-off', 'Ngày Giải phóng miền Nam'],
      ['2026-05-01', 'day-off', 'Quốc tế Lao động'],
      ['2026-05-02', 'weekend', null],
      ['2026-05-03', 'weekend', null],
    ]);
    expect(detail.deadline.summary.vi).toBe(
      'Hạn 5 ngày làm việc; nghỉ Giỗ Tổ Hùng Vương (nghỉ bù) 27/4 không tính; nghỉ Ngày Giải phóng miền Nam 30/4 không tính; ' +
        'nghỉ Quốc tế Lao động 1/5 không tính; 4 ngày cuối tuần không tính; tạm dừng bổ sung 2 giờ 30 phút làm việc; ' +
        'hạn trả 06/05/2026 14:30; quá hạn 1 ngày 2 giờ',
    );
    // In the order of `at`; the receipt, the assignment and the pause arrived after the resumption.
    expect(detail.timeline.map((e) => [e.type, e.arrivalOrder, e.arrivedLate])).toEqual([
      ['dossier.received', 2, true],
      ['dossier.assigned', 4, true],
      ['dossier.paused', 3, true],
      ['dossier.resumed', 1, false],
    ]);
    for (const entry of detail.timeline) {
      expect(entry.key).toEqual({ id: keyId, name: 'test', prefix: expect.any(String) });
      expect(entry.arrivedAt).not.toBeNull();
    }
    expect(Date.parse(detail.timeline[3]!.arrivedAt!)).toBeLessThanOrEqual(
      Date.parse(detail.timeline[0]!.arrivedAt!),
    );
  });

  it('counts the 15:00 same-day rule and a holiday in "overdue by"; shows the rating', async () => {
    const page = await list(`?unit=${A}&code=HT-`);
    expect(page.items).toHaveLength(1);
    const [row] = page.items;
    expect(row!.dueAt).toBe(iso('2026-04-28 17:00'));
    expect(row!.outcome).toBe('late');
    expect(row!.overdueBy).toEqual({ workingMinutes: 60, days: 0, hours: 1, minutes: 0 });
    expect(row!.rating).toBe(2);
    const detail = dossierDetailSchema.parse(await (await t.read(`/api/v1/dossiers/${A}/HT-1`)).json());
    expect(detail.deadline.beforeSameDayCutoff).toBe(false);
    expect(detail.feedback).toEqual([expect.objectContaining({ rating: 2, comment: 'chậm' })]);
    expect(detail.deadline.summary.vi).toMatch(/hạn trả 28\/04\/2026 17:00; trả trễ 1 giờ$/);
  });

  it('lists a unit’s overdue dossiers most overdue first, with the filter’s total', async () => {
    const page = await list(`?unit=${A}&status=overdue&limit=5`);
    expect(page.sort).toBe('overdue');
    const all = await listAll(`?unit=${A}&status=overdue`);
    expect(page.total).toBe(all.length);
    const late = all.map((d) => d.overdueBy!.workingMinutes);
    expect(late).toEqual([...late].sort((a, b) => b - a));
    expect(all.every((d) => d.overdue && d.unitCode === A)).toBe(true);
  });

  it('pages by keyset without skipping or repeating a row while new dossiers arrive', async () => {
    const seen: string[] = [];
    let next: string | null = null;
    let round = 0;
    do {
      const page = await list(`?limit=7${next ? `&cursor=${encodeURIComponent(next)}` : ''}`);
      seen.push(...page.items.map((d) => `${d.unitCode}/${d.code}`));
      next = page.next;
      // Between two pages: a new dossier now, and one received long ago arriving late.
      await t.post([
        received(B, `NEW-${round}`, '2026-05-07 16:00'),
        received(B, `OLD-${round}`, '2026-04-20 08:00'),
      ]);
      round += 1;
    } while (next);
    expect(new Set(seen).size).toBe(seen.length);
    for (const key of listed) expect(seen).toContain(key);
  });

  it('exports a filter as CSV and XLSX that read back cell by cell as the list', async () => {
    const query = `?unit=${A}&sort=received`;
    const items = await listAll(query);
    const expected = items.map((item) =>
      EXPORT_COLUMNS.map((c) => {
        const value = c.value(item);
        return value === null ? null : value;
      }),
    );

    const csv = await t.read(`/api/v1/dossiers/export.csv${query}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = Buffer.from(await csv.arrayBuffer()).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = parseCsv(text.slice(1));
    expect(lines[0]).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    expect(lines.slice(1)).toEqual(
      expected.map((row) =>
        row.map((value, i) =>
          value === null
            ? ''
            : EXPORT_COLUMNS[i]!.type === 'date'
              ? exportDateText(value as string)
              : String(value),
        ),
      ),
    );

    const xlsx = await t.read(`/api/v1/dossiers/export.xlsx${query}`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('Hồ sơ')!;
    expect(sheet.views[0]).toEqual(expect.objectContaining({ state: 'frozen', ySplit: 1 }));
    expect(sheet.rowCount).toBe(items.length + 1);
    expect(sheet.getColumn(3).width).toBe(EXPORT_COLUMNS[2]!.width);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    expected.forEach((row, r) => {
      const cells = sheet.getRow(r + 2);
      row.forEach((value, c) => {
        const cell = cells.getCell(c + 1).value;
        const column = EXPORT_COLUMNS[c]!;
        if (value === null) expect(cell ?? null).toBeNull();
        else if (column.type === 'date')
          expect(Math.abs((cell as Date).getTime() - excelDate(value as string).getTime())).toBeLessThan(
            1000,
          );
        else expect(cell).toBe(value);
      });
    });

    const audit = await t.dataSource.query<{ target: string; details: { rows: number; filter: unknown } }[]>(
      `SELECT target, details FROM access_audit WHERE action = 'export' AND outcome = 'success' ORDER BY id`,
    );
    expect(audit.map((a) => [a.target, a.details.rows])).toEqual([
      ['export:dossiers.csv', items.length],
      ['export:dossiers.xlsx', items.length],
    ]);
    expect(audit[0]!.details.filter).toEqual(expect.objectContaining({ unit: [A], sort: 'received' }));
  });

  it('refuses an export over the row limit with a clear message, and audits the refusal', async () => {
    const response = await t.read('/api/v1/dossiers/export.xlsx');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; messageEn: string };
    expect(body.code).toBe('drilldown.export-too-large');
    expect(body.messageEn).toContain(`more than ${EXPORT_LIMIT}`);
    const [refused] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM access_audit WHERE action = 'export' AND outcome = 'failure'`,
    );
    expect(refused!.n).toBe(1);
  });

  it('scopes lists and dossiers to the caller: a department head’s fields, a unit officer’s unit', async () => {
    const head = await listAll('', 'department-head');
    expect(head.length).toBeGreaterThan(0);
    expect(head.every((d) => d.field === 'civil-status')).toBe(true);
    const headSession = await t.session('department-head');
    expect((await headSession.fetch('/api/v1/dossiers?field=construction')).status).toBe(403);
    expect((await headSession.fetch(`/api/v1/dossiers/${A}/XD-1`)).status).toBe(404);
    expect((await headSession.fetch(`/api/v1/dossiers/${A}/HT-1`)).status).toBe(200);

    const officer = await listAll('', 'unit-officer');
    expect(officer.every((d) => d.unitCode === A)).toBe(true);
    const officerSession = await t.session('unit-officer');
    expect((await officerSession.fetch(`/api/v1/dossiers/${B}/L-100`)).status).toBe(404);
    expect((await officerSession.fetch(`/api/v1/dossiers/${A}/L-000`)).status).toBe(200);
    expect((await officerSession.fetch(`/api/v1/dossiers?unit=${B}`)).status).toBe(403);
    expect((await officerSession.fetch(`/api/v1/dossiers/export.csv?unit=${B}`)).status).toBe(403);
  });

  it.each([
    ['?colour=red', 'colour'],
    ['?unit=99999', 'unit'],
    ['?unit=abc', 'unit'],
    ['?field=astrology', 'field'],
    ['?procedure=9.999999', 'procedure'],
    ['?status=late', 'status'],
    ['?channel=fax', 'channel'],
    ['?received=2026-13', 'received'],
    ['?resolved=last-week', 'resolved'],
    ['?formerProvince=saigon', 'formerProvince'],
    ['?sort=rating', 'sort'],
    ['?limit=0', 'limit'],
    ['?cursor=not-a-cursor', 'cursor'],
  ])('answers %s with 400 naming %s', async (query, parameter) => {
    for (const path of ['/api/v1/dossiers', '/api/v1/dossiers/export.csv']) {
      if (path.endsWith('.csv') && /limit|cursor/.test(parameter)) continue;
      const response = await t.read(`${path}${query}`);
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain(`${parameter}:`);
    }
  });

  it('answers 404 for an unknown dossier, and refuses a cursor of another filter', async () => {
    expect((await t.read(`/api/v1/dossiers/${A}/NO-SUCH`)).status).toBe(404);
    expect((await t.read(`/api/v1/dossiers/99999/NO-SUCH`)).status).toBe(404);
    const page = await list(`?unit=${A}&limit=2`);
    const response = await t.read(
      `/api/v1/dossiers?unit=${B}&limit=2&cursor=${encodeURIComponent(page.next!)}`,
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('cursor:');
  });

  it('gives processing times per procedure in working time, beside the year before', async () => {
    const response = await t.read('/api/v1/processing-times?period=2026-04-01..2026-05-31');
    expect(response.status).toBe(200);
    const times = processingTimesSchema.parse(await response.json());
    const civil = times.rows.find((r) => r.procedureCode === '1.001193')!;
    // HT-1: Fri 24/4 15:00 → Wed 29/4 08:00 = 2 h + Tue 8 h + 1 h = 11 h (Mon 27/4 off).
    expect(civil.total).toEqual({
      resolved: 1,
      medianWorkingMinutes: 660,
      p90WorkingMinutes: 660,
      onTimeShare: 0,
    });
    expect(civil.months).toEqual([expect.objectContaining({ month: '2026-04', resolved: 1 })]);
    expect(civil.previousYear.resolved).toBe(0);
    expect(times.previousYear).toEqual({ from: '2025-04-01', to: '2025-05-31' });
  });
});

/** RFC 4180 as the export writes it: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}
