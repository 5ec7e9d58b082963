// The window: a header with the language switch, the left navigation and the current page, whose
// route is in the address (renderer/src/route.ts).
import { lazy, Suspense, useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from './api/api-context.ts';
import { LanguageSwitch } from './components/LanguageSwitch.tsx';
import { NavBar } from './components/NavBar.tsx';
import { useAttention } from './hooks/use-attention.ts';
import { useDiagnoseHash } from './hooks/use-diagnose-hash.ts';
import { useHashRoute } from './hooks/use-hash-route.ts';
import { AlertsPage } from './pages/AlertsPage.tsx';
import { BoardPage } from './pages/BoardPage.tsx';
import { CameraPage } from './pages/CameraPage.tsx';
import { LogsPage } from './pages/LogsPage.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { QueuePage } from './pages/QueuePage.tsx';
import { ResultsPage } from './pages/ResultsPage.tsx';
import { HOME, type PageName, type Route } from './route.ts';

// The two form pages validate with the shared zod schemas; loading them on first use keeps zod
// out of the bundle the window starts with.
const CamerasPage = lazy(() => import('./pages/CamerasPage.tsx').then((m) => ({ default: m.CamerasPage })));
const SettingsPage = lazy(() => import('./pages/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })));

export function App({ initialRoute = HOME }: { initialRoute?: Route }) {
  const { t } = useTranslation();
  const api = useApi();
  const [route, go] = useHashRoute(initialRoute);
  const attention = useAttention();
  // Pages opened in this window: a camera's Back returns to where the operator came from, if anywhere.
  const depth = useRef(0);
  const navigateTo = useCallback(
    (next: Route) => {
      depth.current++;
      go(next);
    },
    [go],
  );
  const navigate = (page: PageName) => navigateTo({ page });
  const openCamera = (cameraId: number | string) => navigateTo({ page: 'camera', cameraId });
  const back = () => {
    if (depth.current > 0) {
      depth.current--;
      window.history.back();
    } else go(HOME, { replace: true });
  };
  // "Diagnose now" from the tray: the Cameras page has a Diagnose button per camera; with no camera
  // yet, the Overview's sample clip is the one thing that can be diagnosed. When the list cannot be
  // read, the Cameras page shows why.
  const openDiagnose = useCallback(() => {
    void api.cameras({}).then((cameras) => go(cameras.ok && cameras.value.length === 0 ? { page: 'overview', sample: true } : { page: 'cameras' }, { replace: true }));
  }, [api, go]);
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
      <NavBar current={route.page === 'camera' ? 'board' : route.page} onNavigate={navigate} attention={attention} />
      <main className="content">
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          {route.page === 'board' && <BoardPage onOpenCamera={openCamera} />}
          {route.page === 'alerts' && <AlertsPage onOpenCamera={openCamera} />}
          {route.page === 'overview' && <OverviewPage onNavigate={navigate} sample={'sample' in route} />}
          {route.page === 'queue' && <QueuePage />}
          {route.page === 'results' && <ResultsPage onOpenCamera={openCamera} />}
          {route.page === 'camera' && <CameraPage key={String(route.cameraId)} cameraId={route.cameraId} onBack={back} />}
          {route.page === 'cameras' && <CamerasPage onOpenCamera={openCamera} />}
          {route.page === 'settings' && <SettingsPage />}
          {route.page === 'logs' && <LogsPage />}
        </Suspense>
      </main>
    </div>
  );
}
