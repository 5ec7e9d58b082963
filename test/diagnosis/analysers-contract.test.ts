// The runChecks contract: results as the platform's table expects them, thresholds as the
// platform merges them, scores consistent with statuses, and features computed once per frame.
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, type CheckType } from '../../shared/diagnosis/types.ts';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../shared/diagnosis/thresholds.ts';
import { levelThresholds } from '../../shared/diagnosis/level-thresholds.ts';
import { runChecks } from '../../main/core/diagnosis/analysers/run-checks.ts';
import { ANALYSERS } from '../../main/core/diagnosis/analysers/registry.ts';
import { FrameFeatures } from '../../main/core/diagnosis/features/frame-features.ts';
import { statusFromScore } from '../../main/core/diagnosis/scoring.ts';
import { clip, lavfi, material } from '../support/material.ts';

const street = () => material({ input: clip('vtest.avi', 5), count: 2, fps: 1 });
const HAN = /[\u4e00-\u9fff]/;

describe('runChecks results', () => {
  it('has one analyser per check type, each declaring what frames it needs', () => {
    for (const type of ALL_CHECKS) {
      expect(ANALYSERS[type].type).toBe(type);
      expect(['single', 'window', 'reference']).toContain(ANALYSERS[type].need);
    }
    expect(ANALYSERS.freeze.need).toBe('window');
    expect(ANALYSERS.shake.need).toBe('window');
    expect(ANALYSERS.scene_change.need).toBe('reference');
  });

  it('reports every requested check, in order, with threshold, metrics, a bilingual message and a time', () => {
    const frames = street();
    const results = runChecks(ALL_CHECKS, { frames, decodeErrors: 0, reference: frames[0]! }, {});
    expect(results.map((r) => r.type)).toEqual([...ALL_CHECKS]);
    for (const r of results) {
      if (r.type === 'contrast') {
        // The contrast limit asks a picture below mid grey for the spread its light allows (level-thresholds.ts).
        const used = levelThresholds('contrast', DEFAULT_THRESHOLDS.contrast, r.metrics.meanLuma);
        expect(r.threshold.contrast_min).toBeCloseTo(used.contrast_min!, 1);
      } else expect(r.threshold).toEqual(DEFAULT_THRESHOLDS[r.type]);
      expect(Number.isFinite(r.metrics.value)).toBe(true);
      for (const v of Object.values(r.metrics)) expect(Number.isFinite(v)).toBe(true);
      expect(r.message['zh-CN']).toMatch(HAN);
      expect(r.message.en).toMatch(/[a-z]/i);
      expect(r.processingTimeMs).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      expect(r.status).toBe(statusFromScore(r.score));
      expect(r.error).toBeUndefined();
    }
  });

  it('gives faults scores in the warning/severe bands and the fault message', () => {
    const [r] = runChecks(['brightness'], { frames: material({ input: lavfi('color=c=0x101010:s=640x360') }), decodeErrors: 0 }, {});
    expect(r!.score).toBeLessThan(60);
    expect(r!.status).not.toBe('normal');
    expect(r!.message['zh-CN']).toContain('画面过暗');
    expect(r!.message.en).toContain('too dark');
  });

  it('reports an error result per check when no frame was decoded', () => {
    const results = runChecks(['brightness', 'freeze'], { frames: [], decodeErrors: 3 }, {});
    for (const r of results) {
      expect(r.error).toBeTruthy();
      expect(r.status).toBe('critical');
      expect(r.score).toBe(0);
    }
  });
});

