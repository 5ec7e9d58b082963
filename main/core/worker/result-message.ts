// The result envelope the platform consumes (protocol.md), with the edge node's additions.
import { createHash } from 'node:crypto';
import type { Finding } from '../../../shared/diagnosis/finding.ts';
import type { DiagnosisResultRow } from '../../../shared/protocol/result-row.ts';
import type { TaskEnvelope } from '../../../shared/protocol/task-message.ts';
import { findingsOf, rowKey, summariseDiagnoses, type Language } from '../diagnosis/result-rows.ts';
import type { TaskOutcome } from './task-runner.ts';

export interface ResultMessage {
  /** Stable per run and worker, so a re-sent result carries the same id and consumers can drop it. */
  messageId: string;
  body: Record<string, unknown>;
}

/** AMQP's message_id is a short string: at most 255 bytes, or amqplib refuses to publish it. */
const MAX_MESSAGE_ID_BYTES = 255;

export function resultMessageId(workerId: string, runId: string): string {
  const id = `${workerId}:${runId}`;
  if (Buffer.byteLength(id, 'utf8') <= MAX_MESSAGE_ID_BYTES) return id;
  // A long task_id / created_at (up to 200 + 64 characters, any script) would never be publishable;
  // a hash of the run id is just as stable across re-sends.
  return `${workerId}:run-sha256:${createHash('sha256').update(runId).digest('hex')}`;
}

function unknownTypeRows(outcome: TaskOutcome): DiagnosisResultRow[] {
  const rows: DiagnosisResultRow[] = [];
  for (const d of outcome.diagnoses) {
    for (const name of outcome.plan.unknownTypes) {
      rows.push({
        camera_id: d.camera.id ?? null,
        camera_name: d.camera.name ?? '',
        diagnosis_type: name,
        diagnosis_status: 'error',
        score: 0,
        threshold: null,
        thresholds: {},
        is_abnormal: true,
        processing_time: 0,
        error_message: `unknown diagnosis type: ${name}`,
        suggestions: [],
        metrics: {},
        image_timestamp: null,
      });
    }
  }
  return rows;
}

/** The finding of every row the result message holds, by rowKey, to be stored with the rows. */
export function resultFindings(outcome: TaskOutcome): Map<string, Finding> {
  const findings = findingsOf(outcome.diagnoses);
  for (const d of outcome.diagnoses) {
    for (const name of outcome.plan.unknownTypes) {
      findings.set(rowKey(d.camera.id ?? null, name), {
        message: { 'zh-CN': `未知的诊断类型：${name}`, en: `Unknown diagnosis type: ${name}` },
        suggestions: [],
        detail: `unknown diagnosis type: ${name}`,
      });
    }
  }
  return findings;
}

export function buildResultMessage(args: {
  workerId: string;
  runId: string;
  envelope: TaskEnvelope;
  outcome: TaskOutcome;
  timeoutS: number;
  lang?: Language;
  completedAt?: Date;
}): ResultMessage {
  const { workerId, runId, envelope, outcome } = args;
  const body = summariseDiagnoses(outcome.diagnoses, args.lang ?? 'zh-CN');
  const extra = unknownTypeRows(outcome);
  body.results.push(...extra);
  body.results_count += extra.length;
  body.error_count += extra.length;
  if (outcome.end === 'timed_out') {
    body.success = false;
    body.error = `task timed out after ${args.timeoutS} s; unfinished cameras are reported as timed out`;
  } else if (outcome.end === 'stopped') {
    body.success = false;
    body.error = 'task stopped on this worker';
  } else if (outcome.diagnoses.length === 0 && outcome.skipped.length > 0) {
    body.success = false;
    body.error = `no active camera: ${outcome.skipped.length} inactive on the platform, skipped`;
  } else if (outcome.diagnoses.length === 0) {
    body.success = false;
    body.error = 'the task names no camera (camera_ids and cameras are empty)';
  } else if (outcome.plan.types.length === 0) {
    body.success = false;
    body.error = `no known diagnosis type in ${JSON.stringify(outcome.plan.unknownTypes)}`;
  }
  if (outcome.skipped.length > 0) body.skipped_cameras = outcome.skipped;
  return {
    messageId: resultMessageId(workerId, runId),
    body: {
      task_id: envelope.taskId,
      worker_id: workerId,
      run_id: runId,
      created_at: envelope.createdAt ?? null,
      scheduled_at: envelope.scheduledAt ?? null,
      result: body,
      completed_at: (args.completedAt ?? new Date()).toISOString(),
    },
  };
}

/** The platform's failure form, for a task that could not be run at all (e.g. an invalid message). */
export function failureMessage(workerId: string, runId: string, taskId: number | string, error: string): ResultMessage {
  return {
    messageId: resultMessageId(workerId, runId),
    body: { task_id: taskId, worker_id: workerId, run_id: runId, result: { success: false, error }, completed_at: new Date().toISOString() },
  };
}
