import type { Unit } from '@ioc/shared';
import { useCallback, useEffect, useState } from 'react';
import { parseUnits } from './parseUnits';

export const UNITS_URL = '/api/v1/units';

export type UnitsState =
  { status: 'loading' } | { status: 'error'; detail: string } | { status: 'ready'; units: Unit[] };

/** The 124 units' metadata, fetched once; `retry` starts a new attempt after a failure. */
export function useUnits(): { units: UnitsState; retry: () => void } {
  const [units, setUnits] = useState<UnitsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setUnits({ status: 'loading' });
    const load = async (): Promise<void> => {
      try {
        const response = await fetch(UNITS_URL, {
          signal: abort.signal,
          headers: { accept: 'application/json' },
        });
        if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
        setUnits({ status: 'ready', units: parseUnits(await response.json()) });
      } catch (error) {
        if (abort.signal.aborted) return;
        setUnits({ status: 'error', detail: error instanceof Error ? error.message : String(error) });
      }
    };
    void load();
    return () => abort.abort();
  }, [attempt]);

  const retry = useCallback(() => setAttempt((previous) => previous + 1), []);
  return { units, retry };
}
