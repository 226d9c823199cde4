/**
 * The line saying what went wrong, in place (under a field, in a dialog, beside a button).
 * Renders nothing while there is no message; announced to screen readers when it appears. The
 * message shows as a sentence, its first letter capitalised.
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
      {sentence(message)}
    </p>
  );
}

/** A message as a sentence: the server's and the schema's start lowercase ("name is required"). */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
