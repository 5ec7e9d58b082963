// One camera's history: score trends per check over a period, its latest snapshot and its learned normal.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/use-api-query.ts';
import { BaselinePanel } from '../components/BaselinePanel.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { SnapshotImage } from '../components/SnapshotImage.tsx';
import { TrendChart } from '../components/TrendChart.tsx';

const DAY_MS = 86_400_000;
const RANGES = [1, 7, 30] as const;

export function CameraPage({ cameraId, onBack }: { cameraId: number | string; onBack: () => void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState<(typeof RANGES)[number]>(7);
  // The period is fixed when chosen, so the query does not change on every render.
  const period = useMemo(() => {
    const to = Date.now();
    return { from: to - days * DAY_MS, to };
  }, [days]);
  const trend = useApiQuery('trend', { cameraId, from: period.from, to: period.to });
  const latest = useApiQuery('results', { cameraId, limit: 50 });
  const withSnapshot = latest.data?.rows.find((r) => r.has_snapshot);

  return (
    <div className="page">
      <button type="button" className="link" onClick={onBack}>
        ← {t('camera.back')}
      </button>
      <h1>{t('camera.title', { id: String(cameraId) })}</h1>
      <div className="cards camera-cards">
        <section className="panel">
          <header className="row spread">
            <h2>{t('camera.trend')}</h2>
            <label>
              {t('camera.range')}{' '}
              <select data-testid="trend-range" value={days} onChange={(e) => setDays(Number(e.target.value) as (typeof RANGES)[number])}>
                {RANGES.map((d) => (
                  <option key={d} value={d}>
                    {t(`camera.range${d}`)}
                  </option>
                ))}
              </select>
            </label>
          </header>
          {!trend.data ? (
            <LoadState error={trend.error} onRetry={trend.reload} />
          ) : trend.data.every((s) => s.points.length === 0) ? (
            <p className="muted">{t('camera.noTrend')}</p>
          ) : (
            <TrendChart series={trend.data.filter((s) => s.points.length > 0)} from={period.from} to={period.to} />
          )}
        </section>
        <section className="panel">
          <h2>{t('camera.lastSnapshot')}</h2>
          {withSnapshot ? (
            <SnapshotImage key={withSnapshot.id} resultId={withSnapshot.id} alt={t('camera.lastSnapshot')} testId="camera-snapshot" />
          ) : (
            <p className="muted">{latest.data ? t('camera.noSnapshot') : t('common.loading')}</p>
          )}
        </section>
      </div>
      <BaselinePanel cameraId={cameraId} />
    </div>
  );
}
