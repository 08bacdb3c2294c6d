import { accessErrorSchema, type AccessErrorCode } from '@ioc/shared';
import type { z } from 'zod';
import type { Language } from '../i18n/messages';
import { UNAUTHORIZED_EVENT } from './fetchJson';

/** One complaint of the server's request validation: `login: a login is 3–64 letters…`. */
export interface RequestIssue {
  /** The field it names (`login`, `fields.0`), or `body`. */
  path: string;
  message: string;
}

/**
 * A state-changing request the server refused, or that never reached it: the access error's code
 * and words in both languages when the server gave them, else the validation issues it listed.
 */
export class RequestFailure extends Error {
  constructor(
    /** null: the server could not be reached. */
    readonly status: number | null,
    readonly code: AccessErrorCode | null,
    readonly words: { vi: string; en: string } | null,
    readonly issues: readonly RequestIssue[],
  ) {
    super(
      words?.en ??
        (issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ') ||
          (status === null ? 'the server cannot be reached' : `HTTP ${status}`)),
    );
    this.name = 'RequestFailure';
  }
}

/**
 * What a refusal's body says: an access error (`{ code, message, messageEn }`), or a validation
 * error whose `message` is one string or a list of `path: message`.
 */
export function failureOf(status: number, body: unknown): RequestFailure {
  const access = accessErrorSchema.safeParse(body);
  if (access.success)
    return new RequestFailure(
      status,
      access.data.code,
      { vi: access.data.message, en: access.data.messageEn },
      [],
    );
  const message = typeof body === 'object' && body !== null && 'message' in body ? body.message : null;
  const lines = typeof message === 'string' ? [message] : Array.isArray(message) ? message.map(String) : [];
  const issues = lines.map((line): RequestIssue => {
    const match = /^([\w.]+): (.+)$/s.exec(line);
    return match ? { path: match[1]!, message: match[2]! } : { path: 'body', message: line };
  });
  return new RequestFailure(
    status,
    null,
    null,
    issues.length > 0 ? issues : [{ path: 'body', message: `HTTP ${status}` }],
  );
}

/** The words to show for a failure: the server's, in the app's language when it gave both. */
export function failureText(failure: RequestFailure, language: Language, unreachable: string): string {
  if (failure.status === null) return unreachable;
  if (failure.words) return language === 'vi' ? failure.words.vi : failure.words.en;
  return failure.issues.map((issue) => issue.message).join('; ');
}

/** The words for anything a request threw: a refusal as the server said it, else the error's message. */
export function errorText(error: unknown, language: Language, unreachable: string): string {
  if (error instanceof RequestFailure) return failureText(error, language, unreachable);
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends a state-changing request (POST, PATCH, DELETE) from the app's own page, so that the
 * server's same-origin check passes; the answer is checked against its schema when there is one.
 * A 401 tells the access gate the session is gone.
 */
export async function sendJson<S extends z.ZodType>(
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body: unknown,
  schema: S,
): Promise<z.output<S>>;
export async function sendJson(
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<void>;
export async function sendJson<S extends z.ZodType>(
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  schema?: S,
): Promise<z.output<S> | void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new RequestFailure(null, null, null, []);
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    if (response.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    throw failureOf(response.status, json);
  }
  if (schema === undefined) return;
  return schema.parse(json);
}
