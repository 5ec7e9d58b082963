// One camera's history, titled by its name: the latest verdict per check, score trends per check
// over a period, its latest snapshot and its learned normal.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultView } from '../../../shared/api/views.ts';
import { useApiEvent } from '../api/use-api-event.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { BaselinePanel } from '../components/BaselinePanel.tsx';
import { LatestVerdicts } from '../components/LatestVerdicts.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { ResultDetail } from '../components/ResultDetail.tsx';
import { SnapshotImage } from '../components/SnapshotImage.tsx';
import { TrendChart } from '../components/TrendChart.tsx';

const DAY_MS = 86_400_000;
const RANGES = [1, 7, 30] as const;
type Days = (typeof RANGES)[number];

function periodOf(days: Days): { from: number; to: number } {
  const to = Date.now();
  return { from: to - days * DAY_MS, to };
}
/** Enough rows for the newest of every check: a run writes at most one row per check. */
const LATEST_ROWS = 100;

export function CameraPage({ cameraId, onBack }: { cameraId: number | string; onBack: () => void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState<Days>(7);
  // The period is fixed when chosen (or when new results arrive), so the query does not change on every render.
  const [period, setPeriod] = useState(() => periodOf(7));
  const choose = (d: Days) => {
    setDays(d);
    setPeriod(periodOf(d));
  };
  const trend = useApiQuery('trend', { cameraId, from: period.from, to: period.to });
  const latest = useApiQuery('results', { cameraId, limit: LATEST_ROWS });
  const cameras = useApiQuery('cameras', {});
  const [selected, setSelected] = useState<ResultView | null>(null);
  useApiEvent('result', () => {
    setPeriod(periodOf(days));
    latest.reload();
  });
  const camera = cameras.data?.find((c) => String(c.id) === String(cameraId));
  const name = camera?.name ?? latest.data?.rows[0]?.camera_name ?? String(cameraId);
  const facts = [camera?.code, camera?.location, camera?.origin ? t(`findings.origins.${camera.origin}`) : null].filter((f): f is string => !!f);
  const withSnapshot = latest.data?.rows.find((r) => r.has_snapshot);

  return (
    <div className="page">
      <button type="button" className="link" onClick={onBack}>
        ← {t('camera.back')}
      </button>
      <h1 data-testid="camera-title">{name}</h1>
      {facts.length > 0 && <p className="muted subtitle">{facts.join(' · ')}</p>}
      <div className="cards camera-cards">
        <section className="panel">
          <h2>{t('findings.latest')}</h2>
          {latest.data ? <LatestVerdicts rows={latest.data.rows} onSelect={setSelected} /> : <LoadState error={latest.error} onRetry={latest.reload} />}
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
      {selected && (
        <div className="camera-detail">
          <ResultDetail row={selected} onClose={() => setSelected(null)} />
        </div>
      )}
      <section className="panel">
        <header className="row spread">
          <h2>{t('camera.trend')}</h2>
          <label>
            {t('camera.range')}{' '}
            <select data-testid="trend-range" value={days} onChange={(e) => choose(Number(e.target.value) as Days)}>
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
          <TrendChart series={trend.data.filter((s) => s.points.length > 0)} />
        )}
      </section>
      <BaselinePanel cameraId={cameraId} cameraName={name} />
    </div>
  );
}
