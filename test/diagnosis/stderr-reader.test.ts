// ffmpeg's stderr as the frame source reads it: which lines count as damage to the picture.
import { describe, expect, it } from 'vitest';
import { StderrReader } from '../../main/core/diagnosis/source/stderr-reader.ts';

const SHOWINFO = '[Parsed_showinfo_1 @ 0x1] n:   0 pts:      0 pts_time:0       pos: -1 fmt:rgb24';

describe('StderrReader decode errors', () => {
  it('does not count slices that fail only because the parameter sets have not arrived yet', () => {
    const r = new StderrReader(false);
    const waiting = ['[h264 @ 0x2] non-existing PPS 0 referenced', '[h264 @ 0x2] decode_slice_header error', '[h264 @ 0x2] no frame!'];
    r.push(`${[...waiting, ...waiting, ...waiting, SHOWINFO].join('\n')}\n`);
    expect(r.frameTimes).toEqual([0]);
    expect(r.decodeErrors).toBe(0);
  });

  it('counts the same errors when no missing parameter set explains them', () => {
    const r = new StderrReader(false);
    r.push(['[h264 @ 0x2] decode_slice_header error', '[h264 @ 0x2] concealing 120 DC, 120 AC, 120 MV errors in P frame', '[h264 @ 0x2] no frame!', SHOWINFO, ''].join('\n'));
    expect(r.decodeErrors).toBe(3);
  });

  it('counts damage after a missing parameter set once the decoder is past it', () => {
    const r = new StderrReader(false);
    r.push(['[h264 @ 0x2] non-existing PPS 0 referenced', '[h264 @ 0x2] decode_slice_header error', '[h264 @ 0x2] error while decoding MB 3 7, bytestream -5', '[h264 @ 0x2] no frame!', ''].join('\n'));
    expect(r.decodeErrors).toBe(2);
  });
});

describe('StderrReader parameter sets before the first frame', () => {
  it('says when slices name parameter sets not seen yet, as when a PPS came without its SPS', () => {
    const lost = new StderrReader(false);
    lost.push('[h264 @ 0x2] sps_id 0 out of range\n[h264 @ 0x2] non-existing PPS 0 referenced\n[h264 @ 0x2] decode_slice_header error\n');
    expect(lost.parametersMissing).toBe(true);
  });

  it('says nothing of them once a frame decoded, or when none was missing', () => {
    const decoded = new StderrReader(false);
    decoded.push(`${SHOWINFO}\n[h264 @ 0x2] non-existing PPS 0 referenced\n`);
    expect(decoded.parametersMissing).toBe(false);

    const clean = new StderrReader(false);
    clean.push('[h264 @ 0x2] decode_slice_header error\n[h264 @ 0x2] no frame!\n');
    expect(clean.parametersMissing).toBe(false);
  });
});

describe('StderrReader frame times', () => {
  it("keeps the colour branch's frames apart from the window's", () => {
    const r = new StderrReader(true);
    const colour = (n: number, time: string) => `[showinfo@colour @ 0x3] n:   ${n} pts:   ${n} pts_time:${time}   pos: -1 fmt:yuv420p`;
    r.push([SHOWINFO, colour(0, '0'), SHOWINFO.replace('pts_time:0 ', 'pts_time:1.8 '), colour(1, '1.8'), '[showinfo@colour @ 0x3] color_range:tv', ''].join('\n'));
    expect(r.frameTimes).toEqual([0, 1.8]);
    expect(r.colourTimes).toEqual([0, 1.8]);
    expect(r.lines()).toEqual([]);
  });
});