describe('thresholds from the check side', () => {
  const frames = street();

  it('a task brightness_min above the scene mean turns a normal picture into "too dark"', () => {
    const [plain] = runChecks(['brightness'], { frames, decodeErrors: 0 }, {});
    expect(plain!.status).toBe('normal');
    const mean = plain!.metrics.value!;
    const [strict] = runChecks(['brightness'], { frames, decodeErrors: 0 }, { brightness: { brightness_min: mean * 1.5 } });
    expect(strict!.status).not.toBe('normal');
    // The unset key is filled from the defaults and both are reported as the threshold used.
    expect(strict!.threshold).toEqual({ brightness_min: mean * 1.5, brightness_max: 220 });
  });

  it("the platform's scalar threshold maps to clarity_min = t*100, and a per-type object overrides it", () => {
    const clarityMin = mergeThresholds('clarity', {}, { threshold: 50 });
    expect(clarityMin).toEqual({ clarity_min: 5000 });
    const [strict] = runChecks(['clarity'], { frames, decodeErrors: 0 }, { clarity: clarityMin });
    expect(strict!.status).not.toBe('normal');
    const overridden = mergeThresholds('clarity', {}, { threshold: 50, clarity: { clarity_min: 100 } });
    const [relaxed] = runChecks(['clarity'], { frames, decodeErrors: 0 }, { clarity: overridden });
    expect(relaxed!.status).toBe('normal');
    expect(relaxed!.threshold.clarity_min).toBe(100);
  });

  it('diagnosis_config values reach the check (a stricter noise_max flags ordinary grain)', () => {
    const noisy = material({ input: clip('vtest.avi', 5), fault: 'noise=alls=12:allf=t' });
    const [plain] = runChecks(['noise'], { frames: noisy, decodeErrors: 0 }, {});
    expect(plain!.status).toBe('normal');
    const [strict] = runChecks(['noise'], { frames: noisy, decodeErrors: 0 }, { noise: mergeThresholds('noise', { noise: { noise_max: 3 } }) });
    expect(strict!.status).not.toBe('normal');
  });
});

describe('window and reference checks with too little to compare', () => {
  it('freeze and shake on one frame are normal and say frames=1', () => {
    const [one] = street();
    for (const r of runChecks(['freeze', 'shake'], { frames: [one!], decodeErrors: 0 }, {})) {
      expect(r.status).toBe('normal');
      expect(r.metrics.frames).toBe(1);
    }
  });

  it('scene_change without a reference is normal with a note', () => {
    const [r] = runChecks(['scene_change'], { frames: street(), decodeErrors: 0 }, {});
    expect(r!.status).toBe('normal');
    expect(r!.metrics.hasReference).toBe(0);
  });
});

describe('features', () => {
  it('are computed once per frame and shared by every check', () => {
    const [frame] = street();
    const features = new FrameFeatures(frame!);
    expect(features.planes).toBe(features.planes);
    expect(features.gradients).toBe(features.gradients);
    expect(features.colour).toBe(features.colour);
    expect(features.thumbnail).toBe(features.thumbnail);
  });

  it('measure at about 640 px wide whatever the camera resolution, so thresholds keep their meaning', () => {
    const small = material({ input: clip('vtest.avi', 5), width: 2000, fault: 'scale=640:360' });
    const large = material({ input: clip('vtest.avi', 5), width: 2000, fault: 'scale=1920:1080' });
    expect(new FrameFeatures(large[0]!).planes.width).toBe(640);
    // Not noise: it is read in the camera's own pixels (test/diagnosis/noise-resolution.test.ts), and
    // this 1920 picture is the 640 one upscaled, with no grain of its own at that scale.
    const types: CheckType[] = ['brightness', 'clarity', 'contrast', 'focus_blur'];
    const a = runChecks(types, { frames: small, decodeErrors: 0 }, {});
    const b = runChecks(types, { frames: large, decodeErrors: 0 }, {});
    for (let i = 0; i < types.length; i++) {
      expect(b[i]!.status, types[i]).toBe(a[i]!.status);
      const va = a[i]!.metrics.value!;
      const vb = b[i]!.metrics.value!;
      expect(Math.abs(va - vb) / Math.max(va, vb, 1e-9), `${types[i]} ${va} vs ${vb}`).toBeLessThan(0.25);
    }
  });

  it('scale clarity to a 640 px wide picture when the camera sends fewer pixels', () => {
    const cif = material({ input: clip('vtest.avi', 5), width: 384 });
    const d1 = material({ input: clip('vtest.avi', 5), width: 640 });
    const [a] = runChecks(['clarity'], { frames: cif, decodeErrors: 0 }, {});
    const [b] = runChecks(['clarity'], { frames: d1, decodeErrors: 0 }, {});
    expect(a!.metrics.analysisWidth).toBe(384);
    // The raw Laplacian variance of the smaller picture is about (640/384)^2 times higher; the value is not.
    expect(a!.metrics.laplacianVariance! / b!.metrics.laplacianVariance!).toBeGreaterThan(2);
    expect(Math.abs(a!.metrics.value! - b!.metrics.value!) / b!.metrics.value!).toBeLessThan(0.2);
  });
});
