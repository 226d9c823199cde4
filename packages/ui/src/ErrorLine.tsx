/**
 * The line saying what went wrong, in place (under a field, in a dialog, beside a button).
 * Renders nothing while there is no message; announced to screen readers when it appears. The
 * message shows as a sentence, its first letter capitalised.
 */
export function ErrorLine({
  message,
  id,
  className,
  quiet = false,
}: {
  message: string | null | undefined;
  id?: string;
  className?: string;
  /**
   * A field's own line among several, read with its field (aria-describedby) rather than
   * announced: the form's summary line ("Fix the fields marked above") is the alert.
   */
  quiet?: boolean;
}) {
  if (!message) return null;
  return (
    <p
      id={id}
      role={quiet ? undefined : 'alert'}
      className={['field-error', className ?? ''].filter(Boolean).join(' ')}
    >
      {sentence(message)}
    </p>
  );
}

/** A message as a sentence: the server's and the schema's start lowercase ("name is required"). */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
