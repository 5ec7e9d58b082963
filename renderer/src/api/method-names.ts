// Every EdgeApi method name, for the HTTP client. Kept here rather than taken from the contract's
// schema table so the startup bundle does not carry zod; the Record type makes a missing or extra
// name a compile error, so the list cannot drift from the contract.
import type { ApiMethod } from '../../../shared/api/contract.ts';

const METHODS: Record<ApiMethod, true> = {
  status: true,
  setWorkerEnabled: true,
  queue: true,
  stopTask: true,
  results: true,
  result: true,
  snapshot: true,
  trend: true,
  cameras: true,
  saveCamera: true,
  removeCamera: true,
  importCameras: true,
  syncCameras: true,
  baselines: true,
  resetBaseline: true,
  diagnoseNow: true,
  samples: true,
  getSettings: true,
  updateSettings: true,
  logs: true,
  board: true,
  alerts: true,
  acknowledgeAlert: true,
  alertSettings: true,
  updateAlertSettings: true,
};

export const METHOD_NAMES = Object.keys(METHODS) as ApiMethod[];
