import { useState, type FormEvent } from 'react';
import type { RoleProfile } from '@journeycraft/profiles';
import { saveFile } from '../client';
import { developmentPlan, type ExportCatalogue } from './api';
import { useDownload } from './hooks';
import { plural } from '../format';
import { DownloadStatus, FileField, FormatField, formatBytes } from './ui';
import { DownloadIcon } from './RoleDocuments';
import { Button } from '@journeycraft/ui';

/** Columns every row must fill; the others are optional. */
const REQUIRED_COLUMNS = new Set(['person', 'competency', 'level']);
/** Largest assessments CSV the server accepts. */
const MAX_CSV_BYTES = 512 * 1024;

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV to fill in: the header and one row per WHAT and HOW competency of the role. */
export function assessmentsStarter(profile: RoleProfile, columns: readonly string[]): string {
  const rows = [...profile.competencies.what, ...profile.competencies.how].map((rc) =>
    columns.map((c) => (c === 'competency' ? csvCell(rc.competency.name) : '')).join(','),
  );
  return [columns.join(','), ...rows].join('\r\n') + '\r\n';
}

/** Upload people's assessed levels; download the plan closing the gap to what the role needs. */
export function DevelopmentPlanForm({
  mapId,
  profile,
  catalogue,
}: {
  mapId: string;
  profile: RoleProfile;
  catalogue: ExportCatalogue;
}) {
  const formats = catalogue.kinds.find((k) => k.kind === 'development-plan')?.formats ?? [];
  const [format, setFormat] = useState(formats[0] ?? '');
  const [file, setFile] = useState<File | null>(null);
  const download = useDownload();
  const columns = catalogue.assessmentColumns;
  const rated = profile.competencies.what.length + profile.competencies.how.length;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return download.fail('Choose an assessments CSV first.');
    if (file.size > MAX_CSV_BYTES) {
      return download.fail(`${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(MAX_CSV_BYTES)}.`);
    }
    const text = await file.text();
    await download.run(`the development plan from ${file.name}`, (ctx) =>
      developmentPlan(mapId, profile.role.id, text, format, ctx),
    );
  };

  return (
    <div className="export-split">
      <div className="export-split-main">
        <p className="export-text">
          Upload each person&rsquo;s assessed level (0&ndash;5) per competency. The plan sets them against the level{' '}
          {profile.role.name} needs at each touchpoint, puts gaps at moments of truth first, and suggests what to
          practise. Several people give one plan each, in a zip.
        </p>
        <form className="export-form" onSubmit={submit} noValidate aria-label="Development plan from assessments">
          <div className="export-row">
            <FileField
              label="Assessments CSV"
              accept=".csv,.tsv,.txt,text/csv"
              onChange={(f) => {
                setFile(f);
                download.reset();
              }}
            />
            <FormatField
              label="Plan format"
              value={format}
              options={formats}
              formats={catalogue.formats}
              onChange={setFormat}
            />
            <Button variant="primary" type="submit" busy={download.busy}>
              <DownloadIcon />
              Make development plan
            </Button>
          </div>
        </form>
        <DownloadStatus state={download.state} errorLabel="Assessment problems" />
      </div>
      <aside className="export-split-side" aria-label="Assessments CSV columns">
        <h3 className="export-label">Columns</h3>
        <ul className="column-list">
          {columns.map((c) => (
            <li key={c}>
              <code>{c}</code>
              <span className={REQUIRED_COLUMNS.has(c) ? 'column-req' : 'column-opt'}>
                {REQUIRED_COLUMNS.has(c) ? 'required' : 'optional'}
              </span>
            </li>
          ))}
        </ul>
        <p className="export-hint">
          Header row first; comma, semicolon or tab. <code>competency</code> is the name or id as on the map. A file
          with any problem makes no plan, and every line at fault is listed.
        </p>
        <Button
          size="sm"
          disabled={rated === 0}
          title={rated === 0 ? 'This role has no WHAT or HOW competency to assess yet' : undefined}
          onClick={() =>
            saveFile({
              filename: `${profile.role.name.replace(/[^\w-]+/g, '-').toLowerCase()}-assessments.csv`,
              blob: new Blob([assessmentsStarter(profile, columns)], { type: 'text/csv;charset=utf-8' }),
            })
          }
        >
          CSV to fill in ({plural(rated, 'competency', 'competencies')})
        </Button>
      </aside>
    </div>
  );
}
