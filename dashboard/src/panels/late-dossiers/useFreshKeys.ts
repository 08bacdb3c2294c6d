import { useEffect, useRef, useState } from 'react';

/** How long an item that just arrived stays highlighted. */
const FRESH_FOR_MS = 2_000;

/**
 * The keys that appeared since the previous list (none in the first list: a wall that just opened
 * has nothing "new"; null while the list has not arrived). Bounded: it only ever holds the keys
 * of the current list.
 */
export function useFreshKeys(keys: readonly string[] | null): ReadonlySet<string> {
  const seen = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  // A new array with the same keys is no change: the effect follows the keys' text.
  const signature = keys === null ? null : keys.join('\n');
  useEffect(() => {
    if (signature === null) return;
    const current = signature === '' ? [] : signature.split('\n');
    const previous = seen.current;
    seen.current = new Set(current);
    if (previous === null) return;
    const arrived = current.filter((key) => !previous.has(key));
    if (arrived.length > 0) setFresh(new Set(arrived));
  }, [signature]);
  useEffect(() => {
    if (fresh.size === 0) return;
    const timer = setTimeout(() => setFresh(new Set()), FRESH_FOR_MS);
    return () => clearTimeout(timer);
  }, [fresh]);
  return fresh;
}
