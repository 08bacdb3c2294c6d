import { TEST_ENGINE } from '@ioc/server/dist/testing/test-database';

/**
 * `describe` for what only a real TimescaleDB server has (its own processes to kill and restart,
 * a deployment): skipped on the embedded engine, run by `npm run test:timescaledb`.
 */
export const describeOnRealServer: jest.Describe = TEST_ENGINE === 'timescaledb' ? describe : describe.skip;
