// The decoded picture the analysers work on, as ffmpeg hands it over (scaled to analysis size).

/**
 * One decoded frame, row-major, no padding: packed RGB24 (width*height*3 bytes), 8-bit luma
 * (width*height bytes), or both. The older frames of a window carry luma alone: freeze, shake and
 * temporal noise read nothing else of them, and a third of the bytes lets more probes run at once.
 */
export interface Frame {
  width: number;
  height: number;
  rgb?: Uint8Array;
  /** BT.601 luma, full range, as ffmpeg converted it; derived from rgb when absent. */
  gray?: Uint8Array;
  /** Presentation time in seconds from the start of the grab (for freeze/shake spacing). */
  time: number;
  /** Width of the camera's picture before ffmpeg scaled it to this size; absent when unknown (this width). */
  sourceWidth?: number;
}

/** A frame with its colours: the newest frame of a probe, and a camera's stored reference. */
export type ColourFrame = Frame & { rgb: Uint8Array };

/** What a probe of one camera produced for analysis. */
export interface FrameSet {
  /** At least one frame, the newest last and always in colour; a window of frames spaced in time when a multi-frame check was asked for. */
  frames: Frame[];
  /** Decode errors ffmpeg reported while reading the stream (corrupt slices, missing references...). */
  decodeErrors: number;
  /** The stored reference frame of this camera, for scene_change; absent on a first probe. */
  reference?: Frame;
}
