import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { createClient, type RedisClientType } from 'redis';
import type { Namespace } from 'socket.io';
import {
  liveScopeSchema,
  type LiveClientToServerEvents,
  type LiveScope,
  type LiveServerToClientEvents,
  type LiveSnapshot,
  type LiveWholeUpdate,
} from '@ioc/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LiveAlertsService } from './live-alerts.service';
import { LiveMetricsService } from './live-metrics.service';
import { emitFeed } from './live-audience';
import { LiveStreamService, SCOPE_ROOM_PREFIX, scopeRoom, type LiveSink } from './live-stream.service';

/** The key whose holder computes and numbers the live figures for the whole cluster. */
const LEADER_KEY = 'ioc:live:leader';
/** A leader that stops renewing (crash, freeze) is replaced after at most this long. */
const LEASE_MS = 6_000;
const RENEW_EVERY_MS = 2_000;
/**
 * Leading alone (Redis unreachable), the other processes' ingest is not forwarded here: every unit
 * is recounted this often instead, so that this process's walls still follow the whole database.
 */
const ALONE_RECOUNT_EVERY_MS = 10_000;
/** A lease command Redis does not answer within this counts as Redis being down. */
const REDIS_COMMAND_TIMEOUT_MS = 1_500;
/** Renews or releases the lease only if this process still holds it. */
const RENEW_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** No process leads the live figures (Redis unreachable for a follower, or between leaders). */
export class NoLeaderError extends Error {
  constructor() {
    super('no server process leads the live figures right now; retry in a few seconds');
  }
}

type SnapshotAnswer = { snapshot: LiveSnapshot | LiveWholeUpdate } | { error: string } | null;

/** Messages between server processes (socket.io `serverSideEmit`, carried by the Redis adapter). */
interface LiveServerSideEvents {
  'live:units-changed': (unitCodes: string[]) => void;
  'live:snapshot-request': (scope: LiveScope, answer: (answer: SnapshotAnswer) => void) => void;
  /** An alert rule was edited on another process: the leader evaluates the alerts again. */
  'live:alert-rules-changed': () => void;
}

type ClusterNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents, LiveServerSideEvents>;

/**
 * Who computes the live figures. Alone (no REDIS_URL) this process does. With REDIS_URL, several
 * processes share the fan-out through the socket.io Redis adapter and exactly one of them, the
 * holder of a Redis lease, computes and numbers the figures: its deltas reach the clients of
 * every process, so all clients see one numbering. The others forward the units their ingest
 * touched to the leader, and ask it for the snapshots their clients need.
 */
