// Electron gives the window an IPC bridge; the headless server opens the page with #token=... in
// the URL. The token is kept for this tab only and taken out of the address bar, so it is not
// copied along with the link or left in screenshots.
import type { EdgeApi } from '../../../shared/api/contract.ts';
import { createHttpClient } from './http-client.ts';
import { createIpcClient } from './ipc-client.ts';

const TOKEN_KEY = 'easysight-edge-token';

export function readToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function pickClient(): EdgeApi {
  if (window.edge) return createIpcClient();
  return createHttpClient(window.location.origin, readToken());
}
