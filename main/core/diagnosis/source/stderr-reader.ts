// Follows ffmpeg's stderr (loglevel info) line by line: when the input opened, the input and output
// picture sizes, each frame's time (from showinfo), decode errors, and a tail of messages to classify.

export interface Size {
  width: number;
  height: number;
}

const SECTION = /^(Input|Output) #(\d+),/;
// " 1920x1080," but not a codec tag such as "(avc1 / 0x31637661)".
const VIDEO_SIZE = /^\s*Stream #\d+:\d+.*?: Video: .*?[ ,](\d+)x(\d+)[ ,[]/;
const SHOWINFO = /\] n:\s*\d+ pts:\s*\S+ pts_time:(\S+)/;
/** The instance name of a window's colour branch showinfo, which prefixes its lines. */
export const COLOUR_SHOWINFO = 'colour';
const COLOUR_LINE = new RegExp(`\\[showinfo@${COLOUR_SHOWINFO} @ `);
const DECODE_ERROR =
  /error while decoding|concealing \d+|corrupt|decode_slice_header error|Invalid NAL unit|missing picture in access unit|no frame!|Error splitting the input into NAL units|reference picture missing|Missing reference picture|overread|EOI missing/i;
/**
 * A slice that names parameter sets the decoder has not seen yet: a camera whose SDP leaves them out
 * sends them with its next keyframe, and the slices before it fail for that reason alone.
 */
const MISSING_PARAMETERS = /non-existing [PS]PS \d+ referenced/;
const PARAMETERS_FOLLOW_UP = /decode_slice_header error|no frame!/;
const TAIL_LINES = 40;

export class StderrReader {
  opened = false;
  inputSize: Size | null = null;
  outputSize: Size | null = null;
  readonly frameTimes: number[] = [];
  /** The times of the frames that also went out in colour (a window's), in the order they did. */
  readonly colourTimes: number[] = [];
  decodeErrors = 0;
  /** Before the first frame: the decoder lacks the parameter sets its slices name. */
  parametersMissing = false;
  private counting: boolean;
  private awaitingParameters = false;
  private section: { kind: 'Input' | 'Output'; index: number } | null = null;
  private partial = '';
  private readonly tail: string[] = [];

  /**
   * With `errorsFromFirstFrame`, decode errors before the first frame are not counted: joining a live
   * stream between two keyframes always gives some, and they are not the camera's fault.
   */
  constructor(errorsFromFirstFrame: boolean) {
    this.counting = !errorsFromFirstFrame;
  }

  push(chunk: string): void {
    const lines = (this.partial + chunk).split(/\r\n|\r|\n/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  end(): void {
    if (this.partial) this.line(this.partial);
    this.partial = '';
  }

  /** The last meaningful lines, for classification and quoting. */
  lines(): readonly string[] {
    return this.tail;
  }

  private line(line: string): void {
    const time = SHOWINFO.exec(line);
    if (time && COLOUR_LINE.test(line)) {
      this.colourTimes.push(Number(time[1]));
      return;
    }
    if (time) {
      this.frameTimes.push(Number(time[1]));
      this.counting = true;
      this.awaitingParameters = false;
      return;
    }
    // showinfo's second line per frame (color info) and the like are noise for classification.
    if (/^\[Parsed_showinfo/.test(line) || COLOUR_LINE.test(line) || !line.trim()) return;

    const section = SECTION.exec(line);
    if (section) {
      this.section = { kind: section[1] as 'Input' | 'Output', index: Number(section[2]) };
      if (section[1] === 'Input') this.opened = true;
    }
    const size = VIDEO_SIZE.exec(line);
    if (size && this.section?.index === 0) {
      const parsed = { width: Number(size[1]), height: Number(size[2]) };
      if (this.section.kind === 'Input') this.inputSize ??= parsed;
      else this.outputSize ??= parsed;
    }
    if (MISSING_PARAMETERS.test(line)) {
      this.awaitingParameters = true;
      if (this.frameTimes.length === 0) this.parametersMissing = true;
    } else if (DECODE_ERROR.test(line)) {
      // The same slice's follow-up lines are part of that failure, not damage to the picture.
      const followUp = this.awaitingParameters && PARAMETERS_FOLLOW_UP.test(line);
      if (!followUp) this.awaitingParameters = false;
      if (this.counting && !followUp) this.decodeErrors++;
    }
    this.tail.push(line);
    if (this.tail.length > TAIL_LINES) this.tail.shift();
  }
}
