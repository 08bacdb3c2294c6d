import { describe, expect, it } from '@jest/globals';
import { mustReload, RELOAD_AT_MOST_EVERY_MS } from './reloadOnDeploy';

describe('mustReload', () => {
  const now = 1_000_000;

  it('reloads a wall built before the deploy the server now serves', () => {
    expect(mustReload('0.1.0+b2', '0.1.0+b1', null, now)).toBe(true);
  });

  it('stays when the builds match, or the server has no dashboard build to compare', () => {
    expect(mustReload('0.1.0+b1', '0.1.0+b1', null, now)).toBe(false);
    expect(mustReload('0.1.0', '0.1.0+b1', null, now)).toBe(false);
    expect(mustReload(null, '0.1.0+b1', null, now)).toBe(false);
  });

  it('never reloads in a loop', () => {
    expect(mustReload('0.1.0+b2', '0.1.0+b1', now - 1_000, now)).toBe(false);
    expect(mustReload('0.1.0+b2', '0.1.0+b1', now - RELOAD_AT_MOST_EVERY_MS, now)).toBe(true);
  });
});
