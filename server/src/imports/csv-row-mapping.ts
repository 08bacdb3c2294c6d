import {
  MAX_FUTURE_SKEW_MS,
  MAX_IMPORT_ROWS,
  UNIT_CODE_PATTERN,
  type Channel,
  type DossierEvent,
  type IngestRejection,
} from '@ioc/shared';
import { ITEMS_PER_SLICE, yieldToEventLoop } from '../common/event-loop';
import { isBlankRecord, type CsvRecord } from './csv-parser';

/**
 * What the columns of a legacy export mean: headers, dates, statuses and channels as commune
 * software writes them in Vietnamese, and the dossier events that one row implies.
 * Pure: the catalogue and the clock come in through `RowMappingContext` (async only to yield
 * to the event loop between slices of a long file).
 */

export type ImportColumn =
  | 'dossierCode'
  | 'procedureCode'
  | 'field'
  | 'receivedAt'
  | 'dueAt'
  | 'resolvedAt'
  | 'returnedAt'
  | 'status'
  | 'channel'
  | 'unitCode';

export const COLUMN_HEADERS: Readonly<Record<ImportColumn, string>> = {
  dossierCode: 'Mã hồ sơ',
  procedureCode: 'Mã thủ tục',
  field: 'Lĩnh vực',
  receivedAt: 'Ngày tiếp nhận',
  dueAt: 'Hạn xử lý',
  resolvedAt: 'Ngày có kết quả',
  returnedAt: 'Ngày trả kết quả',
  status: 'Trạng thái',
  channel: 'Kênh',
  unitCode: 'Mã đơn vị',
};
const ALL_COLUMNS = Object.keys(COLUMN_HEADERS) as ImportColumn[];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['dossierCode', 'procedureCode', 'receivedAt'];
const OPTIONAL_COLUMNS = ALL_COLUMNS.filter((c) => !REQUIRED_COLUMNS.includes(c));
const headerList = (columns: readonly ImportColumn[]) => columns.map((c) => COLUMN_HEADERS[c]).join(', ');

// ---------------------------------------------------------------------------------------------
// Vietnamese labels

