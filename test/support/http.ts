import { request as httpRequest } from 'node:http';

export interface HttpAnswer {
  status: number;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  text: string;
  headers: Record<string, string | string[] | undefined>;
  /** From the first byte sent to the last byte received. */
  ms: number;
}

export interface HttpCall {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A list of chunks is sent chunked, without Content-Length. */
  body?: string | Buffer | Buffer[];
  /** The answer must be complete by then, or the call fails with "no answer". */
  timeoutMs?: number;
}

/**
 * One HTTP call on a fresh connection, with a deadline. Unlike fetch it sends raw bytes
 * (invalid UTF-8), chunked bodies, and keeps an answer that arrives before the upload ends.
 */
export function call(url: string, options: HttpCall = {}): Promise<HttpAnswer> {
  const { method = 'GET', headers = {}, body, timeoutMs = 5_000 } = options;
  const chunked = Array.isArray(body);
  const payload = body === undefined || chunked ? undefined : Buffer.from(body);
  const started = performance.now();
  return new Promise<HttpAnswer>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const req = httpRequest(url, {
      method,
      agent: false,
      headers: payload ? { ...headers, 'content-length': String(payload.length) } : headers,
    });
    const timer = setTimeout(() => {
      settle(() => reject(new Error(`${method} ${url}: no answer within ${timeoutMs} ms`)));
      req.destroy();
    }, timeoutMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => settle(() => reject(error)));
      res.on('end', () =>
        settle(() => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            json: parseJson(text),
            text,
            headers: res.headers,
            ms: performance.now() - started,
          });
        }),
      );
    });
    // An upload cut short after the answer arrived (413) is not a failure of the call.
    req.on('error', (error) => settle(() => reject(error)));
    if (chunked) {
      for (const chunk of body) req.write(chunk);
      req.end();
    } else {
      req.end(payload);
    }
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
