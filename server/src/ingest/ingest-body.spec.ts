import { MAX_JSON_DEPTH, parseIngestBody, UnparseableLine } from './ingest-body';

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

describe('parseIngestBody on hostile bodies: counted and measured before parsing', () => {
  const eightMiB = 8 * 1024 * 1024;

  it('refuses 8 MiB of one-character NDJSON lines as over the event cap, without parsing them', () => {
    const parsed = parseIngestBody(Buffer.from('1\n'.repeat(eightMiB / 2)), 'application/x-ndjson');
    expect(parsed).toEqual({
      ok: false,
      status: 413,
      message: 'a request may carry at most 10000 events; this one has more',
    });
  });

  it('refuses a deeply nested body, in JSON and in an NDJSON line', () => {
    const deep = `${'['.repeat(eightMiB / 2)}${']'.repeat(eightMiB / 2)}`;
    expect(parseIngestBody(Buffer.from(deep), 'application/json')).toEqual({
      ok: false,
      status: 400,
      message: `body is nested deeper than ${MAX_JSON_DEPTH} levels`,
    });
    expect(
      parseIngestBody(
        Buffer.from(`{"id":"a"}\n${'{"a":'.repeat(30_000)}1${'}'.repeat(30_000)}`),
        'application/x-ndjson',
      ),
    ).toMatchObject({ ok: false, status: 400 });
  });

  it('leaves garbage nested less deeply inside an item to that item', () => {
    const garbage = `[{"id":"a","dossier":${'['.repeat(20_000)}${']'.repeat(20_000)}}]`;
    expect(parseIngestBody(Buffer.from(garbage), 'application/json')).toMatchObject({ ok: true });
  });

  it('does not count commas and brackets inside strings, nor a single object as more than one event', () => {
    const tricky = [{ id: 'a,b,[c]', comment: '{"x":[1,2,3]} \\" , ]' }, { id: 'd' }];
    expect(parseIngestBody(Buffer.from(JSON.stringify(tricky)), 'application/json')).toEqual({
      ok: true,
      items: tricky,
    });
    const oneObject = { id: 'x', list: Array.from({ length: 10_001 }, (_, i) => i) };
    expect(parseIngestBody(Buffer.from(JSON.stringify(oneObject)), 'application/json')).toMatchObject({
      ok: true,
    });
    // 10,000 events fit, in either format.
    const full = Array.from({ length: 10_000 }, (_, i) => ({ id: `e${i}`, dossier: { code: 'a,b' } }));
    expect(parseIngestBody(Buffer.from(JSON.stringify(full)), 'application/json')).toMatchObject({
      ok: true,
    });
    const lines = full.map((e) => JSON.stringify(e)).join('\n');
    expect(parseIngestBody(Buffer.from(`${lines}\n\n`), 'application/x-ndjson')).toMatchObject({ ok: true });
  });
});
