import { dossierListSchema, type DossierList } from '@ioc/shared';
import { useCallback, useEffect, useState } from 'react';
import { fetchJson } from '../../api/fetchJson';

export const PAGE_SIZE = 50;

export interface DossierPages {
  status: 'loading' | 'ready' | 'error';
  /** Every page loaded so far, in order (a keyset cursor: no page skips or repeats a row). */
  pages: DossierList[];
  error: string | null;
  loadingMore: boolean;
  loadMore: () => void;
  retry: () => void;
}

/** The pages of one list (`query`: the API's filter and order), the next asked for with its cursor. */
export function useDossierPages(query: string): DossierPages {
  const [pages, setPages] = useState<DossierList[]>([]);
  const [status, setStatus] = useState<DossierPages['status']>('loading');
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setPages([]);
    setStatus('loading');
    setError(null);
    fetchJson(
      `/api/v1/dossiers?${query}${query ? '&' : ''}limit=${PAGE_SIZE}`,
      dossierListSchema,
      abort.signal,
    ).then(
      (first) => {
        setPages([first]);
        setStatus('ready');
      },
      (failure: unknown) => {
        if (abort.signal.aborted) return;
        setError(failure instanceof Error ? failure.message : String(failure));
        setStatus('error');
      },
    );
    return () => abort.abort();
  }, [query, attempt]);

  const next = pages.at(-1)?.next ?? null;
  const loadMore = useCallback(() => {
    if (next === null || loadingMore) return;
    setLoadingMore(true);
    const url = `/api/v1/dossiers?${query}${query ? '&' : ''}limit=${PAGE_SIZE}&cursor=${encodeURIComponent(next)}`;
    fetchJson(url, dossierListSchema).then(
      (page) => {
        setPages((previous) => [...previous, page]);
        setLoadingMore(false);
      },
      (failure: unknown) => {
        setError(failure instanceof Error ? failure.message : String(failure));
        setLoadingMore(false);
      },
    );
  }, [next, loadingMore, query]);

  const retry = useCallback(() => setAttempt((previous) => previous + 1), []);
  return { status, pages, error, loadingMore, loadMore, retry };
}