@Injectable()
export class LiveClusterService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveClusterService.name);
  private readonly instanceId = randomUUID();
  private namespace: ClusterNamespace | null = null;
  private redis: RedisClientType | null = null;
  private campaign: NodeJS.Timeout | null = null;
  private renewing: Promise<void> | null = null;
  /** Since when Redis has not answered (null: it answers). */
  private redisDownSince: number | null = null;
  /** Leading without the lease, because Redis is unreachable: this process serves its own clients. */
  private alone = false;
  private lastAloneRecount = 0;

  constructor(
    private readonly stream: LiveStreamService,
    private readonly metrics: LiveMetricsService,
    private readonly alerts: LiveAlertsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The gateway's namespace, known before the modules' init hooks run. */
  attach(namespace: Namespace): void {
    this.namespace = namespace as ClusterNamespace;
  }

  /** Once every module is initialised (the reference data is loaded): lead, or campaign to. */
  onApplicationBootstrap(): void {
    if (!this.namespace) throw new Error('the live gateway did not attach its namespace');
    if (!this.config.redisUrl) {
      void this.stream.lead(this.sinkOf(this.namespace));
      return;
    }
    this.namespace.on('live:units-changed', (unitCodes) => {
      if (Array.isArray(unitCodes))
        this.metrics.markUnitsChanged(unitCodes.filter((c) => typeof c === 'string'));
    });
    this.namespace.on('live:snapshot-request', (scope, answer) => {
      if (!this.stream.leading) return answer(null);
      this.stream.snapshot(scope).then(
        (snapshot) => answer({ snapshot }),
        (error: unknown) => answer({ error: (error as Error).message }),
      );
    });
    this.namespace.on('live:alert-rules-changed', () => {
      if (this.stream.leading) this.alerts.rulesChanged();
    });
    this.metrics.forwardChangesTo((unitCodes) =>
      this.namespace?.serverSideEmit('live:units-changed', unitCodes),
    );
    this.alerts.forwardRuleChangesTo(() => this.namespace?.serverSideEmit('live:alert-rules-changed'));
    void this.startCampaign(this.config.redisUrl);
  }

  /**
   * The snapshot of a scope, from this process when it leads, else from the leader. Between two
   * leaders (a rolling restart, a crash) nobody answers for up to a lease: the request is asked
   * again until one does, so that a wall reconnecting at that moment is not turned away.
   */
  async snapshot(scope: LiveScope): Promise<LiveSnapshot | LiveWholeUpdate> {
    const deadline = Date.now() + LEASE_MS + RENEW_EVERY_MS;
    for (;;) {
      if (this.stream.leading || !this.config.redisUrl || !this.namespace) return this.stream.snapshot(scope);
      // The Redis adapter gives up after its request timeout (5 s) when a process does not answer.
      const answers: SnapshotAnswer[] = await this.namespace
        .serverSideEmitWithAck('live:snapshot-request', scope)
        .catch(() => []);
      const answer = answers.find((a) => a !== null);
      if (answer) {
        if ('error' in answer) throw new Error(answer.error);
        // The version is this process's own: it is the dashboard build this process serves.
        return { ...answer.snapshot, serverVersion: this.config.version };
      }
      if (Date.now() > deadline) throw new NoLeaderError();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.campaign) clearInterval(this.campaign);
    this.campaign = null;
    await this.renewing;
    if (this.redis) {
      // Hand over at once instead of letting the lease run out.
      if (this.stream.leading) {
        await this.redis
          .eval(RELEASE_SCRIPT, { keys: [LEADER_KEY], arguments: [this.instanceId] })
          .catch(() => undefined);
      }
      await this.redis.quit().catch(() => undefined);
      this.redis = null;
    }
    if (this.stream.leading) await this.stream.stepDown();
  }

  private async startCampaign(url: string): Promise<void> {
    // No offline queue: while Redis is down a lease command fails at once, so that this process
    // notices and can serve its own clients (a queued command would wait for Redis forever).
    const redis: RedisClientType = createClient({ url, disableOfflineQueue: true });
    redis.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    this.redis = redis;
    try {
      await redis.connect();
    } catch (error) {
      this.logger.error(`redis unreachable, live figures not computed here: ${(error as Error).message}`);
    }
    this.campaign = setInterval(() => void this.renew(), RENEW_EVERY_MS);
    this.campaign.unref();
    await this.renew();
  }

  /** Renews the lease while leading; otherwise tries to take it. Losing it means stepping down. */
  private async renew(): Promise<void> {
    if (this.renewing || !this.redis || !this.namespace) return;
    const redis = this.redis;
    const namespace = this.namespace;
    this.renewing = (async () => {
      try {
        if (this.alone) {
          // Redis is back: take the lease, or leave the figures to whoever took it first.
          const taken = await this.takeLease(redis);
          this.alone = false;
          this.redisDownSince = null;
          if (taken) this.logger.log('Redis is back: leading the live figures of the cluster');
          else {
            this.logger.log('Redis is back: another process leads the live figures');
            await this.stream.stepDown();
          }
        } else if (this.stream.leading) {
          const renewed = await withTimeout(
            redis.eval(RENEW_SCRIPT, { keys: [LEADER_KEY], arguments: [this.instanceId, String(LEASE_MS)] }),
          );
          if (renewed !== 1) {
            this.logger.warn('lost the live leadership to another process');
            await this.stream.stepDown();
          }
          this.redisDownSince = null;
        } else {
          const taken = await this.takeLease(redis);
          this.redisDownSince = null;
          if (taken) {
            this.logger.log('leading the live figures of the cluster');
            await this.stream.lead(this.sinkOf(namespace), await this.followedScopes(namespace));
          }
        }
      } catch (error) {
        // Redis down: a leader keeps serving its own clients; a follower, whose clients would get
        // nothing, leads alone once the lease would have run out. The lease decides again when
        // Redis is back.
        this.logger.warn(`live leadership not renewed: ${(error as Error).message}`);
        const now = Date.now();
        this.redisDownSince ??= now;
        if (now - this.redisDownSince < LEASE_MS) return;
        if (!this.stream.leading) {
          this.logger.warn('Redis unreachable: computing the live figures for this process alone');
          this.alone = true;
          this.lastAloneRecount = now;
          const local = await namespace.local.fetchSockets().catch(() => []);
          await this.stream.lead(this.sinkOf(namespace), scopesOf(local));
        } else if (now - this.lastAloneRecount >= ALONE_RECOUNT_EVERY_MS) {
          // Whichever way this process came to lead, the others' ingest no longer reaches it.
          this.lastAloneRecount = now;
          this.metrics.markAllUnitsChanged();
        }
      } finally {
        this.renewing = null;
      }
    })();
    await this.renewing;
  }

  private async takeLease(redis: RedisClientType): Promise<boolean> {
    const taken = await withTimeout(
      redis.set(LEADER_KEY, this.instanceId, {
        condition: 'NX',
        expiration: { type: 'PX', value: LEASE_MS },
      }),
    );
    return taken === 'OK';
  }

  /** Whether Redis answered the last lease check (null: no Redis configured). */
  get redisReachable(): boolean | null {
    if (!this.config.redisUrl) return null;
    return this.redisDownSince === null;
  }

  /** The scopes the clients of every process are in (a takeover must keep serving them). */
  private async followedScopes(namespace: ClusterNamespace): Promise<LiveScope[]> {
    return scopesOf(await namespace.fetchSockets().catch(() => []));
  }

  private sinkOf(namespace: ClusterNamespace): LiveSink {
    return {
      delta: (delta) => namespace.to(scopeRoom(delta.scope)).emit('live:delta', delta),
      heartbeat: (heartbeat) => namespace.to(scopeRoom(heartbeat.scope)).emit('live:heartbeat', heartbeat),
      whole: (update) => {
        const room = namespace.to(scopeRoom(update.scope));
        switch (update.scope) {
          case 'ranking':
            return void room.emit('live:ranking', update);
          case 'feed':
            // Each follower in the form it may read (walls without comment text).
            return emitFeed(namespace, update);
          case 'alerts':
            return void room.emit('live:alerts', update);
        }
      },
    };
  }
}

function withTimeout<T>(command: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Redis did not answer')), REDIS_COMMAND_TIMEOUT_MS);
  });
  return Promise.race([command, timeout]).finally(() => clearTimeout(timer));
}

/** The live scopes these sockets follow (their rooms). */
function scopesOf(sockets: readonly { rooms: Set<string> }[]): LiveScope[] {
  const scopes = new Set<LiveScope>();
  for (const socket of sockets) {
    for (const room of socket.rooms) {
      const scope = liveScopeSchema.safeParse(room.slice(SCOPE_ROOM_PREFIX.length));
      if (room.startsWith(SCOPE_ROOM_PREFIX) && scope.success) scopes.add(scope.data);
    }
  }
  return [...scopes];
}
