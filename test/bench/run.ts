// `npm run bench`: every figure beside a reference run made in the same script, as a ratio,
// because these machines are noisy. Figures are printed, never asserted.
import { runAnalyserBench } from './analysers-bench.ts';
import { runProbeBench } from './probe-bench.ts';

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  console.log('== Analysers: full suite (16 checks) per frame, ours vs OpenCV (python3-opencv) on the same frames');
  const analysers = await runAnalyserBench();
  console.log(
    table(
      ['frame', 'ours ms', 'OpenCV ms', 'ratio ours/OpenCV'],
      analysers.map((r) => [r.size, r.oursMs.toFixed(2), r.opencvMs.toFixed(2), r.ratio.toFixed(2)]),
    ),
  );
  console.log('goals: 640x360 under 5 ms; 1920x1080 ratio <= 1.0\n');

  console.log('== Probe cost on a 1080p H.264 RTSP stream: keyframe-only scaled decode vs plain decode');
  const probe = await runProbeBench();
  console.log(table(['probe', 'wall s', 'CPU s'], probe.rows.map((r) => [r.name, r.wallS.toFixed(3), r.cpuS.toFixed(3)])));
  console.log(`CPU ratio plain/ours: ${probe.ratio.toFixed(1)}x (goal >= 5x)`);
}

await main();
