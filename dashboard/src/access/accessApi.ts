import {
  accessErrorSchema,
  currentPrincipalSchema,
  pairingStatusSchema,
  type AccessError,
  type CurrentPrincipal,
  type PairingStatus,
} from '@ioc/shared';
import type { z } from 'zod';

/** An access answer the app acts on: its code (e.g. `auth.locked`) and the server's words. */
export class AccessFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: AccessError | null,
  ) {
    super(error?.message ?? `HTTP ${status}`);
    this.name = 'AccessFailure';
  }
}

async function call<S extends z.ZodType>(
  method: string,
  url: string,
  schema: S | null,
  body?: unknown,
): Promise<z.output<S> | null> {
  const response = await fetch(url, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const parsed = accessErrorSchema.safeParse(json);
    throw new AccessFailure(response.status, parsed.success ? parsed.data : null);
  }
  return schema === null ? null : schema.parse(json);
}

/** Who this browser is signed in as; null when it is not. */
export async function currentPrincipal(): Promise<CurrentPrincipal | null> {
  try {
    return await call('GET', '/api/v1/auth/me', currentPrincipalSchema);
  } catch (error) {
    if (error instanceof AccessFailure && error.status === 401) return null;
    throw error;
  }
}

export async function signIn(login: string, password: string): Promise<void> {
  await call('POST', '/api/v1/auth/sign-in', null, { login, password });
}

export async function signOut(): Promise<void> {
  await call('POST', '/api/v1/auth/sign-out', null);
}

/** A wall opened at `/?display=<token>` trades the token for its session cookie. */
export async function startDisplaySession(token: string): Promise<void> {
  await call('POST', '/api/v1/displays/session', null, { token });
}

/** A wall asks for a pairing code to show, then asks whether an administrator confirmed it. */
export async function requestPairing(): Promise<PairingStatus> {
  return (await call('POST', '/api/v1/displays/pairing', pairingStatusSchema))!;
}

export async function pairingStatus(): Promise<PairingStatus | null> {
  try {
    return await call('GET', '/api/v1/displays/pairing', pairingStatusSchema);
  } catch (error) {
    if (error instanceof AccessFailure && error.status === 404) return null;
    throw error;
  }
}
