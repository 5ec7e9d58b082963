// Day and night: a monochrome IR night picture is told from a day scene, even a grey one (a colour
// sensor's chroma noise remains), whatever its brightness, and judged as what it is (colour checks
// not assessed, night thresholds for brightness and noise).
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, type CheckResult } from '../../shared/diagnosis/types.ts';
import { DEFAULT_THRESHOLDS } from '../../shared/diagnosis/thresholds.ts';
import { NIGHT_DEFAULTS } from '../../shared/diagnosis/night-thresholds.ts';
import { runChecks } from '../../main/core/diagnosis/analysers/run-checks.ts';
import { FrameFeatures } from '../../main/core/diagnosis/features/frame-features.ts';
import { pictureMode } from '../../main/core/diagnosis/verdict/picture-mode.ts';
import type { Frame } from '../../main/core/diagnosis/frame.ts';
import { clip, encoded, lavfi, material, photo } from '../support/material.ts';

const STREET = clip('vtest.avi', 5);
const BUILDING = photo('building.jpg');
/** A day scene as an IR camera sees it at night: no colour, darker, grainier (luma grain: the camera drops colour after its noise). */
const NIGHT = 'hue=s=0,eq=brightness=-0.25:gamma=0.8,noise=c0s=12:c0f=t';
/** A colour sensor's noise by day, on every plane. */
const DAY_GRAIN = 'noise=alls=3:allf=t';

function modeOf(frames: Frame[]): string {
  return pictureMode(new FrameFeatures(frames.at(-1)!));
}

function byType(results: CheckResult[]): Map<string, CheckResult> {
  return new Map(results.map((r) => [r.type, r]));
}

