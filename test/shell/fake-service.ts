// An ApiService for the shell's tests: records calls, answers with plain values, pushes events.
import { EventEmitter } from 'node:events';
import { ApiFailure, type ApiEvent, type ApiEvents, type ApiMethod, type ApiService } from '../../shared/api/contract.ts';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from '../../shared/alerts/alert-settings.ts';
import { DEFAULT_SETTINGS, type SettingsView } from '../../shared/api/settings.ts';
import type { AlertView } from '../../shared/api/health-views.ts';
import type { StatusView } from '../../shared/api/views.ts';

export function statusView(overrides: Partial<StatusView> = {}): StatusView {
  return {
    workerId: 'edge-001',
    version: '0.1.0',
    enabled: true,
    broker: 'connected',
    brokerDetail: '127.0.0.1:5672',
    brokerEndpoint: { host: '127.0.0.1:5672', vhost: '/', user: 'guest' },
    connectedSince: null,
    lastHeartbeat: null,
    runningTasks: 0,
    maxTasks: 3,
    today: { done: 0, failed: 0, timedOut: 0, parked: 0 },
    outboxBacklog: 0,
    cpuPercent: 0,
    memoryPercent: 0,
    uptimeS: 0,
    topologyWarnings: [],
    secretStorageWarning: null,
    firstRun: false,
    diskLow: null,
    probes: { concurrency: 4, running: 0, ceiling: 24, perMinute: 0, meanLatencyMs: null },
    storeRecovery: null,
    ...overrides,
  };
}

export interface FakeService extends ApiService {
  calls: Array<{ method: ApiMethod; input: unknown }>;
  status_: StatusView;
  settings_: SettingsView;
  alertSettings_: AlertSettings;
  alerts_: AlertView[];
  emitEvent<E extends ApiEvent>(event: E, payload: ApiEvents[E]): void;
  listenerCount(event: ApiEvent): number;
}

export function fakeService(): FakeService {
  const events = new EventEmitter();
  const notHere = (method: string) => async (): Promise<never> => {
    throw new ApiFailure('not_found', `${method} is not part of this test`);
  };
  const svc: FakeService = {
    calls: [],
    status_: statusView(),
    settings_: { ...DEFAULT_SETTINGS, hasBrokerPassword: false, hasPlatformPassword: false, overriddenBy: {} },
    alertSettings_: DEFAULT_ALERT_SETTINGS,
    alerts_: [],
    async alerts(input) {
      svc.calls.push({ method: 'alerts', input });
      return svc.alerts_.filter((a) => input.state === undefined || a.state === input.state);
    },
    async alertSettings(input) {
      svc.calls.push({ method: 'alertSettings', input });
      return svc.alertSettings_;
    },
    async updateAlertSettings(input) {
      svc.calls.push({ method: 'updateAlertSettings', input });
      svc.alertSettings_ = input;
      return svc.alertSettings_;
    },
    async status(input) {
      svc.calls.push({ method: 'status', input });
      return svc.status_;
    },
    async setWorkerEnabled(input) {
      svc.calls.push({ method: 'setWorkerEnabled', input });
      svc.status_ = { ...svc.status_, enabled: input.enabled };
      return svc.status_;
    },
    async stopTask(input) {
      svc.calls.push({ method: 'stopTask', input });
      return { stopped: input.runId === 'run-1' };
    },
    async getSettings(input) {
      svc.calls.push({ method: 'getSettings', input });
      return svc.settings_;
    },
    async updateSettings(input) {
      svc.calls.push({ method: 'updateSettings', input });
      const { brokerPassword: _b, platformPassword: _p, ...rest } = input;
      svc.settings_ = { ...svc.settings_, ...rest };
      return { ...svc.settings_, workerRestarts: false };
    },
    queue: notHere('queue'),
    results: notHere('results'),
    result: notHere('result'),
    snapshot: notHere('snapshot'),
    trend: notHere('trend'),
    cameras: notHere('cameras'),
    saveCamera: notHere('saveCamera'),
    removeCamera: notHere('removeCamera'),
    importCameras: notHere('importCameras'),
    syncCameras: notHere('syncCameras'),
    baselines: notHere('baselines'),
    resetBaseline: notHere('resetBaseline'),
    diagnoseNow: notHere('diagnoseNow'),
    samples: notHere('samples'),
    logs: notHere('logs'),
    board: notHere('board'),
    acknowledgeAlert: notHere('acknowledgeAlert'),
    subscribe(event, listener) {
      events.on(event, listener);
      return () => {
        events.off(event, listener);
      };
    },
    emitEvent(event, payload) {
      events.emit(event, payload);
    },
    listenerCount(event) {
      return events.listenerCount(event);
    },
  };
  return svc;
}
