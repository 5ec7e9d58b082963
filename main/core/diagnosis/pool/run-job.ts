// A job's checks, as the pool's worker threads and a one-camera command run them: its frames are checked
// first, so a malformed job fails with a reason instead of inside an analyser.
import type { CheckResult } from '../../../../shared/diagnosis/types.ts';
import { runChecks } from '../analysers/run-checks.ts';
import { frameSetProblem, type AnalysisJob } from './analysis-job.ts';

export function runJob(job: AnalysisJob): CheckResult[] {
  const problem = frameSetProblem(job.frameSet);
  if (problem) throw new Error(problem);
  return runChecks(job.types, job.frameSet, job.thresholds);
}
