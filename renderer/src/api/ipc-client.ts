// In Electron the preload already implements EdgeApi over IPC; the renderer uses it as it is.
import type { EdgeApi } from '../../../shared/api/contract.ts';

export function createIpcClient(): EdgeApi {
  const edge = window.edge;
  if (!edge) throw new Error('window.edge is missing: not running inside the EasySight Edge window');
  return edge;
}
