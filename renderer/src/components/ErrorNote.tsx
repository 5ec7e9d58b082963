// An error an operator can act on, announced to screen readers.
export function ErrorNote({ message, testId }: { message: string; testId?: string }) {
  return (
    <p className="note note-error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}
