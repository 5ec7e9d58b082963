// A labelled form control with a note (why it cannot be changed, say) and its validation message underneath.
import type { ReactNode } from 'react';

export function Field({ label, note, noteTestId, error, errorTestId, children }: { label: string; note?: string | undefined; noteTestId?: string; error?: string | undefined; errorTestId?: string; children: ReactNode }) {
  return (
    <label className={error ? 'field invalid' : 'field'}>
      <span className="field-label">{label}</span>
      {children}
      {note && (
        <span className="field-note" data-testid={noteTestId}>
          {note}
        </span>
      )}
      {error && (
        <span className="field-error" role="alert" data-testid={errorTestId}>
          {error}
        </span>
      )}
    </label>
  );
}
