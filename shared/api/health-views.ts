// What the UI sees of camera health and alerts: the board's rows and the alerts' history.
import type { AlertSeverity } from '../alerts/alert-settings.ts';
import type { DiagnosisStatus } from '../diagnosis/types.ts';

/** A camera's confirmed state; `unknown` until its first run (or a run since this version). */
export type HealthState = 'unknown' | 'normal' | 'abnormal';

/** One run of a camera, for the sparkline: its worst status and lowest score. */
export interface HealthPoint {
  at: number;
  status: DiagnosisStatus;
  score: number;
}

export interface BoardCameraView {
  cameraId: number | string;
  name: string;
  code: string | null;
  location: string | null;
  /** `extra.group` of the inventory camera, when it has one. */
  group: string | null;
  inInventory: boolean;
  state: HealthState;
  /** When the confirmed state began (ms); null while unknown. */
  since: number | null;
  lastChecked: number | null;
  /** Worst status of the latest run and its check (the abnormal one when there is one). */
  worstStatus: DiagnosisStatus | null;
  worstCheck: string | null;
  message: string | null;
  /** Runs in a row that disagree with the confirmed state, and which way they point. */
  pending: { toward: 'abnormal' | 'normal'; runs: number } | null;
  /** Oldest first, at most 20. */
  recent: HealthPoint[];
  openAlertId: number | null;
}

export type AlertState = 'open' | 'acknowledged' | 'resolved';

export interface AlertView {
  id: number;
  cameraId: number | string;
  cameraName: string;
  severity: AlertSeverity;
  state: AlertState;
  /** The check and its finding on the run that confirmed the fault. */
  check: string;
  message: string | null;
  /** A result of that run with a snapshot (see the `snapshot` method), when one was kept. */
  snapshotResultId: number | null;
  openedAt: number;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  note: string | null;
  resolvedAt: number | null;
}

/** Pushed when a camera's health or an alert changed. */
export interface HealthEvent {
  cameras: BoardCameraView[];
  /** `escalated`: an unresolved alert's camera got worse (a higher severity); it is open again. */
  alerts: Array<{ alert: AlertView; change: 'opened' | 'escalated' | 'acknowledged' | 'resolved' }>;
  /** Cameras with an open (not yet acknowledged) alert, after the change. */
  attention: number;
}
