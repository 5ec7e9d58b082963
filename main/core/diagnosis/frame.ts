// The decoded picture the analysers work on, as ffmpeg hands it over (scaled to analysis size).

/** One decoded frame, packed RGB24 (width*height*3 bytes), row-major, no padding. */
export interface Frame {
  width: number;
  height: number;
  rgb: Uint8Array;
  /** Presentation time in seconds from the start of the grab (for freeze/shake spacing). */
  time: number;
}

/** What a probe of one camera produced for analysis. */
export interface FrameSet {
  /** At least one frame; a window of frames spaced in time when a multi-frame check was asked for. */
  frames: Frame[];
  /** Decode errors ffmpeg reported while reading the stream (corrupt slices, missing references...). */
  decodeErrors: number;
  /** The stored reference frame of this camera, for scene_change; absent on a first probe. */
  reference?: Frame;
}
