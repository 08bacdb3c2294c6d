import {
  LIVE_NAMESPACE,
  type LiveAck,
  type LiveClientToServerEvents,
  type LiveServerToClientEvents,
} from '@ioc/shared';
import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  initialLiveState,
  RANKING_SCOPE,
  rankingIsBehind,
  reduceLive,
  WALL_SCOPE,
  type LiveEvent,
  type LiveState,
} from './liveState';
import { mustReload } from './reloadOnDeploy';

const LAST_RELOAD_KEY = 'ioc.lastReloadAt';
const SUBSCRIBE_TIMEOUT_MS = 15_000;
const RESUBSCRIBE_AFTER_MS = 2_000;

/** After a deploy the server announces a new build: load it, at most once a minute. */
function reloadIfRedeployed(announced: string): void {
  const last = Number(sessionStorage.getItem(LAST_RELOAD_KEY)) || null;
  if (!mustReload(announced, __IOC_BUILD_ID__, last, Date.now())) return;
  sessionStorage.setItem(LAST_RELOAD_KEY, String(Date.now()));
  window.location.reload();
}

type LiveSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/**
 * The province scope of the `/live` namespace: a snapshot, then deltas in sequence; a gap asks
 * for a fresh snapshot (`live:resync`), a reconnect subscribes again and gets one.
 */
export function useLiveMetrics(): LiveState {
  const [state, setState] = useState<LiveState>(initialLiveState);

  useEffect(() => {
    const socket: LiveSocket = io(LIVE_NAMESPACE, { transports: ['websocket'] });
    // The socket handlers need the latest state synchronously (a gap must be seen by the next delta),
    // so it is kept here and mirrored into React state for rendering.
    let current = initialLiveState;
    const dispatch = (event: LiveEvent): void => {
      const transition = reduceLive(current, event);
      current = transition.state;
      setState(current);
      if (transition.resync) socket.emit('live:resync', { scope: WALL_SCOPE });
    };

    // Subscriptions live as long as the connection: every (re)connect subscribes again and gets a
    // snapshot. A refusal (no server leads the figures for a moment) or no answer is asked again.
    const subscribe = (): void => {
      void socket
        .timeout(SUBSCRIBE_TIMEOUT_MS)
        .emitWithAck('live:subscribe', { scopes: [WALL_SCOPE, RANKING_SCOPE] })
        .then(
          (ack: LiveAck) => ack.ok,
          () => false,
        )
        .then((subscribed) => {
          if (!subscribed && socket.connected) setTimeout(subscribe, RESUBSCRIBE_AFTER_MS);
        });
    };
    socket.on('connect', () => {
      dispatch({ type: 'connected', at: Date.now() });
      subscribe();
    });
    socket.on('disconnect', (reason) => {
      dispatch({ type: 'disconnected', at: Date.now() });
      // socket.io does not reconnect by itself after a server-side disconnect; a wall must never give up.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('live:snapshot', (snapshot) => {
      if (snapshot.scope !== WALL_SCOPE) return;
      reloadIfRedeployed(snapshot.serverVersion);
      dispatch({ type: 'snapshot', snapshot, at: Date.now() });
    });
    socket.on('live:delta', (delta) => {
      if (delta.scope === WALL_SCOPE) dispatch({ type: 'delta', delta, at: Date.now() });
    });
    socket.on('live:ranking', (update) => dispatch({ type: 'ranking', update, at: Date.now() }));
    socket.on('live:heartbeat', (heartbeat) => {
      if (heartbeat.scope === WALL_SCOPE) dispatch({ type: 'heartbeat', heartbeat, at: Date.now() });
      if (heartbeat.scope === RANKING_SCOPE && rankingIsBehind(current.ranking, heartbeat)) {
        socket.emit('live:resync', { scope: RANKING_SCOPE });
      }
    });

    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, []);

  return state;
}
