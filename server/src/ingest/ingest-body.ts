import { MAX_EVENTS_PER_REQUEST } from '@ioc/shared';

export type ParsedIngestBody =
  { ok: true; items: unknown[] } | { ok: false; status: 400 | 413; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * An event is 3 levels deep; deeper garbage inside an item is rejected with that item, as the
 * contract promises. Parsing 25,000 levels takes ~10 ms here, 4 million (8 MiB of `[`) over a
 * second: a body past this depth is refused whole, before it is parsed.
 */
export const MAX_JSON_DEPTH = 25_000;

/**
 * One pass over the text, without parsing: the deepest nesting (stopping as soon as it passes
 * the limit) and an upper bound of the items — the top-level array's commas plus one, or the
 * non-blank lines of NDJSON — for refusing a body before it is parsed. Strings are skipped.
 */
function scanShape(text: string, ndjson: boolean): { depth: number; items: number } {
  let depth = 0;
  let deepest = 0;
  let separators = 0;
  let inString = false;
  let lineHasValue = false;
  let lines = 0;
  const topIsArray = !ndjson && text.trimStart().startsWith('[');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
      lineHasValue = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      lineHasValue = true;
      if (depth > deepest && (deepest = depth) > MAX_JSON_DEPTH) return { depth: deepest, items: 0 };
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    } else if (c === 0x2c) {
      if (depth === 1 && topIsArray) separators++;
    } else if (c === 0x0a) {
      if (ndjson) {
        if (lineHasValue) lines++;
        lineHasValue = false;
        depth = 0; // a broken line does not carry its nesting into the next
      }
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      lineHasValue = true;
    }
  }
  if (ndjson) return { depth: deepest, items: lines + (lineHasValue ? 1 : 0) };
  return { depth: deepest, items: topIsArray ? separators + 1 : 1 };
}

export function parseIngestBody(body: Buffer, contentType: string | undefined): ParsedIngestBody {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { ok: false, status: 400, message: 'body is not valid UTF-8' };
  }
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const ndjson = mediaType === 'application/x-ndjson';
  // Counted and measured before anything is parsed: 8 MiB of `1` lines or of `[` would
  // otherwise hold the event loop for seconds before the cap could answer.
  const shape = scanShape(text, ndjson);
  if (shape.depth > MAX_JSON_DEPTH) {
    return { ok: false, status: 400, message: `body is nested deeper than ${MAX_JSON_DEPTH} levels` };
  }
  if (shape.items > MAX_EVENTS_PER_REQUEST) {
    return {
      ok: false,
      status: 413,
      message: `a request may carry at most ${MAX_EVENTS_PER_REQUEST} events; this one has more`,
    };
  }
  const items = ndjson ? parseNdjson(text) : parseJson(text);
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
