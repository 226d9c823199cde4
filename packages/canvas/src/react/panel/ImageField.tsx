import { useId, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import { Button, ErrorLine, FileInput } from '@journeycraft/ui';
import { MAX_IMAGE_BYTES } from '@journeycraft/schema';
import { useCanvas } from '../context.js';
import { useImage } from '../hooks/useImage.js';

const ACCEPT = 'image/png,image/jpeg,image/webp';

/** Runs a document change: null when it went through, else what to tell the person. */
export function savedOrProblem(change: () => unknown): string | null {
  try {
    change();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : 'The picture could not be saved.';
  }
}

/** The first file of a paste or drop, if any. */
function fileOf(data: DataTransfer | null): File | null {
  if (!data) return null;
  if (data.files.length) return data.files[0]!;
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind === 'file') return item.getAsFile();
  }
  return null;
}

/**
 * A picture of a card or persona: shows it, and takes a new one from the file picker, a paste
 * (Ctrl/⌘+V while the box has focus) or a file dragged onto the box. The file goes to the server
 * (which checks and re-encodes it); `onChange` then puts the new id in the document, or null to
 * take the picture off. What the server or the document refuses is said beside the control.
 */
export function ImageField({
  label,
  imageId,
  alt,
  onChange,
  disabled = false,
}: {
  label: string;
  imageId: string | null;
  /** Text alternative of the picture (the card's title, the persona's name). */
  alt: string;
  /** Saves the new picture id (or null); returns a problem to show, or null. */
  onChange: (imageId: string | null) => string | null;
  disabled?: boolean;
}) {
  const { images, readOnly } = useCanvas();
  const image = useImage(imageId);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const labelId = useId();
  const errorId = useId();
  const off = disabled || readOnly || !images;

  const take = async (file: File | null) => {
    if (!file || off || busy) return;
    setBusy(true);
    setError(null);
    try {
      const id = await images!.upload(file);
      setError(onChange(id));
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The picture could not be uploaded.');
    } finally {
      setBusy(false);
    }
  };

  const onPaste = (e: ClipboardEvent) => {
    const file = fileOf(e.clipboardData);
    if (!file) return;
    e.preventDefault();
    void take(file);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void take(fileOf(e.dataTransfer));
  };

  return (
    <div className="field jc-image-field">
      <span className="field-label" id={labelId}>
        {label}
      </span>
      <div
        className={`jc-image-drop${over ? ' is-over' : ''}${image?.status === 'ready' ? ' has-image' : ''}`}
        role="group"
        aria-labelledby={labelId}
        aria-describedby={error ? errorId : undefined}
        aria-busy={busy}
        tabIndex={off ? -1 : 0}
        data-own-keys=""
        data-testid="image-drop"
        onPaste={onPaste}
        onDragOver={(e) => {
          if (off) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        {image?.status === 'ready' ? (
          <img className="jc-image-preview" src={image.url} alt={alt} />
        ) : imageId && image?.status === 'failed' ? (
          <span className="jc-muted">The picture could not be loaded: {image.message}</span>
        ) : imageId ? (
          <span className="jc-muted">Loading the picture…</span>
        ) : (
          <span className="jc-muted">
            {off
              ? 'No picture.'
              : `Drop a picture here, paste one (Ctrl+V), or choose a file: PNG, JPEG or WebP up to ${MAX_IMAGE_BYTES / (1024 * 1024)} MB.`}
          </span>
        )}
        {busy ? (
          <span className="jc-image-busy" role="status">
            Uploading…
          </span>
        ) : null}
      </div>
      {off ? null : (
        <div className="jc-stack-row">
          <Button size="sm" variant="secondary" disabled={busy} onClick={() => input.current?.click()}>
            {imageId ? 'Replace picture…' : 'Choose a picture…'}
          </Button>
          {imageId ? (
            <Button size="sm" variant="danger-link" disabled={busy} onClick={() => setError(onChange(null))}>
              Remove picture
            </Button>
          ) : null}
          <FileInput
            ref={input}
            accept={ACCEPT}
            hidden
            aria-label={`${label}: choose a file`}
            onChange={(e) => {
              const file = e.target.files?.[0] ?? null;
              e.target.value = '';
              void take(file);
            }}
          />
        </div>
      )}
      <ErrorLine id={errorId} message={error} />
    </div>
  );
}
