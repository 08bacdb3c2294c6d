import { LIVE_WHOLE_SCOPES, type LiveFiguresScope, type LiveScope, type LiveWholeScope } from '@ioc/shared';
import { createContext, useCallback, useContext, useEffect, useSyncExternalStore } from 'react';
import type { LiveClient, WholeUpdates } from './liveClient';
import type { FiguresScopeState, WholeScopeState } from './scopeState';

export const LiveClientContext = createContext<LiveClient | null>(null);

function useLiveClient(): LiveClient {
  const client = useContext(LiveClientContext);
  if (!client) throw new Error('useLiveScope needs a LiveClientContext provider');
  return client;
}

/**
 * Follows a scope while the calling component is mounted (every panel asking for the same scope
 * shares one subscription) and re-renders with its copy: a figures scope (`province`, `unit:X`,
 * `field:F`) as snapshot + deltas, a whole scope (`ranking`, `feed`, `alerts`) as its latest update.
 */
export function useLiveScope<S extends LiveWholeScope>(scope: S): WholeScopeState<WholeUpdates[S]>;
export function useLiveScope(scope: LiveFiguresScope): FiguresScopeState;
export function useLiveScope(scope: LiveScope): FiguresScopeState | WholeScopeState {
  const client = useLiveClient();
  useEffect(() => client.follow(scope), [client, scope]);
  const subscribe = useCallback((listener: () => void) => client.onChange(listener), [client]);
  return useSyncExternalStore(subscribe, () =>
    (LIVE_WHOLE_SCOPES as readonly string[]).includes(scope)
      ? client.whole(scope as LiveWholeScope)
      : client.figures(scope as LiveFiguresScope),
  );
}
