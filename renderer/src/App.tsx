// The window: a header with the language switch, the left navigation and the current page.
import { lazy, Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from './api/api-context.ts';
import { LanguageSwitch } from './components/LanguageSwitch.tsx';
import { NavBar } from './components/NavBar.tsx';
import { useDiagnoseHash } from './hooks/use-diagnose-hash.ts';
import { CameraPage } from './pages/CameraPage.tsx';
import { LogsPage } from './pages/LogsPage.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { QueuePage } from './pages/QueuePage.tsx';
import { ResultsPage } from './pages/ResultsPage.tsx';
import type { PageName, Route } from './route.ts';

// The two form pages validate with the shared zod schemas; loading them on first use keeps zod
// out of the bundle the window starts with.
const CamerasPage = lazy(() => import('./pages/CamerasPage.tsx').then((m) => ({ default: m.CamerasPage })));
const SettingsPage = lazy(() => import('./pages/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })));

export function App({ initialRoute = { page: 'overview' } }: { initialRoute?: Route }) {
  const { t } = useTranslation();
  const api = useApi();
  const [route, setRoute] = useState<Route>(initialRoute);
  const navigate = (page: PageName) => setRoute({ page });
  const openCamera = (cameraId: number | string) => setRoute({ page: 'camera', cameraId });
  // "Diagnose now" from the tray: the Cameras page has a Diagnose button per camera; with no camera
  // yet, the Overview's sample clip is the one thing that can be diagnosed. When the list cannot be
  // read, the Cameras page shows why.
  const openDiagnose = useCallback(() => {
    void api.cameras({}).then((cameras) => setRoute(cameras.ok && cameras.value.length === 0 ? { page: 'overview', sample: true } : { page: 'cameras' }));
  }, [api]);
  useDiagnoseHash(openDiagnose);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-title">{t('app.title')}</span>
          <span className="brand-subtitle">{t('app.subtitle')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <NavBar current={route.page === 'camera' ? 'results' : route.page} onNavigate={navigate} />
      <main className="content">
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          {route.page === 'overview' && <OverviewPage onNavigate={navigate} sample={'sample' in route} />}
          {route.page === 'queue' && <QueuePage />}
          {route.page === 'results' && <ResultsPage onOpenCamera={openCamera} />}
          {route.page === 'camera' && <CameraPage cameraId={route.cameraId} onBack={() => navigate('results')} />}
          {route.page === 'cameras' && <CamerasPage onOpenCamera={openCamera} />}
          {route.page === 'settings' && <SettingsPage />}
          {route.page === 'logs' && <LogsPage />}
        </Suspense>
      </main>
    </div>
  );
}
