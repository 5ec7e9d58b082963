// A horizontal bar for a fraction of something (time used of a limit); turns amber then red near the end.
export function ProgressBar({ fraction, label }: { fraction: number; label: string }) {
  const clamped = Math.max(0, Math.min(1, fraction));
  const level = clamped >= 0.9 ? 'high' : clamped >= 0.7 ? 'mid' : 'low';
  return (
    <div className={`progress progress-${level}`} role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(clamped * 100)} aria-label={label}>
      <div className="progress-fill" style={{ width: `${clamped * 100}%` }} />
    </div>
  );
}
