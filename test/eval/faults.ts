// The faults injected into each healthy clip with ffmpeg filters, each at a clear and a borderline
// strength. `optics` filters act on the scene before the sensor adds its noise (exposure, focus,
// a cover, a veil, white balance, shake); `stream` filters act on the camera's output picture
// (extra noise, a frozen or blue screen, lost signal, interference, blocking). Sizes are relative
// to the clip so every resolution gets the same fault.
import type { CheckType } from '../../shared/diagnosis/types.ts';

export type Strength = 'clear' | 'borderline';

export interface FaultSize {
  width: number;
  height: number;
}

export interface FaultFilters {
  optics?: string;
  stream?: string;
  /** Bytes of the encoded file flipped afterwards (a corrupted stream). */
  corrupt?: boolean;
  /** Frames between keyframes, instead of the scene's. */
  gop?: number;
  /** The bitrate cap in bits per pixel, instead of the usual one. */
  maxBitsPerPixel?: number;
}

export interface Fault {
  id: string;
  /** The checks whose job it is to catch this fault (a blurred picture is both clarity and focus). */
  checks: readonly CheckType[];
  /** Also injected into the night pictures (at clear strength). */
  night: boolean;
  strengths: Partial<Record<Strength, (size: FaultSize) => FaultFilters>>;
}

/** A dark, out-of-focus object close to the lens covering `share` of the width from the left. */
function cover(share: number): (s: FaultSize) => FaultFilters {
  return ({ width, height }) => {
    const w = Math.round((width * share) / 2) * 2;
    // Blurred at an eighth of the size: an object at the lens is far out of focus, and this is cheap.
    return {
      optics: `split[occa][occb];[occb]scale=iw/8:-2,gblur=sigma=3,scale=${width}:${height},lutyuv=y=val*0.22+10,crop=${w}:${height}:0:0[occc];[occa][occc]overlay=0:0`,
    };
  };
}

/** Shake: the picture jumps by up to `share` of the width between frames. */
function shake(share: number): (s: FaultSize) => FaultFilters {
  return ({ width, height }) => {
    const a = Math.max(2, Math.round((width * share) / 2));
    return { optics: `crop=${width - 2 * a}:${height - 2 * a}:x='${a}+${a}*sin(n*2.1)':y='${a}+${a}*0.8*cos(n*2.7)',scale=${width}:${height}` };
  };
}

/** Pixelation into `block`-pixel squares (measured at a 640 px wide picture). */
function pixelate(block: number): (s: FaultSize) => FaultFilters {
  return ({ width, height }) => {
    const b = Math.max(2, Math.round((block * width) / 640));
    return { stream: `scale=${Math.round(width / b)}:${Math.round(height / b)}:flags=area,scale=${width}:${height}:flags=neighbor` };
  };
}

function blur(sigma: number): (s: FaultSize) => FaultFilters {
  return ({ width }) => ({ optics: `gblur=sigma=${((sigma * width) / 640).toFixed(2)}` });
}

