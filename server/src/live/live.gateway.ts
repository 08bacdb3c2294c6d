import { Inject, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { DefaultEventsMap } from 'socket.io';
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
  type LiveRevoked,
  type LiveScope,
  type LiveServerToClientEvents,
} from '@ioc/shared';
import { AccessEvents, type AccessEvent } from '../access/access-events';
import { AccessException } from '../access/access.exception';
import { decideScope } from '../access/access-policy';
import { CredentialsService } from '../access/credentials.service';
import type { Principal } from '../access/principal';
import { SessionsService } from '../access/sessions.service';
import { takeToken, type TokenBucket } from '../common/token-bucket';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { LiveClusterService, NoLeaderError } from './live-cluster.service';
import { scopeRoom } from './live-stream.service';
import { displayRoom, FEED_WITHOUT_COMMENTS_ROOM, feedWithoutComments, sessionRoom } from './live-audience';

/** What the server keeps on a connection: who it speaks for, decided at the handshake. */
interface LiveSocketData {
  principal: Principal;
}
type LiveNamespace = Namespace<
  LiveClientToServerEvents,
  LiveServerToClientEvents,
  DefaultEventsMap,
  LiveSocketData
>;

/**
 * Requests (subscribe, resync) one connection may make: a burst, then a steady rate. A snapshot
 * can be hundreds of kilobytes; without a budget one socket could make the server build and
 * buffer them in a loop (issue 12).
 */
export const LIVE_REQUEST_BURST = 20;
export const LIVE_REQUESTS_PER_SECOND = 2;
/** How often every connection's unread bytes are checked against IOC_LIVE_SEND_BUFFER_BYTES. */
const SEND_BUFFER_CHECK_MS = 1_000;
/**
 * How often the sessions of open connections are checked (and, being connected, counted as use):
 * expiry and revocations made while Redis was away end their sockets within this.
 */
const SESSION_CHECK_MS = 15_000;
/** A revoked connection is disconnected this long after `live:revoked`, so that the event gets there first. */
const REVOKED_DISCONNECT_DELAY_MS = 300;
type LiveSocket = Socket<
  LiveClientToServerEvents,
  LiveServerToClientEvents,
  DefaultEventsMap,
  LiveSocketData
>;

