import { MAX_EVENTS_PER_REQUEST } from '@ioc/shared';

export type ParsedIngestBody =
  { ok: true; items: unknown[] } | { ok: false; status: 400 | 413; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns a raw request body into untrusted items: a JSON array (or a single object) for
 * `application/json`, one JSON value per line for `application/x-ndjson`. A broken NDJSON
 * line is an item of its own that the caller rejects; only a body that is not JSON at all is 400.
 */
export function parseIngestBody(body: Buffer, contentType: string | undefined): ParsedIngestBody {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { ok: false, status: 400, message: 'body is not valid UTF-8' };
  }
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const items = mediaType === 'application/x-ndjson' ? parseNdjson(text) : parseJson(text);
  if (!items.ok) return items;
  if (items.items.length > MAX_EVENTS_PER_REQUEST) {
    return {
      ok: false,
      status: 413,
      message: `a request may carry at most ${MAX_EVENTS_PER_REQUEST} events; this one has ${items.items.length}`,
    };
  }
  return items;
}

function parseJson(text: string): ParsedIngestBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, status: 400, message: `body is not JSON: ${(error as Error).message}` };
  }
  if (Array.isArray(value)) return { ok: true, items: value };
  if (typeof value === 'object' && value !== null) return { ok: true, items: [value] };
  return { ok: false, status: 400, message: 'body must be a JSON array of events' };
}

/** Marks a line of NDJSON that is not JSON, so that it is rejected with its index. */
export class UnparseableLine {
  constructor(readonly reason: string) {}
}

function parseNdjson(text: string): ParsedIngestBody {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return { ok: false, status: 400, message: 'body holds no NDJSON lines' };
  const items = lines.map((line) => {
    try {
      return JSON.parse(line) as unknown;
    } catch (error) {
      return new UnparseableLine(`line is not JSON: ${(error as Error).message}`);
    }
  });
  if (items.every((item) => item instanceof UnparseableLine)) {
    return { ok: false, status: 400, message: 'body is not NDJSON: no line parses as JSON' };
  }
  return { ok: true, items };
}
