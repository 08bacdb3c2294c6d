import { z } from 'zod';
import { UNIT_CODE_PATTERN } from '../units/unit';

/**
 * Who may see and do what (issue 13): people sign in with a password and get a role; a wall is a
 * paired display. The server's policy module decides every access from these; the dashboard
 * reads them to show what a person may use. Described in `docs/architecture.md` ("Access").
 */

/** The roles a person can have. */
export const USER_ROLES = ['admin', 'leader', 'department-head', 'unit-officer'] as const;
export type UserRole = (typeof USER_ROLES)[number];
/** Every role the policy knows: a person's, or `wall` for a paired display. */
export const ACCESS_ROLES = [...USER_ROLES, 'wall'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** The session cookie (httpOnly, Secure, SameSite=Strict): a person's or a display's. */
export const SESSION_COOKIE = 'ioc_session';
/** The cookie a wall waiting to be paired holds: only that browser collects the pairing. */
export const PAIRING_COOKIE = 'ioc_pairing';

/** NIST SP 800-63B: at least 8 characters (15 for single-factor), at least 64 accepted, no composition rules. */
export const PASSWORD_MIN_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 128;

export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,62}[a-z0-9]$/;
const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(LOGIN_PATTERN, 'a login is 3–64 letters a-z, digits, dots, dashes or underscores');
const displayNameSchema = z.string().trim().min(1).max(200);
const fieldCodeSchema = z.string().regex(/^[a-z0-9_-]{1,60}$/, 'must be a field code');
const unitCodeSchema = z.string().regex(UNIT_CODE_PATTERN, 'must be a 5-digit unit code');
/** Length is checked by the server (with its breached-password list), so the message can say why. */
const passwordSchema = z.string().max(1024);

/** `POST /api/v1/auth/sign-in`. */
export const signInRequestSchema = z.strictObject({
  login: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(1024),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** `POST /api/v1/auth/password`: a signed-in person changes their own password. */
export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: passwordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** Who a person is, as `GET /api/v1/auth/me` and the user list show it. */
export const userSummarySchema = z.object({
  id: z.uuid(),
  login: z.string(),
  displayName: z.string(),
  role: z.enum(USER_ROLES),
  /** A department head's fields (empty for the other roles). */
  fields: z.array(z.string()),
  /** A unit officer's unit (null for the other roles). */
  unitCode: z.string().nullable(),
  disabled: z.boolean(),
  /** Until when sign-in is refused after repeated failures (null: not locked). */
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

/** `GET /api/v1/auth/me`: who the request's credential is. */
export const currentPrincipalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), role: z.enum(USER_ROLES), user: userSummarySchema }),
  z.object({
    kind: z.literal('display'),
    role: z.literal('wall'),
    display: z.object({ id: z.uuid(), name: z.string(), showComments: z.boolean() }),
  }),
  /** The machine admin token (IOC_ADMIN_TOKEN), as the CLIs use it. */
  z.object({ kind: z.literal('admin-token'), role: z.literal('admin') }),
]);
export type CurrentPrincipal = z.infer<typeof currentPrincipalSchema>;

