// Shown until the node has work: what to connect, and a sample clip to see a diagnosis right away.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/use-api-query.ts';
import { useDiagnoseNow } from '../hooks/use-diagnose-now.ts';
import type { PageName } from '../route.ts';
import { DiagnoseResultPanel } from './DiagnoseResultPanel.tsx';

export function FirstRunPanel({ onNavigate }: { onNavigate: (page: PageName) => void }) {
  const { t } = useTranslation();
  const samples = useApiQuery('samples', {});
  const [chosen, setChosen] = useState('');
  const { state, run } = useDiagnoseNow();
  const list = samples.data ?? [];
  const sample = chosen || list[0]?.name || '';
  return (
    <section className="panel first-run" data-testid="first-run">
      <h2>{t('firstRun.title')}</h2>
      <p>{t('firstRun.intro')}</p>
      <ol className="steps">
        <li>
          {t('firstRun.stepBroker')}{' '}
          <button type="button" className="link" onClick={() => onNavigate('settings')}>
            {t('firstRun.goSettings')}
          </button>
        </li>
        <li>
          {t('firstRun.stepCameras')}{' '}
          <button type="button" className="link" onClick={() => onNavigate('cameras')}>
            {t('firstRun.goCameras')}
          </button>
        </li>
      </ol>
      <h3>{t('firstRun.sampleTitle')}</h3>
      <p className="muted">{t('firstRun.sampleHint')}</p>
      {samples.data && list.length === 0 ? (
        <p className="muted">{t('firstRun.noSamples')}</p>
      ) : (
        <div className="row">
          <label>
            <span className="sr-only">{t('firstRun.sample')}</span>
            <select data-testid="sample-select" aria-label={t('firstRun.sample')} value={sample} onChange={(e) => setChosen(e.target.value)}>
              {list.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="primary" data-testid="sample-diagnose" disabled={!sample || state.phase === 'running'} onClick={() => run({ sample }, sample)}>
            {t('firstRun.diagnose')}
          </button>
        </div>
      )}
      <DiagnoseResultPanel state={state} />
    </section>
  );
}
