import { useEffect, useState } from 'react';

/** The current instant, refreshed every `intervalMs`: drives the clock and the staleness checks. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** Often enough to notice stale figures within their grace (11 s) by a few seconds. */
const STALENESS_TICK_MS = 2_000;

/** The instant panels judge their figures' age by. */
export function useClock(): number {
  return useNow(STALENESS_TICK_MS);
}
