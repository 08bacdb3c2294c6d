import { ACCESS_ROLES } from '@ioc/shared';
import { samplePrincipal, rolesAllowed } from './access-roles';
import { decideRoute, decideScope } from './access-policy';
import { passwordProblem } from './passwords';
import { isCrossSite } from './same-origin';

// samplePrincipal: the unit officer's unit is 00001, the department head's field 'sample-field'.
const as = samplePrincipal;

describe('the access policy', () => {
  it('refuses everything but public and machine routes without a credential', () => {
    expect(decideRoute(null, { resource: 'public' }, { unitCode: null }).allowed).toBe(true);
    expect(decideRoute(null, { resource: 'ingest-key' }, { unitCode: null }).allowed).toBe(true);
    for (const resource of [
      'province',
      'unit-figures',
      'dossier-detail',
      'administration',
      'signed-in',
    ] as const)
      expect(decideRoute(null, { resource }, { unitCode: null })).toMatchObject({
        allowed: false,
        status: 401,
      });
  });

  it('gives province-wide figures to every role, administration to admins only', () => {
    for (const role of ACCESS_ROLES) {
      expect(decideRoute(as(role), { resource: 'province' }, { unitCode: null }).allowed).toBe(true);
      expect(decideRoute(as(role), { resource: 'administration' }, { unitCode: null }).allowed).toBe(
        role === 'admin',
      );
    }
  });

  it('keeps a unit officer to his unit and a department head to his fields', () => {
    const unitFigures = { resource: 'unit-figures', unit: { param: 'code' } } as const;
    expect(decideRoute(as('unit-officer'), unitFigures, { unitCode: '00001' }).allowed).toBe(true);
    expect(decideRoute(as('unit-officer'), unitFigures, { unitCode: '00002' })).toMatchObject({
      status: 403,
    });
    expect(decideRoute(as('department-head'), unitFigures, { unitCode: '00001' })).toMatchObject({
      status: 403,
    });
    expect(decideRoute(as('wall'), unitFigures, { unitCode: '00002' }).allowed).toBe(true);

    const lost = { resource: 'dossier-detail', unit: { param: 'code' }, fieldFiltered: true } as const;
    expect(decideRoute(as('department-head'), lost, { unitCode: '00002' })).toMatchObject({
      allowed: true,
      restrict: { fields: ['sample-field'] },
    });
    expect(decideRoute(as('wall'), lost, { unitCode: '00002' })).toMatchObject({ status: 403 });
    expect(
      decideRoute(as('department-head'), { resource: 'dossier-detail' }, { unitCode: null }),
    ).toMatchObject({
      status: 403,
    });
    expect(decideRoute(as('unit-officer'), { resource: 'dossier-detail' }, { unitCode: null })).toMatchObject(
      {
        allowed: true,
        restrict: { unitCode: '00001' },
      },
    );
  });

  it("answers 404 for one dossier that is not the caller's, so that its existence does not leak", () => {
    const dossier = { resource: 'dossier', unit: { param: 'unit' } } as const;
    expect(decideRoute(as('unit-officer'), dossier, { unitCode: '00002' })).toMatchObject({ status: 404 });
    expect(decideRoute(as('department-head'), dossier, { unitCode: '00002', field: 'land' })).toMatchObject({
      status: 404,
    });
    expect(
      decideRoute(as('department-head'), dossier, { unitCode: '00002', field: 'sample-field' }).allowed,
    ).toBe(true);
    expect(decideRoute(as('wall'), dossier, { unitCode: '00001' })).toMatchObject({ status: 404 });
  });

  it('decides every live scope per role; a wall gets the feed without comments', () => {
    expect(decideScope(as('wall'), 'feed')).toMatchObject({
      allowed: true,
      restrict: { withoutComments: true },
    });
    expect(decideScope(as('leader'), 'feed')).toMatchObject({
      allowed: true,
      restrict: { withoutComments: false },
    });
    expect(decideScope(as('unit-officer'), 'feed').allowed).toBe(false);
    expect(decideScope(as('department-head'), 'field:sample-field').allowed).toBe(true);
    expect(decideScope(as('department-head'), 'field:land').allowed).toBe(false);
    expect(decideScope(as('department-head'), 'unit:00001').allowed).toBe(false);
    expect(decideScope(as('unit-officer'), 'unit:00001').allowed).toBe(true);
    expect(decideScope(as('unit-officer'), 'unit:00002').allowed).toBe(false);
    expect(decideScope(as('wall'), 'field:land').allowed).toBe(false);
    for (const role of ACCESS_ROLES)
      for (const scope of ['province', 'ranking', 'alerts'] as const)
        expect(decideScope(as(role), scope).allowed).toBe(true);
  });

  it('documents the roles of a rule from the policy itself', () => {
    expect(rolesAllowed({ resource: 'unit-figures', unit: { param: 'code' } })).toEqual([
      'admin',
      'leader',
      'unit-officer (own unit)',
      'wall',
    ]);
    expect(
      rolesAllowed({ resource: 'dossier-detail', unit: { param: 'code' }, fieldFiltered: true }),
    ).toEqual(['admin', 'leader', 'department-head (own fields)', 'unit-officer (own unit)']);
    expect(rolesAllowed({ resource: 'administration' })).toEqual(['admin']);
  });
});

describe('passwords (NIST SP 800-63B)', () => {
  it('asks for length only, refuses breached ones and the login, takes any character', () => {
    expect(passwordProblem('short one')?.en).toMatch(/at least 15/);
    expect(passwordProblem('x'.repeat(129))?.en).toMatch(/at most 128/);
    expect(passwordProblem('passwordpassword')?.en).toMatch(/common|breach/);
    expect(passwordProblem('aaaaaaaaaaaaaaaaaaaa')?.en).toMatch(/common|breach/);
    expect(passwordProblem('nguyenvana2026!!', { login: 'nguyenvana' })?.en).toMatch(/login/);
    expect(passwordProblem('tám con mèo đen trên mái nhà')).toBeNull();
    expect(passwordProblem('all lower case words only here')).toBeNull();
    expect(passwordProblem('x'.repeat(64) + ' and more')).toBeNull();
  });
});

describe('the cross-site check', () => {
  const host = '127.0.0.1:3000';
  it('refuses a browser request made for another site, admits same-origin and non-browsers', () => {
    expect(isCrossSite({ host, origin: 'https://evil.example' }, [])).toBe(true);
    expect(isCrossSite({ host, 'sec-fetch-site': 'cross-site' }, [])).toBe(true);
    expect(isCrossSite({ host, 'sec-fetch-site': 'same-site' }, [])).toBe(true);
    expect(isCrossSite({ host, origin: 'null' }, [])).toBe(true);
    expect(isCrossSite({ host, origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }, [])).toBe(
      false,
    );
    expect(isCrossSite({ host }, [])).toBe(false);
    expect(isCrossSite({ host, origin: 'https://ioc.example' }, ['https://ioc.example'])).toBe(false);
  });
});
