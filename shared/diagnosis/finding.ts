// What a result says to the operator, in both UI languages, kept with the stored result so the
// window shows it in the operator's language whichever language the platform was answered in.
import type { LocalizedText } from './types.ts';

export interface Finding {
  /** The headline: the verdict in words, or for a camera that could not be opened the classified reason. */
  message: LocalizedText;
  /** What to do, in order; empty for a normal result or a check that could not run. */
  suggestions: LocalizedText[];
  /** The raw words of the source (an ffmpeg line, an exception): shown as they are, under the headline. */
  detail?: string;
}
