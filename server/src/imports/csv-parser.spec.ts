import { detectSeparator, isBlankRecord, parseCsv } from './csv-parser';

const fieldsOf = (text: string) => parseCsv(text).records.map((r) => r.fields);

describe('parseCsv', () => {
  it('drops the UTF-8 byte order mark that Excel writes in front of the first header', () => {
    expect(fieldsOf('\uFEFFMã hồ sơ,Mã thủ tục\nA,B')).toEqual([
      ['Mã hồ sơ', 'Mã thủ tục'],
      ['A', 'B'],
    ]);
  });

  it('reads the separator from the header line: `;` or `,`', () => {
    expect(parseCsv('a;b;c\n1;2;3').separator).toBe(';');
    expect(parseCsv('a,b,c\n1;2;3').separator).toBe(',');
    expect(fieldsOf('a;b\n"x, y";2')).toEqual([
      ['a', 'b'],
      ['x, y', '2'],
    ]);
  });

  it('does not count separators inside quotes of the header, and falls back to `,` for one column', () => {
    expect(detectSeparator('"a;b;c",d,e\n')).toBe(',');
    expect(detectSeparator('Mã hồ sơ\n1')).toBe(',');
    expect(detectSeparator('\n\n a;b')).toBe(';');
  });

  it('keeps separators, doubled quotes and line breaks inside quoted fields', () => {
    expect(fieldsOf('a,b,c\r\n"1,5","say ""hi""","line 1\r\nline 2"\r\nx,y,z\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1,5', 'say "hi"', 'line 1\r\nline 2'],
      ['x', 'y', 'z'],
    ]);
  });

  it('reads CRLF, LF and lone CR alike and makes no record of the final line break', () => {
    expect(fieldsOf('a,b\r\n1,2\r\n')).toEqual(fieldsOf('a,b\n1,2\n'));
    expect(fieldsOf('a,b\r1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps empty fields, and marks blank lines and rows of empty cells as blank', () => {
    const { records } = parseCsv('a,b,c\n,,\n\n1,,3');
    expect(records.map((r) => r.fields)).toEqual([['a', 'b', 'c'], ['', '', ''], [''], ['1', '', '3']]);
    expect(records.map(isBlankRecord)).toEqual([false, true, true, false]);
  });

  it('marks a record whose quote is never closed', () => {
    const { records } = parseCsv('a,b\n1,"never closed\n2,3\n');
    expect(records).toHaveLength(2);
    expect(records[1]).toEqual({ fields: ['1', 'never closed\n2,3\n'], unterminatedQuote: true });
  });
});
