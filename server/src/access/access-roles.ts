import type { AccessRole } from '@ioc/shared';
import { decideRoute, type AccessRule } from './access-policy';
import type { Principal } from './principal';

const SAMPLE_UNIT = '00001';
const OTHER_UNIT = '00002';
const SAMPLE_TIME = new Date(0);

/** One principal of each role, to read the policy's answers for documentation. */
export function samplePrincipal(role: AccessRole): Principal {
  if (role === 'wall') {
    return {
      kind: 'display',
      role,
      sessionId: 'sample',
      display: {
        id: 'sample',
        name: 'sample',
        pairing: 'token',
        showComments: false,
        createdAt: SAMPLE_TIME,
        lastSeenAt: null,
        revokedAt: null,
      },
    };
  }
  return {
    kind: 'user',
    role,
    sessionId: 'sample',
    user: {
      id: 'sample',
      login: 'sample',
      displayName: 'sample',
      role,
      fields: role === 'department-head' ? ['sample-field'] : [],
      unitCode: role === 'unit-officer' ? SAMPLE_UNIT : null,
      passwordHash: '',
      disabledAt: null,
      failedSignIns: 0,
      lockedUntil: null,
      createdAt: SAMPLE_TIME,
      updatedAt: SAMPLE_TIME,
    },
  };
}

/**
 * The roles a rule lets in, as the OpenAPI shows them, read from the policy itself (so the
 * documentation cannot drift from it): `unit-officer (own unit)`, `department-head (own fields)`.
 */
export function rolesAllowed(rule: AccessRule): string[] {
  switch (rule.resource) {
    case 'public':
      return ['anyone'];
    case 'ingest-key':
      return ['ingest key'];
    case 'metrics-token':
      return ['metrics token or admin token'];
    default:
      break;
  }
  const roles: string[] = [];
  for (const role of ['admin', 'leader', 'department-head', 'unit-officer', 'wall'] as const) {
    const principal = samplePrincipal(role);
    const own = decideRoute(principal, rule, { unitCode: rule.unit ? SAMPLE_UNIT : null });
    const other = decideRoute(principal, rule, { unitCode: rule.unit ? OTHER_UNIT : null });
    if (!own.allowed && !other.allowed) {
      if ('query' in (rule.unit ?? {}) && decideRoute(principal, rule, { unitCode: null }).allowed)
        roles.push(`${role} (without a unit)`);
      continue;
    }
    if (own.allowed && !other.allowed) roles.push(`${role} (own unit)`);
    else if (own.allowed && own.restrict.fields) roles.push(`${role} (own fields)`);
    else if (own.allowed && own.restrict.unitCode) roles.push(`${role} (own unit)`);
    else roles.push(role);
  }
  return roles;
}
