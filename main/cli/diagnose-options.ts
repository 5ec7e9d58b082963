// Parses `easysight-edge diagnose` arguments at the edge; everything after this is typed.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ALL_CHECKS, isCheckType, type CheckType } from '../../shared/diagnosis/types.ts';
import type { Language } from '../core/diagnosis/result-rows.ts';

export interface DiagnoseOptions {
  sources: string[];
  types: CheckType[];
  frames: number;
  json: boolean;
  timeoutMs: number;
  snapshotDir?: string;
  reference?: string;
  thresholdConfig: Record<string, unknown>;
  width: number;
  parallel: number;
  ffmpegPath?: string;
  lang: Language;
}

export type ParsedDiagnose = { ok: true; options: DiagnoseOptions } | { ok: false; message: string } | { ok: 'help' };

export const DIAGNOSE_HELP = `Usage: easysight-edge diagnose <source...> [options]

Diagnoses cameras or video files once and prints a verdict per check, each camera judged as
one never seen before: a warning only just past a threshold is not raised.
A source is an rtsp://, rtsps://, http(s):// URL (JPEG snapshot, MJPEG, HLS) or a local file.

Options:
  --types a,b          checks to run (default: all). Known: ${ALL_CHECKS.join(', ')}
  --frames N           frames for freeze/shake/stripe (default 8; 1 = first keyframe only)
  --json               print the platform's result JSON instead of tables
  --timeout S          per-camera time limit in seconds (default 20)
  --snapshot-dir DIR   keep a JPEG snapshot of each camera in DIR
  --reference SOURCE   reference picture for scene_change (image, clip or camera URL)
  --thresholds JSON    threshold_config as the platform sends it, e.g. '{"threshold":0.8}'
  --width PX           analysis width (default 640)
  --parallel N         cameras probed at once (default 4)
  --ffmpeg PATH        ffmpeg binary to use
  --lang zh-CN|en      output language (default: the system's)
  -h, --help           show this help

Exit status: 0 all normal, 1 something abnormal, 2 could not run (bad arguments, no or invalid source).`;

const numberArg = (name: string, min: number, max: number) =>
  z.coerce.number({ error: `${name} must be a number` }).int(`${name} must be a whole number`).min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`);

const schema = z.object({
  frames: numberArg('--frames', 1, 50).default(8),
  timeout: z.coerce.number({ error: '--timeout must be a number of seconds' }).positive('--timeout must be above 0').max(3600, '--timeout is at most 3600 s').default(20),
  width: numberArg('--width', 64, 3840).default(640),
  parallel: numberArg('--parallel', 1, 64).default(4),
  lang: z.enum(['zh-CN', 'en'], { error: '--lang must be zh-CN or en' }).optional(),
});

function parseTypes(value: string | undefined): CheckType[] | string {
  if (value === undefined) return [...ALL_CHECKS];
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !isCheckType(n));
  if (unknown.length > 0) return `unknown check type(s): ${unknown.join(', ')}. Known: ${ALL_CHECKS.join(', ')}`;
  if (names.length === 0) return '--types needs at least one check type';
  return [...new Set(names)] as CheckType[];
}

function parseThresholds(value: string | undefined): Record<string, unknown> | string {
  if (value === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  return '--thresholds must be a JSON object, e.g. \'{"threshold":0.8,"brightness":{"brightness_min":40}}\'';
}

export function parseDiagnoseArgs(argv: string[], defaultLang: Language): ParsedDiagnose {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        types: { type: 'string' },
        frames: { type: 'string' },
        json: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        'snapshot-dir': { type: 'string' },
        reference: { type: 'string' },
        thresholds: { type: 'string' },
        width: { type: 'string' },
        parallel: { type: 'string' },
        ffmpeg: { type: 'string' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: 'help' };
  if (positionals.length === 0) return { ok: false, message: 'no source given: name at least one camera URL or video file' };
  const checked = schema.safeParse(values);
  if (!checked.success) return { ok: false, message: checked.error.issues.map((i) => i.message).join('; ') };
  const types = parseTypes(values.types);
  if (typeof types === 'string') return { ok: false, message: types };
  const thresholdConfig = parseThresholds(values.thresholds);
  if (typeof thresholdConfig === 'string') return { ok: false, message: thresholdConfig };
  const o = checked.data;
  return {
    ok: true,
    options: {
      sources: positionals,
      // scene_change without a reference has nothing to compare with: run it only when asked for by name or given one.
      types: values.types === undefined && values.reference === undefined ? types.filter((t) => t !== 'scene_change') : types,
      frames: o.frames,
      json: values.json ?? false,
      timeoutMs: Math.round(o.timeout * 1000),
      snapshotDir: values['snapshot-dir'],
      reference: values.reference,
      thresholdConfig,
      width: o.width,
      parallel: o.parallel,
      ffmpegPath: values.ffmpeg,
      lang: o.lang ?? defaultLang,
    },
  };
}
