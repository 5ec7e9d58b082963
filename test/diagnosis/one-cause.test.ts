// One problem, one row: on real faulty material the camera gets one abnormal row, its cause, and
// the checks the cause explains are "not assessed". Printed: the collateral rows this removes
// (before = every check judged alone, as the engine did without the camera verdict).
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, type CheckResult, type CheckType } from '../../shared/diagnosis/types.ts';
import type { FrameSet } from '../../main/core/diagnosis/frame.ts';
import { runChecks } from '../../main/core/diagnosis/analysers/run-checks.ts';
import { CAUSES } from '../../main/core/diagnosis/verdict/causes.ts';
import { oneCausePerCamera } from '../../main/core/diagnosis/verdict/one-cause.ts';
import { clip, lavfi, material, photo } from '../support/material.ts';

const STREET = clip('vtest.avi', 5);
const BUILDING = photo('building.jpg');

interface Fault {
  name: string;
  /** The one abnormal row, and the cause key its implied checks name. */
  cause: CheckType;
  key: string;
  set: () => FrameSet;
}

function windowed(input: string[], fault?: string): FrameSet {
  const frames = material({ input, count: 3, fps: 1, ...(fault ? { fault } : {}) });
  return { frames, decodeErrors: 0, reference: material({ input: STREET })[0]! };
}

const FAULTS: Fault[] = [
  { name: 'blue screen (lavfi color=blue)', cause: 'blue_screen', key: 'blue_screen', set: () => windowed(lavfi('color=c=blue:s=640x360')) },
  { name: 'black picture', cause: 'signal_loss', key: 'signal_loss', set: () => windowed(lavfi('color=c=black:s=640x360')) },
  { name: 'dark street (eq brightness -0.6)', cause: 'brightness', key: 'too_dark', set: () => windowed(STREET, 'eq=brightness=-0.6') },
  { name: 'dark building photo (eq brightness -0.6)', cause: 'brightness', key: 'too_dark', set: () => ({ frames: material({ input: BUILDING, fault: 'eq=brightness=-0.6' }), decodeErrors: 0 }) },
  { name: 'overexposed street (eq brightness +0.6)', cause: 'brightness', key: 'too_bright', set: () => windowed(STREET, 'eq=brightness=0.6') },
  // Blank, but white: overexposed to clipping, not a lost signal (that is black, grey or snow).
  { name: 'street overexposed to white (eq brightness +1)', cause: 'brightness', key: 'too_bright', set: () => windowed(STREET, 'eq=brightness=1') },
  { name: 'frozen street', cause: 'freeze', key: 'freeze', set: () => windowed(STREET, 'loop=loop=-1:size=1:start=0') },
  { name: 'street lens 85% covered (dark box)', cause: 'occlusion', key: 'occlusion', set: () => windowed(STREET, 'drawbox=x=0:y=0:w=iw*0.85:h=ih:color=0x101010@1:t=fill') },
  {
    name: 'building lens covered by a dark blurred object',
    cause: 'occlusion',
    key: 'occlusion',
    set: () => ({ frames: material({ input: BUILDING, fault: 'split[a][b];[b]crop=iw*0.9:ih:0:0,gblur=sigma=30,eq=brightness=-0.4[c];[a][c]overlay=0:0' }), decodeErrors: 0 }),
  },
  // A veil lifts the picture toward a bright glow and softens it: the flat, soft picture is the veil's.
  {
    name: 'building behind a fogged lens (blur, levels lifted toward white)',
    cause: 'lens_dirty',
    key: 'lens_veil',
    set: () => ({ frames: material({ input: BUILDING, fault: "gblur=sigma=1.5,lutrgb=r='val*0.3+150':g='val*0.3+150':b='val*0.3+150'" }), decodeErrors: 0 }),
  },
  // Squeezed around mid grey: the lifted black level is the compression's, not a veil's.
  { name: 'washed-out street (eq contrast 0.2)', cause: 'contrast', key: 'low_contrast', set: () => windowed(STREET, 'eq=contrast=0.2') },
];

