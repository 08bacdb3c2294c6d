import { liveScopeKind, type AccessRole, type LiveScope } from '@ioc/shared';
import type { Principal } from './principal';

/**
 * What a route reads or changes, as the policy sees it. Every controller route declares one
 * (`@Access`); the policy below is the only place where a role meets a resource.
 *
 * - `public`: anyone, no credential (health, sign-in, a wall asking to be paired).
 * - `ingest-key`, `metrics-token`: machines, checked by the route's own guard (unchanged).
 * - `signed-in`: any credential, for what concerns the caller itself (who am I, sign out).
 * - `province`: figures summed over the province (KPIs, the ranking) and reference data (units,
 *   calendar, rules): every signed-in role, walls included.
 * - `unit-figures`: one unit's figures (its index, its trends); no unit named means the
 *   province's. Everyone who sees units: a unit officer only his own; a department head none
 *   (a unit's figures are all its fields together), he reads his fields across units instead.
 * - `dossier-detail`: dossier codes, ratings, anomalies of a unit (or all). Admin and leader:
 *   all; a unit officer: his unit; a department head: his fields, only where the route filters
 *   by field (`fieldFiltered`); never a wall.
 * - `dossier`: one dossier named by the request (the drill-down to come): like `dossier-detail`,
 *   but a refusal says 404 so that a code's existence does not leak.
 * - `report`: the meeting report (issue 15), live or frozen, and its PDF and XLSX: the leadership
 *   all of it; a department head the dossier figures of his fields (`restrict.fields`); a unit
 *   officer his unit (`restrict.unitCode`); never a wall (a meeting's document, not a screen's).
 * - `report-snapshot`: taking a snapshot of the figures ("Chốt số liệu"): the leadership only.
 * - `administration`: users, displays, keys, calendar, index rules, the audit: admin only.
 */
export type AccessResource =
  | 'public'
  | 'ingest-key'
  | 'metrics-token'
  | 'signed-in'
  | 'province'
  | 'unit-figures'
  | 'dossier-detail'
  | 'dossier'
  | 'report'
  | 'report-snapshot'
  | 'administration';

export interface AccessRule {
  resource: AccessResource;
  /** Where the request names its unit: a route parameter or a query parameter. */
  unit?: { param: string } | { query: string };
  /** The route narrows its answer to `restrict.fields` (department heads may use it). */
  fieldFiltered?: boolean;
  /** Only people (a session of a user), not walls nor the admin token: e.g. change my password. */
  peopleOnly?: boolean;
}

/** What the request names, read from it by the guard according to the rule. */
export interface AccessTarget {
  unitCode: string | null;
  /** For `dossier`: the dossier's field, when the route knows it before answering. */
  field?: string | null;
}

/** When allowed, what the answer must be narrowed to (the route applies it). */
export interface AccessRestriction {
  /** Only this unit (a unit officer's, when he named none). */
  unitCode: string | null;
  /** Only these fields (a department head's). */
  fields: string[] | null;
  /** Citizens' comment text must be left out (a wall not configured to show it). */
  withoutComments: boolean;
}

export type AccessDecision =
  | { allowed: true; restrict: AccessRestriction }
  | { allowed: false; status: 401 | 403 | 404; reason: string };

const NONE: AccessRestriction = { unitCode: null, fields: null, withoutComments: false };

/** The roles that see every unit and field (the province's leadership and the administrators). */
const SEES_EVERYTHING: readonly AccessRole[] = ['admin', 'leader'];

/**
 * Decides one request: who (`principal`, null without a credential) may reach what the route's
 * rule says, for the target the request names.
 */
