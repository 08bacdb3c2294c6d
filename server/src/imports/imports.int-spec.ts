import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MAX_IMPORT_ROWS, MAX_REJECTIONS_LISTED, type ImportResult } from '@ioc/shared';
import { KeysService } from '../keys/keys.service';
import { startTestServer, type TestServer } from '../testing/test-server';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../test/fixtures', name));
const COMMA_EXPORT = fixture('legacy-export-comma.csv');
const SEMICOLON_EXPORT = fixture('legacy-export-semicolon.csv');

describe('POST /api/v1/imports against the embedded TimescaleDB', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  async function importFile(
    body: Buffer | string,
    query = '',
    key = t.key,
  ): Promise<{ status: number; body: ImportResult & { message?: string; code?: string } }> {
    const response = await fetch(`${t.url}/api/v1/imports${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
      body,
    });
    return { status: response.status, body: (await response.json()) as ImportResult };
  }
  const countEvents = async () =>
    (
      await t.dataSource.query<{ n: number }[]>(
        "SELECT count(*)::int AS n FROM dossier_events WHERE id LIKE 'csv-%'",
      )
    )[0]!.n;
  const dossier = async (unitCode: string, code: string) =>
    (
      await t.dataSource.query<
        { status: string; field: string; channel: string; outcome: string | null; dueAt: string }[]
      >(
        `SELECT status, field, channel, outcome, to_json(due_at) #>> '{}' AS "dueAt"
         FROM dossiers WHERE unit_code = $1 AND code = $2`,
        [unitCode, code],
      )
    )[0];

  it('imports the comma export of one unit: the good rows stored, the 2 bad ones rejected by row number', async () => {
    const { status, body } = await importFile(COMMA_EXPORT, '?unit=24781');
    expect(status).toBe(200);
    expect(body.accepted).toBe(30);
    expect(body.duplicate).toBe(0);
    expect(body.rejected).toEqual([
      { index: 6, reason: "Ngày tiếp nhận: '31/02/2026 08:00' is not a date dd/MM/yyyy HH:mm" },
      { index: 10, reason: expect.stringMatching(/^Trạng thái: 'Đã hủy' is not a known status/) },
    ]);
    expect(await countEvents()).toBe(30);
  });

  it('imports the semicolon export of two units, with quoted fields and its own column order', async () => {
    const { status, body } = await importFile(SEMICOLON_EXPORT);
    expect(status).toBe(200);
    expect(body).toEqual({ accepted: 32, duplicate: 0, rejected: [], rejectedRows: 0 });
    expect(await countEvents()).toBe(62);
  });

  it('shows each dossier with the status its row says', async () => {
    expect(await dossier('24781', '000.00.12.H41-260302-0001')).toEqual({
      status: 'returned',
      field: 'civil-status',
      channel: 'direct',
      outcome: 'on_time',
      // A same-day procedure received before 15:00: due 17:00 that day, Vietnam time.
      dueAt: expect.stringMatching(/^2026-03-02T10:00:00/),
    });
    expect(await dossier('24781', '000.00.12.H41-260304-0004')).toMatchObject({
      status: 'resolved',
      channel: 'online',
      outcome: 'early',
      // `Hạn xử lý` written as a date alone: 17:00 that day, Vietnam time.
      dueAt: expect.stringMatching(/^2026-03-09T10:00:00/),
    });
    expect(await dossier('24781', '000.00.12.H41-260310-0008')).toMatchObject({
      status: 'rejected',
      outcome: null,
    });
    expect(await dossier('24781', '000.00.12.H41-260311-0009')).toMatchObject({ status: 'withdrawn' });
    expect(await dossier('24781', '000.00.12.H41-260318-0013')).toMatchObject({
      status: 'returned',
      field: 'civil-status',
      channel: 'online',
    });
    expect(await dossier('24781', '000.00.12.H41-260306-0006')).toBeUndefined();
    expect(await dossier('24778', '000.00.11.H41-261006-0202')).toMatchObject({ status: 'rejected' });
    expect(await dossier('24778', '000.00.11.H41-261008-0204')).toMatchObject({
      status: 'withdrawn',
      channel: 'postal',
    });
    expect(await dossier('24781', '000.00.12.H41-261007-0104')).toMatchObject({
      status: 'received',
      field: 'household-business',
    });
    const [rejection] = await t.dataSource.query<{ reason: string }[]>(
      "SELECT event->>'reason' AS reason FROM dossier_events WHERE id = 'csv-24781-000.00.12.H41-260310-0008-rejected'",
    );
    expect(rejection?.reason).toBe('Từ chối (nhập từ tệp)');
  });

  it('stores a row whole or not at all: a deadline typed as 2126 refuses its row, results included', async () => {
    const csv = [
      'Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Hạn xử lý,Ngày có kết quả,Ngày trả kết quả',
      'TYPO-1,1.001193,02/03/2026 08:15,05/03/2126,03/03/2026 10:00,03/03/2026 14:00',
    ].join('\n');
    const { status, body } = await importFile(csv, '?unit=22918');
    expect(status).toBe(200);
    expect(body.accepted).toBe(0);
    expect(body.rejected).toEqual([
      expect.objectContaining({ index: 1, reason: expect.stringContaining('2100') }),
    ]);
    expect(await dossier('22918', 'TYPO-1')).toBeUndefined();
  });

  it('changes nothing when the same files are imported again: only duplicates', async () => {
    expect((await importFile(COMMA_EXPORT, '?unit=24781')).body).toEqual({
      accepted: 0,
      duplicate: 30,
      rejected: [expect.objectContaining({ index: 6 }), expect.objectContaining({ index: 10 })],
      rejectedRows: 2,
    });
    expect((await importFile(SEMICOLON_EXPORT)).body).toEqual({
      accepted: 0,
      duplicate: 32,
      rejected: [],
      rejectedRows: 0,
    });
    expect(await countEvents()).toBe(62);
  });

  it('lets a unit key import its own unit without ?unit=, and no other', async () => {
    const { key } = await t.server.app.get(KeysService).create('xuan-huong', '24781');
    expect((await importFile(COMMA_EXPORT, '', key)).body).toMatchObject({ accepted: 0, duplicate: 30 });
    expect((await importFile(COMMA_EXPORT, '?unit=24778', key)).status).toBe(403);
    const { body } = await importFile(SEMICOLON_EXPORT, '', key);
    expect(body.rejected.map((r) => r.index)).toEqual([3, 4, 7, 8, 11, 12, 15]);
    expect(body.rejected[0]?.reason).toBe("Mã đơn vị: '24778' is not the unit of this key, '24781'");
  });

  it('answers 400 for a file that is not UTF-8, has no header row, or gives no unit to a provincial key', async () => {
    const latin1 = Buffer.from('Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận\n', 'latin1');
    expect((await importFile(latin1, '?unit=24781')).status).toBe(400);
    const noHeader = await importFile('000.00.12.H41-1,1.001193,02/03/2026 08:00\n', '?unit=24781');
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.message).toContain('Mã hồ sơ, Mã thủ tục, Ngày tiếp nhận');
    expect((await importFile(COMMA_EXPORT)).status).toBe(400);
    expect((await importFile(COMMA_EXPORT, '?unit=99999')).status).toBe(400);
    expect((await importFile(COMMA_EXPORT, '?unit=24781', 'ioc_nope')).status).toBe(401);
  });

  it('answers 413 for a file over 8 MiB, and documents the route in OpenAPI', async () => {
    expect((await importFile(Buffer.alloc(8 * 1024 * 1024 + 1, 'a'), '?unit=24781')).status).toBe(413);
    const openApi = (await (await t.read('/api/docs-json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(openApi.paths['/api/v1/imports']).toMatchObject({ post: { tags: ['imports'] } });
  });

  describe('a file too big in rows or refusals', () => {
    const HEADER = 'Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ghi chú';

    it('answers 413 for 8 MiB of blank lines or 2.8 million refused rows, reading no further than the cap', async () => {
      const blank = `${HEADER}\n${'\n'.repeat(8 * 1024 * 1024 - Buffer.byteLength(HEADER) - 2)}`;
      const refused = `${HEADER}\n${'x\n'.repeat(2_800_000)}`;
      for (const file of [blank, refused]) {
        const answer = await importFile(file, '?unit=24781');
        expect(answer).toMatchObject({
          status: 413,
          body: {
            code: 'TOO_MANY_ROWS',
            message: expect.stringContaining(`at most ${MAX_IMPORT_ROWS} rows`),
          },
        });
      }
    });

    it('lists the first 1,000 of 10,000 refused rows and counts them all', async () => {
      const rows = Array.from(
        { length: MAX_IMPORT_ROWS },
        (_, i) => `BAD-${i + 1},9.999999,02/03/2026 08:00,`,
      );
      const { status, body } = await importFile(`${HEADER}\n${rows.join('\n')}`, '?unit=24781');
      expect(status).toBe(200);
      expect(body).toMatchObject({ accepted: 0, duplicate: 0, rejectedRows: MAX_IMPORT_ROWS });
      expect(body.rejected).toHaveLength(MAX_REJECTIONS_LISTED);
      expect(body.rejected[0]).toEqual({
        index: 1,
        reason: "Mã thủ tục: '9.999999' is not in the procedure catalogue",
      });
      expect(body.rejected.at(-1)?.index).toBe(MAX_REJECTIONS_LISTED);
    });

    it('keeps the event loop free for other clients while an 8 MiB file of 10,000 events is read and stored', async () => {
      // 3,333 dossiers received, resolved and returned (9,999 events), each row padded to 2.3 KB.
      const note = 'ghi chú '.repeat(250);
      const longestStall = async (unit: string): Promise<number> => {
        const rows = Array.from(
          { length: 3_333 },
          (_, i) =>
            `LOAD-${i + 1},1.001193,02/03/2026 08:00,02/03/2026 10:00,02/03/2026 11:00,Đã trả kết quả,${note}`,
        );
        const file = `Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày có kết quả,Ngày trả kết quả,Trạng thái,Ghi chú\n${rows.join('\n')}`;
        expect(Buffer.byteLength(file)).toBeGreaterThan(7 * 1024 * 1024);
        const delay = monitorEventLoopDelay({ resolution: 5 });
        delay.enable();
        const answer = await importFile(file, `?unit=${unit}`);
        delay.disable();
        expect(answer.body).toMatchObject({ accepted: 9_999, rejectedRows: 0 });
        return delay.max / 1e6;
      };
      // The server shares this process: its longest stall is the longest any other request waited.
      // The file parsed, mapped and stored in one go stalled 600–900 ms, every time. Now alone it
      // is 70–110 ms on the embedded engine and up to 250 ms on the real server (fewer, larger
      // slices: its database is another process). With other test files on the two cores a garbage
      // collection or a lost time slice can stretch one tick once (454 ms seen, p99 71 ms); a stall
      // of the import's making comes back at every import: two files (two units, each within its
      // rate), the better one bounded.
      const stalls = [await longestStall('24778'), await longestStall('22954')];
      console.info(
        `two imports of 9,999 events: longest event-loop stalls ${stalls.map(Math.round).join(' and ')} ms`,
      );
      expect(Math.min(...stalls)).toBeLessThan(300);
    });
  });
});