/** A measured row with the given status, for the implication rules alone. */
function row(type: CheckType, status: CheckResult['status']): CheckResult {
  return { type, status, score: status === 'normal' ? 90 : 50, threshold: {}, metrics: { value: 1 }, message: { 'zh-CN': '', en: '' }, processingTimeMs: 0 };
}

/** A picture with a dark part and lit highlights: neither dark nor bright all over. */
const levels = () => ({ p10: 20, p90: 200, p95: 220, p99: 240 });

function abnormal(results: CheckResult[]): string[] {
  return results.filter((r) => r.status !== 'normal').map((r) => r.type);
}

/** Each check judged on its own: what the engine reported before the camera verdict. */
function alone(set: FrameSet): CheckResult[] {
  return ALL_CHECKS.map((type) => runChecks([type], set, {})[0]!);
}

function implied(key: string): Set<CheckType> {
  return new Set(CAUSES.find((c) => c.key === key)!.implies.flatMap((i) => i.checks));
}

describe('one abnormal row per fault', () => {
  const removed: string[] = [];
  for (const fault of FAULTS) {
    it(fault.name, () => {
      const set = fault.set();
      const before = abnormal(alone(set));
      const results = runChecks(ALL_CHECKS, set, {});
      expect(before, 'the fault is found when its check is judged alone').toContain(fault.cause);
      expect(abnormal(results)).toEqual([fault.cause]);
      expect(results.find((r) => r.type === fault.cause)!.metrics.dominant_cause).toBe(1);
      const expected = implied(fault.key);
      for (const r of results) {
        if (!expected.has(r.type)) {
          expect(r.metrics.not_assessed, r.type).toBeUndefined();
          continue;
        }
        expect(r.status, r.type).toBe('normal');
        expect(r.score, r.type).toBeGreaterThanOrEqual(60);
        expect(r.metrics.not_assessed, r.type).toBe(1);
        expect(r.metrics[`not_assessed_by_${fault.key}`], r.type).toBe(1);
        expect(r.message.en, r.type).toMatch(/^Not assessed: /);
        expect(r.message['zh-CN'], r.type).toMatch(/^未评估：/);
      }
      removed.push(`${fault.name}: ${before.length - 1} collateral rows before (${before.filter((t) => t !== fault.cause).join(', ') || 'none'}), 0 after`);
    });
  }
  it('prints the collateral rows removed', () => {
    console.log(`Collateral abnormal rows per fault clip (before = each check alone):\n${removed.join('\n')}`);
  });
});

