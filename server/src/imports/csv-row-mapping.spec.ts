import { MAX_IMPORT_ROWS, type IngestRejection } from '@ioc/shared';
import { parseCsv, type CsvRecord } from './csv-parser';
import {
  IMPORTED_REJECTION_REASON,
  mapLegacyExport,
  matchesLabel,
  parseVietnamDate,
  readChannel,
  readField,
  readHeader,
  readStatus,
  rejectionsByRow,
  type EventOrigin,
  type RowMapping,
  type RowMappingContext,
} from './csv-row-mapping';

const CATALOGUE: Record<string, { field: string; hasStatutoryTime: boolean }> = {
  '1.001193': { field: 'civil-status', hasStatutoryTime: true },
  '2.000815': { field: 'certification', hasStatutoryTime: true },
  '1.001776': { field: 'social-protection', hasStatutoryTime: false },
};
const NOW = Date.parse('2026-11-22T12:00:00+07:00');

function context(overrides: Partial<RowMappingContext> = {}): RowMappingContext {
  return {
    fileUnit: { code: '24781', source: 'query' },
    procedure: (code) => CATALOGUE[code],
    hasUnit: (code) => ['24781', '24778'].includes(code),
    now: NOW,
    ...overrides,
  };
}

async function rowsOf(csv: string, withContext = context()): Promise<RowMapping[]> {
  const mapping = await mapLegacyExport(parseCsv(csv), withContext);
  if (!mapping.ok) throw new Error(mapping.message);
  return mapping.rows;
}

const HEADER = 'Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày có kết quả,Ngày trả kết quả,Trạng thái';

describe('Vietnamese labels', () => {
  it('match without regard to case and spaces, with the exact diacritics or with none', () => {
    expect(matchesLabel('  MÃ HỒ SƠ ', 'Mã hồ sơ')).toBe(true);
    expect(matchesLabel('Ma ho so', 'Mã hồ sơ')).toBe(true);
    expect(matchesLabel('ma  don vi', 'Mã đơn vị')).toBe(true);
    expect(matchesLabel('Mã ho so', 'Mã hồ sơ')).toBe(false);
    expect(matchesLabel('Mà hồ sơ', 'Mã hồ sơ')).toBe(false);
    // The same text typed with decomposed accents (some Windows input methods).
    expect(matchesLabel('Mã hồ sơ'.normalize('NFD'), 'Mã hồ sơ')).toBe(true);
  });

  it('read statuses, channels and fields', () => {
    expect(readStatus('đang xử lý')).toBe('open');
    expect(readStatus('Da tra ket qua')).toBe('returned');
    expect(readStatus('Rút hồ sơ')).toBe('withdrawn');
    expect(readStatus('Đã hủy')).toBeUndefined();
    expect(readChannel('Trực tuyến')).toBe('online');
    expect(readChannel('postal')).toBe('postal');
    expect(readChannel('Fax')).toBeUndefined();
    expect(readField('Hộ tịch')).toBe('civil-status');
    expect(readField('Dat dai')).toBe('land');
    expect(readField('household-business')).toBe('household-business');
    expect(readField('Tư pháp')).toBeUndefined();
  });
});

describe('readHeader', () => {
  it('finds the columns in any order, with or without diacritics, and ignores unknown ones', () => {
    const header = readHeader(['STT', 'Ngay tiep nhan', 'Người nộp', 'mã thủ tục', 'MÃ HỒ SƠ', 'Ma don vi']);
    expect(header).toEqual({
      ok: true,
      columns: { receivedAt: 1, procedureCode: 3, dossierCode: 4, unitCode: 5 },
    });
  });

  it('lists the required headers when some are missing, and refuses a column named twice', () => {
    const missing = readHeader(['Mã hồ sơ', 'Tên thủ tục']);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.message).toContain('Mã hồ sơ, Mã thủ tục, Ngày tiếp nhận');
    expect(!missing.ok && missing.message).toContain('missing: Mã thủ tục, Ngày tiếp nhận');
    const twice = readHeader(['Mã hồ sơ', 'Mã thủ tục', 'Ngày tiếp nhận', 'Ma ho so']);
    expect(!twice.ok && twice.message).toContain('Mã hồ sơ twice');
  });
});

