import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';

/**
 * socket.io over Redis pub/sub: an emit to a room on one server process reaches that room's
 * clients on every process (NestJS's documented pattern for several instances).
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly publisher;
  private readonly subscriber;

  constructor(app: INestApplicationContext, url: string) {
    super(app);
    // Without an offline queue a publish while Redis is down fails at once instead of piling up
    // (and reaching the other processes, stale, when Redis returns); the adapter does not catch a
    // failed publish, so `publish` catches it here: a delta that cannot cross processes is lost
    // for the other processes' clients, which resync on the next numbering anyway.
    this.publisher = createClient({ url, disableOfflineQueue: true });
    const publish = this.publisher.publish.bind(this.publisher);
    Object.defineProperty(this.publisher, 'publish', {
      value: (...args: Parameters<typeof publish>) => publish(...args).catch(() => 0),
    });
    this.subscriber = createClient({ url });
    // Reconnects by itself; without a listener an 'error' event would crash the process.
    for (const client of [this.publisher, this.subscriber]) client.on('error', () => undefined);
  }

  async connect(): Promise<void> {
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    server.adapter(createAdapter(this.publisher, this.subscriber));
    return server;
  }

  async disconnect(): Promise<void> {
    await Promise.all([this.publisher.quit(), this.subscriber.quit()].map((p) => p.catch(() => undefined)));
  }
}
