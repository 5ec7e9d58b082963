// Diagnosis vocabulary shared by the engine, the wire contract and the UI.

/** The platform's 14 diagnosis types, by their exact enum values (protocol.md). */
export const PLATFORM_CHECKS = [
  'brightness',
  'blue_screen',
  'clarity',
  'shake',
  'freeze',
  'color_cast',
  'occlusion',
  'noise',
  'contrast',
  'mosaic',
  'flower_screen',
  'signal_loss',
  'lens_dirty',
  'focus_blur',
] as const;

/** Checks the edge node adds beyond the platform's enum. */
export const EDGE_CHECKS = ['scene_change', 'stripe'] as const;

export const ALL_CHECKS = [...PLATFORM_CHECKS, ...EDGE_CHECKS] as const;

export type PlatformCheck = (typeof PLATFORM_CHECKS)[number];
export type CheckType = (typeof ALL_CHECKS)[number];

export function isCheckType(value: string): value is CheckType {
  return (ALL_CHECKS as readonly string[]).includes(value);
}

export const STATUSES = ['normal', 'warning', 'error', 'critical'] as const;
export type DiagnosisStatus = (typeof STATUSES)[number];

/** A message in both UI languages; operators read zh-CN first. */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

/** One check's verdict on one camera, as the engine produces it. */
export interface CheckResult {
  type: CheckType;
  status: DiagnosisStatus;
  /** 0..100: normal 60..100, warning 40..60, severe 0..40 (the platform's scale). */
  score: number;
  /** The thresholds this check used, after merging task config into the defaults. */
  threshold: Record<string, number>;
  /** The measured values. The headline value is `metrics.value`. */
  metrics: Record<string, number>;
  /** Facts in words beside the numbers (which baseline rule decided); result rows carry them in `metrics`. */
  labels?: Record<string, string>;
  message: LocalizedText;
  /** Wall time of this check in ms (shared intermediates are charged to the first check that needs them). */
  processingTimeMs: number;
  /** Set when the check could not run (bad source, unknown camera, task timed out). */
  error?: string;
  /** What was found, in more detail than the message (e.g. why a stream could not be opened). */
  detail?: string;
  /** Advice fitting this very finding, instead of the check's general suggestion (e.g. per failure reason). */
  advice?: LocalizedText;
}

/** A clear fault by the platform's thresholds: error or critical, not a warning. */
export function isSevere(result: CheckResult): boolean {
  return result.status === 'error' || result.status === 'critical';
}
