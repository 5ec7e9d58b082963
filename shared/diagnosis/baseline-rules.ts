// The rules by which a result was judged against its camera's own normal (main/core/baselines/judge.ts
// says what each means), carried in a result's labels and metrics as `baseline_rule`. One list for the
// engine that sets them and the UI that names them.
export const BASELINE_RULES = ['learning', 'provisional', 'scene_changed', 'deviation', 'held', 'absolute', 'cleared', 'within_normal'] as const;

export type BaselineRule = (typeof BASELINE_RULES)[number];
