// Load one EdgeApi method's answer, reload on demand (events), keep the last good value on failure.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, ApiInput, ApiMethod, ApiOutputs, ApiResult } from '../../../shared/api/contract.ts';
import { useApi } from './api-context.ts';

export interface ApiQuery<M extends ApiMethod> {
  data: ApiOutputs[M] | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
  /** Replace the value with one pushed by an event, without a round trip. */
  set: (value: ApiOutputs[M]) => void;
}

export function useApiQuery<M extends ApiMethod>(method: M, input: ApiInput<M>): ApiQuery<M> {
  const api = useApi();
  const [data, setData] = useState<ApiOutputs[M] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const key = JSON.stringify(input);
  const sequence = useRef(0);

  const reload = useCallback(() => {
    // Answers can arrive out of order after quick reloads: only the newest one counts.
    const mine = ++sequence.current;
    setLoading(true);
    // TypeScript cannot correlate api[method] with M; the contract guarantees the pairing.
    const call = api[method] as unknown as (input: unknown) => Promise<ApiResult<M>>;
    void call(JSON.parse(key) as unknown).then((result) => {
      if (mine !== sequence.current) return;
      setLoading(false);
      if (result.ok) {
        setData(result.value);
        setError(null);
      } else {
        setError(result.error);
      }
    });
  }, [api, method, key]);

  useEffect(() => {
    reload();
    return () => {
      sequence.current++;
    };
  }, [reload]);

  const set = useCallback((value: ApiOutputs[M]) => {
    sequence.current++;
    setLoading(false);
    setData(value);
  }, []);

  return { data, error, loading, reload, set };
}
