// A camera's recent runs at a glance: one bar per run, oldest on the left, its colour and height
// the run's worst status (a short green bar for a healthy run, a full dark red one for a critical
// one); the lowest score is in the bar's tooltip.
import type { HealthPoint } from '../../../shared/api/health-views.ts';

const W = 100;
const H = 22;
const SLOT = 5;
const HEIGHT = { normal: 6, warning: 12, error: 17, critical: 22 } as const;

export function Sparkline({ points, label }: { points: readonly HealthPoint[]; label: string }) {
  const x0 = W - points.length * SLOT;
  return (
    <svg className="sparkline" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="sparkline">
      {points.map((p, i) => (
        <rect key={i} className={`spark-${p.status}`} x={x0 + i * SLOT} y={H - HEIGHT[p.status]} width={SLOT - 1} height={HEIGHT[p.status]} data-status={p.status}>
          <title>{Math.round(p.score)}</title>
        </rect>
      ))}
    </svg>
  );
}
