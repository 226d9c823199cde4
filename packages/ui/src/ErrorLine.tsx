/**
 * The line saying what went wrong, in place (under a field, in a dialog, beside a button).
 * Renders nothing while there is no message; announced to screen readers when it appears.
 */
export function ErrorLine({
  message,
  id,
  className,
}: {
  message: string | null | undefined;
  id?: string;
  className?: string;
}) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className={['field-error', className ?? ''].filter(Boolean).join(' ')}>
      {message}
    </p>
  );
}