describe('parseVietnamDate', () => {
  it('reads dd/MM/yyyy HH:mm in Vietnam time', () => {
    expect(parseVietnamDate('05/03/2026 14:30', 8)).toBe('2026-03-05T14:30:00+07:00');
    expect(parseVietnamDate('5/3/2026 8:05', 8)).toBe('2026-03-05T08:05:00+07:00');
    expect(parseVietnamDate('05/03/2026 14:30:15', 8)).toBe('2026-03-05T14:30:15+07:00');
    expect(Date.parse(parseVietnamDate('01/01/2026 00:30', 8)!)).toBe(Date.parse('2025-12-31T17:30:00Z'));
  });

  it('gives a date alone the hour it is asked for', () => {
    expect(parseVietnamDate('09/03/2026', 17)).toBe('2026-03-09T17:00:00+07:00');
    expect(parseVietnamDate('09/03/2026', 8)).toBe('2026-03-09T08:00:00+07:00');
  });

  it('refuses what is not a real date', () => {
    for (const text of [
      '31/02/2026 08:00',
      '29/02/2026',
      '12/13/2026',
      '01/03/2026 24:00',
      '01/03/2026 8:60',
      '2026-03-01',
      '',
      'hôm qua',
    ]) {
      expect(parseVietnamDate(text, 8)).toBeNull();
    }
    expect(parseVietnamDate('29/02/2028 08:00', 8)).toBe('2028-02-29T08:00:00+07:00');
  });
});