/** Case, outer and repeated spaces do not matter; composed and decomposed accents are the same text. */
function foldCase(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Old exports and keyboards without a Vietnamese layout write `Ma ho so` for `Mã hồ sơ`. */
function withoutDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * `written` names `label` with its diacritics exactly, or with none at all: a wrong accent
 * (`Mà hồ sơ`) is a different word in Vietnamese, so it does not match.
 */
export function matchesLabel(written: string, label: string): boolean {
  const folded = foldCase(written);
  const expected = foldCase(label);
  return folded === expected || folded === withoutDiacritics(expected);
}

/**
 * `matchesLabel` against a fixed list, folded once: the first label that matches wins, as a
 * `find` over the list would, but each cell is folded once instead of twice per label.
 */
function labelLookup<T>(
  entries: ReadonlyArray<readonly [label: string, value: T]>,
): (written: string) => T | undefined {
  const byFolded = new Map<string, T>();
  for (const [label, value] of entries) {
    const expected = foldCase(label);
    for (const key of [expected, withoutDiacritics(expected)])
      if (!byFolded.has(key)) byFolded.set(key, value);
  }
  return (written) => byFolded.get(foldCase(written));
}

// ---------------------------------------------------------------------------------------------
// Header row

export type ColumnPositions = Partial<Record<ImportColumn, number>>;
export type HeaderReading = { ok: true; columns: ColumnPositions } | { ok: false; message: string };

export const NO_HEADER_MESSAGE =
  `the first line of the file must be a header row naming at least the columns ${headerList(REQUIRED_COLUMNS)}` +
  ` (optional: ${headerList(OPTIONAL_COLUMNS)})`;

/** Columns in any order; unknown columns are ignored (exports carry citizen names, notes...). */
export function readHeader(fields: readonly string[]): HeaderReading {
  const columns: ColumnPositions = {};
  for (const [position, written] of fields.entries()) {
    const column = ALL_COLUMNS.find((c) => matchesLabel(written, COLUMN_HEADERS[c]));
    if (column === undefined) continue;
    if (columns[column] !== undefined) {
      return { ok: false, message: `the header row names the column ${COLUMN_HEADERS[column]} twice` };
    }
    columns[column] = position;
  }
  const missing = REQUIRED_COLUMNS.filter((c) => columns[c] === undefined);
  if (missing.length > 0) {
    return { ok: false, message: `${NO_HEADER_MESSAGE}; missing: ${headerList(missing)}` };
  }
  return { ok: true, columns };
}

// ---------------------------------------------------------------------------------------------
// Dates

export const DATE_FORMAT = 'dd/MM/yyyy HH:mm';
const VIETNAM_OFFSET = '+07:00';
const DATE_PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date written without a time: a deadline (`Hạn xử lý`) means the end of that office day,
 * 17:00; any other date means the morning, 08:00, so that it is not taken as before opening.
 */
export const DATE_ONLY_DEADLINE_HOUR = 17;
export const DATE_ONLY_HOUR = 8;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `dd/MM/yyyy HH:mm` (also `HH:mm:ss`, one-digit day, month or hour as Excel writes them, or a
 * date alone) in Vietnam time, to ISO 8601 with `+07:00`; null when it is not a real date.
 */
export function parseVietnamDate(text: string, dateOnlyHour: number): string | null {
  const match = DATE_PATTERN.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const hour = match[4] === undefined ? dateOnlyHour : Number(match[4]);
  const minute = Number(match[5] ?? 0);
  const second = Number(match[6] ?? 0);
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  const isRealDay =
    calendarDay.getUTCFullYear() === year &&
    calendarDay.getUTCMonth() === month - 1 &&
    calendarDay.getUTCDate() === day;
  if (!isRealDay || hour > 23 || minute > 59 || second > 59) return null;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${VIETNAM_OFFSET}`;
}

// ---------------------------------------------------------------------------------------------
// Statuses, channels, fields

/** What a `Trạng thái` says about the dossier, beyond its dates. */
export type StatusInFile = 'open' | 'resolved' | 'returned' | 'rejected' | 'withdrawn';

export const STATUS_LABELS: ReadonlyArray<readonly [label: string, status: StatusInFile]> = [
  ['Mới tiếp nhận', 'open'],
  ['Đã tiếp nhận', 'open'],
  ['Đang xử lý', 'open'],
  ['Chờ bổ sung', 'open'],
  ['Đã có kết quả', 'resolved'],
  ['Chờ trả kết quả', 'resolved'],
  ['Đã trả kết quả', 'returned'],
  ['Từ chối', 'rejected'],
  ['Từ chối giải quyết', 'rejected'],
  ['Đã rút', 'withdrawn'],
  ['Rút hồ sơ', 'withdrawn'],
  ['Đã rút hồ sơ', 'withdrawn'],
];

export const readStatus: (text: string) => StatusInFile | undefined = labelLookup(STATUS_LABELS);

/** The reason stored with a `dossier.rejected` made from a file, which gives no reason itself. */
export const IMPORTED_REJECTION_REASON = 'Từ chối (nhập từ tệp)';

const CHANNEL_LABELS: ReadonlyArray<readonly [label: string, channel: Channel]> = [
  ['Trực tuyến', 'online'],
  ['online', 'online'],
  ['Trực tiếp', 'direct'],
  ['direct', 'direct'],
  ['Bưu chính', 'postal'],
  ['Dịch vụ bưu chính', 'postal'],
  ['postal', 'postal'],
];

/** The counter is where legacy software is used, so a row without a channel was filed there. */
export const DEFAULT_CHANNEL: Channel = 'direct';

export const readChannel: (text: string) => Channel | undefined = labelLookup(CHANNEL_LABELS);

/** The catalogue's field codes and the names one-stop software prints for them. */
export const FIELD_LABELS: Readonly<Record<string, readonly string[]>> = {
  'civil-status': ['Hộ tịch'],
  certification: ['Chứng thực'],
  land: ['Đất đai'],
  construction: ['Xây dựng', 'Hoạt động xây dựng'],
  'household-business': ['Hộ kinh doanh', 'Thành lập và hoạt động của hộ kinh doanh'],
  'social-protection': ['Bảo trợ xã hội', 'Bảo trợ xã hội và giảm nghèo'],
  'meritorious-people': ['Người có công'],
  education: ['Giáo dục', 'Giáo dục và Đào tạo', 'Giáo dục đào tạo'],
  agriculture: ['Nông nghiệp', 'Nông nghiệp và Phát triển nông thôn'],
};

/** A `Lĩnh vực` label or field code; undefined when the label is not one of ours. */
export const readField: (text: string) => string | undefined = labelLookup(
  Object.entries(FIELD_LABELS).flatMap(([code, labels]) => [
    [code, code] as const,
    ...labels.map((label) => [label, code] as const),
  ]),
);

// ---------------------------------------------------------------------------------------------
// Rows to events

export interface CatalogueProcedure {
  field: string;
  /** False when the catalogue gives no processing time: the row must then carry `Hạn xử lý`. */
  hasStatutoryTime: boolean;
}

export interface RowMappingContext {
  /** The unit of the whole file (`?unit=` or the unit key's own unit); null to read `Mã đơn vị`. */
  fileUnit: { code: string; source: 'key' | 'query' } | null;
  procedure(code: string): CatalogueProcedure | undefined;
  hasUnit(code: string): boolean;
  now: number;
}

export interface ImportedEvent {
  event: DossierEvent;
  /** The column whose date became the event's `at`, to name it when the event is refused. */
  atColumn: ImportColumn;
}

export type RowMapping =
  { row: number; ok: true; events: ImportedEvent[] } | { row: number; ok: false; reason: string };

export type ExportMapping =
  | { ok: true; rows: RowMapping[] }
  | { ok: false; problem: 'no-header' | 'no-unit' | 'too-many-rows'; message: string };

/**
 * The first non-blank line is the header; row 1 is the line right below it. Blank lines are
 * skipped but keep their number, so that row N is line N + 1 of the file as a spreadsheet
 * program shows it (counting a line broken inside quotes as one).
 */
export async function mapLegacyExport(
  document: { records: Iterable<CsvRecord> },
  context: RowMappingContext,
): Promise<ExportMapping> {
  const records = document.records[Symbol.iterator]();
  let headerRecord: CsvRecord | undefined;
  for (let next = records.next(); !next.done; next = records.next()) {
    if (!isBlankRecord(next.value)) {
      headerRecord = next.value;
      break;
    }
  }
  if (headerRecord === undefined) return { ok: false, problem: 'no-header', message: NO_HEADER_MESSAGE };
  const header = readHeader(headerRecord.fields);
  if (!header.ok) return { ok: false, problem: 'no-header', message: header.message };
  if (context.fileUnit === null && header.columns.unitCode === undefined) {
    return {
      ok: false,
      problem: 'no-unit',
      message: `a provincial key must say which unit the rows belong to: a column ${COLUMN_HEADERS.unitCode} or ?unit=<5-digit unit code>`,
    };
  }

  const rows: RowMapping[] = [];
  const firstRowOfDossier = new Map<string, number>();
  let row = 0;
  for (let next = records.next(); !next.done; next = records.next()) {
    row += 1;
    // Counted before anything else, blank lines included: past the cap the rest of the file is
    // never parsed, so millions of empty or refused lines cost no more than the cap.
    if (row > MAX_IMPORT_ROWS) {
      return {
        ok: false,
        problem: 'too-many-rows',
        message: `a file may have at most ${MAX_IMPORT_ROWS} rows below its header (blank lines included); this one has more: split it, e.g. by month`,
      };
    }
    if (row % ITEMS_PER_SLICE === 0) await yieldToEventLoop();
    const record = next.value;
    if (isBlankRecord(record)) continue;
    const mapped = mapRow(record, header.columns, context);
    if (!mapped.ok) {
      rows.push({ row, ok: false, reason: mapped.reason });
      continue;
    }
    // Ids come from the dossier, so a second row of the same dossier would only be a silent duplicate.
    const dossierKey = `${mapped.unit}\u0000${mapped.dossierCode}`;
    const earlier = firstRowOfDossier.get(dossierKey);
    if (earlier !== undefined) {
      rows.push({
        row,
        ok: false,
        reason: `${COLUMN_HEADERS.dossierCode}: '${mapped.dossierCode}' of unit ${mapped.unit} is already in row ${earlier}`,
      });
      continue;
    }
    firstRowOfDossier.set(dossierKey, row);
    rows.push({ row, ok: true, events: mapped.events });
  }
  return { ok: true, rows };
}

type RowEvents =
  { ok: true; unit: string; dossierCode: string; events: ImportedEvent[] } | { ok: false; reason: string };

class RowProblem extends Error {}

/** Checks the row column by column; the first problem found is the row's reason. */
function mapRow(record: CsvRecord, columns: ColumnPositions, context: RowMappingContext): RowEvents {
  const cell = (column: ImportColumn): string => {
    const position = columns[column];
    return position === undefined ? '' : (record.fields[position] ?? '').trim();
  };
  const problem = (column: ImportColumn, message: string) =>
    new RowProblem(`${COLUMN_HEADERS[column]}: ${message}`);
  const date = (column: ImportColumn, dateOnlyHour = DATE_ONLY_HOUR): string | undefined => {
    const written = cell(column);
    if (written === '') return undefined;
    const iso = parseVietnamDate(written, dateOnlyHour);
    if (iso === null) throw problem(column, `'${written}' is not a date ${DATE_FORMAT}`);
    // Events cannot lie ahead; an appointment date usually does.
    if (column !== 'dueAt' && Date.parse(iso) > context.now + MAX_FUTURE_SKEW_MS)
      throw problem(column, `'${written}' is in the future`);
    return iso;
  };

  try {
    if (record.unterminatedQuote) {
      const lastColumn = ALL_COLUMNS.find((c) => columns[c] === record.fields.length - 1);
      const where = lastColumn === undefined ? `column ${record.fields.length}` : COLUMN_HEADERS[lastColumn];
      throw new RowProblem(
        `${where}: a quoted value is never closed (a '"' is missing), the rest of the file is lost`,
      );
    }
    const unit = readUnit(cell('unitCode'), context);
    if (!unit.ok) throw problem('unitCode', unit.message);

    const dossierCode = cell('dossierCode');
    if (dossierCode === '') throw problem('dossierCode', 'is required');
    if (dossierCode.length > 64)
      throw problem('dossierCode', `'${dossierCode}' is longer than 64 characters`);
    if (/\p{Cc}/u.test(dossierCode)) throw problem('dossierCode', 'must contain printable characters only');

    const procedureCode = cell('procedureCode');
    if (procedureCode === '') throw problem('procedureCode', 'is required');
    const procedure = context.procedure(procedureCode);
    if (!procedure) throw problem('procedureCode', `'${procedureCode}' is not in the procedure catalogue`);

    const receivedAt = date('receivedAt');
    if (receivedAt === undefined) throw problem('receivedAt', 'is required');
    const dueAt = date('dueAt', DATE_ONLY_DEADLINE_HOUR);
    if (dueAt !== undefined && Date.parse(dueAt) <= Date.parse(receivedAt)) {
      throw problem(
        'dueAt',
        `'${cell('dueAt')}' is not after ${COLUMN_HEADERS.receivedAt} '${cell('receivedAt')}'`,
      );
    }
    if (dueAt === undefined && !procedure.hasStatutoryTime) {
      throw problem(
        'dueAt',
        `is required, because procedure '${procedureCode}' has no statutory processing time in the catalogue`,
      );
    }
    const resolvedAt = date('resolvedAt');
    const returnedAt = date('returnedAt');

    const channelText = cell('channel');
    const channel = channelText === '' ? DEFAULT_CHANNEL : readChannel(channelText);
    if (channel === undefined) {
      throw problem(
        'channel',
        `'${channelText}' is not one of Trực tuyến, Trực tiếp, Bưu chính (online, direct, postal)`,
      );
    }
    const statusText = cell('status');
    const status = statusText === '' ? undefined : readStatus(statusText);
    if (statusText !== '' && status === undefined) {
      throw problem(
        'status',
        `'${statusText}' is not a known status (${STATUS_LABELS.map(([l]) => l).join(', ')})`,
      );
    }
    const fieldText = cell('field');
    const field = (fieldText === '' ? undefined : readField(fieldText)) ?? procedure.field;

    const dossier = { code: dossierCode };
    const idOf = (suffix: string) => `csv-${unit.code}-${dossierCode}-${suffix}`;
    const events: ImportedEvent[] = [
      {
        atColumn: 'receivedAt',
        event: {
          id: idOf('recv'),
          unit: unit.code,
          type: 'dossier.received',
          at: receivedAt,
          dossier: {
            code: dossierCode,
            procedure: procedureCode,
            field,
            channel,
            ...(dueAt === undefined ? {} : { dueAt }),
          },
        },
      },
    ];
    const datesInRow = { receivedAt, resolvedAt, returnedAt };
    checkStatusAgainstDates(status, statusText, datesInRow, cell);

    if (status === 'rejected' || status === 'withdrawn') {
      // A refused or withdrawn dossier has no result: its result and return dates only date the
      // closure, at the latest of them, and make no resolved/returned event.
      const [closedBy, closedAt] = latestDate(datesInRow);
      events.push({
        atColumn: closedBy,
        event:
          status === 'rejected'
            ? {
                id: idOf('rejected'),
                unit: unit.code,
                type: 'dossier.rejected',
                at: closedAt,
                dossier,
                reason: IMPORTED_REJECTION_REASON,
              }
            : { id: idOf('withdrawn'), unit: unit.code, type: 'dossier.withdrawn', at: closedAt, dossier },
      });
    } else {
      if (resolvedAt !== undefined) {
        events.push({
          atColumn: 'resolvedAt',
          event: { id: idOf('resolved'), unit: unit.code, type: 'dossier.resolved', at: resolvedAt, dossier },
        });
      }
      if (returnedAt !== undefined) {
        events.push({
          atColumn: 'returnedAt',
          event: { id: idOf('returned'), unit: unit.code, type: 'dossier.returned', at: returnedAt, dossier },
        });
      }
    }
    return { ok: true, unit: unit.code, dossierCode, events };
  } catch (error) {
    if (error instanceof RowProblem) return { ok: false, reason: error.message };
    throw error;
  }
}

function readUnit(
  written: string,
  context: RowMappingContext,
): { ok: true; code: string } | { ok: false; message: string } {
  const { fileUnit } = context;
  if (fileUnit !== null) {
    // Rows of another unit in a file imported for one unit are a mistake, not something to re-label.
    if (written !== '' && written !== fileUnit.code) {
      const by = fileUnit.source === 'key' ? 'the unit of this key' : 'the unit given by ?unit=';
      return { ok: false, message: `'${written}' is not ${by}, '${fileUnit.code}'` };
    }
    return { ok: true, code: fileUnit.code };
  }
  if (written === '')
    return { ok: false, message: 'is required with a provincial key when ?unit= is not given' };
  if (!UNIT_CODE_PATTERN.test(written))
    return { ok: false, message: `'${written}' is not a 5-digit unit code` };
  if (!context.hasUnit(written)) return { ok: false, message: `'${written}' is not a unit of the province` };
  return { ok: true, code: written };
}

interface DatesInRow {
  receivedAt: string;
  resolvedAt: string | undefined;
  returnedAt: string | undefined;
}

/**
 * A status the dates agree with adds nothing; one they contradict means the row is wrong, and
 * guessing which of the two is right would put a wrong dossier on the wall.
 */
function checkStatusAgainstDates(
  status: StatusInFile | undefined,
  statusText: string,
  dates: DatesInRow,
  cell: (column: ImportColumn) => string,
): void {
  const contradicts = (column: ImportColumn) =>
    new RowProblem(
      `${COLUMN_HEADERS.status}: '${statusText}' contradicts ${COLUMN_HEADERS[column]} '${cell(column)}'`,
    );
  const requires = (column: ImportColumn) =>
    new RowProblem(`${COLUMN_HEADERS[column]}: is required when ${COLUMN_HEADERS.status} is '${statusText}'`);
  switch (status) {
    case 'open':
      if (dates.resolvedAt !== undefined) throw contradicts('resolvedAt');
      if (dates.returnedAt !== undefined) throw contradicts('returnedAt');
      return;
    case 'resolved':
      if (dates.resolvedAt === undefined) throw requires('resolvedAt');
      if (dates.returnedAt !== undefined) throw contradicts('returnedAt');
      return;
    case 'returned':
      if (dates.returnedAt === undefined) throw requires('returnedAt');
      return;
    default:
      return;
  }
}

function latestDate(dates: DatesInRow): [ImportColumn, string] {
  const known: [ImportColumn, string | undefined][] = [
    ['receivedAt', dates.receivedAt],
    ['resolvedAt', dates.resolvedAt],
    ['returnedAt', dates.returnedAt],
  ];
  let latest: [ImportColumn, string] = ['receivedAt', dates.receivedAt];
  for (const [column, at] of known) {
    if (at !== undefined && Date.parse(at) > Date.parse(latest[1])) latest = [column, at];
  }
  return latest;
}

// ---------------------------------------------------------------------------------------------
// The ingest answer, back in rows

/** Where each event handed to the ingest service came from. */
export interface EventOrigin {
  row: number;
  imported: ImportedEvent;
}

const COLUMN_OF_EVENT_FIELD: Readonly<Record<string, ImportColumn>> = {
  id: 'dossierCode',
  unit: 'unitCode',
  'dossier.code': 'dossierCode',
  'dossier.procedure': 'procedureCode',
  'dossier.field': 'field',
  'dossier.channel': 'channel',
  'dossier.dueAt': 'dueAt',
};

/** The ingest service names event fields (`at: ...`); a person editing the sheet needs the column. */
export function reasonInColumns(reason: string, imported: ImportedEvent): string {
  const match = /^([\w.]+): (.*)$/s.exec(reason);
  if (!match) return reason;
  const column = match[1] === 'at' ? imported.atColumn : COLUMN_OF_EVENT_FIELD[match[1]!];
  return column === undefined ? reason : `${COLUMN_HEADERS[column]}: ${match[2]}`;
}

/**
 * The rows refused while reading the file, plus the rows with an event the ingest service
 * refused (its `index` is the event's position in `origins`): one rejection per row, with the
 * first reason, `index` being the row number, in row order.
 */
export function rejectionsByRow(
  refusedRows: ReadonlyArray<{ row: number; reason: string }>,
  refusedEvents: readonly IngestRejection[],
  origins: readonly EventOrigin[],
): IngestRejection[] {
  const byRow = new Map<number, IngestRejection>();
  for (const { row, reason } of refusedRows) byRow.set(row, { index: row, reason });
  for (const refused of refusedEvents) {
    const origin = origins[refused.index];
    if (origin === undefined || byRow.has(origin.row)) continue;
    byRow.set(origin.row, {
      index: origin.row,
      id: origin.imported.event.id,
      reason: reasonInColumns(refused.reason, origin.imported),
    });
  }
  return [...byRow.values()].sort((a, b) => a.index - b.index);
}
