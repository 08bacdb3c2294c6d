import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  LIVE_NAMESPACE,
  liveResyncRequestSchema,
  liveScopeSchema,
  liveSubscribeRequestSchema,
  type LiveAck,
  type LiveClientToServerEvents,
  type LiveScope,
  type LiveServerToClientEvents,
} from '@ioc/shared';
import { MetricsService } from '../metrics/metrics.service';
import { LiveClusterService, NoLeaderError } from './live-cluster.service';
import { scopeRoom } from './live-stream.service';

type LiveNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents>;
type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents>;

/**
 * The socket.io edge of the live layer. A client subscribes to scopes and gets a snapshot of
 * each; deltas and heartbeats reach it through the scope's room. Every request is validated and
 * answered (socket.io acknowledgement) with `{ ok }` or the reasons it was refused.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(LiveGateway.name);
  @WebSocketServer() private namespace!: LiveNamespace;

  constructor(
    private readonly cluster: LiveClusterService,
    private readonly metrics: MetricsService,
  ) {}

  afterInit(): void {
    this.cluster.attach(this.namespace);
  }

  /**
   * Closes every client's connection at the transport (not a server-side disconnect, after which a
   * socket.io client would stay away): the walls reconnect at once, through the load balancer to
   * another process, and resync there.
   */
  dropConnections(): void {
    this.namespace.server.engine.close();
  }

  handleConnection(): void {
    this.metrics.socketsConnected.inc();
  }

  handleDisconnect(): void {
    this.metrics.socketsConnected.dec();
  }

  @SubscribeMessage('live:subscribe')
  async subscribe(@ConnectedSocket() client: LiveSocket, @MessageBody() body: unknown): Promise<LiveAck> {
    const request = liveSubscribeRequestSchema.safeParse(body);
    if (!request.success) return refused(request.error.issues.map((issue) => issue.message));
    const errors: string[] = [];
    for (const requested of new Set(request.data.scopes)) {
      const scope = liveScopeSchema.safeParse(requested);
      const error = scope.success
        ? await this.sendSnapshot(client, scope.data)
        : `'${requested}': ${scope.error.issues[0]?.message}`;
      if (error) errors.push(error);
    }
    return errors.length === 0 ? { ok: true } : refused(errors);
  }

  @SubscribeMessage('live:unsubscribe')
  async unsubscribe(@ConnectedSocket() client: LiveSocket, @MessageBody() body: unknown): Promise<LiveAck> {
    const request = liveSubscribeRequestSchema.safeParse(body);
    if (!request.success) return refused(request.error.issues.map((issue) => issue.message));
    for (const requested of request.data.scopes) {
      const scope = liveScopeSchema.safeParse(requested);
      if (scope.success) await client.leave(scopeRoom(scope.data));
    }
    return { ok: true };
  }

  /** The client saw a gap in a scope it follows: a fresh snapshot replaces its copy. */
  @SubscribeMessage('live:resync')
  async resync(@ConnectedSocket() client: LiveSocket, @MessageBody() body: unknown): Promise<LiveAck> {
    const request = liveResyncRequestSchema.safeParse(body);
    if (!request.success) return refused(request.error.issues.map((issue) => issue.message));
    const error = await this.sendSnapshot(client, request.data.scope);
    return error ? refused([error]) : { ok: true };
  }

  /**
   * Joins the room BEFORE taking the snapshot: a delta numbered after the snapshot can then not
   * be missed (one numbered before it is ignored by the client).
   */
  private async sendSnapshot(client: LiveSocket, scope: LiveScope): Promise<string | null> {
    const room = scopeRoom(scope);
    const wasIn = client.rooms.has(room);
    await client.join(room);
    try {
      const snapshot = await this.cluster.snapshot(scope);
      if (snapshot.scope === 'ranking') client.emit('live:ranking', snapshot);
      else client.emit('live:snapshot', snapshot);
      return null;
    } catch (error) {
      // Still in the room without a leader: the next leader's heartbeats tell the client to resync.
      if (!wasIn && !(error instanceof NoLeaderError)) await client.leave(room);
      const message = (error as Error).message;
      this.logger.debug(`snapshot of ${scope} refused: ${message}`);
      return message;
    }
  }
}

function refused(errors: string[]): LiveAck {
  return { ok: false, errors };
}
