// Subscribe to one pushed event for the life of a component; the latest listener is always called.
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { ApiEvent, ApiEvents } from '../../../shared/api/contract.ts';
import { useApi } from './api-context.ts';

export function useApiEvent<E extends ApiEvent>(event: E, listener: (payload: ApiEvents[E]) => void): void {
  const api = useApi();
  const latest = useRef(listener);
  // Updated with the DOM, not after paint: an event arriving between the two would meet the previous
  // render's listener and its stale data (seen dropping a pushed alert on the Alerts page).
  useLayoutEffect(() => {
    latest.current = listener;
  });
  useEffect(() => api.on(event, (payload) => latest.current(payload)), [api, event]);
}
