import {
  createdDisplaySchema,
  createdIngestKeySchema,
  displaySummarySchema,
  userSummarySchema,
  type CreateDisplayRequest,
  type CreateIngestKeyRequest,
  type CreateUserRequest,
  type PairDisplayRequest,
  type UpdateDisplayRequest,
  type UpdateUserRequest,
} from '@ioc/shared';
import { z } from 'zod';
import { sendJson } from '../../api/sendJson';

/** What the administration screens change, one call each (the lists are read with useResource). */

const USERS = '/api/v1/admin/users';
const DISPLAYS = '/api/v1/admin/displays';
const KEYS = '/api/v1/admin/keys';

const endedSessionsSchema = z.object({ ended: z.number() });

export const createUser = (request: CreateUserRequest) => sendJson('POST', USERS, request, userSummarySchema);

export const updateUser = (id: string, request: UpdateUserRequest) =>
  sendJson('PATCH', `${USERS}/${encodeURIComponent(id)}`, request, userSummarySchema);

export const resetPassword = (id: string, password: string) =>
  sendJson('POST', `${USERS}/${encodeURIComponent(id)}/password`, { password });

export const endSessions = async (id: string): Promise<number> =>
  (await sendJson('DELETE', `${USERS}/${encodeURIComponent(id)}/sessions`, undefined, endedSessionsSchema))
    .ended;

export const pairDisplay = (request: PairDisplayRequest) =>
  sendJson('POST', `${DISPLAYS}/pair`, request, displaySummarySchema);

export const createDisplay = (request: CreateDisplayRequest) =>
  sendJson('POST', DISPLAYS, request, createdDisplaySchema);

export const updateDisplay = (id: string, request: UpdateDisplayRequest) =>
  sendJson('PATCH', `${DISPLAYS}/${encodeURIComponent(id)}`, request, displaySummarySchema);

export const newDisplayToken = (id: string) =>
  sendJson('POST', `${DISPLAYS}/${encodeURIComponent(id)}/token`, undefined, createdDisplaySchema);

export const revokeDisplay = (id: string) => sendJson('DELETE', `${DISPLAYS}/${encodeURIComponent(id)}`);

export const createKey = (request: CreateIngestKeyRequest) =>
  sendJson('POST', KEYS, request, createdIngestKeySchema);

export const revokeKey = (id: string) => sendJson('DELETE', `${KEYS}/${encodeURIComponent(id)}`);
