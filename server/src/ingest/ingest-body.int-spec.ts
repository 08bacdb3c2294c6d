import { connect, type Socket } from 'node:net';
import { aReceivedEvent, startTestServer, type TestServer } from '../testing/test-server';
import { MAX_CONCURRENT_UPLOADS } from './ingest-body.middleware';

/** What a slow or hostile client sees: the status line of the answer and how long it took. */
interface RawAnswer {
  status: number;
  ms: number;
  closed: Promise<void>;
}

describe('request bodies: the key before the body, a deadline, a cap on uploads', () => {
  let t: TestServer;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestServer({ IOC_BODY_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await t.close();
  });

  /** Sends the headers of an 8 MB POST and `bodyBytes` of its body, then nothing more. */
  const slowUpload = (authorization: string | null, bodyBytes = 0) => {
    const { port } = new URL(t.url);
    const socket = connect(Number(port), '127.0.0.1');
    sockets.push(socket);
    const started = Date.now();
    const headers = [
      'POST /api/v1/events HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      'Content-Length: 8000000',
      ...(authorization ? [`Authorization: ${authorization}`] : []),
    ];
    socket.write(`${headers.join('\r\n')}\r\n\r\n${'['.padEnd(bodyBytes, ' ')}`);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const answer = new Promise<RawAnswer>((resolve, reject) => {
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
        const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
        if (status) resolve({ status: Number(status[1]), ms: Date.now() - started, closed });
      });
      socket.once('error', reject);
    });
    return { answer };
  };

  it('answers 401 to a body without a valid key before reading it, and closes the connection', async () => {
    for (const authorization of [null, 'Bearer ioc_not-a-key']) {
      const { status, ms, closed } = await slowUpload(authorization).answer;
      expect(status).toBe(401);
      expect(ms).toBeLessThan(1_000); // the 8 MB never came: nothing waited for it
      await closed;
    }
  });

  it('answers 408 to a body slower than the deadline', async () => {
    const { status, ms, closed } = await slowUpload(`Bearer ${t.key}`, 1000).answer;
    expect(status).toBe(408);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(3_000);
    await closed;
  });

  it(`reads at most ${MAX_CONCURRENT_UPLOADS} bodies at once: the next answers 503, and ingest works once they are gone`, async () => {
    const pending = Array.from({ length: MAX_CONCURRENT_UPLOADS }, () => slowUpload(`Bearer ${t.key}`, 10));
    // Every one of them holds an upload slot once the server has seen its headers.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const over = await fetch(`${t.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
      body: JSON.stringify([aReceivedEvent('24781')]),
    });
    expect(over.status).toBe(503);
    expect(over.headers.get('retry-after')).toBe('1');
    expect((await Promise.all(pending.map((p) => p.answer))).map((a) => a.status)).toEqual(
      pending.map(() => 408),
    );
    const { status, body } = await t.post([aReceivedEvent('24781')]);
    expect({ status, accepted: body.accepted }).toEqual({ status: 200, accepted: 1 });
  });
});
