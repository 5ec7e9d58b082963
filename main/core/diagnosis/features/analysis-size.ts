// Every measure runs at one analysis scale, so thresholds mean the same whatever the camera's
// resolution: frames are box-binned by an integer factor to about 640 px wide (D1/720p/1080p/4K
// become 640..959 px wide). Integer binning is exact area averaging and cheap.
export const ANALYSIS_WIDTH = 640;

export function binFactor(width: number): number {
  return Math.max(1, Math.round(width / ANALYSIS_WIDTH));
}