describe('pictureMode', () => {
  it('calls colour day scenes day', () => {
    for (const name of ['building.jpg', 'home.jpg', 'aero3.jpg', 'leuvenA.jpg', 'stuff.jpg', 'messi5.jpg']) {
      expect(modeOf(material({ input: photo(name) })), name).toBe('day');
    }
    expect(modeOf(material({ input: STREET }))).toBe('day');
    expect(modeOf(material({ input: clip('tree.avi', 1) }))).toBe('day');
  });

  it('keeps a grey concrete day scene with some colour day', () => {
    // A quarter of the colour left: a dull, overcast concrete facade.
    expect(modeOf(material({ input: BUILDING, fault: 'hue=s=0.25' }))).toBe('day');
    // All grey but one car-sized coloured object (96x56 of 640x480).
    expect(modeOf(material({ input: BUILDING, fault: 'hue=s=0,drawbox=x=iw*0.4:y=ih*0.5:w=96:h=56:color=red@1:t=fill' }))).toBe('day');
    expect(modeOf(material({ input: STREET, fault: 'hue=s=0,drawbox=x=iw*0.2:y=ih*0.7:w=96:h=56:color=0x2050d0@1:t=fill' }))).toBe('day');
  });

  it('calls grey IR pictures night, with grain and after H.264', () => {
    for (const input of [STREET, BUILDING, photo('home.jpg'), photo('aero3.jpg'), clip('tree.avi', 1)]) {
      expect(modeOf(material({ input, fault: NIGHT })), input.join(' ')).toBe('night');
    }
    const h264 = encoded('verdict-street-night.mp4', [...STREET, '-t', '2', '-vf', `scale=640:-2,${NIGHT}`], ['-c:v', 'libx264', '-crf', '28', '-pix_fmt', 'yuv420p']);
    expect(modeOf(material({ input: h264 }))).toBe('night');
    // Heavy grain through the encoder.
    const grainy = encoded('verdict-street-night-luma-grain.mp4', [...STREET, '-t', '2', '-vf', 'scale=640:-2,hue=s=0,eq=brightness=-0.25:gamma=0.8,noise=c0s=20:c0f=t'], ['-c:v', 'libx264', '-crf', '23', '-pix_fmt', 'yuv420p']);
    expect(modeOf(material({ input: grainy }))).toBe('night');
  });

  it('calls an IR picture night however dim or bright it is', () => {
    // Floodlit highlights only at luma 50 (a launch pad at night), and an IR-lit near wall with a mean over 170.
    expect(modeOf(material({ input: BUILDING, fault: 'hue=s=0,lutyuv=y=val*0.22+4,noise=c0s=6:c0f=t' }))).toBe('night');
    expect(modeOf(material({ input: BUILDING, fault: 'hue=s=0,lutyuv=y=val*0.4+150,noise=c0s=6:c0f=t' }))).toBe('night');
  });

  it('keeps a grey scene by day day: the colour sensor still adds chroma noise, even after H.264', () => {
    // A grey chessboard, encoded as a camera does (fast preset, CRF 23).
    const grey = encoded('verdict-grey-day-chessboard.mp4', [...photo('left01.jpg'), '-t', '1', '-vf', `scale=640:-2,format=yuv420p,hue=s=0,${DAY_GRAIN}`], ['-c:v', 'libx264', '-preset', 'superfast', '-crf', '23', '-pix_fmt', 'yuv420p']);
    expect(modeOf(material({ input: grey }))).toBe('day');
    expect(modeOf(material({ input: photo('left01.jpg'), fault: `hue=s=0,${DAY_GRAIN}` }))).toBe('day');
    // A colour cast on a grey scene is colour: it stays day, where color_cast judges it.
    expect(modeOf(material({ input: photo('left01.jpg'), fault: 'hue=s=0,colorbalance=rs=0.4:rm=0.4:rh=0.2:bs=-0.3:bm=-0.3' }))).toBe('day');
    // The same grey scene at night, and a night picture with chroma grain (a colour sensor left in colour mode): night, day.
    expect(modeOf(material({ input: photo('left01.jpg'), fault: 'hue=s=0,lutyuv=y=val*0.5+6,noise=c0s=8:c0f=t' }))).toBe('night');
    expect(modeOf(material({ input: STREET, fault: 'hue=s=0,eq=brightness=-0.25:gamma=0.8,noise=alls=20:allf=t' }))).toBe('day');
  });

  it('keeps a dull grey CIF sub-stream by day day, and its IR picture night', () => {
    // 352x288 through H.264 and upscaled to analysis size: the encoder smooths most of the chroma
    // noise away, and what is left varies by a level or two, never by none as an IR picture's does.
    const cif = (name: string, look: string) =>
      encoded(name, [...photo('left01.jpg'), '-t', '1', '-vf', `scale=352:288,format=yuv420p,${look}`], ['-c:v', 'libx264', '-preset', 'superfast', '-crf', '23', '-pix_fmt', 'yuv420p']);
    const day = cif('verdict-grey-day-cif.mp4', `hue=s=0.1,${DAY_GRAIN}`);
    expect(modeOf(material({ input: day, fault: 'scale=640:-2' }))).toBe('day');
    const night = cif('verdict-grey-night-cif.mp4', 'hue=s=0,lutyuv=y=val*0.5+6,noise=c0s=8:c0f=t');
    expect(modeOf(material({ input: night, fault: 'scale=640:-2' }))).toBe('night');
  });

  it('does not take a blank frame or a picture too dark to show colour for a night scene', () => {
    expect(modeOf(material({ input: lavfi('color=c=black:s=640x360') }))).toBe('day');
    expect(modeOf(material({ input: lavfi('color=c=0x404040:s=640x360'), fault: 'noise=alls=2:allf=t' }))).toBe('day');
    // A colour scene crushed to levels 0..38: nothing lit, judged by the day's stricter limits.
    expect(modeOf(material({ input: BUILDING, fault: 'colorlevels=romax=0.15:gomax=0.15:bomax=0.15' }))).toBe('day');
  });
});

