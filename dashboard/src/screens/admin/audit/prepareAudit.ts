import type { AuditEntry } from '@ioc/shared';
import { formatVietnamDateTime } from '../../../format/vietnamTime';
import { fieldLabel } from '../../../i18n/fieldLabel';
import { messages, type MessageKey, type Translate } from '../../../i18n/messages';

/** Names of what the audit's targets and details refer to by id or code, as far as they are known. */
export interface AuditNames {
  users: ReadonlyMap<string, string>;
  displays: ReadonlyMap<string, string>;
  keys: ReadonlyMap<string, string>;
  unitName: (code: string) => string;
}

export interface AuditRow {
  id: string;
  at: string;
  atIso: string;
  action: string;
  outcome: AuditEntry['outcome'];
  outcomeText: string;
  actor: string;
  target: string;
  address: string;
  details: string;
}

const isMessageKey = (key: string): key is MessageKey => key in messages.vi;

/** A key of the catalogue built from a value the server sends, when the catalogue has it. */
function known(t: Translate, key: string): string | null {
  return isMessageKey(key) ? t(key) : null;
}

/** Who acted: the login or display name at the time; a machine by its kind (the admin token of the CLIs). */
function describeActor(entry: AuditEntry, t: Translate): string {
  switch (entry.actorKind) {
    case 'anonymous':
      return entry.actorName === null
        ? t('audit.actor.anonymous')
        : t('audit.actor.triedLogin', { login: entry.actorName });
    case 'admin-token':
      return t('audit.actor.admin-token');
    case 'system':
      return entry.actorName === null
        ? t('audit.actor.system')
        : t('audit.actor.systemNamed', { name: entry.actorName });
    case 'user':
    case 'display':
      return entry.actorName ?? entry.actorId ?? '—';
  }
}

/** `user:<id>` → "Người dùng lanhdao.demo"; an id no list knows keeps its first characters. */
export function describeTarget(target: string | null, names: AuditNames, t: Translate): string {
  if (target === null) return '—';
  const match = /^(user|display|key):(.+)$/.exec(target);
  if (!match) return target;
  const [, kind, id] = match as unknown as [string, 'user' | 'display' | 'key', string];
  const lists = { user: names.users, display: names.displays, key: names.keys };
  const name = lists[kind].get(id) ?? `${id.slice(0, 8)}…`;
  return t(`audit.target.${kind}`, { name });
}

const DETAIL_LABELS: Record<string, MessageKey> = {
  login: 'users.login',
  displayName: 'users.displayName',
  name: 'keys.name',
  role: 'users.role',
  fields: 'users.fields',
  unitCode: 'users.unit',
  disabled: 'users.disabled',
  showComments: 'displays.comments',
  pairing: 'displays.pairedBy',
  keyPrefix: 'keys.prefix',
  sessions: 'audit.detail.sessions',
  sessionsEnded: 'audit.detail.sessions',
};
/** Ids that say nothing to a reader (the new session's). */
const HIDDEN_DETAILS = new Set(['session']);

function describeValue(name: string, value: unknown, names: AuditNames, t: Translate): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? t('admin.yes') : t('admin.no');
  if (name === 'role' && typeof value === 'string') return known(t, `role.${value}`) ?? value;
  if (name === 'pairing' && typeof value === 'string') return known(t, `displays.pairedBy.${value}`) ?? value;
  if (name === 'unitCode' && typeof value === 'string') return names.unitName(value);
  if (name === 'fields' && Array.isArray(value))
    return value.map((field) => fieldLabel(String(field), t)).join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map((item) => describeValue('', item, names, t)).join(', ');
  return JSON.stringify(value);
}

/**
 * What else an entry records, in words: the reason of a failed sign-in, the changes made, the
 * name and scope created. Keys the catalogue does not know are shown as they are.
 */
export function describeDetails(details: Record<string, unknown>, names: AuditNames, t: Translate): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(details)) {
    if (HIDDEN_DETAILS.has(name)) continue;
    if (name === 'reason' && typeof value === 'string')
      parts.push(known(t, `audit.reason.${value}`) ?? value);
    else if (name === 'token' && value === 'replaced') parts.push(t('audit.detail.tokenReplaced'));
    else if (name === 'changes' && typeof value === 'object' && value !== null && !Array.isArray(value))
      parts.push(describeDetails(value as Record<string, unknown>, names, t));
    else {
      const label = DETAIL_LABELS[name];
      parts.push(`${label ? t(label) : name}: ${describeValue(name, value, names, t)}`);
    }
  }
  return parts.filter((part) => part !== '').join(' · ');
}

/** One page of the audit as the table shows it, newest first as the server sends it. */
export function prepareAudit(entries: readonly AuditEntry[], names: AuditNames, t: Translate): AuditRow[] {
  return entries.map((entry) => ({
    id: entry.id,
    at: formatVietnamDateTime(Date.parse(entry.at), { seconds: true }),
    atIso: entry.at,
    action: t(`audit.action.${entry.action}`),
    outcome: entry.outcome,
    outcomeText: t(`audit.outcome.${entry.outcome}`),
    actor: describeActor(entry, t),
    target: describeTarget(entry.target, names, t),
    address: entry.address ?? '—',
    details: describeDetails(entry.details, names, t),
  }));
}