describe('mapLegacyExport', () => {
  it('makes the events a row implies, with ids derived from unit and dossier code', async () => {
    const [row] = await rowsOf(
      `${HEADER}\nHS-1,1.001193,02/03/2026 08:15,02/03/2026 10:40,02/03/2026 14:00,Đã trả kết quả`,
    );
    expect(row).toEqual({
      row: 1,
      ok: true,
      events: [
        {
          atColumn: 'receivedAt',
          event: {
            id: 'csv-24781-HS-1-recv',
            unit: '24781',
            type: 'dossier.received',
            at: '2026-03-02T08:15:00+07:00',
            dossier: { code: 'HS-1', procedure: '1.001193', field: 'civil-status', channel: 'direct' },
          },
        },
        {
          atColumn: 'resolvedAt',
          event: {
            id: 'csv-24781-HS-1-resolved',
            unit: '24781',
            type: 'dossier.resolved',
            at: '2026-03-02T10:40:00+07:00',
            dossier: { code: 'HS-1' },
          },
        },
        {
          atColumn: 'returnedAt',
          event: {
            id: 'csv-24781-HS-1-returned',
            unit: '24781',
            type: 'dossier.returned',
            at: '2026-03-02T14:00:00+07:00',
            dossier: { code: 'HS-1' },
          },
        },
      ],
    });
  });

  it('derives the same ids whatever the separator, the column order or the other cells', async () => {
    const ids = async (csv: string) =>
      (await rowsOf(csv)).flatMap((r) => (r.ok ? r.events.map((e) => e.event.id) : []));
    const comma = await ids(`${HEADER}\nHS-1,1.001193,02/03/2026 08:15,02/03/2026 10:40,,`);
    const semicolon = await ids(
      'Ngày có kết quả;Mã thủ tục;Ghi chú;Ma ho so;Ngay tiep nhan\n02/03/2026 11:00;1.001193;"a; b";HS-1;02/03/2026 08:00',
    );
    expect(comma).toEqual(['csv-24781-HS-1-recv', 'csv-24781-HS-1-resolved']);
    expect(semicolon).toEqual(comma);
  });

  it('reads optional columns: dueAt (a date alone is 17:00), channel, field label or catalogue field', async () => {
    const [row, other] = await rowsOf(
      'Mã hồ sơ,Mã thủ tục,Lĩnh vực,Ngày tiếp nhận,Hạn xử lý,Kênh\n' +
        // An unknown field label: the procedure's field from the catalogue.
        'HS-2,2.000815,Tư pháp,03/03/2026 07:45,04/03/2026,Bưu chính\n' +
        // A known label wins over the catalogue; a date alone is 08:00; no channel is `direct`.
        'HS-3,1.001193,Chứng thực,03/03/2026,,',
    );
    expect(row?.ok && row.events[0]?.event).toMatchObject({
      at: '2026-03-03T07:45:00+07:00',
      dossier: { field: 'certification', channel: 'postal', dueAt: '2026-03-04T17:00:00+07:00' },
    });
    expect(other?.ok && other.events[0]?.event).toMatchObject({
      at: '2026-03-03T08:00:00+07:00',
      dossier: { field: 'certification', channel: 'direct' },
    });
  });

  it('closes a refused dossier at its latest date, without a resolution, and a withdrawn one likewise', async () => {
    const rows = await rowsOf(
      `${HEADER}\nHS-4,1.001193,10/03/2026 09:00,13/03/2026 16:00,,Từ chối\nHS-5,1.001193,11/03/2026 10:15,,,Đã rút`,
    );
    const types = rows.map((r) => (r.ok ? r.events.map((e) => [e.event.type, e.event.at, e.atColumn]) : []));
    expect(types).toEqual([
      [
        ['dossier.received', '2026-03-10T09:00:00+07:00', 'receivedAt'],
        ['dossier.rejected', '2026-03-13T16:00:00+07:00', 'resolvedAt'],
      ],
      [
        ['dossier.received', '2026-03-11T10:15:00+07:00', 'receivedAt'],
        ['dossier.withdrawn', '2026-03-11T10:15:00+07:00', 'receivedAt'],
      ],
    ]);
    expect(rows[0]?.ok && rows[0].events[1]?.event).toMatchObject({ reason: IMPORTED_REJECTION_REASON });
  });

  it('rejects bad rows by row number with a reason naming the column, and keeps the good ones', async () => {
    const rows = await rowsOf(
      `${HEADER}\n` +
        'HS-1,1.001193,02/03/2026 08:15,,,Đang xử lý\n' +
        'HS-2,1.001193,31/02/2026 08:00,,,\n' +
        '\n' +
        ',1.001193,02/03/2026 08:15,,,\n' +
        'HS-5,9.999999,02/03/2026 08:15,,,\n' +
        'HS-6,1.001193,02/03/2026 08:15,,,Đã hủy\n' +
        'HS-7,1.001193,02/03/2026 08:15,02/03/2026 09:00,,Đang xử lý\n' +
        'HS-8,1.001193,02/03/2026 08:15,,,Đã trả kết quả\n' +
        'HS-9,1.001776,02/03/2026 08:15,,,\n' +
        'HS-10,1.001193,02/03/2026 08:15,23/11/2026 09:00,,\n' +
        'HS-1,1.001193,02/03/2026 08:15,,,\n',
    );
    expect(rows.filter((r) => r.ok).map((r) => r.row)).toEqual([1]);
    expect(rows.filter((r) => !r.ok)).toEqual([
      { row: 2, ok: false, reason: "Ngày tiếp nhận: '31/02/2026 08:00' is not a date dd/MM/yyyy HH:mm" },
      { row: 4, ok: false, reason: 'Mã hồ sơ: is required' },
      { row: 5, ok: false, reason: "Mã thủ tục: '9.999999' is not in the procedure catalogue" },
      { row: 6, ok: false, reason: expect.stringContaining("Trạng thái: 'Đã hủy' is not a known status") },
      {
        row: 7,
        ok: false,
        reason: "Trạng thái: 'Đang xử lý' contradicts Ngày có kết quả '02/03/2026 09:00'",
      },
      { row: 8, ok: false, reason: "Ngày trả kết quả: is required when Trạng thái is 'Đã trả kết quả'" },
      {
        row: 9,
        ok: false,
        reason:
          "Hạn xử lý: is required, because procedure '1.001776' has no statutory processing time in the catalogue",
      },
      { row: 10, ok: false, reason: "Ngày có kết quả: '23/11/2026 09:00' is in the future" },
      { row: 11, ok: false, reason: "Mã hồ sơ: 'HS-1' of unit 24781 is already in row 1" },
    ]);
  });

  it('numbers rows as a spreadsheet does: a line broken inside quotes is one row, a blank line keeps its number', async () => {
    const rows = await rowsOf(
      'Mã hồ sơ;Ghi chú;Mã thủ tục;Ngày tiếp nhận\n' +
        'HS-1;"dòng 1\ndòng 2";1.001193;02/03/2026 08:00\n' +
        ';;;\n' +
        'HS-3;;1.001193;02/03/2026 25:00\n',
    );
    expect(rows.map((r) => [r.row, r.ok])).toEqual([
      [1, true],
      [3, false],
    ]);
  });

  it('takes the unit from the rows for a provincial key, or checks them against the file unit', async () => {
    const csv =
      'Mã đơn vị,Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận\n24778,HS-1,1.001193,02/03/2026 08:00\n,HS-2,1.001193,02/03/2026 08:00\n99999,HS-3,1.001193,02/03/2026 08:00';
    const provincial = await rowsOf(csv, context({ fileUnit: null }));
    expect(provincial[0]?.ok && provincial[0].events[0]?.event.id).toBe('csv-24778-HS-1-recv');
    expect(provincial.slice(1)).toEqual([
      { row: 2, ok: false, reason: 'Mã đơn vị: is required with a provincial key when ?unit= is not given' },
      { row: 3, ok: false, reason: "Mã đơn vị: '99999' is not a unit of the province" },
    ]);
    const unitKey = await rowsOf(csv, context({ fileUnit: { code: '24781', source: 'key' } }));
    expect(unitKey.map((r) => (r.ok ? r.events[0]?.event.unit : r.reason))).toEqual([
      "Mã đơn vị: '24778' is not the unit of this key, '24781'",
      '24781',
      "Mã đơn vị: '99999' is not the unit of this key, '24781'",
    ]);
  });

  it('refuses a file without a header row, or without any unit for a provincial key', async () => {
    expect(await mapLegacyExport(parseCsv(''), context())).toMatchObject({ ok: false, problem: 'no-header' });
    expect(await mapLegacyExport(parseCsv('HS-1,1.001193,02/03/2026'), context())).toMatchObject({
      ok: false,
      problem: 'no-header',
      message: expect.stringContaining('Mã hồ sơ, Mã thủ tục, Ngày tiếp nhận'),
    });
    expect(await mapLegacyExport(parseCsv(HEADER), context({ fileUnit: null }))).toMatchObject({
      ok: false,
      problem: 'no-unit',
    });
    expect(await mapLegacyExport(parseCsv(`\n\n${HEADER}\n`), context())).toEqual({ ok: true, rows: [] });
  });

  it('refuses a file of more rows than the cap, blank lines included, without reading past the cap', async () => {
    const atCap = `${HEADER}\n${'\n'.repeat(MAX_IMPORT_ROWS - 1)}HS-1,1.001193,02/03/2026 08:15,,,`;
    expect(await rowsOf(atCap)).toEqual([expect.objectContaining({ row: MAX_IMPORT_ROWS, ok: true })]);

    let recordsRead = 0;
    const endless: Iterable<CsvRecord> = {
      *[Symbol.iterator]() {
        yield { fields: HEADER.split(','), unterminatedQuote: false };
        for (;;) {
          recordsRead += 1;
          yield { fields: ['x'], unterminatedQuote: false };
        }
      },
    };
    expect(await mapLegacyExport({ records: endless }, context())).toMatchObject({
      ok: false,
      problem: 'too-many-rows',
      message: expect.stringContaining(`at most ${MAX_IMPORT_ROWS} rows`),
    });
    expect(recordsRead).toBe(MAX_IMPORT_ROWS + 1);
  });

  it('rejects the row whose quote is never closed, naming its column', async () => {
    const rows = await rowsOf(
      'Mã thủ tục,Ngày tiếp nhận,Mã hồ sơ\n1.001193,02/03/2026 08:00,"HS-1\n1.001193,x,HS-2',
    );
    expect(rows).toEqual([
      { row: 1, ok: false, reason: expect.stringMatching(/^Mã hồ sơ: a quoted value is never closed/) },
    ]);
  });
});

