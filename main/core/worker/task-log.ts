// The lines a task run leaves in the log (and so on the Logs page): its start, its end with the
// cameras found abnormal, and each camera that could not be diagnosed, by name and reason.
import type { CameraDiagnosis } from '../diagnosis/camera-probe.ts';
import type { TaskEnd } from './task-runner.ts';

/** Abnormal cameras named in one end line; the rest are counted. */
const NAMED_CAMERAS = 10;

function cameraLabel(d: CameraDiagnosis): string {
  const name = d.camera.name ?? '';
  const id = d.camera.id === undefined ? '' : String(d.camera.id);
  return name !== '' && name !== id ? `${name} (${id})` : name || id;
}

export function taskStartLine(taskId: number | string, runId: string, cameras: number): string {
  return `task ${String(taskId)} started: ${cameras} camera${cameras === 1 ? '' : 's'} (run ${runId})`;
}

export function taskEndLine(taskId: number | string, status: string, end: TaskEnd, diagnoses: readonly CameraDiagnosis[], elapsedMs: number): string {
  const abnormal = diagnoses.filter((d) => d.results.some((r) => r.status !== 'normal'));
  const named = abnormal.slice(0, NAMED_CAMERAS).map((d) => {
    const checks = d.results.filter((r) => r.status !== 'normal').map((r) => r.type);
    return `${cameraLabel(d)}: ${checks.join(', ')}`;
  });
  const more = abnormal.length > NAMED_CAMERAS ? `; and ${abnormal.length - NAMED_CAMERAS} more` : '';
  const verdict = abnormal.length === 0 ? 'none abnormal' : `${abnormal.length} abnormal: ${named.join('; ')}${more}`;
  const how = end === 'timed_out' ? 'timed out' : status;
  return `task ${String(taskId)} ${how} in ${(elapsedMs / 1000).toFixed(1)} s: ${diagnoses.length} camera${diagnoses.length === 1 ? '' : 's'}, ${verdict}`;
}

/** One line per camera that gave no picture or was not diagnosed at all. */
export function cameraFailureLines(taskId: number | string, diagnoses: readonly CameraDiagnosis[]): string[] {
  const lines: string[] = [];
  for (const d of diagnoses) {
    if (d.ok) continue;
    const reason = d.failure ? `${d.failure.kind}: ${d.failure.message}` : (d.results.find((r) => r.error !== undefined)?.error ?? 'not diagnosed');
    lines.push(`task ${String(taskId)}: camera ${cameraLabel(d)} could not be diagnosed: ${reason}`);
  }
  return lines;
}