export function decideRoute(
  principal: Principal | null,
  rule: AccessRule,
  target: AccessTarget,
): AccessDecision {
  switch (rule.resource) {
    case 'public':
    case 'ingest-key':
    case 'metrics-token':
      return allow(NONE);
    default:
      break;
  }
  if (!principal) return deny(401, 'a signed-in person or a paired display is required');
  if (rule.peopleOnly && principal.kind !== 'user') return deny(403, 'only a signed-in person may do this');
  const role = principal.role;
  const withoutComments = principal.kind === 'display' && !principal.display.showComments;
  switch (rule.resource) {
    case 'signed-in':
    case 'province':
      return allow({ ...NONE, withoutComments });
    case 'administration':
      return role === 'admin' ? allow(NONE) : deny(403, 'administrators only');
    case 'report':
      if (SEES_EVERYTHING.includes(role)) return allow(NONE);
      if (principal.kind !== 'user') return deny(403, 'meeting reports are for people, not for walls');
      return role === 'unit-officer'
        ? allow({ ...NONE, unitCode: principal.user.unitCode })
        : allow({ ...NONE, fields: principal.user.fields });
    case 'report-snapshot':
      return SEES_EVERYTHING.includes(role)
        ? allow(NONE)
        : deny(403, 'only the leadership takes a snapshot of the figures');
    case 'unit-figures': {
      if (SEES_EVERYTHING.includes(role) || role === 'wall') return allow({ ...NONE, withoutComments });
      if (target.unitCode === null) return allow(NONE); // the province's figures
      if (principal.kind === 'user' && role === 'unit-officer') {
        return target.unitCode === principal.user.unitCode
          ? allow(NONE)
          : deny(403, `a unit officer sees only his unit (${principal.user.unitCode})`);
      }
      return deny(403, "a department head sees his fields across units, not a unit's figures");
    }
    case 'dossier-detail':
    case 'dossier': {
      const hidden = rule.resource === 'dossier' ? 404 : 403;
      if (SEES_EVERYTHING.includes(role)) return allow(NONE);
      if (principal.kind !== 'user') return deny(hidden, 'a wall shows no dossier detail');
      if (role === 'unit-officer') {
        if (target.unitCode !== null && target.unitCode !== principal.user.unitCode) {
          return deny(hidden, `a unit officer sees only his unit (${principal.user.unitCode})`);
        }
        return allow({ ...NONE, unitCode: principal.user.unitCode });
      }
      // A department head.
      const fields = principal.user.fields;
      if (target.field !== undefined) {
        return target.field !== null && fields.includes(target.field)
          ? allow({ ...NONE, fields })
          : deny(hidden, 'a department head sees only the dossiers of his fields');
      }
      return rule.fieldFiltered
        ? allow({ ...NONE, fields })
        : deny(hidden, 'this list is not kept per field: a department head cannot read it');
    }
  }
}

/**
 * Decides one live scope for a connection. Whole-province figures (`province`, `ranking`,
 * `alerts`) for every role; `feed` names dossiers and quotes citizens: the leadership, and walls
 * (whose copy loses the comments unless the display shows them); `unit:X` as `unit-figures`;
 * `field:F` across units: the leadership, and a department head for his fields.
 */
export function decideScope(principal: Principal, scope: LiveScope): AccessDecision {
  const role = principal.role;
  const withoutComments = principal.kind === 'display' && !principal.display.showComments;
  const kind = liveScopeKind(scope);
  switch (kind) {
    case 'province':
    case 'ranking':
    case 'alerts':
      return allow(NONE);
    case 'feed':
      if (SEES_EVERYTHING.includes(role)) return allow(NONE);
      if (role === 'wall') return allow({ ...NONE, withoutComments });
      return deny(403, 'the feed lists dossiers of every unit and field: not for this role');
    case 'unit':
      return decideRoute(principal, { resource: 'unit-figures' }, { unitCode: scope.slice('unit:'.length) });
    case 'field': {
      const field = scope.slice('field:'.length);
      if (SEES_EVERYTHING.includes(role)) return allow(NONE);
      if (principal.kind === 'user' && role === 'department-head') {
        return principal.user.fields.includes(field)
          ? allow(NONE)
          : deny(403, `a department head sees only his fields (${principal.user.fields.join(', ')})`);
      }
      return deny(403, 'a field across the province: leadership and its department heads only');
    }
  }
}

function allow(restrict: AccessRestriction): AccessDecision {
  return { allowed: true, restrict };
}

function deny(status: 401 | 403 | 404, reason: string): AccessDecision {
  return { allowed: false, status, reason };
}
