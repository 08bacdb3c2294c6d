import type { z } from 'zod';

/** Dispatched on window when an answer says the session is gone (401): the access gate checks again. */
export const UNAUTHORIZED_EVENT = 'ioc:unauthorized';

/** An answer the wall cannot use: the HTTP status when there was one, and what went wrong. */
export class FetchJsonError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'FetchJsonError';
  }
}

/** The server's error bodies carry a `message` (a string or a list); anything else is shown as the status. */
function serverMessage(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('message' in body)) return null;
  const { message } = body;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return null;
}

/**
 * GETs `url` as JSON and checks the answer against its schema (from `shared/`), so a wrong answer
 * becomes an error view naming what is wrong, never a panel drawing undefined.
 */
export async function fetchJson<S extends z.ZodType>(
  url: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new FetchJsonError(`the server cannot be reached (${(error as Error).message})`, null);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    const detail = serverMessage(body);
    throw new FetchJsonError(`HTTP ${response.status}${detail ? `: ${detail}` : ''}`, response.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the answer';
    throw new FetchJsonError(
      `unexpected answer from ${url.split('?')[0]}: ${where}: ${issue?.message}`,
      response.status,
    );
  }
  return parsed.data;
}
