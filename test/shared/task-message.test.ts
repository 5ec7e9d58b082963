import { describe, expect, it } from 'vitest';
import { parseTaskEnvelope } from '../../shared/protocol/task-message.ts';

const platformEnvelope = {
  task_id: 12,
  task_type: 'diagnosis',
  created_at: '2025-08-13T08:00:00+00:00',
  priority: 8,
  data: {
    task_id: 12,
    task_type: 'diagnosis',
    camera_ids: [1, 2],
    diagnosis_types: ['brightness', 'clarity'],
    diagnosis_config: {},
    threshold_config: { threshold: 0.8 },
    scheduled_at: '2025-08-13T08:00:00+00:00',
    immediate: true,
  },
};

describe('parseTaskEnvelope', () => {
  it('refuses ids and times with lone surrogates, which would collide once stored (U+FFFD)', () => {
    for (const bad of ['"\\udfff"', '"\\ud800"', '"a\\ud800b"', '"\\udc00\\ud800"']) {
      const r = parseTaskEnvelope(JSON.parse(`{"task_id":${bad},"created_at":"2025-08-13T08:00:00Z","data":{"camera_ids":[1]}}`));
      expect(r.ok, bad).toBe(false);
      expect(!r.ok && r.reason).toMatch(/not valid Unicode/);
      const time = parseTaskEnvelope(JSON.parse(`{"task_id":1,"created_at":${bad},"data":{"camera_ids":[1]}}`));
      expect(time.ok, `created_at ${bad}`).toBe(false);
      const camera = parseTaskEnvelope(JSON.parse(`{"task_id":1,"created_at":"x","data":{"camera_ids":[${bad}]}}`));
      expect(camera.ok, `camera id ${bad}`).toBe(false);
    }
    // A proper pair (an emoji) is fine.
    expect(parseTaskEnvelope(JSON.parse('{"task_id":"cam-\\ud83d\\ude00","created_at":"x","data":{"camera_ids":[1]}}')).ok).toBe(true);
  });

  it("reads the platform's envelope", () => {
    const r = parseTaskEnvelope(platformEnvelope);
    expect(r).toEqual({
      ok: true,
      envelope: {
        taskId: 12,
        taskType: 'diagnosis',
        createdAt: '2025-08-13T08:00:00+00:00',
        scheduledAt: '2025-08-13T08:00:00+00:00',
        priority: 8,
        cameraIds: [1, 2],
        cameras: [],
        diagnosisTypes: ['brightness', 'clarity'],
        diagnosisConfig: {},
        thresholdConfig: { threshold: 0.8 },
        immediate: true,
      },
    });
  });

  it('accepts string ids, extra fields and inline cameras', () => {
    const r = parseTaskEnvelope({ task_id: 'abc', extra: 1, data: { camera_ids: ['c1'], cameras: [{ id: 'c1', stream_url: 'rtsp://h/x', vendor: 'hik' }], more: true } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.envelope.taskId).toBe('abc');
    expect(r.envelope.cameras[0]).toMatchObject({ id: 'c1', stream_url: 'rtsp://h/x', vendor: 'hik' });
  });

  it('unwraps an envelope nested inside data', () => {
    const nested = { task_id: 12, task_type: 'diagnosis', created_at: 'x', data: platformEnvelope };
    const r = parseTaskEnvelope(nested);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.envelope.cameraIds).toEqual([1, 2]);
  });

  it('rejects what is not a task, naming the field, and keeps a readable task_id', () => {
    expect(parseTaskEnvelope(null)).toMatchObject({ ok: false });
    expect(parseTaskEnvelope([1, 2])).toMatchObject({ ok: false });
    const noId = parseTaskEnvelope({ data: {} });
    expect(noId).toMatchObject({ ok: false, reason: expect.stringMatching(/task_id/) });
    const badCams = parseTaskEnvelope({ task_id: 7, data: { camera_ids: 'all' } });
    expect(badCams).toMatchObject({ ok: false, taskId: 7, reason: expect.stringMatching(/camera_ids/) });
    expect(parseTaskEnvelope({ task_id: 1.5 })).toMatchObject({ ok: false });
  });
});
