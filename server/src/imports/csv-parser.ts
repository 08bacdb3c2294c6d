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

/** Parses the whole text (BOM already removed or not) into records of raw, untrimmed fields. */
export function parseCsv(input: string): CsvDocument {
  const text = stripByteOrderMark(input);
  const separator = detectSeparator(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  // Whether the current record has any content yet, so that the newline ending the file
  // does not make an extra empty record.
  let recordStarted = false;

  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = (unterminatedQuote = false) => {
    endField();
    records.push({ fields, unterminatedQuote });
    fields = [];
    recordStarted = false;
  };

  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else quoted = false;
      continue;
    }
    if (char === '"') {
      // A quote opens a quoted section wherever it starts; text around it is kept, which is
      // how spreadsheet programs read the slightly broken CSV that some exports write.
      quoted = true;
      recordStarted = true;
    } else if (char === separator) {
      endField();
      recordStarted = true;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
    } else {
      field += char;
      recordStarted = true;
    }
  }
  if (quoted) endRecord(true);
  else if (recordStarted) endRecord();
  return { separator, records };
}

/** A record of empty cells only: a blank line, or the `;;;;` rows that spreadsheets leave behind. */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.every((f) => f.trim() === '');
}
