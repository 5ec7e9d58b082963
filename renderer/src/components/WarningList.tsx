// Conditions the operator should know about (broker topology, secrets kept in plain text).
import { useTranslation } from 'react-i18next';

export function WarningList({ warnings }: { warnings: string[] }) {
  const { t } = useTranslation();
  if (warnings.length === 0) return null;
  return (
    <section className="note note-warning" role="status" data-testid="warnings">
      <strong>{t('overview.warnings')}</strong>
      <ul>
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </section>
  );
}