describe('what stays as it was', () => {
  it('a healthy photo and the healthy street are unaffected', () => {
    for (const set of [{ frames: material({ input: BUILDING }), decodeErrors: 0 }, windowed(STREET)]) {
      const results = runChecks(ALL_CHECKS, set, {});
      expect(abnormal(results)).toEqual([]);
      expect(results.filter((r) => r.metrics.not_assessed === 1 || r.metrics.dominant_cause === 1)).toEqual([]);
      expect(results.map((r) => r.score)).toEqual(alone(set).map((r) => r.score));
    }
  });

  it('a fault that is not a cause keeps its own check abnormal among all 16', () => {
    const faults: Array<[CheckType, FrameSet]> = [
      ['clarity', { frames: material({ input: STREET, fault: 'gblur=sigma=4' }), decodeErrors: 0 }],
      ['noise', { frames: material({ input: STREET, fault: 'noise=alls=40:allf=t' }), decodeErrors: 0 }],
      ['color_cast', { frames: material({ input: STREET, fault: 'colorbalance=rs=0.5:rm=0.5:rh=0.3:bs=-0.4:bm=-0.4' }), decodeErrors: 0 }],
      ['mosaic', { frames: material({ input: STREET, fault: 'scale=iw/16:ih/16,scale=iw*16:ih*16:flags=neighbor' }), decodeErrors: 0 }],
      ['stripe', { frames: material({ input: STREET, fault: "format=yuv420p,geq=lum='clip(lum(X,Y)+25*sin(2*PI*Y/9),0,255)':cb='cb(X,Y)':cr='cr(X,Y)'" }), decodeErrors: 0 }],
      // A fogged lens raises the picture's level: the veil is its own fault, never implied by brightness.
      ['lens_dirty', { frames: material({ input: STREET, fault: "lutrgb=r='val*0.25+190':g='val*0.25+190':b='val*0.25+190'" }), decodeErrors: 0 }],
      ['shake', windowed(STREET, "crop=iw-48:ih-48:x='24+20*sin(n*2.1)':y='24+16*cos(n*2.7)'")],
    ];
    for (const [type, set] of faults) {
      const own = runChecks(ALL_CHECKS, set, {}).find((r) => r.type === type)!;
      expect(own.status, `${type}: ${own.message.en}`).not.toBe('normal');
    }
  });

  it('a mere warning of occlusion (perhaps a dark part of the scene) silences nothing', () => {
    const warned = oneCausePerCamera([row('occlusion', 'warning'), row('noise', 'warning'), row('brightness', 'warning')], levels);
    expect(warned.filter((r) => r.metrics.not_assessed === 1)).toEqual([]);
    // The same rows under a clear cover: the ones it explains are not assessed.
    const covered = oneCausePerCamera([row('occlusion', 'error'), row('noise', 'warning'), row('brightness', 'warning')], levels);
    expect(covered.filter((r) => r.metrics.not_assessed === 1).map((r) => r.type).sort()).toEqual(['brightness', 'noise']);
  });

  it('a clear shake explains a soft picture (motion smear) and grain between frames; a mere warning of shake only its grain', () => {
    const shaking = oneCausePerCamera([row('shake', 'error'), row('clarity', 'warning'), row('focus_blur', 'warning'), row('noise', 'warning'), row('contrast', 'warning')], levels);
    expect(shaking.filter((r) => r.metrics.not_assessed_by_shake === 1).map((r) => r.type).sort()).toEqual(['clarity', 'focus_blur', 'noise']);
    expect(abnormal(shaking).sort()).toEqual(['contrast', 'shake']);
    const jitter = oneCausePerCamera([row('shake', 'warning'), row('clarity', 'warning'), row('focus_blur', 'warning')], levels);
    expect(jitter.filter((r) => r.metrics.not_assessed === 1)).toEqual([]);
    // A mild shake still moves the picture between frames: it explains grain between them.
    const mild = oneCausePerCamera([row('shake', 'warning'), row('noise', 'warning')], levels);
    expect(mild.filter((r) => r.metrics.not_assessed_by_shake === 1).map((r) => r.type)).toEqual(['noise']);
  });

  it('a veil over the whole picture explains its low contrast and soft edges; a smudge explains nothing', () => {
    const veiled = (veil: number, smudge: number): CheckResult => ({ ...row('lens_dirty', 'warning'), metrics: { value: Math.max(veil, smudge), veil, smudge } });
    const others = [row('contrast', 'warning'), row('clarity', 'warning'), row('focus_blur', 'warning'), row('noise', 'warning')];
    const fogged = oneCausePerCamera([veiled(0.45, 0), ...others], levels);
    expect(fogged.filter((r) => r.metrics.not_assessed_by_lens_veil === 1).map((r) => r.type).sort()).toEqual(['clarity', 'contrast', 'focus_blur']);
    expect(abnormal(fogged).sort()).toEqual(['lens_dirty', 'noise']);
    const smudged = oneCausePerCamera([veiled(0.1, 0.4), ...others], levels);
    expect(smudged.filter((r) => r.metrics.not_assessed_by_lens_veil === 1)).toEqual([]);
  });

  it('a blurred picture explains its lost contrast; low contrast explains hazy-looking blocks', () => {
    const blurred = oneCausePerCamera([row('clarity', 'warning'), row('contrast', 'warning'), row('focus_blur', 'warning')], levels);
    expect(blurred.filter((r) => r.metrics.not_assessed === 1).map((r) => r.type)).toEqual(['contrast']);
    const hazy: CheckResult = { ...row('lens_dirty', 'warning'), metrics: { value: 0.35, veil: 0.05, smudge: 0.35 } };
    const flat = oneCausePerCamera([row('contrast', 'error'), hazy, row('noise', 'warning')], levels);
    expect(flat.filter((r) => r.metrics.not_assessed_by_low_contrast === 1).map((r) => r.type)).toEqual(['lens_dirty']);
  });

  it('a mere warning of blur alone names no cause (a soft scene reads so), so a first run holds it back like any warning', () => {
    const soft = oneCausePerCamera([row('clarity', 'warning'), row('focus_blur', 'warning'), row('noise', 'normal')], levels);
    expect(soft.find((r) => r.type === 'clarity')!.metrics.dominant_cause).toBeUndefined();
    const blurred = oneCausePerCamera([row('clarity', 'error'), row('focus_blur', 'error')], levels);
    expect(blurred.find((r) => r.type === 'clarity')!.metrics.dominant_cause).toBe(1);
  });

  it('interference stripes explain the smeared blocks the garbled-picture measure sees, nothing else', () => {
    const striped = oneCausePerCamera([row('stripe', 'warning'), row('flower_screen', 'error'), row('noise', 'warning')], levels);
    expect(striped.filter((r) => r.metrics.not_assessed_by_stripe === 1).map((r) => r.type)).toEqual(['flower_screen']);
    expect(abnormal(striped).sort()).toEqual(['noise', 'stripe']);
  });

  it('a stream the decoder found corrupt explains what its garbage blocks look like; smeared blocks alone explain nothing', () => {
    const garbled = (decodeErrors: number) => ({ ...row('flower_screen', 'warning'), metrics: { value: 0.45, decodeErrors } });
    const corrupt = oneCausePerCamera([garbled(18), row('mosaic', 'warning'), row('noise', 'warning'), row('shake', 'warning'), row('freeze', 'error')], levels);
    expect(corrupt.filter((r) => r.metrics.not_assessed_by_flower_screen === 1).map((r) => r.type).sort()).toEqual(['mosaic', 'noise', 'shake']);
    expect(abnormal(corrupt).sort()).toEqual(['flower_screen', 'freeze']);
    const smeared = oneCausePerCamera([garbled(0), row('noise', 'warning')], levels);
    expect(smeared.filter((r) => r.metrics.not_assessed === 1)).toEqual([]);
  });

  it('clear blocking explains the smeared blocks and the lost detail; a faint grid silences nothing', () => {
    const blocky = oneCausePerCamera([row('mosaic', 'error'), row('flower_screen', 'warning'), row('clarity', 'warning'), row('noise', 'warning')], levels);
    expect(blocky.filter((r) => r.metrics.not_assessed_by_mosaic === 1).map((r) => r.type).sort()).toEqual(['clarity', 'flower_screen']);
    expect(abnormal(blocky).sort()).toEqual(['mosaic', 'noise']);
    const faint = oneCausePerCamera([row('mosaic', 'warning'), row('flower_screen', 'warning')], levels);
    expect(faint.filter((r) => r.metrics.not_assessed === 1)).toEqual([]);
  });

  it('a cover that darkens the picture is the cause when the rest is clearly lit; a picture dark all over is too dark', () => {
    const darkAllOver = () => ({ p10: 2, p90: 40, p95: 50, p99: 60 });
    const dark = { ...row('brightness', 'warning'), threshold: { brightness_min: 30 }, metrics: { value: 24 } };
    const cover = (uncoveredLuma: number) => ({ ...row('occlusion', 'warning'), metrics: { value: 0.57, uncoveredLuma } });
    const covered = oneCausePerCamera([dark, cover(45), row('contrast', 'warning')], darkAllOver);
    expect(abnormal(covered)).toEqual(['occlusion']);
    expect(covered.find((r) => r.type === 'brightness')!.metrics.not_assessed_by_occlusion).toBe(1);
    const unlit = oneCausePerCamera([dark, cover(20), row('contrast', 'warning')], darkAllOver);
    expect(abnormal(unlit)).toEqual(['brightness']);
    expect(unlit.find((r) => r.type === 'occlusion')!.metrics.not_assessed_by_too_dark).toBe(1);
  });

  it('clear noise explains a picture whose sharpness cannot be judged; a mere warning of noise silences nothing', () => {
    const noisy = oneCausePerCamera([row('noise', 'critical'), row('clarity', 'error'), row('focus_blur', 'error'), row('contrast', 'warning')], levels);
    expect(noisy.filter((r) => r.metrics.not_assessed_by_noise === 1).map((r) => r.type).sort()).toEqual(['clarity', 'focus_blur']);
    expect(abnormal(noisy).sort()).toEqual(['contrast', 'noise']);
    const grain = oneCausePerCamera([row('noise', 'warning'), row('clarity', 'warning')], levels);
    expect(grain.filter((r) => r.metrics.not_assessed === 1)).toEqual([]);
  });

  it('a picture only just too dark does not explain a critical grain, a veil only just seen no severe blur', () => {
    const darkAllOver = () => ({ p10: 2, p90: 40, p95: 50, p99: 60 });
    const dark = (status: 'warning' | 'error') => ({ ...row('brightness', status), threshold: { brightness_min: 30 }, metrics: { value: 24 } });
    // The eval's floodlit launch pad at night with heavy grain: luma 30 against 30, noise 47 against 15.
    const grainy = oneCausePerCamera([dark('warning'), row('noise', 'critical'), row('clarity', 'warning')], darkAllOver);
    expect(grainy.filter((r) => r.metrics.dominant_cause === 1).map((r) => r.type)).toEqual(['noise']);
    expect(abnormal(grainy).sort()).toEqual(['brightness', 'noise']);
    // Far too dark, it is the cause of the grain its gain makes.
    const black = oneCausePerCamera([dark('error'), row('noise', 'critical')], darkAllOver);
    expect(abnormal(black)).toEqual(['brightness']);
    const veil: CheckResult = { ...row('lens_dirty', 'warning'), metrics: { value: 0.32, veil: 0.32, smudge: 0 } };
    const blurred = oneCausePerCamera([veil, row('clarity', 'error'), row('contrast', 'warning')], levels);
    expect(blurred.filter((r) => r.metrics.dominant_cause === 1).map((r) => r.type)).toEqual(['clarity']);
    expect(abnormal(blurred).sort()).toEqual(['clarity', 'lens_dirty']);
  });

  it('a check asked for alone is judged on its own', () => {
    const blue = windowed(lavfi('color=c=blue:s=640x360'));
    const [contrast] = runChecks(['contrast'], blue, {});
    expect(contrast!.status).not.toBe('normal');
    expect(contrast!.metrics.not_assessed).toBeUndefined();
  });

  it('a fault the cause does not explain keeps its own row', () => {
    // Interference bars on a dark picture: darkness does not make stripes.
    const set = { frames: material({ input: STREET, fault: "eq=brightness=-0.5,format=yuv420p,geq=lum='clip(lum(X,Y)+25*sin(2*PI*Y/9),0,255)':cb='cb(X,Y)':cr='cr(X,Y)'" }), decodeErrors: 0 };
    const results = runChecks(['brightness', 'stripe', 'clarity', 'contrast'], set, {});
    expect(abnormal(results)).toEqual(expect.arrayContaining(['brightness', 'stripe']));
    expect(results.find((r) => r.type === 'stripe')!.metrics.not_assessed).toBeUndefined();
  });
});

describe('the implication table', () => {
  it('names a reason for every implied check, never the cause itself, each once', () => {
    for (const cause of CAUSES) {
      const checks = cause.implies.flatMap((i) => i.checks);
      expect(new Set(checks).size, cause.key).toBe(checks.length);
      expect(checks, cause.key).not.toContain(cause.check);
      for (const i of cause.implies) {
        expect(i.reason.en.length).toBeGreaterThan(0);
        expect(i.reason['zh-CN'].length).toBeGreaterThan(0);
      }
    }
  });
});
