import { describe, expect, it } from '@jest/globals';
import type { Resource } from './useResource';
import { resourcePanelState } from './resourcePanelState';

const loading: Resource<number[]> = { status: 'loading', data: null, error: null, fetchedAt: null };
const ready = (data: number[]): Resource<number[]> => ({ status: 'ready', data, error: null, fetchedAt: 1 });
const failed = (data: number[] | null): Resource<number[]> => ({
  status: 'error',
  data,
  error: 'HTTP 503',
  fetchedAt: data ? 1 : null,
});
const retry = () => undefined;
const empty = (data: number[]) => (data.length === 0 ? 'nothing' : null);

describe('resourcePanelState', () => {
  it('goes from loading to ready, or to the error with a retry when nothing was fetched', () => {
    expect(resourcePanelState(loading, retry)).toEqual({ kind: 'loading' });
    expect(resourcePanelState(ready([1]), retry)).toEqual({ kind: 'ready' });
    expect(resourcePanelState(failed(null), retry)).toEqual({
      kind: 'error',
      message: 'HTTP 503',
      onRetry: retry,
    });
  });

  it('keeps the last data, marked stale, when a refresh failed; says when the data is empty', () => {
    expect(resourcePanelState(failed([1]), retry)).toEqual({ kind: 'stale', detail: 'HTTP 503' });
    expect(resourcePanelState(ready([]), retry, empty)).toEqual({ kind: 'empty', message: 'nothing' });
  });

  it('is as far as the least advanced of several resources', () => {
    expect(resourcePanelState([ready([1]), loading], retry)).toEqual({ kind: 'loading' });
    expect(resourcePanelState([ready([1]), failed(null)], retry).kind).toBe('error');
    expect(resourcePanelState([ready([1]), failed([2])], retry).kind).toBe('stale');
  });
});
