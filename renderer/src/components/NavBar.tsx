// The left navigation between the pages.
import { useTranslation } from 'react-i18next';
import { PAGES, type PageName } from '../route.ts';

/** `attention`: cameras with an unacknowledged alert, counted beside Alerts. */
export function NavBar({ current, onNavigate, attention = 0 }: { current: PageName; onNavigate: (page: PageName) => void; attention?: number }) {
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
          {page === 'alerts' && attention > 0 && (
            <span className="nav-count" data-testid="nav-attention">
              {attention}
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}
