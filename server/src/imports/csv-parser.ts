/**
 * RFC 4180 reading of a legacy spreadsheet export: `"`-quoted fields with doubled quotes,
 * separators and line breaks inside quotes, CRLF or LF (or a lone CR, as old Mac exports do).
 * It knows nothing of dossiers; `csv-row-mapping.ts` gives the columns their meaning.
 */

export type CsvSeparator = ',' | ';';

export interface CsvRecord {
  fields: string[];
  /** The last field opened a quote that the file never closes: it swallowed the rest of the file. */
  unterminatedQuote: boolean;
}

export interface CsvDocument {
  separator: CsvSeparator;
  records: CsvRecord[];
}

const BYTE_ORDER_MARK = '\uFEFF';

/** Excel writes a BOM in front of UTF-8 CSV; it is not part of the first header. */
export function stripByteOrderMark(text: string): string {
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

/**
 * Excel in a Vietnamese locale exports with `;`, elsewhere with `,`: the separator is the one
 * the header line uses more often (outside quotes). A one-column header falls back to `,`.
 */
export function detectSeparator(text: string): CsvSeparator {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of firstNonBlankLine(text)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ',') commas += 1;
    else if (!quoted && char === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

function firstNonBlankLine(text: string): string {
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    if (!quoted && (char === '\n' || char === '\r')) {
      const line = text.slice(start, i);
      if (line.trim() !== '') return line;
      start = i + 1;
    }
  }
  return text.slice(start);
}

export interface CsvReading {
  separator: CsvSeparator;
  /** Read lazily, one record per step: a caller that stops early never parses the rest. */
  records: Iterable<CsvRecord>;
}

/** Parses the whole text (BOM already removed or not) into records of raw, untrimmed fields. */
export function parseCsv(input: string): CsvDocument {
  const reading = readCsv(input);
  return { separator: reading.separator, records: [...reading.records] };
}

/** The separator at once, the records on demand. */
export function readCsv(input: string): CsvReading {
  const text = stripByteOrderMark(input);
  const separator = detectSeparator(text);
  return { separator, records: { [Symbol.iterator]: () => csvRecords(text, separator) } };
}

/**
 * One pass, jumping from one special character to the next with a regex search instead of
 * walking (and concatenating) character by character: an 8 MiB export parses in tens of ms.
 */
function* csvRecords(text: string, separator: CsvSeparator): Generator<CsvRecord> {
  const special = separator === ',' ? /[",\r\n]/g : /[";\r\n]/g;
  let fields: string[] = [];
  let field = '';
  // Whether the current record has any content yet, so that the newline ending the file
  // does not make an extra empty record.
  let recordStarted = false;
  let i = 0;
  while (i < text.length) {
    special.lastIndex = i;
    const found = special.exec(text);
    const at = found === null ? text.length : found.index;
    if (at > i) {
      field += text.slice(i, at);
      recordStarted = true;
    }
    if (found === null) break;
    const char = found[0];
    if (char === '"') {
      // A quote opens a quoted section wherever it starts; text around it is kept, which is
      // how spreadsheet programs read the slightly broken CSV that some exports write.
      recordStarted = true;
      let from = at + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) {
          // Never closed: the rest of the file is this field.
          fields.push(field + text.slice(from));
          yield { fields, unterminatedQuote: true };
          return;
        }
        field += text.slice(from, close);
        if (text[close + 1] === '"') {
          field += '"';
          from = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
    } else if (char === separator) {
      fields.push(field);
      field = '';
      recordStarted = true;
      i = at + 1;
    } else {
      i = char === '\r' && text[at + 1] === '\n' ? at + 2 : at + 1;
      fields.push(field);
      yield { fields, unterminatedQuote: false };
      fields = [];
      field = '';
      recordStarted = false;
    }
  }
  if (recordStarted) {
    fields.push(field);
    yield { fields, unterminatedQuote: false };
  }
}

/** A record of empty cells only: a blank line, or the `;;;;` rows that spreadsheets leave behind. */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.every((f) => f.trim() === '');
}
