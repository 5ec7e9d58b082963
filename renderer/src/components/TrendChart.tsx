// Score over time, one line per check with a marker per result, drawn as plain SVG. The time axis
// spans the results themselves (not the whole period asked for), so a few runs spread across the
// chart instead of piling up at its right edge. The 40 and 60 lines are the platform's bands
// (below 40 severe, 40..60 warning), so a falling line reads at a glance.
import { useTranslation } from 'react-i18next';
import type { TrendView } from '../../../shared/api/views.ts';
import { isCheckType } from '../../../shared/diagnosis/types.ts';
import { formatDateTime } from '../format/time.ts';
import { CheckName } from './CheckName.tsx';

const WIDTH = 760;
const HEIGHT = 260;
const PAD = { left: 36, right: 16, top: 10, bottom: 28 };
const COLOURS = ['#2563eb', '#d97706', '#059669', '#dc2626', '#7c3aed', '#0891b2', '#be185d', '#4d7c0f', '#9a3412', '#1e40af', '#a16207', '#0f766e', '#b91c1c', '#6d28d9', '#0369a1', '#57534e'];
const X_TICKS = 4;
/** The span shown around results that all fall at (nearly) one time. */
const MIN_SPAN_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

/** The time axis: the results' own first and last time, widened to at least MIN_SPAN_MS. */
export function timeDomain(series: readonly TrendView[]): { from: number; to: number } {
  let from = Infinity;
  let to = -Infinity;
  for (const s of series) {
    for (const p of s.points) {
      from = Math.min(from, p.time);
      to = Math.max(to, p.time);
    }
  }
  if (!Number.isFinite(from)) return { from: 0, to: MIN_SPAN_MS };
  const span = to - from;
  // A little room on both sides, so the first and last markers are not cut by the frame.
  const pad = Math.max(span * 0.04, (MIN_SPAN_MS - span) / 2, 0);
  return { from: from - pad, to: to + pad };
}

function tickLabel(time: number, span: number, language: string): string {
  const d = new Date(time);
  if (span <= DAY_MS) return d.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', hour12: false });
  return d.toLocaleString(language, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
}

export function TrendChart({ series }: { series: TrendView[] }) {
  const { t, i18n } = useTranslation();
  const { from, to } = timeDomain(series);
  const span = Math.max(1, to - from);
  const x = (time: number) => PAD.left + ((time - from) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (score: number) => PAD.top + (1 - Math.max(0, Math.min(100, score)) / 100) * (HEIGHT - PAD.top - PAD.bottom);
  const ticks = Array.from({ length: X_TICKS + 1 }, (_, i) => from + (span * i) / X_TICKS);
  const checkName = (type: string) => (isCheckType(type) ? t(`checks.${type}`) : type);
  return (
    <figure className="trend" data-testid="trend-chart" data-from={Math.round(from)} data-to={Math.round(to)}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('camera.chartLabel')}>
        {[0, 40, 60, 100].map((score) => (
          <g key={score}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(score)} y2={y(score)} className={score === 40 || score === 60 ? 'band' : 'grid'} />
            <text x={PAD.left - 6} y={y(score) + 4} textAnchor="end" className="axis">
              {score}
            </text>
          </g>
        ))}
        {ticks.map((time, i) => (
          <text key={time} x={x(time)} y={HEIGHT - 8} textAnchor={i === 0 ? 'start' : i === X_TICKS ? 'end' : 'middle'} className="axis" data-testid="trend-tick">
            {tickLabel(time, span, i18n.language)}
          </text>
        ))}
        {series.map((s, i) => {
          const colour = COLOURS[i % COLOURS.length];
          return (
            <g key={s.type} data-testid={`trend-series-${s.type}`}>
              {s.points.length > 1 && (
                <polyline
                  data-testid={`trend-line-${s.type}`}
                  fill="none"
                  stroke={colour}
                  strokeWidth={2}
                  points={s.points.map((p) => `${x(p.time).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ')}
                />
              )}
              {s.points.map((p, n) => (
                <circle key={n} data-testid="trend-point" cx={x(p.time).toFixed(1)} cy={y(p.score).toFixed(1)} r={3.5} fill={p.status === 'normal' ? '#fff' : colour} stroke={colour} strokeWidth={1.5}>
                  <title>{`${checkName(s.type)} · ${formatDateTime(p.time, i18n.language)} · ${Math.round(p.score)} · ${t(`statuses.${p.status}`)}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {series.map((s, i) => (
          <span key={s.type} className="legend-item">
            <span className="swatch" style={{ background: COLOURS[i % COLOURS.length] }} />
            <CheckName type={s.type} />
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
