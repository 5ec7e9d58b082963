// Healthy natural material must pass every check: a false alarm costs operators the most.
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, type CheckType } from '../../shared/diagnosis/types.ts';
import { runChecks } from '../../main/core/diagnosis/analysers/run-checks.ts';
import type { CheckResult } from '../../shared/diagnosis/types.ts';
import { clip, encoded, material, photo } from '../support/material.ts';

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

/**
 * A still scene from a live camera, through H.264 as a main stream sends it: 1080p at 12.5 fps with
 * a 2 s GOP, capped at 0.05 bits per pixel, and little sensor noise (a good sensor by day), so the
 * encoder skips most of the picture and only a few percent of the pixels change between frames.
 */
function stillStream(name: string, scene: string): string[] {
  const kbps = Math.round((1920 * 1080 * 12.5 * 0.05) / 1000);
  const filters = ['scale=1920:1080:force_original_aspect_ratio=increase', 'crop=1920:1080', 'format=yuv420p', scene];
  return encoded(name, ['-loop', '1', '-framerate', '12.5', ...photo('building.jpg').slice(2)], [
    '-vf', filters.join(','), '-t', '2.3', '-c:v', 'libx264', '-preset', 'superfast', '-bf', '0', '-g', '25', '-crf', '23',
    '-maxrate', `${kbps}k`, '-bufsize', `${2 * kbps}k`, '-f', 'mp4',
  ]);
}

describe('a still scene from a live camera is not frozen', () => {
  it('a 1080p main stream with little sensor noise at a low bitrate, by day and by night', () => {
    for (const [name, scene] of [['still-day-1080p.mp4', 'noise=alls=1:allf=t'], ['still-night-1080p.mp4', 'hue=s=0,lutyuv=y=val*0.5+6,noise=c0s=8:c0f=t']] as const) {
      // The engine's window: 2 s, a frame every 0.32 s of a 12.5 fps stream.
      const [r] = runChecks(['freeze'], { frames: material({ input: stillStream(name, scene), count: 7, fps: 3.125 }), decodeErrors: 0 }, {});
      expect(r!.status, name).toBe('normal');
      // Only the few percent of the pixels whose noise the encoder keeps change (day 0.056):
      // a measure that forgave changes of a grey level or two would call this camera frozen.
      expect(r!.metrics.value, name).toBeGreaterThan(0.02);
    }
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
