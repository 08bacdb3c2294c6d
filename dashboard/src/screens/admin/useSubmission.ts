import { useCallback, useState } from 'react';
import { RequestFailure } from '../../api/sendJson';

export interface Submission {
  busy: boolean;
  /** The last refusal, until the next try. */
  failure: RequestFailure | null;
  /** Runs a request; its result, or null when it failed (the failure is then kept). */
  run: <T>(request: () => Promise<T>) => Promise<T | null>;
  clear: () => void;
}

/** One form's request at a time: busy while it runs, its refusal kept to be shown beside the form. */
export function useSubmission(): Submission {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<RequestFailure | null>(null);
  const run = useCallback(async <T>(request: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setFailure(null);
    try {
      return await request();
    } catch (error) {
      setFailure(
        error instanceof RequestFailure
          ? error
          : new RequestFailure(0, null, null, [{ path: 'body', message: (error as Error).message }]),
      );
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setFailure(null), []);
  return { busy, failure, run, clear };
}
