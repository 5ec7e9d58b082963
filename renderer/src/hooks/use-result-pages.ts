// Cached results, newest first, loaded 500 at a time by keyset (the last row's created_at and id),
// so the thousandth page costs the server what the first does. A filter change starts over.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, ApiInput } from '../../../shared/api/contract.ts';
import type { ResultPageView, ResultView } from '../../../shared/api/views.ts';
import { useApi } from '../api/api-context.ts';

export const RESULT_PAGE_SIZE = 500;

export type ResultFilter = Omit<ApiInput<'results'>, 'limit' | 'before'>;

export interface ResultPages {
  rows: ResultView[];
  hasMore: boolean;
  loading: boolean;
  error: ApiError | null;
  loadMore: () => void;
  reload: () => void;
}

export function useResultPages(filter: ResultFilter): ResultPages {
  const api = useApi();
  const [rows, setRows] = useState<ResultView[]>([]);
  const [next, setNext] = useState<ResultPageView['next']>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // Bumped on every restart so a page that arrives for an old filter is dropped.
  const generation = useRef(0);
  const inFlight = useRef(false);
  const key = JSON.stringify(filter);

  const fetchPage = useCallback(
    (before: ResultPageView['next'], replace: boolean) => {
      const mine = generation.current;
      inFlight.current = true;
      setLoading(true);
      const input: ApiInput<'results'> = { ...(JSON.parse(key) as ResultFilter), limit: RESULT_PAGE_SIZE, ...(before ? { before } : {}) };
      void api.results(input).then((result) => {
        if (mine !== generation.current) return;
        inFlight.current = false;
        setLoading(false);
        if (!result.ok) {
          setError(result.error);
          return;
        }
        setError(null);
        setRows((old) => (replace ? result.value.rows : [...old, ...result.value.rows]));
        setNext(result.value.next);
      });
    },
    [api, key],
  );

  const reload = useCallback(() => {
    generation.current++;
    setNext(null);
    fetchPage(null, true);
  }, [fetchPage]);

  useEffect(() => {
    reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  const loadMore = useCallback(() => {
    if (inFlight.current || !next) return;
    fetchPage(next, false);
  }, [fetchPage, next]);

  return { rows, hasMore: next !== null, loading, error, loadMore, reload };
}
