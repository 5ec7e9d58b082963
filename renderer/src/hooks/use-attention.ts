// Cameras with an alert nobody has acknowledged yet: read once, then followed through the health event.
import { useEffect, useState } from 'react';
import { useApi } from '../api/api-context.ts';
import { useApiEvent } from '../api/use-api-event.ts';

export function useAttention(): number {
  const api = useApi();
  const [count, setCount] = useState(0);
  useEffect(() => {
    let live = true;
    void api.alerts({ state: 'open', limit: 1000 }).then((r) => {
      if (live && r.ok) setCount(new Set(r.value.map((a) => `${typeof a.cameraId}:${a.cameraId}`)).size);
    });
    return () => {
      live = false;
    };
  }, [api]);
  useApiEvent('health', (e) => setCount(e.attention));
  return count;
}
