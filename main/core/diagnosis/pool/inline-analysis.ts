// The checks run on the caller's own thread, for a one-shot command that diagnoses a single camera:
// there is no connection or window whose timing the analysis could upset, and a worker thread's start
// (a new isolate loading every analyser: about 150 ms against 50-80 ms here) would add to the
// command's one verdict. The analysers load while the grab waits for the camera.
import type { CheckResult } from '../../../../shared/diagnosis/types.ts';
import type { AnalysisJob, AnalysisRunner } from './analysis-job.ts';

export class InlineAnalysis implements AnalysisRunner {
  private readonly jobs = import('./run-job.ts');

  /** Fails as the pool does: "analysis failed: <why>". */
  async run(job: AnalysisJob): Promise<CheckResult[]> {
    const { runJob } = await this.jobs;
    try {
      return runJob(job);
    } catch (err) {
      throw new Error(`analysis failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }

  async close(): Promise<void> {}
}
