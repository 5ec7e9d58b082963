// The window's route lives in the address: reading the hash at start and on every change (Back,
// Forward, a link, the tray), and writing it on navigation. A plain navigation adds a history entry;
// `replace` swaps the current one (a request such as #/diagnose is not a page to go back to).
import { useCallback, useEffect, useState } from 'react';
import { hashOf, routeFromHash, type Route } from '../route.ts';

export function useHashRoute(fallback: Route): [Route, (route: Route, options?: { replace?: boolean }) => void] {
  const [route, setRoute] = useState<Route>(() => routeFromHash(window.location.hash) ?? fallback);

  useEffect(() => {
    const follow = (): void => {
      const hash = window.location.hash;
      // Back to the entry the window opened with, before any page had an address: the first page.
      const next = routeFromHash(hash) ?? (hash === '' || hash === '#' ? fallback : null);
      if (next) setRoute(next);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [fallback]);

  const navigate = useCallback((next: Route, options: { replace?: boolean } = {}) => {
    const hash = hashOf(next);
    setRoute(next);
    if (window.location.hash === hash) return;
    if (options.replace) window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${hash}`);
    else window.location.hash = hash;
  }, []);

  return [route, navigate];
}
