import { parseIngestBody, UnparseableLine } from './ingest-body';

describe('parseIngestBody', () => {
  it('reads a JSON array', () => {
    expect(parseIngestBody(Buffer.from('[{"id":"a"},{"id":"b"}]'), 'application/json')).toEqual({
      ok: true,
      items: [{ id: 'a' }, { id: 'b' }],
    });
  });

  it('keeps a broken NDJSON line as an item to reject, with the lines around it', () => {
    const parsed = parseIngestBody(
      Buffer.from('{"id":"a"}\n{broken\n\n{"id":"c"}\n'),
      'application/x-ndjson',
    );
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.items).toHaveLength(3);
      expect(parsed.items[1]).toBeInstanceOf(UnparseableLine);
    }
  });

  it.each([
    ['not JSON at all', Buffer.from('hello'), 'application/json', 400],
    ['a JSON number', Buffer.from('42'), 'application/json', 400],
    ['invalid UTF-8', Buffer.from([0x5b, 0xff, 0xfe, 0x5d]), 'application/json', 400],
    ['NDJSON with no valid line', Buffer.from('x\ny\n'), 'application/x-ndjson', 400],
    [
      'over 10,000 events',
      Buffer.from(JSON.stringify(Array.from({ length: 10_001 }, () => ({})))),
      'application/json',
      413,
    ],
  ])('refuses %s', (_case, body, contentType, status) => {
    expect(parseIngestBody(body, contentType)).toMatchObject({ ok: false, status });
  });
});