describe('rejectionsByRow', () => {
  let origins: EventOrigin[] = [];
  beforeAll(async () => {
    origins = (
      await rowsOf(
        `${HEADER}\nHS-1,1.001193,02/03/2026 08:15,02/03/2026 10:40,,\nHS-2,1.001193,02/03/2026 08:15,02/03/2026 10:40,,`,
      )
    ).flatMap((r) => (r.ok ? r.events.map((imported) => ({ row: r.row, imported })) : []));
  });

  it('maps event indexes back to row numbers, one rejection per row with its first reason, in row order', () => {
    const refusedEvents: IngestRejection[] = [
      { index: 2, id: 'csv-24781-HS-2-recv', reason: "unit: '24781' is unknown" },
      { index: 3, id: 'csv-24781-HS-2-resolved', reason: 'at: is more than 5 minutes in the future' },
      { index: 1, id: 'csv-24781-HS-1-resolved', reason: 'at: is more than 5 minutes in the future' },
    ];
    expect(rejectionsByRow([{ row: 3, reason: 'Mã hồ sơ: is required' }], refusedEvents, origins)).toEqual([
      {
        index: 1,
        id: 'csv-24781-HS-1-resolved',
        reason: 'Ngày có kết quả: is more than 5 minutes in the future',
      },
      { index: 2, id: 'csv-24781-HS-2-recv', reason: "Mã đơn vị: '24781' is unknown" },
      { index: 3, reason: 'Mã hồ sơ: is required' },
    ]);
  });
});