/**
 * The socket.io edge of the live layer. A client subscribes to scopes and gets a snapshot of
 * each; deltas and heartbeats reach it through the scope's room. Every request is validated and
 * answered (socket.io acknowledgement) with `{ ok }` or the reasons it was refused.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnApplicationShutdown
{
  private readonly logger = new Logger(LiveGateway.name);
  private sendBufferCheck: NodeJS.Timeout | null = null;
  private sessionCheck: NodeJS.Timeout | null = null;
  private unsubscribeAccess: (() => void) | null = null;
  @WebSocketServer() private namespace!: LiveNamespace;
  private readonly budgets = new WeakMap<LiveSocket, TokenBucket>();

  constructor(
    private readonly cluster: LiveClusterService,
    private readonly metrics: MetricsService,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsService,
    private readonly accessEvents: AccessEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(): void {
    this.cluster.attach(this.namespace);
    this.sendBufferCheck = setInterval(() => this.dropSlowConsumers(), SEND_BUFFER_CHECK_MS);
    this.sendBufferCheck.unref();
    // A page of another site must not read the wall's figures through a visitor's browser.
    this.namespace.use((socket, next) => {
      const origin = socket.handshake.headers.origin;
      if (origin !== undefined && !this.originAllowed(origin, socket.handshake.headers.host)) {
        this.logger.warn(`live connection from origin ${JSON.stringify(origin)} refused`);
        return next(new Error(`origin ${origin} may not open the live socket`));
      }
      // Only a signed-in person, a paired display or the admin token connects: the browser sends
      // the session cookie with the handshake; a machine sends the admin token as a bearer token.
      this.credentials
        .identify(socket.handshake.headers)
        .then((credential) => {
          if (credential.principal) {
            socket.data.principal = credential.principal;
            return next();
          }
          const refusal =
            credential.ended === 'display-revoked'
              ? AccessException.displayRevoked()
              : credential.ended === 'ended'
                ? AccessException.sessionEnded()
                : AccessException.signInRequired();
          const error = new Error(refusal.message) as Error & { data: unknown };
          // The client reads `data` (`{ statusCode, code, message, messageEn }`) on connect_error.
          error.data = refusal.getResponse();
          next(error);
        })
        .catch((error: unknown) => next(error instanceof Error ? error : new Error(String(error))));
    });
    this.unsubscribeAccess = this.accessEvents.subscribe((event) => this.onAccessEvent(event));
    this.sessionCheck = setInterval(() => void this.checkSessions(), SESSION_CHECK_MS);
    this.sessionCheck.unref();
  }

  /** Sessions ended (sign-out, revocation, a disabled person, a revoked display): their sockets go. */
  private onAccessEvent(event: AccessEvent): void {
    if (event.kind === 'sessions-ended') {
      const revoked = event.displayRevoked ? DISPLAY_REVOKED : SESSION_ENDED;
      this.revoke(event.sessionIds.map(sessionRoom), revoked);
      return;
    }
    // A display now shows comments, or no longer: its feed followers move to the other form.
    void this.namespace
      .in(displayRoom(event.displayId))
      .fetchSockets()
      .then((sockets) => {
        for (const socket of sockets) {
          if (!socket.rooms.has(scopeRoom('feed'))) continue;
          if (event.showComments) socket.leave(FEED_WITHOUT_COMMENTS_ROOM);
          else socket.join(FEED_WITHOUT_COMMENTS_ROOM);
        }
      })
      .catch((error: unknown) =>
        this.logger.warn(`display change not applied to its sockets: ${String(error)}`),
      );
  }

  /** Tells the connections in these rooms why, then disconnects them (on every process). */
  private revoke(rooms: string[], revoked: LiveRevoked): void {
    if (rooms.length === 0) return;
    this.namespace.to(rooms).emit('live:revoked', revoked);
    setTimeout(() => this.namespace.in(rooms).disconnectSockets(true), REVOKED_DISCONNECT_DELAY_MS).unref();
  }

  /** Ends the connections of this process whose session expired or was ended meanwhile. */
  async checkSessions(): Promise<void> {
    const bySession = new Map<string, LiveSocket[]>();
    for (const socket of this.namespace.sockets.values()) {
      const principal = socket.data.principal;
      if (principal.kind === 'admin-token') continue;
      bySession.set(principal.sessionId, [...(bySession.get(principal.sessionId) ?? []), socket]);
    }
    if (bySession.size === 0) return;
    try {
      const open = await this.sessions.stillOpen([...bySession.keys()]);
      for (const [sessionId, sockets] of bySession) {
        if (open.has(sessionId)) continue;
        for (const socket of sockets) {
          socket.emit(
            'live:revoked',
            socket.data.principal.kind === 'display' ? DISPLAY_REVOKED : SESSION_ENDED,
          );
          setTimeout(() => socket.disconnect(true), REVOKED_DISCONNECT_DELAY_MS).unref();
        }
      }
    } catch (error) {
      // The database away: the connections stay until it answers again (they show cached figures).
      this.logger.warn(`live sessions not checked: ${(error as Error).message}`);
    }
  }

  /** The server's own origin (as the browser reached it: Host), or one of IOC_ALLOWED_ORIGINS. */
  private originAllowed(origin: string, host: string | undefined): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    return url.host === host || this.config.allowedOrigins.includes(url.origin);
  }

  onApplicationShutdown(): void {
    if (this.sendBufferCheck) clearInterval(this.sendBufferCheck);
    if (this.sessionCheck) clearInterval(this.sessionCheck);
    this.unsubscribeAccess?.();
  }

  /** The ids of this process's live connections. */
  connectionIds(): string[] {
    return [...this.namespace.sockets.keys()];
  }

  /**
   * Every connection of this process with more than IOC_LIVE_SEND_BUFFER_BYTES unread — queued
   * by socket.io and in its socket — is dropped. A wall that stops reading (a frozen tab, a dead
   * link the TCP stack has not noticed) would otherwise keep every delta and snapshot in this
   * process's memory. Dropped, its client reconnects and resubscribes: a fresh snapshot of each
   * scope, the resync it needed anyway. Also checked after each snapshot it is sent.
   */
  dropSlowConsumers(): void {
    for (const socket of this.namespace.sockets.values()) this.dropIfSlow(socket);
  }

  private dropIfSlow(socket: LiveSocket): void {
    const unread = unreadBytes(socket);
    const limit = this.config.liveSendBufferBytes;
    if (unread <= limit) return;
    this.logger.warn(
      `live connection ${socket.id} dropped: ${Math.round(unread / 1024)} KiB unread (at most ${Math.round(limit / 1024)})`,
    );
    this.metrics.slowSocketsDropped.inc();
    const webSocket = webSocketOf(socket);
    socket.disconnect(true);
    // A close frame would wait behind the unread bytes for the close handshake's timeout: the
    // memory goes now.
    webSocket?.terminate?.();
  }

  /** Takes one request from the connection's budget; false when it is spent. */
  private withinBudget(client: LiveSocket): boolean {
    const { bucket, taken } = takeToken(
      this.budgets.get(client),
      { burst: LIVE_REQUEST_BURST, perSecond: LIVE_REQUESTS_PER_SECOND },
      Date.now(),
    );
    this.budgets.set(client, bucket);
    return taken;
  }

  /**
   * Closes every client's connection at the transport (not a server-side disconnect, after which a
   * socket.io client would stay away): the walls reconnect at once, through the load balancer to
   * another process, and resync there.
   */
  dropConnections(): void {
    this.namespace.server.engine.close();
  }

  handleConnection(client: LiveSocket): void {
    this.metrics.socketsConnected.inc();
    const principal = client.data.principal;
    if (principal.kind !== 'admin-token') void client.join(sessionRoom(principal.sessionId));
    if (principal.kind === 'display') void client.join(displayRoom(principal.display.id));
  }

  handleDisconnect(): void {
    this.metrics.socketsConnected.dec();
  }

  @SubscribeMessage('live:subscribe')
  async subscribe(@ConnectedSocket() client: LiveSocket, @MessageBody() body: unknown): Promise<LiveAck> {
    if (!this.withinBudget(client)) return refused([TOO_MANY_REQUESTS]);
    const request = liveSubscribeRequestSchema.safeParse(body);
    if (!request.success) return refused(request.error.issues.map((issue) => issue.message));
    const errors: string[] = [];
    const denied: string[] = [];
    for (const requested of new Set(request.data.scopes)) {
      const scope = liveScopeSchema.safeParse(requested);
      if (!scope.success) {
        errors.push(`'${requested}': ${scope.error.issues[0]?.message}`);
        continue;
      }
      const refusal = this.refusal(client, scope.data);
      if (refusal) {
        errors.push(refusal);
        denied.push(scope.data);
        continue;
      }
      // Followed already: its deltas keep coming; a fresh snapshot is what live:resync is for.
      if (client.rooms.has(scopeRoom(scope.data))) continue;
      const error = await this.sendSnapshot(client, scope.data);
      if (error) errors.push(error);
    }
    if (errors.length === 0) return { ok: true };
    return denied.length > 0 ? { ok: false, errors, denied } : refused(errors);
  }

  /** Null when the connection's principal may follow the scope; else why not (the policy's word). */
  private refusal(client: LiveSocket, scope: LiveScope): string | null {
    const decision = decideScope(client.data.principal, scope);
    return decision.allowed ? null : `${scope}: không được phép / not allowed (${decision.reason})`;
  }

  @SubscribeMessage('live:unsubscribe')
  async unsubscribe(@ConnectedSocket() client: LiveSocket, @MessageBody() body: unknown): Promise<LiveAck> {
    const request = liveSubscribeRequestSchema.safeParse(body);
    if (!request.success) return refused(request.error.issues.map((issue) => issue.message));
    for (const requested of request.data.scopes) {
      const scope = liveScopeSchema.safeParse(requested);
      if (scope.success) await client.leave(scopeRoom(scope.data));
      if (scope.success && scope.data === 'feed') await client.leave(FEED_WITHOUT_COMMENTS_ROOM);
    }
    return { ok: true };
  }

  /** The client saw a gap in a scope it follows: a fresh snapshot replaces its copy. */
  @SubscribeMessage('live:resync')
  async resync(@ConnectedSocket() client: LiveSocket, @MessageBody() body: unknown): Promise<LiveAck> {
    if (!this.withinBudget(client)) return refused([TOO_MANY_REQUESTS]);
    const request = liveResyncRequestSchema.safeParse(body);
    if (!request.success) return refused(request.error.issues.map((issue) => issue.message));
    // A resync joins the scope's room too: the policy is asked as for a subscription.
    const refusal = this.refusal(client, request.data.scope);
    if (refusal) return { ok: false, errors: [refusal], denied: [request.data.scope] };
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
    const decision = decideScope(client.data.principal, scope);
    const withoutComments = scope === 'feed' && decision.allowed && decision.restrict.withoutComments;
    // The feed's updates reach this connection without comments from the first one on.
    if (withoutComments) await client.join(FEED_WITHOUT_COMMENTS_ROOM);
    await client.join(room);
    try {
      const snapshot = await this.cluster.snapshot(scope);
      // A whole scope's snapshot is its latest update, sent under the scope's own event.
      switch (snapshot.scope) {
        case 'ranking':
          client.emit('live:ranking', snapshot);
          break;
        case 'feed':
          client.emit('live:feed', withoutComments ? feedWithoutComments(snapshot) : snapshot);
          break;
        case 'alerts':
          client.emit('live:alerts', snapshot);
          break;
        default:
          client.emit('live:snapshot', snapshot);
      }
      this.dropIfSlow(client);
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

const TOO_MANY_REQUESTS = `too many requests on this connection: at most ${LIVE_REQUESTS_PER_SECOND} a second, bursts of ${LIVE_REQUEST_BURST}`;

/** The part of engine.io's connection and of the `ws` socket under it that is read here. */
interface EngineConnection {
  writeBuffer?: { data?: unknown }[];
  transport?: { socket?: WebSocketLike };
}
interface WebSocketLike {
  bufferedAmount?: number;
  terminate?: () => void;
}

function webSocketOf(socket: LiveSocket): WebSocketLike | undefined {
  return (socket.conn as unknown as EngineConnection).transport?.socket;
}

/** Bytes sent to `socket` and not yet taken by the peer: engine.io's queue plus the socket's buffer. */
function unreadBytes(socket: LiveSocket): number {
  const connection = socket.conn as unknown as EngineConnection;
  let bytes = webSocketOf(socket)?.bufferedAmount ?? 0;
  for (const packet of connection.writeBuffer ?? []) {
    const data = packet.data;
    if (typeof data === 'string') bytes += data.length;
    else if (data instanceof Uint8Array) bytes += data.byteLength;
  }
  return bytes;
}

const DISPLAY_REVOKED: LiveRevoked = {
  reason: 'display-revoked',
  message: 'Màn hình đã bị thu hồi.',
  messageEn: 'This display has been revoked.',
};
const SESSION_ENDED: LiveRevoked = {
  reason: 'session-ended',
  message: 'Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.',
  messageEn: 'Your session has ended. Please sign in again.',
};

function refused(errors: string[]): LiveAck {
  return { ok: false, errors };
}
