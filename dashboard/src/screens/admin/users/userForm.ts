import {
  LOGIN_PATTERN,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type CreateUserRequest,
  type UpdateUserRequest,
  type UserRole,
  type UserSummary,
} from '@ioc/shared';
import type { RequestFailure } from '../../../api/sendJson';
import type { Problem, Problems } from '../problem';

/** What the user form holds while the admin types. `unitCode` '' is "no unit chosen". */
export interface UserDraft {
  login: string;
  displayName: string;
  role: UserRole;
  fields: readonly string[];
  unitCode: string;
  password: string;
}

export type UserFormField = keyof UserDraft;

const NAME_MAX_LENGTH = 200;

export const EMPTY_USER_DRAFT: UserDraft = {
  login: '',
  displayName: '',
  role: 'leader',
  fields: [],
  unitCode: '',
  password: '',
};

export function draftOf(user: UserSummary): UserDraft {
  return {
    login: user.login,
    displayName: user.displayName,
    role: user.role,
    fields: user.fields,
    unitCode: user.unitCode ?? '',
    password: '',
  };
}

/**
 * The password rules the server applies first (NIST 800-63B: 15–128 characters, counted as the
 * server counts them), said before sending; whether it is a common one only the server knows.
 */
export function passwordProblem(password: string): Problem | null {
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN_LENGTH)
    return {
      key: 'form.passwordTooShort',
      params: { min: PASSWORD_MIN_LENGTH, missing: PASSWORD_MIN_LENGTH - length },
    };
  if (length > PASSWORD_MAX_LENGTH)
    return { key: 'form.passwordTooLong', params: { max: PASSWORD_MAX_LENGTH } };
  return null;
}

/** What is wrong with a draft, field by field (empty: it may be sent). Editing checks no login or password. */
export function checkUserDraft(draft: UserDraft, mode: 'create' | 'edit'): Problems<UserFormField> {
  const problems: Problems<UserFormField> = {};
  if (mode === 'create' && !LOGIN_PATTERN.test(draft.login.trim().toLowerCase()))
    problems.login = { key: 'form.loginInvalid' };
  const name = draft.displayName.trim();
  if (name === '') problems.displayName = { key: 'form.fullNameRequired' };
  else if (name.length > NAME_MAX_LENGTH) problems.displayName = { key: 'form.nameTooLong' };
  if (draft.role === 'department-head' && draft.fields.length === 0)
    problems.fields = { key: 'form.fieldsRequired' };
  if (draft.role === 'unit-officer' && draft.unitCode === '')
    problems.unitCode = { key: 'form.unitRequired' };
  if (mode === 'create') {
    const password = passwordProblem(draft.password);
    if (password) problems.password = password;
  }
  return problems;
}

/** The scope a role keeps: fields for a department head, a unit for a unit officer, nothing else. */
function scopeOf(draft: UserDraft): { fields: string[]; unitCode: string | null } {
  return {
    fields: draft.role === 'department-head' ? [...draft.fields] : [],
    unitCode: draft.role === 'unit-officer' && draft.unitCode !== '' ? draft.unitCode : null,
  };
}

export function createRequestOf(draft: UserDraft): CreateUserRequest {
  return {
    login: draft.login.trim().toLowerCase(),
    displayName: draft.displayName.trim(),
    role: draft.role,
    ...scopeOf(draft),
    password: draft.password,
  };
}

const sameFields = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Only what changed (a PATCH), or null when nothing did. */
export function updateRequestOf(user: UserSummary, draft: UserDraft): UpdateUserRequest | null {
  const request: UpdateUserRequest = {};
  const name = draft.displayName.trim();
  if (name !== user.displayName) request.displayName = name;
  if (draft.role !== user.role) request.role = draft.role;
  const scope = scopeOf(draft);
  if (
    draft.role === 'department-head' &&
    (draft.role !== user.role || !sameFields(scope.fields, user.fields))
  )
    request.fields = scope.fields;
  if (draft.role === 'unit-officer' && (draft.role !== user.role || scope.unitCode !== user.unitCode))
    request.unitCode = scope.unitCode;
  return Object.keys(request).length === 0 ? null : request;
}

const FIELD_OF_PATH: Record<string, UserFormField> = {
  login: 'login',
  displayName: 'displayName',
  role: 'role',
  fields: 'fields',
  unitCode: 'unitCode',
  password: 'password',
};

/**
 * Which field a refusal of the server is about, so its words show next to it: a weak password,
 * a login taken, a scope the role needs, a field named by the request validation; null: the form.
 */
export function fieldOfFailure(failure: RequestFailure, role: UserRole): UserFormField | null {
  switch (failure.code) {
    case 'auth.weak-password':
      return 'password';
    case 'auth.conflict':
      return 'login';
    case 'auth.invalid':
      return role === 'department-head' ? 'fields' : role === 'unit-officer' ? 'unitCode' : null;
    case null: {
      const path = failure.issues[0]?.path.split('.')[0] ?? '';
      return FIELD_OF_PATH[path] ?? null;
    }
    default:
      return null;
  }
}
