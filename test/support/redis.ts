import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';

/** A Redis of the test's own on a loopback port (nothing kept on disk), answering when resolved. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const client = createClient({ url: `redis://127.0.0.1:${port}`, disableOfflineQueue: true });
  client.on('error', () => undefined);
  for (let i = 0; i < 100; i++) {
    if (
      await client.connect().then(
        () => true,
        () => false,
      )
    ) {
      await client.close();
      return redis;
    }
    await sleep(50);
  }
  redis.kill('SIGKILL');
  throw new Error(`redis-server did not start on ${port}`);
}
