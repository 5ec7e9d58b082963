// The left navigation between the pages.
import { useTranslation } from 'react-i18next';
import type { PageName } from '../route.ts';

const PAGES: readonly PageName[] = ['overview', 'queue', 'results', 'cameras', 'settings', 'logs'];

export function NavBar({ current, onNavigate }: { current: PageName; onNavigate: (page: PageName) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="nav" aria-label="main">
      {PAGES.map((page) => (
        <button
          key={page}
          type="button"
          className={page === current ? 'nav-link active' : 'nav-link'}
          aria-current={page === current ? 'page' : undefined}
          data-testid={`nav-${page}`}
          onClick={() => onNavigate(page)}
        >
          {t(`nav.${page}`)}
        </button>
      ))}
    </nav>
  );
}
