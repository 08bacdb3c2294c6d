import type { IngestEvent, IngestRejection, IngestResult } from '@ioc/shared';
import { sleepUnlessAborted } from './abortable-sleep';

export type IngestFailureCode =
  'unauthorized' | 'bad-request' | 'too-large' | 'unexpected-status' | 'unexpected-answer';

/** A failure that retrying cannot fix: the simulator stops and says why. */
export class IngestClientError extends Error {
  constructor(
    readonly code: IngestFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'IngestClientError';
  }
}

/** The caller's signal aborted while a batch was being sent or retried. */
export class IngestAbortedError extends Error {
  constructor() {
    super('sending was aborted');
    this.name = 'IngestAbortedError';
  }
}

export interface IngestClientOptions {
  /** The server's base URL, e.g. http://127.0.0.1:3000. */
  url: string;
  key: string;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  log?: (line: string) => void;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  requestTimeoutMs?: number;
}

export interface IngestDelivery extends IngestResult {
  /** Requests it took, 1 when the first one was answered. */
  attempts: number;
}

/** Statuses after which nothing was stored and the same batch must be sent again. */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * Sends batches to `POST /api/v1/events`. A batch is kept and resent, as it is, until the server
 * answers 200: resending the same ids is safe because ingest is idempotent, so an outage never
 * loses nor invents events.
 */
export class IngestClient {
  private readonly endpoint: string;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly log: (line: string) => void;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: IngestClientOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, '')}/api/v1/events`;
    this.fetch = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? sleepUnlessAborted;
    this.log = options.log ?? (() => undefined);
    this.initialBackoffMs = options.initialBackoffMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  }

  async send(events: readonly IngestEvent[], signal?: AbortSignal): Promise<IngestDelivery> {
    const body = JSON.stringify(events);
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw new IngestAbortedError();
      let retryReason: string;
      let retryAfterMs: number | null = null;
      try {
        const response = await this.post(body, signal);
        if (response.status === 200) return { ...(await readAnswer(response)), attempts: attempt };
        if (!RETRYABLE_STATUSES.has(response.status)) throw await failureOf(response);
        retryReason =
          response.status === 503
            ? '503 database unreachable'
            : response.status === 429
              ? '429 rate limited'
              : `${response.status} server error`;
        retryAfterMs = retryAfterOf(response);
        await response.body?.cancel();
      } catch (error) {
        if (error instanceof IngestClientError) throw error;
        if (signal?.aborted) throw new IngestAbortedError();
        retryReason = `network error (${describe(error)})`;
      }
      const backoff = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** Math.min(attempt - 1, 16));
      const delay = Math.max(backoff, retryAfterMs ?? 0);
      this.log(
        `ingest: ${retryReason}; resending ${events.length} events in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1})`,
      );
      await this.sleep(delay, signal);
    }
  }

  private post(body: string, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(this.requestTimeoutMs);
    return this.fetch(this.endpoint, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.options.key}`, 'content-type': 'application/json' },
      body,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  }
}

async function readAnswer(response: Response): Promise<IngestResult> {
  let answer: unknown;
  try {
    answer = await response.json();
  } catch {
    throw new IngestClientError('unexpected-answer', 'the server answered 200 with a body that is not JSON');
  }
  if (!isIngestResult(answer)) {
    throw new IngestClientError(
      'unexpected-answer',
      'the server answered 200 without {accepted, duplicate, rejected}',
    );
  }
  return answer;
}

function isIngestResult(value: unknown): value is IngestResult {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.accepted === 'number' &&
    typeof candidate.duplicate === 'number' &&
    Array.isArray(candidate.rejected) &&
    candidate.rejected.every(isRejection)
  );
}

function isRejection(value: unknown): value is IngestRejection {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.index === 'number' && typeof candidate.reason === 'string';
}

async function failureOf(response: Response): Promise<IngestClientError> {
  const detail = (await response.text().catch(() => '')).slice(0, 300);
  const suffix = detail ? `: ${detail}` : '';
  switch (response.status) {
    case 401:
    case 403:
      return new IngestClientError(
        'unauthorized',
        `the server refused the ingest key (${response.status})${suffix}`,
      );
    case 400:
      return new IngestClientError('bad-request', `the server could not parse the batch (400)${suffix}`);
    case 413:
      return new IngestClientError('too-large', `the batch is too large for the server (413)${suffix}`);
    default:
      return new IngestClientError('unexpected-status', `the server answered ${response.status}${suffix}`);
  }
}

/** `Retry-After` in seconds (the only form a rate limiter is expected to send). */
function retryAfterOf(response: Response): number | null {
  const header = response.headers.get('retry-after');
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim()) * 1000;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