/** `POST /api/v1/admin/users`. */
export const createUserRequestSchema = z.strictObject({
  login: loginSchema,
  displayName: displayNameSchema,
  role: z.enum(USER_ROLES),
  fields: z.array(fieldCodeSchema).max(50).default([]),
  unitCode: unitCodeSchema.nullable().default(null),
  password: passwordSchema,
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

/** `PATCH /api/v1/admin/users/:id`: what is given changes; a disabled user's sessions end. */
export const updateUserRequestSchema = z.strictObject({
  displayName: displayNameSchema.optional(),
  role: z.enum(USER_ROLES).optional(),
  fields: z.array(fieldCodeSchema).max(50).optional(),
  unitCode: unitCodeSchema.nullable().optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

/** `POST /api/v1/admin/users/:id/password`: an admin sets a new password; the user's sessions end. */
export const resetPasswordRequestSchema = z.strictObject({ password: passwordSchema });
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>;

/** A paired display (a wall). */
export const displaySummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Whether the wall may show citizens' comment text (default no). */
  showComments: z.boolean(),
  /** How it was paired: a code shown on the wall, or a display token in its URL. */
  pairing: z.enum(['code', 'token']),
  createdAt: z.string(),
  /** Its last request or live check (null: never connected). */
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type DisplaySummary = z.infer<typeof displaySummarySchema>;

/** `POST /api/v1/admin/displays`: a display paired by a token in its URL. */
export const createDisplayRequestSchema = z.strictObject({
  name: displayNameSchema,
  showComments: z.boolean().default(false),
});
export type CreateDisplayRequest = z.infer<typeof createDisplayRequestSchema>;

/** The answer of a display creation: the only time its token is shown. */
export const createdDisplaySchema = z.object({
  display: displaySummarySchema,
  token: z.string(),
  /** The path to open on the wall: `/?display=<token>`. */
  path: z.string(),
});
export type CreatedDisplay = z.infer<typeof createdDisplaySchema>;

/** The short code a wall shows while it waits to be paired: 8 characters, no 0/O, 1/I/L. */
export const PAIRING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PAIRING_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{4}-?[2-9A-HJKMNP-Z]{4}$/;

/** `POST /api/v1/admin/displays/pair`: an admin confirms the code a wall shows. */
export const pairDisplayRequestSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(PAIRING_CODE_PATTERN, 'a pairing code is 8 characters as shown on the wall, e.g. K7QX-M3PD'),
  name: displayNameSchema,
  showComments: z.boolean().default(false),
});
export type PairDisplayRequest = z.infer<typeof pairDisplayRequestSchema>;

/** `PATCH /api/v1/admin/displays/:id`. */
export const updateDisplayRequestSchema = z.strictObject({
  name: displayNameSchema.optional(),
  showComments: z.boolean().optional(),
});
export type UpdateDisplayRequest = z.infer<typeof updateDisplayRequestSchema>;

/** `POST /api/v1/displays/session`: a wall opened at `/?display=<token>` trades it for a cookie. */
export const displaySessionRequestSchema = z.strictObject({ token: z.string().min(1).max(200) });
export type DisplaySessionRequest = z.infer<typeof displaySessionRequestSchema>;

/**
 * `POST` and `GET /api/v1/displays/pairing`: the wall shows `code` until an admin confirms it;
 * then the GET answers `paired` with the display's session cookie set.
 */
export const pairingStatusSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending'), code: z.string(), expiresAt: z.string() }),
  z.object({
    status: z.literal('paired'),
    display: z.object({ id: z.uuid(), name: z.string(), showComments: z.boolean() }),
  }),
]);
export type PairingStatus = z.infer<typeof pairingStatusSchema>;

/** What the access audit records. Hooks for exports and snapshots (issues 14, 15) are listed too. */
export const AUDIT_ACTIONS = [
  'auth.sign-in',
  'auth.sign-out',
  'auth.password-change',
  'user.create',
  'user.update',
  'user.password-reset',
  'user.sessions-revoke',
  'key.create',
  'key.revoke',
  'display.create',
  'display.pair',
  'display.update',
  'display.revoke',
  'export',
  'snapshot.create',
  'snapshot.delete',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTOR_KINDS = ['user', 'display', 'admin-token', 'system', 'anonymous'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  outcome: z.enum(['success', 'failure']),
  actorKind: z.enum(AUDIT_ACTOR_KINDS),
  actorId: z.string().nullable(),
  /** The login or display name at the time (a sign-in failure records the login tried). */
  actorName: z.string().nullable(),
  /** What was acted on: `user:<id>`, `key:<id>`, `display:<id>`… */
  target: z.string().nullable(),
  /** The client's address as the server saw it. */
  address: z.string().nullable(),
  /** What else matters: the reason of a failure, the fields changed, an export's filter and row count. */
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `GET /api/v1/admin/audit`: newest first; `before` is the `next` of the previous page. */
export const auditQuerySchema = z.strictObject({
  action: z.enum(AUDIT_ACTIONS).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  actorId: z.string().max(100).optional(),
  target: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z
    .string()
    .regex(/^\d{1,19}$/, 'must be the `next` of a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/**
 * The codes of access errors (`{ statusCode, code, message, messageEn }`): `message` is
 * Vietnamese, for a person; the dashboard may also map `code` to its own catalogue.
 */
export const ACCESS_ERROR_CODES = [
  'auth.required',
  'auth.invalid-credentials',
  'auth.locked',
  'auth.rate-limited',
  'auth.session-ended',
  'auth.display-revoked',
  'auth.forbidden',
  'auth.cross-site',
  'auth.weak-password',
  'auth.not-found',
  'auth.conflict',
  'auth.invalid',
] as const;
export type AccessErrorCode = (typeof ACCESS_ERROR_CODES)[number];

export const accessErrorSchema = z.object({
  statusCode: z.number(),
  code: z.enum(ACCESS_ERROR_CODES),
  message: z.string(),
  messageEn: z.string(),
  /** `auth.locked`, `auth.rate-limited`: seconds until another try may succeed. */
  retryAfterSeconds: z.number().optional(),
});
export type AccessError = z.infer<typeof accessErrorSchema>;
