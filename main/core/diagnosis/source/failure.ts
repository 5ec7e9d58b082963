// Why a camera could not give us frames, as a value the engine maps to a diagnosis (signal_loss...).

export type FailureKind =
  | 'invalid_source'
  | 'unsupported_protocol'
  | 'unreachable'
  | 'refused'
  | 'auth_failed'
  | 'not_found'
  | 'no_video'
  | 'timeout'
  | 'decode_error'
  | 'too_large'
  | 'ffmpeg_missing'
  | 'aborted';

/** `message` is for a person and never contains credentials. */
export interface SourceFailure {
  kind: FailureKind;
  message: string;
}

export function sourceFailure(kind: FailureKind, message: string): SourceFailure {
  return { kind, message };
}
