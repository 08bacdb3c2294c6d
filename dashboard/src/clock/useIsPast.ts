import { useEffect, useState } from 'react';

/**
 * Whether the instant `at` (epoch ms) has passed, re-rendering only when it passes: a timer set
 * for that instant, not a clock ticking through the whole tree. Null is never past.
 */
export function useIsPast(at: number | null): boolean {
  const [past, setPast] = useState(() => at !== null && Date.now() >= at);
  useEffect(() => {
    if (at === null) {
      setPast(false);
      return;
    }
    const wait = at - Date.now();
    setPast(wait <= 0);
    if (wait <= 0) return;
    const timer = setTimeout(() => setPast(true), wait);
    return () => clearTimeout(timer);
  }, [at]);
  return past;
}
