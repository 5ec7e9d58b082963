// Subscribe to one pushed event for the life of a component; the latest listener is always called.
import { useEffect, useRef } from 'react';
import type { ApiEvent, ApiEvents } from '../../../shared/api/contract.ts';
import { useApi } from './api-context.ts';

export function useApiEvent<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): void {
  const api = useApi();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => api.on(event, (payload) => latest.current(payload)), [api, event]);
}
