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
    this.publisher = createClient({ url });
    this.subscriber = this.publisher.duplicate();
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
