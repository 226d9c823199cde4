import { useId } from 'react';
import type { Issue } from '@journeycraft/schema';
import type { DocumentProgress, ExportFormatInfo, PaperSize } from './api';
import type { DownloadState, Loaded } from './hooks';
import { Button, Field, FileInput, Select } from '@journeycraft/ui';

/** "840 B", "12.4 KB", "3.1 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** A format's label from the catalogue ("Word (DOCX)"), or its id in capitals. */
export function formatLabel(formats: readonly ExportFormatInfo[], format: string): string {
  return formats.find((f) => f.format === format)?.label ?? format.toUpperCase();
}

/** A labelled select of formats, the labels from the catalogue. */
export function FormatField({
  label,
  value,
  options,
  formats,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly string[];
  formats: readonly ExportFormatInfo[];
  onChange: (format: string) => void;
}) {
  const id = useId();
  return (
    <Field label={label} compact>
      <Select
        options={options.map((f) => ({ value: f, label: formatLabel(formats, f) }))}
        onValue={(v) => onChange(v)}
        id={id}
        value={value}
      />
    </Field>
  );
}

/** Formats printed on paper (the others have no page). */
export const PAPER_FORMATS: ReadonlySet<string> = new Set(['docx', 'pdf', 'html']);

/**
 * The paper of an export: A4 or US Letter, showing the workspace's HR setting until another is
 * chosen (`chosen` undefined). Where the workspace cannot be read (a share link) the first choice
 * says so, and the server uses the workspace's paper.
 */
export function PaperField({
  chosen,
  workspace,
  onChange,
}: {
  chosen: PaperSize | undefined;
  workspace: PaperSize | undefined;
  onChange: (paper: PaperSize | undefined) => void;
}) {
  const id = useId();
  const value = chosen ?? workspace ?? '';
  return (
    <Field label="Paper" compact>
      <Select
        id={id}
        value={value}
        title="For Word, PDF and web page; the workspace's HR settings give the default"
        placeholder={workspace ? undefined : 'As in the HR settings'}
        options={[
          { value: 'A4', label: `A4${workspace === 'A4' ? ' (HR settings)' : ''}` },
          { value: 'Letter', label: `US Letter${workspace === 'Letter' ? ' (HR settings)' : ''}` },
        ]}
        onValue={(v: string) => onChange(v === '' ? undefined : (v as PaperSize))}
      />
    </Field>
  );
}

/** A labelled file input that reports the chosen file (or null when cleared). */
export function FileField({
  label,
  accept,
  onChange,
}: {
  label: string;
  accept: string;
  onChange: (file: File | null) => void;
}) {
  const id = useId();
  return (
    <Field label={label} compact className="grow">
      <FileInput id={id} accept={accept} onChange={(e) => onChange(e.target.files?.[0] ?? null)} />
    </Field>
  );
}

/** Scrolls to the page's export section (`#export`). */
export function JumpToExport({ label, className }: { label: string; className: string }) {
  return (
    <Button
      variant="plain"
      className={className}
      onClick={() => document.getElementById('export')?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
    >
      {label}
    </Button>
  );
}

/** The server's error, with its issues (line-numbered for CSVs, tag by tag for templates). */
export function ErrorNotice({ message, issues, label }: { message: string; issues: readonly Issue[]; label: string }) {
  const sorted = [...issues].sort((a, b) => lineOf(a) - lineOf(b));
  return (
    <div className="export-error" role="alert" aria-label={label}>
      <p className="export-error-title">{capitalise(issues.length > 1 ? headline(message) : message)}</p>
      {sorted.length > 1 ? (
        <ul className="export-issues">
          {sorted.slice(0, 50).map((issue, i) => (
            <li key={i}>
              {issue.path ? <span className="export-issue-where">{capitalise(issue.path)}</span> : null}
              <span className="export-issue-what">{issue.message}</span>
            </li>
          ))}
          {sorted.length > 50 ? <li className="muted">…and {sorted.length - 50} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

/** "the assessments CSV has errors: line 2: …; line 3: …" → "the assessments CSV has errors" (the list follows). */
function headline(message: string): string {
  const colon = message.indexOf(': ');
  return colon > 0 ? message.slice(0, colon) : message;
}

function lineOf(issue: Issue): number {
  const m = /^line (\d+)/i.exec(issue.path);
  return m ? Number(m[1]) : 0;
}

function capitalise(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

/** Preparing (spinner), receiving (progress bar with bytes), done (file name), or the error. */
export function DownloadStatus({ state, errorLabel }: { state: DownloadState; errorLabel: string }) {
  switch (state.status) {
    case 'idle':
      return null;
    case 'preparing':
      return (
        <div className="download-status" role="status" aria-busy="true">
          <span className="spinner spinner-sm" aria-hidden="true" />
          <span>Preparing {state.label}…</span>
          {state.documents ? <DocumentsLine label={state.label} documents={state.documents} /> : null}
        </div>
      );
    case 'receiving': {
      const { received, total } = state.progress;
      const pct = total ? Math.min(100, Math.round((100 * received) / total)) : null;
      return (
        <div className="download-status download-receiving" role="status" aria-busy="true">
          <div className="download-line">
            <span>Downloading {state.label}</span>
            <span className="download-bytes">
              {total ? `${formatBytes(received)} of ${formatBytes(total)}` : `${formatBytes(received)} received`}
            </span>
          </div>
          <div
            className={`progress${pct === null ? ' progress-indeterminate' : ''}`}
            role="progressbar"
            aria-label={`Downloading ${state.label}`}
            aria-valuemin={0}
            aria-valuemax={100}
            {...(pct === null ? {} : { 'aria-valuenow': pct })}
          >
            <span style={pct === null ? undefined : { width: `${pct}%` }} />
          </div>
          {state.documents ? <DocumentsLine label={state.label} documents={state.documents} /> : null}
        </div>
      );
    }
    case 'done':
      return (
        <div className="download-status download-done" role="status">
          <span className="download-tick" aria-hidden="true" />
          <span>
            Downloaded <strong className="download-name">{state.filename}</strong>{' '}
            <span className="muted">
              ({formatBytes(state.size)}
              {state.documents ? `, ${state.documents.total} documents` : ''})
            </span>
          </span>
        </div>
      );
    case 'failed':
      return <ErrorNotice message={state.message} issues={state.issues} label={errorLabel} />;
  }
}

/** A batch's documents: how many are rendered of all, and the last one finished. */
function DocumentsLine({ label, documents }: { label: string; documents: DocumentProgress }) {
  const { done, total, last } = documents;
  return (
    <div className="download-documents">
      <div className="download-line">
        <span>
          {done} of {total} documents ready
        </span>
        {last ? <span className="download-bytes">{last}</span> : null}
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={`Documents of ${label}`}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
      >
        <span style={{ width: `${total ? Math.round((100 * done) / total) : 0}%` }} />
      </div>
    </div>
  );
}

/** The loading and failed states of the catalogue (or anything loaded once); null when ready. */
export function LoadingState<T>({ loaded, what }: { loaded: Loaded<T>; what: string }) {
  if (loaded.status === 'loading') {
    return (
      <div className="download-status" role="status" aria-busy="true">
        <span className="spinner spinner-sm" aria-hidden="true" />
        <span>Loading {what}…</span>
      </div>
    );
  }
  if (loaded.status === 'failed') {
    return (
      <div className="export-error export-error-row" role="alert">
        <p className="export-error-title">
          Could not load {what}: {loaded.message}
        </p>
        <Button size="sm" onClick={loaded.retry}>
          Try again
        </Button>
      </div>
    );
  }
  return null;
}
