import type { UserSummary } from '@ioc/shared';
import { formatVietnamDateTime } from '../../../format/vietnamTime';
import { fieldLabel } from '../../../i18n/fieldLabel';
import type { Translate } from '../../../i18n/messages';

export type UserState = 'active' | 'disabled' | 'locked';

export interface UserRow {
  id: string;
  login: string;
  displayName: string;
  role: string;
  /** What the person sees: the province, the fields of a department head, the unit of an officer. */
  scope: string;
  state: UserState;
  stateText: string;
  /** The signed-in admin: may not disable or demote themselves. */
  self: boolean;
}

export interface UsersView {
  rows: UserRow[];
  disabled: number;
}

/** The user list as the table shows it: role and scope in words, the state with its lock time. */
export function prepareUsers(
  users: readonly UserSummary[],
  context: { selfId: string | null; now: number; t: Translate; unitName: (code: string) => string },
): UsersView {
  const { t } = context;
  const rows = users.map((user): UserRow => {
    const lockedUntil = user.lockedUntil === null ? null : Date.parse(user.lockedUntil);
    const state: UserState = user.disabled
      ? 'disabled'
      : lockedUntil !== null && lockedUntil > context.now
        ? 'locked'
        : 'active';
    return {
      id: user.id,
      login: user.login,
      displayName: user.displayName,
      role: t(`role.${user.role}`),
      scope:
        user.role === 'department-head'
          ? t('users.scopeFields', { fields: user.fields.map((field) => fieldLabel(field, t)).join(', ') })
          : user.role === 'unit-officer' && user.unitCode !== null
            ? t('users.scopeUnit', { unit: context.unitName(user.unitCode) })
            : t('users.scopeProvince'),
      state,
      stateText:
        state === 'disabled'
          ? t('users.disabled')
          : state === 'locked'
            ? t('users.lockedUntil', { time: formatVietnamDateTime(lockedUntil!) })
            : t('users.active'),
      self: user.id === context.selfId,
    };
  });
  return { rows, disabled: rows.filter((row) => row.state === 'disabled').length };
}
