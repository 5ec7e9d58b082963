// A labelled form control with its validation message underneath.
import type { ReactNode } from 'react';

export function Field({ label, error, errorTestId, children }: { label: string; error?: string | undefined; errorTestId?: string; children: ReactNode }) {
  return (
    <label className={error ? 'field invalid' : 'field'}>
      <span className="field-label">{label}</span>
      {children}
      {error && (
        <span className="field-error" role="alert" data-testid={errorTestId}>
          {error}
        </span>
      )}
    </label>
  );
}
