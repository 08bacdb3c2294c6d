import { startTestServer, type TestServer } from '../testing/test-server';

describe('security headers on every answer', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends a content security policy, nosniff and no referrer, and does not name the framework', async () => {
    for (const path of ['/api/health', '/api/docs', '/api/v1/rankings?period=month']) {
      const response = await t.read(path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
      // Plain HTTP on loopback: no HSTS.
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('sends HSTS when TLS ended at the proxy', async () => {
    const response = await fetch(`${t.url}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=31536000/);
  });

  it('keeps answers to a credential out of every cache, the created key first', async () => {
    const created = await fetch(`${t.url}/api/v1/admin/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.server.config.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cache test', unit: '24781' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const ingest = await fetch(`${t.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
      body: '[]',
    });
    expect(ingest.headers.get('cache-control')).toBe('no-store');
  });
});