describe('a night picture is judged as one', () => {
  const night = () => material({ input: STREET, fault: NIGHT, count: 3, fps: 1 });

  it('carries metrics.night = 1 on every result, a day picture none', () => {
    for (const r of runChecks(ALL_CHECKS, { frames: night(), decodeErrors: 0, reference: night()[0]! }, {})) {
      expect(r.metrics.night, r.type).toBe(1);
    }
    for (const r of runChecks(ALL_CHECKS, { frames: material({ input: STREET }), decodeErrors: 0 }, {})) {
      expect(r.metrics.night, r.type).toBeUndefined();
    }
  });

  it('does not assess the colour checks, and says why in both languages', () => {
    const results = byType(runChecks(ALL_CHECKS, { frames: night(), decodeErrors: 0 }, {}));
    for (const type of ['color_cast', 'blue_screen']) {
      const r = results.get(type)!;
      expect(r.status).toBe('normal');
      expect(r.metrics.not_assessed).toBe(1);
      expect(r.metrics.not_assessed_by_night).toBe(1);
      expect(r.message.en).toMatch(/^Not assessed: night picture/);
      expect(r.message['zh-CN']).toMatch(/^未评估：夜间黑白画面/);
    }
    // A colour check asked for alone is still answered.
    const [alone] = runChecks(['color_cast'], { frames: night(), decodeErrors: 0 }, {});
    expect(alone!.metrics.not_assessed).toBeUndefined();
  });

  it('judges brightness and noise by night thresholds, scaled from what the task gives', () => {
    const frames = night();
    const results = byType(runChecks(['brightness', 'noise'], { frames, decodeErrors: 0 }, {}));
    expect(results.get('brightness')!.threshold.brightness_min).toBe(NIGHT_DEFAULTS.brightness!.brightness_min);
    expect(results.get('brightness')!.threshold.brightness_max).toBe(DEFAULT_THRESHOLDS.brightness.brightness_max);
    expect(results.get('noise')!.threshold.noise_max).toBe(NIGHT_DEFAULTS.noise!.noise_max);
    // A task twice as strict as the default by day is twice as strict by night too.
    const strict = runChecks(['brightness'], { frames, decodeErrors: 0 }, { brightness: { brightness_min: 60, brightness_max: 220 } });
    expect(strict[0]!.threshold.brightness_min).toBeCloseTo(2 * NIGHT_DEFAULTS.brightness!.brightness_min!);
    // Day pictures keep the task's thresholds exactly.
    const day = runChecks(['brightness'], { frames: material({ input: STREET }), decodeErrors: 0 }, { brightness: { brightness_min: 60, brightness_max: 220 } });
    expect(day[0]!.threshold.brightness_min).toBe(60);
  });

  it('passes a healthy IR picture whose mean luma is under the day limit, and still flags a failed IR light', () => {
    // home.jpg at night has a mean luma near 29: too dark by the day threshold (30), normal by night.
    const dim = material({ input: photo('home.jpg'), fault: NIGHT });
    const [ok] = runChecks(['brightness'], { frames: dim, decodeErrors: 0 }, {});
    expect(ok!.metrics.value).toBeLessThan(DEFAULT_THRESHOLDS.brightness.brightness_min!);
    expect(ok!.metrics.night).toBe(1);
    expect(ok!.status).toBe('normal');
    const failed = material({ input: STREET, fault: 'hue=s=0,eq=brightness=-0.38:gamma=0.8,noise=c0s=6:c0f=t' });
    const [dark] = runChecks(['brightness'], { frames: failed, decodeErrors: 0 }, {});
    expect(dark!.metrics.night).toBe(1);
    expect(dark!.status).not.toBe('normal');
  });

  it('does not take the switch between day and night for a scene change', () => {
    const day = material({ input: STREET })[0]!;
    const [r] = runChecks(['scene_change'], { frames: night(), decodeErrors: 0, reference: day }, {});
    expect(r!.status).toBe('normal');
    expect(r!.metrics.not_assessed_by_day_night_switch).toBe(1);
    // Same mode on both sides: compared as usual.
    const [same] = runChecks(['scene_change'], { frames: night(), decodeErrors: 0, reference: night()[0]! }, {});
    expect(same!.metrics.not_assessed).toBeUndefined();
  });
});
