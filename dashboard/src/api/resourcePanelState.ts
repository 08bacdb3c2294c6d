import type { PanelState } from '../ui/Panel';
import type { Resource } from './useResource';

/**
 * What a panel fed by REST shows: loading first; the error (with a retry) when nothing was ever
 * fetched; the last data marked stale when a refresh failed; `empty` when the data says there is
 * nothing (`emptyMessage` returns its words, or null for data to show). Several resources: the
 * panel is as far as the least advanced of them.
 */
export function resourcePanelState<T>(
  resources: Resource<T> | readonly Resource<T>[],
  retry: () => void,
  emptyMessage: (data: T) => string | null = () => null,
): PanelState {
  const all: readonly Resource<T>[] = Array.isArray(resources) ? resources : [resources as Resource<T>];
  const failed = all.find((resource) => resource.status === 'error');
  if (failed && all.some((resource) => resource.data === null)) {
    return { kind: 'error', message: failed.error ?? '', onRetry: retry };
  }
  if (all.some((resource) => resource.status === 'loading')) return { kind: 'loading' };
  const empty = all
    .map((resource) => (resource.data === null ? null : emptyMessage(resource.data)))
    .find((m) => m !== null);
  if (empty) return { kind: 'empty', message: empty };
  if (failed) return { kind: 'stale', detail: failed.error ?? undefined };
  return { kind: 'ready' };
}
