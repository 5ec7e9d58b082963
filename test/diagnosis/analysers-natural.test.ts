// Healthy natural material must pass every check: a false alarm costs operators the most.
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, type CheckType } from '../../shared/diagnosis/types.ts';
import { runChecks } from '../../main/core/diagnosis/analysers/run-checks.ts';
import type { CheckResult } from '../../shared/diagnosis/types.ts';
import { clip, material, photo } from '../support/material.ts';

const PHOTOS = [
  'building.jpg',
  'home.jpg',
  'messi5.jpg',
  'aero1.jpg',
  'fruits.jpg',
  'baboon.jpg',
  'starry_night.jpg',
  'orange.jpg',
  'graf1.png',
  'board.jpg',
  'sudoku.png',
  'leuvenA.jpg',
  'butterfly.jpg',
  'pic1.png',
  'pic5.png',
];

function alarms(results: CheckResult[]): string[] {
  return results.filter((r) => r.status !== 'normal').map((r) => `${r.type}=${r.metrics.value} (${r.status})`);
}

describe('natural photos pass every single-frame check', () => {
  for (const name of PHOTOS) {
    it(name, () => {
      const frames = material({ input: photo(name) });
      // One still frame: freeze/shake report "not assessed", scene_change has no reference.
      expect(alarms(runChecks(ALL_CHECKS, { frames, decodeErrors: 0 }, {}))).toEqual([]);
    });
  }
});

describe('the street camera (vtest.avi, static camera, people walking)', () => {
  it('passes all 16 checks over a 3-frame window against an earlier reference frame', () => {
    const [reference] = material({ input: clip('vtest.avi', 2) });
    const frames = material({ input: clip('vtest.avi', 5), count: 3, fps: 1 });
    const results = runChecks(ALL_CHECKS, { frames, decodeErrors: 0, reference: reference! }, {});
    expect(alarms(results)).toEqual([]);
    const byType = new Map(results.map((r) => [r.type, r]));
    // A static camera has no global shift; walking people keep the picture live.
    expect(byType.get('shake')!.metrics.value).toBe(0);
    expect(byType.get('freeze')!.metrics.value).toBeGreaterThan(0.01);
    expect(byType.get('scene_change')!.metrics.hasReference).toBe(1);
  });

  it('passes at another moment with frames half a second apart', () => {
    const frames = material({ input: clip('vtest.avi', 40), count: 4, fps: 2 });
    expect(alarms(runChecks(ALL_CHECKS, { frames, decodeErrors: 0, reference: frames[0]! }, {}))).toEqual([]);
  });
});

describe('other footage', () => {
  it('tree.avi passes everything but mosaic (its cinepak 4x4 blocks are visible: a true positive)', () => {
    const frames = material({ input: clip('tree.avi', 1), count: 3, fps: 1 });
    const checks = ALL_CHECKS.filter((t) => t !== 'mosaic');
    expect(alarms(runChecks(checks, { frames, decodeErrors: 0, reference: frames[0]! }, {}))).toEqual([]);
  });

  it('Megamind.avi (a dark film scene with a defocused background) passes the picture-quality checks', () => {
    const frames = material({ input: clip('Megamind.avi', 3) });
    // Its dark, deliberately defocused background is what clarity, focus_blur and occlusion look for.
    const checks: CheckType[] = ['brightness', 'contrast', 'noise', 'color_cast', 'blue_screen', 'signal_loss', 'mosaic', 'flower_screen', 'lens_dirty', 'stripe'];
    expect(alarms(runChecks(checks, { frames, decodeErrors: 0 }, {}))).toEqual([]);
  });
});

describe('a dim room by day', () => {
  // A plain desk (luma std 36 in full light) at half its light: the lights are off.
  const desk = photo('stuff.jpg');
  const dim = 'lutyuv=y=val*0.5';

  it('spans the levels its light allows, which is not low contrast', () => {
    const frames = material({ input: desk, fault: dim });
    const [contrast] = runChecks(['contrast'], { frames, decodeErrors: 0 }, {});
    expect(contrast!.metrics.value).toBeLessThan(20);
    expect(contrast!.status).toBe('normal');
  });

  it('is still low contrast when its levels are squeezed', () => {
    const frames = material({ input: desk, fault: `${dim},eq=contrast=0.3` });
    const [contrast] = runChecks(['contrast'], { frames, decodeErrors: 0 }, {});
    expect(contrast!.status).not.toBe('normal');
  });
});
