import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { fetchJson } from './fetchJson';

export type Resource<T> =
  | { status: 'loading'; data: null; error: null; fetchedAt: null }
  | { status: 'ready'; data: T; error: null; fetchedAt: number }
  /** The last refresh failed: `data` (when not null) is what was fetched before, now stale. */
  | { status: 'error'; data: T | null; error: string; fetchedAt: number | null };

export interface ResourceOptions {
  /** Fetch again this often while mounted; failures are retried at the same pace. */
  refreshMs?: number;
}

const loading = { status: 'loading', data: null, error: null, fetchedAt: null } as const;

/**
 * A REST answer for a panel: fetched on mount and whenever `url` changes (null: nothing to fetch),
 * refreshed every `refreshMs`, checked against its schema. A failed refresh keeps the last data
 * so the panel can show it as stale rather than blank.
 */
export function useResource<S extends z.ZodType>(
  url: string | null,
  schema: S,
  { refreshMs }: ResourceOptions = {},
): Resource<z.output<S>> & { retry: () => void } {
  const [resource, setResource] = useState<Resource<z.output<S>>>(loading);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setResource(loading);
  }, [url]);

  useEffect(() => {
    if (url === null) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = async (): Promise<void> => {
      try {
        const data = await fetchJson(url, schema, abort.signal);
        setResource({ status: 'ready', data, error: null, fetchedAt: Date.now() });
      } catch (error) {
        if (abort.signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        setResource((previous) => ({
          status: 'error',
          data: previous.data,
          error: message,
          fetchedAt: previous.fetchedAt,
        }));
      }
      if (refreshMs !== undefined && !abort.signal.aborted) timer = setTimeout(() => void load(), refreshMs);
    };
    void load();
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [url, schema, refreshMs, attempt]);

  const retry = useCallback(() => setAttempt((previous) => previous + 1), []);
  return { ...resource, retry };
}