export const FAULTS: readonly Fault[] = [
  {
    id: 'dark',
    checks: ['brightness'],
    night: false,
    strengths: { clear: () => ({ optics: 'lutyuv=y=val*0.15' }), borderline: () => ({ optics: 'lutyuv=y=val*0.25' }) },
  },
  {
    id: 'bright',
    checks: ['brightness'],
    night: false,
    strengths: { clear: () => ({ optics: 'eq=brightness=0.55' }), borderline: () => ({ optics: 'eq=brightness=0.4' }) },
  },
  { id: 'blur', checks: ['clarity', 'focus_blur'], night: true, strengths: { clear: blur(3.5), borderline: blur(1.8) } },
  {
    id: 'noise',
    checks: ['noise'],
    night: true,
    // Through H.264, as a camera sends it, with a bitrate cap high enough to carry it (at a low cap
    // the encoder turns noise into blotches and blur, which is another picture).
    strengths: {
      clear: () => ({ stream: 'noise=alls=30:allf=t', maxBitsPerPixel: 1 }),
      borderline: () => ({ stream: 'noise=alls=18:allf=t', maxBitsPerPixel: 1 }),
    },
  },
  {
    id: 'colour-cast',
    checks: ['color_cast'],
    night: false,
    strengths: {
      clear: () => ({ optics: 'colorbalance=rs=0.4:rm=0.4:rh=0.2:bs=-0.3:bm=-0.3' }),
      borderline: () => ({ optics: 'colorchannelmixer=rr=0.75:gg=1:bb=0.75' }),
    },
  },
  {
    id: 'freeze',
    checks: ['freeze'],
    night: true,
    strengths: {
      // One decoded picture repeated: the encoder codes nothing new, not even the sensor's noise.
      clear: () => ({ stream: 'loop=loop=-1:size=1:start=0,setpts=N/FRAME_RATE/TB' }),
      // The same with a keyframe every half second: each one codes the frozen picture anew, a little differently.
      borderline: () => ({ stream: 'loop=loop=-1:size=1:start=0,setpts=N/FRAME_RATE/TB', gop: 6 }),
    },
  },
  { id: 'occlusion', checks: ['occlusion'], night: true, strengths: { clear: cover(0.6), borderline: cover(0.38) } },
  {
    id: 'low-contrast',
    checks: ['contrast'],
    night: false,
    strengths: { clear: () => ({ optics: 'eq=contrast=0.25' }), borderline: () => ({ optics: 'eq=contrast=0.45' }) },
  },
  { id: 'mosaic', checks: ['mosaic'], night: true, strengths: { clear: pixelate(16), borderline: pixelate(8) } },
  {
    id: 'lens-veil',
    checks: ['lens_dirty'],
    night: false,
    strengths: {
      clear: () => ({ optics: "gblur=sigma=1.2,lutrgb=r='val*0.45+120':g='val*0.45+120':b='val*0.45+120'" }),
      borderline: () => ({ optics: "gblur=sigma=0.8,lutrgb=r='val*0.62+75':g='val*0.62+75':b='val*0.62+75'" }),
    },
  },
  { id: 'shake', checks: ['shake'], night: true, strengths: { clear: shake(0.06), borderline: shake(0.025) } },
  {
    id: 'stripes',
    checks: ['stripe'],
    night: true,
    strengths: {
      clear: ({ height }) => ({ stream: `drawgrid=w=iw:h=${Math.max(6, Math.round(height / 40))}:t=3:color=white@0.35` }),
      borderline: ({ height }) => ({ stream: `drawgrid=w=iw:h=${Math.max(6, Math.round(height / 28))}:t=2:color=black@0.15` }),
    },
  },
  {
    id: 'blue-screen',
    checks: ['blue_screen'],
    night: false,
    strengths: {
      clear: () => ({ stream: 'drawbox=x=0:y=0:w=iw:h=ih:color=0x1020C0:t=fill,noise=alls=2:allf=t' }),
      // A navy "no video" screen with the recorder's clock and channel name on it.
      borderline: () => ({
        stream: 'drawbox=x=0:y=0:w=iw:h=ih:color=0x182878:t=fill,drawbox=x=iw*0.05:y=ih*0.05:w=iw*0.32:h=ih*0.06:color=white:t=fill,drawbox=x=iw*0.7:y=ih*0.88:w=iw*0.2:h=ih*0.05:color=white:t=fill,noise=alls=4:allf=t',
      }),
    },
  },
  {
    id: 'signal-loss',
    checks: ['signal_loss'],
    night: true,
    strengths: {
      clear: () => ({ stream: 'drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill,noise=alls=2:allf=t' }),
      // An analogue input with nothing on it: snow.
      borderline: () => ({ stream: 'drawbox=x=0:y=0:w=iw:h=ih:color=0x606060:t=fill,noise=alls=100:allf=t' }),
    },
  },
  { id: 'corrupt-stream', checks: ['flower_screen'], night: false, strengths: { clear: () => ({ corrupt: true }) } },
];
