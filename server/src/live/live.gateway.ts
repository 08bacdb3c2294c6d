import { Inject, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  WebSocketGateway,
  WebSocketServer,
  SubscribeMessage,
  type OnGatewayConnection,
  type OnGatewayInit,
  ConnectedSocket,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { LIVE_NAMESPACE, type LiveClientToServerEvents, type LiveServerToClientEvents } from '@ioc/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LiveMetricsService } from './live-metrics.service';

const HEARTBEAT_MS = 5_000;

type LiveNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents>;
type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents>;

/** The socket.io edge of the live layer: snapshot on connect, then deltas and heartbeats. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger(LiveGateway.name);
  @WebSocketServer() private namespace!: LiveNamespace;
  private heartbeat: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly liveMetrics: LiveMetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(): void {
    this.unsubscribe = this.liveMetrics.onDelta((delta) => this.namespace.emit('live:delta', delta));
    this.heartbeat = setInterval(() => {
      this.namespace.emit('live:heartbeat', {
        seq: this.liveMetrics.currentSeq,
        at: new Date().toISOString(),
        serverVersion: this.config.version,
      });
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async handleConnection(client: LiveSocket): Promise<void> {
    await this.sendSnapshot(client);
  }

  @SubscribeMessage('live:resync')
  async resync(@ConnectedSocket() client: LiveSocket): Promise<void> {
    await this.sendSnapshot(client);
  }

  onModuleDestroy(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.unsubscribe?.();
  }

  private async sendSnapshot(client: LiveSocket): Promise<void> {
    try {
      client.emit('live:snapshot', await this.liveMetrics.snapshot());
    } catch (error) {
      this.logger.warn(`snapshot not sent: ${(error as Error).message}`);
    }
  }
}
