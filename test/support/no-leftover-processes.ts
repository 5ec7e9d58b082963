// After every test: no ffmpeg process started by the engine may outlive it.
import { afterEach } from 'vitest';
import { ffmpegDescendants } from './processes.ts';

afterEach(async () => {
  let left = ffmpegDescendants();
  // A killed child needs a moment to be reaped after its exit event.
  for (let i = 0; i < 40 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    left = ffmpegDescendants();
  }
  if (left.length > 0) {
    for (const p of left) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    throw new Error(`left-over child processes after the test: ${left.map((p) => `${p.command}(${p.pid})`).join(', ')}`);
  }
});
