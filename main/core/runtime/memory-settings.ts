// The memory settings of a process that hosts the worker, which V8 and glibc read only when the
// process starts: the headless launcher (bin/easysight-edge.js) replaces itself with them, the
// Electron app relaunches itself with them (main/shell/memory-relaunch.ts). Why these values:
// README, "The worker's own memory".
// - V8's default young generation (semi-spaces of up to 16 MB, sized for throughput on large
//   machines) kept about 90 MB of heap reserved for 20-25 MB in use; 1 MB semi-spaces collect the
//   pipe chunks of ffmpeg's output (garbage once copied into a frame) soon (probe-memory at 40
//   probes at once: 217 MB of RSS against 244 MB with 4 MB).
// - glibc's threshold for serving a block by mmap otherwise follows the largest block freed (up to
//   32 MB): once a frame buffer (0.2-0.7 MB) was freed, frames came from the heap, whose freed pages
//   stay with the process; fixed at 128 KB, frames are mapped and unmapped.

/** The V8 flag, as a Node option (execArgv) or inside Electron's --js-flags. */
export const YOUNG_GENERATION_FLAG = '--max-semi-space-size=1';

/** The environment glibc reads at start; a value the environment already has wins. */
export const MALLOC_SETTINGS: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };
