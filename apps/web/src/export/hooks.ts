import { useCallback, useEffect, useRef, useState } from 'react';
import { JourneycraftError, type Issue } from '@journeycraft/schema';
import { messageOf, saveFile, type DownloadProgress, type DownloadedFile } from '../client';
import type { DocumentProgress } from './api';
import {
  getExportCatalogue,
  getTemplateFields,
  getWorkspacePaper,
  type ExportCatalogue,
  type PaperSize,
  type TemplateFieldList,
} from './api';

/** Something loaded once from the server: loading, ready, or failed with a message. */
export type Loaded<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; message: string; retry: () => void };

/** Loads `load()` once per page (kept across mounts), with a retry after a failure. */
function useOnce<T>(cache: { promise: Promise<T> | null }, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    cache.promise ??= load();
    cache.promise.then(
      (value) => live && setState({ status: 'ready', value }),
      (err: unknown) => {
        cache.promise = null;
        if (live) {
          setState({
            status: 'failed',
            message: messageOf(err),
            retry: () => {
              setState({ status: 'loading' });
              setAttempt((a) => a + 1);
            },
          });
        }
      },
    );
    return () => {
      live = false;
    };
  }, [cache, load, attempt]);
  return state;
}

const catalogueCache: { promise: Promise<ExportCatalogue> | null } = { promise: null };
const fieldsCache: { promise: Promise<TemplateFieldList> | null } = { promise: null };

/** The document kinds and formats the server offers. */
export function useExportCatalogue(): Loaded<ExportCatalogue> {
  return useOnce(catalogueCache, getExportCatalogue);
}

const paperCache: { promise: Promise<PaperSize> | null } = { promise: null };

/** The workspace's paper size (HR settings); fails for a share link, which cannot read the workspace. */
export function useWorkspacePaper(): Loaded<PaperSize> {
  return useOnce(paperCache, getWorkspacePaper);
}

/** The documented custom-template fields with sample values. */
export function useTemplateFields(): Loaded<TemplateFieldList> {
  return useOnce(fieldsCache, getTemplateFields);
}

/** Where a download stands, for `<DownloadStatus>`. */
export type DownloadState =
  | { status: 'idle' }
  /** Asked; the server is still making the file. */
  | { status: 'preparing'; label: string; documents?: DocumentProgress }
  | { status: 'receiving'; label: string; progress: DownloadProgress; documents?: DocumentProgress }
  | { status: 'done'; filename: string; size: number; documents?: DocumentProgress }
  | { status: 'failed'; message: string; issues: Issue[] };

export type Fetcher = (ctx: {
  onProgress: (p: DownloadProgress) => void;
  /** Documents rendered so far, for batches whose server says so (see exportMapZip). */
  onDocuments: (p: DocumentProgress) => void;
  signal: AbortSignal;
}) => Promise<DownloadedFile>;

/**
 * Runs one download at a time: shows preparing → receiving (bytes) → done, or the server's error;
 * saves the file under the server's name. Leaving the page aborts it.
 */
export function useDownload(): {
  state: DownloadState;
  busy: boolean;
  run: (label: string, fetcher: Fetcher, save?: boolean) => Promise<DownloadedFile | null>;
  fail: (message: string) => void;
  reset: () => void;
} {
  const [state, setState] = useState<DownloadState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(async (label: string, fetcher: Fetcher, save = true) => {
    controller.current?.abort();
    const ctl = new AbortController();
    controller.current = ctl;
    setState({ status: 'preparing', label });
    try {
      let documents: DocumentProgress | undefined;
      const file = await fetcher({
        signal: ctl.signal,
        onProgress: (progress) => {
          if (!ctl.signal.aborted)
            setState({ status: 'receiving', label, progress, ...(documents ? { documents } : {}) });
        },
        onDocuments: (p) => {
          if (ctl.signal.aborted) return;
          documents = p;
          setState((s) => (s.status === 'preparing' || s.status === 'receiving' ? { ...s, documents: p } : s));
        },
      });
      if (ctl.signal.aborted) return null;
      if (save) saveFile(file);
      const all = documents ? { documents: { ...documents, done: documents.total } } : {};
      setState({ status: 'done', filename: file.filename, size: file.blob.size, ...all });
      return file;
    } catch (err) {
      if (ctl.signal.aborted) return null;
      const issues = err instanceof JourneycraftError ? [...(err.issues ?? [])] : [];
      setState({ status: 'failed', message: messageOf(err), issues });
      return null;
    } finally {
      if (controller.current === ctl) controller.current = null;
    }
  }, []);

  const fail = useCallback((message: string) => setState({ status: 'failed', message, issues: [] }), []);
  const reset = useCallback(() => {
    controller.current?.abort();
    setState({ status: 'idle' });
  }, []);

  return { state, busy: state.status === 'preparing' || state.status === 'receiving', run, fail, reset };
}
