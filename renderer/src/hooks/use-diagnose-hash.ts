// The tray opens the window at #/diagnose: on a fresh load, or as a hash change when the page is
// already open. The hash is a request, not a page: it is acted on once, and the page it leads to
// takes its place in the address (so a reload does not repeat it and the next tray click changes it again).
import { useEffect } from 'react';
import { DIAGNOSE_HASH } from '../route.ts';

export function useDiagnoseHash(onDiagnose: () => void): void {
  useEffect(() => {
    const check = (): void => {
      if (window.location.hash !== DIAGNOSE_HASH) return;
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
      onDiagnose();
    };
    check();
    window.addEventListener('hashchange', check);
    return () => window.removeEventListener('hashchange', check);
  }, [onDiagnose]);
}
