import { useContext, useEffect, useState } from 'react';
import {
  deriveConnectionState,
  STALE_AFTER_MS,
  type ConnectionFacts,
  type ConnectionState,
} from './scopeState';
import { LiveClientContext } from './useLive';

export interface ConnectionView {
  state: ConnectionState;
  /** When figures last arrived; only while not live (the banner says how old they are). */
  lastMessageAt: number | null;
  everConnected: boolean;
}

function viewOf(facts: ConnectionFacts, now: number): ConnectionView {
  const state = deriveConnectionState(facts, now);
  return {
    state,
    lastMessageAt: state === 'live' ? null : facts.lastMessageAt,
    everConnected: facts.everConnected,
  };
}

/** The next instant the state could change without a message: a message or a snapshot overdue. */
function nextChangeAt(facts: ConnectionFacts): number | null {
  const candidates = [facts.lastMessageAt, facts.awaitingSnapshotSince]
    .filter((at): at is number => at !== null)
    .map((at) => at + STALE_AFTER_MS + 1);
  return candidates.length === 0 ? null : Math.min(...candidates);
}

/**
 * The connection as the header and banner show it. Every message changes the facts, but the
 * view changes only when the state does: the screen is not re-rendered four times a second for
 * a word that stays "live".
 */
export function useConnectionState(): ConnectionView {
  const client = useContext(LiveClientContext);
  if (!client) throw new Error('useConnectionState needs a LiveClientContext provider');
  const [view, setView] = useState(() => viewOf(client.connection(), Date.now()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const update = () => {
      const facts = client.connection();
      const now = Date.now();
      const next = viewOf(facts, now);
      setView((previous) =>
        previous.state === next.state &&
        previous.lastMessageAt === next.lastMessageAt &&
        previous.everConnected === next.everConnected
          ? previous
          : next,
      );
      if (timer) clearTimeout(timer);
      const at = nextChangeAt(facts);
      timer = at === null ? null : setTimeout(update, Math.max(0, at - now));
    };
    const unsubscribe = client.onChange(update);
    update();
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [client]);
  return view;
}
