// A camera's recent runs at a glance: one bar per run, its height the lowest score, its colour the
// worst status, oldest on the left.
import type { HealthPoint } from '../../../shared/api/health-views.ts';

const W = 100;
const H = 22;
const SLOT = 5;

export function Sparkline({ points, label }: { points: readonly HealthPoint[]; label: string }) {
  const x0 = W - points.length * SLOT;
  return (
    <svg className="sparkline" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="sparkline">
      {points.map((p, i) => {
        const h = Math.max(3, Math.round((Math.max(0, Math.min(100, p.score)) / 100) * (H - 2)));
        return <rect key={i} className={`spark-${p.status}`} x={x0 + i * SLOT} y={H - h} width={SLOT - 1} height={h} data-status={p.status} />;
      })}
    </svg>
  );
}
