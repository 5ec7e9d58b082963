// The checks run on the caller's own thread, for a one-shot command that diagnoses a single camera:
// there is no connection or window whose timing the analysis could upset, and a worker thread's start
// (a new isolate loading every analyser: about 150 ms against 50-80 ms here) would add to the
// command's one verdict. The analysers load while the grab waits for the camera.
import type { CheckResult } from '../../../../shared/diagnosis/types.ts';
import { frameSetProblem, type AnalysisJob, type AnalysisRunner } from './analysis-job.ts';

export class InlineAnalysis implements AnalysisRunner {
  private readonly checks = import('../analysers/run-checks.ts');

  async run(job: AnalysisJob): Promise<CheckResult[]> {
    const { runChecks } = await this.checks;
    const problem = frameSetProblem(job.frameSet);
    if (problem) throw new Error(`analysis failed: ${problem}`);
    return runChecks(job.types, job.frameSet, job.thresholds);
  }

  async close(): Promise<void> {}
}
