// Where the window is: one of the nav pages, or one camera's history (reached from a result).
export type PageName = 'overview' | 'queue' | 'results' | 'cameras' | 'settings' | 'logs';

/** The Overview can be asked to offer the sample diagnosis even once the first run is over. */
export type Route = { page: PageName } | { page: 'overview'; sample: true } | { page: 'camera'; cameraId: number | string };

/** The tray's "Diagnose now…" opens the window at this hash (main/shell/main-process.ts). */
export const DIAGNOSE_HASH = '#/diagnose';
