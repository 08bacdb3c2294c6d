import { unitsSchema } from '@ioc/shared';
import { TEST_ENGINE } from '../testing/test-database';
import { startTestServer, type TestServer } from '../testing/test-server';

describe(`GET /api/v1/units (${TEST_ENGINE})`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t?.close());

  it('lists the 124 units as the shared schema the wall parses them with describes them', async () => {
    const response = await t.read(`/api/v1/units`);
    expect(response.status).toBe(200);
    const body = await response.json();
    const units = unitsSchema.parse(body);
    expect(units).toEqual(body);
    expect(units).toHaveLength(124);
    expect(units.find((u) => u.code === '24781')).toMatchObject({ formerProvince: 'Lâm Đồng' });
  });
});
