// Score over time, one line per check, drawn as plain SVG. The 40 and 60 lines are the platform's
// bands (below 40 severe, 40..60 warning), so a falling line reads at a glance.
import { useTranslation } from 'react-i18next';
import type { TrendView } from '../../../shared/api/views.ts';
import { formatDateTime } from '../format/time.ts';
import { CheckName } from './CheckName.tsx';

const WIDTH = 760;
const HEIGHT = 260;
const PAD = { left: 36, right: 12, top: 10, bottom: 28 };
const COLOURS = ['#2563eb', '#d97706', '#059669', '#dc2626', '#7c3aed', '#0891b2', '#be185d', '#4d7c0f', '#9a3412', '#1e40af', '#a16207', '#0f766e', '#b91c1c', '#6d28d9', '#0369a1', '#57534e'];
const X_TICKS = 4;

export function TrendChart({ series, from, to }: { series: TrendView[]; from: number; to: number }) {
  const { t, i18n } = useTranslation();
  const span = Math.max(1, to - from);
  const x = (time: number) => PAD.left + ((time - from) / span) * (WIDTH - PAD.left - PAD.right);
  const y = (score: number) => PAD.top + (1 - Math.max(0, Math.min(100, score)) / 100) * (HEIGHT - PAD.top - PAD.bottom);
  const ticks = Array.from({ length: X_TICKS + 1 }, (_, i) => from + (span * i) / X_TICKS);
  return (
    <figure className="trend" data-testid="trend-chart">
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
          <text key={time} x={x(time)} y={HEIGHT - 8} textAnchor={i === 0 ? 'start' : i === X_TICKS ? 'end' : 'middle'} className="axis">
            {formatDateTime(time, i18n.language).slice(0, -3)}
          </text>
        ))}
        {series.map((s, i) => (
          <polyline
            key={s.type}
            data-testid={`trend-line-${s.type}`}
            fill="none"
            stroke={COLOURS[i % COLOURS.length]}
            strokeWidth={2}
            points={s.points.map((p) => `${x(p.time).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ')}
          />
        ))}
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
