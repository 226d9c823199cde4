import { useMemo, useState } from 'react';
import { Button, Check } from '@journeycraft/ui';
import { plural } from '../format';
import { exportMapDocument, exportMapZip, type ExportCatalogue, type ExportKind } from './api';
import { useDownload, useExportCatalogue } from './hooks';
import { DownloadStatus, FormatField, LoadingState, formatLabel } from './ui';
import { DownloadIcon, ZipIcon } from './RoleDocuments';
import './export.css';

/** Spreadsheets first: the coverage matrix is mostly read in Excel. */
function spreadsheetFirst(formats: readonly string[]): string {
  return formats.find((f) => f === 'xlsx') ?? formats[0] ?? '';
}

/**
 * The map's exports on the coverage page: chosen documents for every role as one zip (with
 * progress), and the map-wide documents (the coverage matrix) in the formats the server offers.
 */
export function MapExportPanel({ mapId, roleCount }: { mapId: string; roleCount: number }) {
  const catalogue = useExportCatalogue();
  return (
    <section className="card coverage-section export-panel" aria-label="Export for HR" data-testid="map-export">
      <h2 className="section-h export-title">Export for HR</h2>
      {catalogue.status === 'ready' ? (
        <div className="map-export-grid">
          <BatchExport mapId={mapId} roleCount={roleCount} catalogue={catalogue.value} />
          {catalogue.value.kinds
            .filter((k) => k.scope === 'map')
            .map((k) => (
              <MapDocument key={k.kind} mapId={mapId} kind={k} catalogue={catalogue.value} />
            ))}
        </div>
      ) : (
        <LoadingState loaded={catalogue} what="the document kinds" />
      )}
    </section>
  );
}

function BatchExport({
  mapId,
  roleCount,
  catalogue,
}: {
  mapId: string;
  roleCount: number;
  catalogue: ExportCatalogue;
}) {
  const kinds = useMemo(() => catalogue.kinds.filter((k) => k.scope === 'role'), [catalogue.kinds]);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(kinds.map((k) => k.kind)));
  const picked = kinds.filter((k) => chosen.has(k.kind));
  // Any format at least one chosen kind comes in; the server leaves the kinds without it out of the zip.
  const from = picked.length ? picked : kinds;
  const formats = catalogue.formats.map((f) => f.format).filter((f) => from.some((k) => k.formats.includes(f)));
  const [chosenFormat, setFormat] = useState(formats[0] ?? '');
  const format = formats.includes(chosenFormat) ? chosenFormat : (formats[0] ?? '');
  const download = useDownload();
  const missing = picked.filter((k) => !k.formats.includes(format));

  const toggle = (kind: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });

  const start = () => {
    if (roleCount === 0) return download.fail('The map has no roles yet: add roles on the roles page first.');
    if (picked.length === 0) return download.fail('Tick at least one document to put in the zip.');
    void download.run(`documents for ${plural(roleCount, 'role')} (zip)`, (ctx) =>
      exportMapZip(mapId, format, picked.length === kinds.length ? [] : picked.map((k) => k.kind), ctx),
    );
  };

  return (
    <div className="map-export-block" role="group" aria-label="Documents for every role">
      <h3 className="export-label">Documents for every role</h3>
      <p className="export-hint">
        One zip with a folder per role ({plural(roleCount, 'role')} on this map). Large maps take a moment to prepare.
      </p>
      <fieldset className="kind-checks">
        <legend className="visually-hidden">Documents in the zip</legend>
        {kinds.map((k) => (
          <Check
            key={k.kind}
            size="sm"
            title={k.description}
            label={k.label}
            checked={chosen.has(k.kind)}
            onChange={() => toggle(k.kind)}
          />
        ))}
      </fieldset>
      <div className="export-row">
        <FormatField label="Format" value={format} options={formats} formats={catalogue.formats} onChange={setFormat} />
        <Button variant="primary" busy={download.busy} onClick={start}>
          <ZipIcon />
          Download all roles (zip)
        </Button>
      </div>
      {missing.length ? (
        <p className="export-hint">
          Not available as {formatLabel(catalogue.formats, format)}, so left out:{' '}
          {missing.map((k) => k.label.toLowerCase()).join(', ')}.
        </p>
      ) : null}
      <DownloadStatus state={download.state} errorLabel="Batch export problem" />
    </div>
  );
}

function MapDocument({ mapId, kind, catalogue }: { mapId: string; kind: ExportKind; catalogue: ExportCatalogue }) {
  const [picked, setPicked] = useState(() => spreadsheetFirst(kind.formats));
  const download = useDownload();
  const quick = kind.formats.filter((f) => f === 'xlsx' || f === 'csv');
  const get = (format: string) =>
    void download.run(`the ${kind.label.toLowerCase()} (${formatLabel(catalogue.formats, format)})`, (ctx) =>
      exportMapDocument(mapId, kind.kind, format, ctx),
    );
  return (
    <div className="map-export-block" role="group" aria-label={kind.label}>
      <h3 className="export-label">{kind.label}</h3>
      <p className="export-hint">{kind.description}</p>
      {quick.length ? (
        <div className="export-row">
          {quick.map((f) => (
            <Button
              key={f}
              disabled={download.busy}
              onClick={() => get(f)}
              aria-label={`Download the ${kind.label.toLowerCase()} as ${formatLabel(catalogue.formats, f)}`}
            >
              <DownloadIcon />
              {formatLabel(catalogue.formats, f)}
            </Button>
          ))}
        </div>
      ) : null}
      <div className="export-row">
        <FormatField
          label="Other format"
          value={picked}
          options={kind.formats}
          formats={catalogue.formats}
          onChange={setPicked}
        />
        {/* A ghost button beside the select read as a plain word; it is the row's action. */}
        <Button busy={download.busy} onClick={() => get(picked)}>
          <DownloadIcon />
          Download
        </Button>
      </div>
      <DownloadStatus state={download.state} errorLabel={`${kind.label} problem`} />
    </div>
  );
}
