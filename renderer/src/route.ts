// Where the window is, and its address: every page and every camera has a hash (#/board,
// #/alerts, #/camera/12...), so a reload stays on the page and Back returns to the last one.
export const PAGES = ['board', 'alerts', 'overview', 'queue', 'results', 'cameras', 'settings', 'logs'] as const;
export type PageName = (typeof PAGES)[number];

/** The Overview can be asked to offer the sample diagnosis even once the first run is over. */
export type Route = { page: PageName } | { page: 'overview'; sample: true } | { page: 'camera'; cameraId: number | string };

/** The first page: the camera health board. */
export const HOME: Route = { page: 'board' };

/** The tray's "Diagnose now…" opens the window at this hash (main/shell/main-process.ts): a request, not a page. */
export const DIAGNOSE_HASH = '#/diagnose';

const isPage = (name: string): name is PageName => (PAGES as readonly string[]).includes(name);

/** The route of a hash; null for no hash, a request such as #/diagnose, or an address this version does not know. */
export function routeFromHash(hash: string): Route | null {
  const path = hash.replace(/^#\/?/, '');
  const [first = '', ...rest] = path.split('/');
  if (first === 'camera' && rest.length === 1 && rest[0] !== '') {
    let id: string;
    try {
      id = decodeURIComponent(rest[0] ?? '');
    } catch {
      return null;
    }
    // Inventory ids are the platform's numbers or free text; a text id of digits alone reads as the number.
    return { page: 'camera', cameraId: /^\d{1,15}$/.test(id) ? Number(id) : id };
  }
  if (first === 'overview' && rest.length === 1 && rest[0] === 'sample') return { page: 'overview', sample: true };
  if (rest.length === 0 && isPage(first)) return { page: first };
  return null;
}

export function hashOf(route: Route): string {
  if (route.page === 'camera') return `#/camera/${encodeURIComponent(String(route.cameraId))}`;
  if ('sample' in route) return '#/overview/sample';
  return `#/${route.page}`;
}
