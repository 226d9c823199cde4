import { useId, useMemo, useState } from 'react';
import type { Role } from '@journeycraft/schema';
import {
  exportRoleDocument,
  exportRoleZip,
  type ExportCatalogue,
  type ExportKind,
  type JobAdOptions,
  type PaperSize,
} from './api';
import { useDownload, useWorkspacePaper } from './hooks';
import { DownloadStatus, FormatField, PAPER_FORMATS, PaperField, formatLabel } from './ui';
import { DEFAULT_INTERVIEW, InterviewOptions, interviewQuery, type InterviewChoice } from './InterviewOptions';
import { talentPlanFit } from '@journeycraft/profiles';
import { Button, Check, Field, Input, Select } from '@journeycraft/ui';

const EMPLOYMENT_TYPES: ReadonlyArray<[string, string]> = [
  ['', 'Not stated'],
  ['FULL_TIME', 'Full time'],
  ['PART_TIME', 'Part time'],
  ['FULL_TIME,PART_TIME', 'Full or part time'],
  ['CONTRACTOR', 'Contractor'],
  ['TEMPORARY', 'Temporary'],
];

/** Formats every one of `kinds` comes in (what a zip of all of them can hold in full). */
export function sharedFormats(kinds: readonly ExportKind[]): string[] {
  const [first, ...rest] = kinds;
  return (first?.formats ?? []).filter((f) => rest.every((k) => k.formats.includes(f)));
}

/** Kinds that take the interview options. */
const INTERVIEW_KINDS = new Set(['interview-guide', 'scorecard']);

/** Why a kind does not fit a role ('' when it does): succession plans for a few seats, pipeline plans for many. */
export function unfitReason(kind: string, role: Role): string {
  const fit = talentPlanFit(role);
  if (kind === 'succession-plan' && fit.plan !== 'succession')
    return `Not for this role (${fit.reason}): use the pipeline plan.`;
  if (kind === 'pipeline-plan' && fit.plan !== 'pipeline')
    return `Not for this role (${fit.reason}): use the succession plan.`;
  return '';
}

/** Pick a document kind and a format and download it; or every document of the role as a zip. */
export function RoleDocuments({ mapId, role, catalogue }: { mapId: string; role: Role; catalogue: ExportCatalogue }) {
  const id = useId();
  const kinds = useMemo(() => catalogue.kinds.filter((k) => k.scope === 'role'), [catalogue.kinds]);
  const zipFormats = useMemo(() => sharedFormats(kinds), [kinds]);
  const [kindId, setKindId] = useState(kinds[0]?.kind ?? '');
  const picked0 = kinds.find((k) => k.kind === kindId);
  const kind = picked0 && !unfitReason(picked0.kind, role) ? picked0 : kinds[0];
  const [interview, setInterview] = useState<InterviewChoice>(DEFAULT_INTERVIEW);
  const [picked, setPicked] = useState(kind?.formats[0] ?? '');
  const format = kind?.formats.includes(picked) ? picked : (kind?.formats[0] ?? '');
  const [zipFormat, setZipFormat] = useState(zipFormats[0] ?? '');
  const [job, setJob] = useState<JobAdOptions>({});
  /** The paper chosen here; the workspace's until then. */
  const [paper, setPaper] = useState<PaperSize | undefined>(undefined);
  const workspacePaper = useWorkspacePaper();
  const download = useDownload();

  if (!kind) return <p className="muted">The server offers no documents for roles.</p>;
  // Kinds that also come as schema.org JobPosting take the employer's details.
  const jobAd = kind.formats.includes('jsonld');
  const jobOptions: JobAdOptions = jobAd
    ? {
        organization: job.organization?.trim() || undefined,
        employmentType: job.employmentType || undefined,
        validThrough: job.validThrough || undefined,
      }
    : {};

  const paperOption = paper ? { paperSize: paper } : {};
  const printed = PAPER_FORMATS.has(format) || PAPER_FORMATS.has(zipFormat);

  return (
    <div className="export-docs">
      <fieldset className="kind-picker">
        <legend className="export-label">Document</legend>
        <div className="kind-grid">
          {kinds.map((k) => {
            const unfit = unfitReason(k.kind, role);
            return (
              <Check
                key={k.kind}
                card
                type="radio"
                id={`${id}-${k.kind}`}
                name={`${id}-kind`}
                value={k.kind}
                label={k.label}
                hint={unfit || k.description}
                checked={k.kind === kind.kind}
                disabled={!!unfit}
                onChange={() => setKindId(k.kind)}
              />
            );
          })}
        </div>
      </fieldset>

      {jobAd ? (
        <div className="export-row export-job" role="group" aria-label="Job ad details">
          <Field label="Employer name" compact className="grow">
            <Input
              id={`${id}-org`}
              maxLength={200}
              placeholder="Shown in the ad and the JobPosting"
              value={job.organization ?? ''}
              onChange={(e) => setJob({ ...job, organization: e.target.value })}
            />
          </Field>
          <Field label="Employment type" compact>
            <Select
              options={EMPLOYMENT_TYPES.map(([value, label]) => ({ value: value, label: label }))}
              onValue={(v) => setJob({ ...job, employmentType: v })}
              id={`${id}-type`}
              value={job.employmentType ?? ''}
            />
          </Field>
          <Field label="Open until" compact>
            <Input
              id={`${id}-until`}
              type="date"
              value={job.validThrough ?? ''}
              onChange={(e) => setJob({ ...job, validThrough: e.target.value })}
            />
          </Field>
        </div>
      ) : null}

      {INTERVIEW_KINDS.has(kind.kind) ? (
        <InterviewOptions mapId={mapId} roleId={role.id} choice={interview} onChange={setInterview} />
      ) : null}

      <div className="export-actions">
        {printed ? (
          <div className="export-row">
            <PaperField
              chosen={paper}
              workspace={workspacePaper.status === 'ready' ? workspacePaper.value : undefined}
              onChange={setPaper}
            />
          </div>
        ) : null}
        <div className="export-row">
          <FormatField
            label="Format"
            value={format}
            options={kind.formats}
            formats={catalogue.formats}
            onChange={setPicked}
          />
          <Button
            variant="primary"
            disabled={download.busy}
            onClick={() =>
              void download.run(`${kind.label.toLowerCase()} (${formatLabel(catalogue.formats, format)})`, (ctx) =>
                exportRoleDocument(mapId, role.id, kind.kind, format, {
                  ...jobOptions,
                  ...(INTERVIEW_KINDS.has(kind.kind) ? interviewQuery(interview) : {}),
                  ...(PAPER_FORMATS.has(format) ? paperOption : {}),
                  ...ctx,
                }),
              )
            }
          >
            <DownloadIcon />
            Download {kind.label.toLowerCase()}
          </Button>
        </div>
        <div className="export-row export-zip">
          <FormatField
            label="All documents as"
            value={zipFormat}
            options={zipFormats}
            formats={catalogue.formats}
            onChange={setZipFormat}
          />
          <Button
            disabled={download.busy || !zipFormat}
            onClick={() =>
              void download.run(`every document of ${role.name} (zip)`, (ctx) =>
                exportRoleZip(mapId, role.id, zipFormat, {
                  ...jobOptions,
                  ...(PAPER_FORMATS.has(zipFormat) ? paperOption : {}),
                  ...ctx,
                }),
              )
            }
          >
            <ZipIcon />
            All documents of this role (zip)
          </Button>
        </div>
      </div>
      <DownloadStatus state={download.state} errorLabel="Export problem" />
    </div>
  );
}

/** An arrow into a tray. */
export function DownloadIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M8 2v8m0 0 3-3m-3 3L5 7M3 12.5h10" />
    </svg>
  );
}

/** A folder with a zip. */
export function ZipIcon() {
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M3 2.5h7l3 3v8H3z M7 2.5v2m0 1.5v2m0 1.5v2" />
    </svg>
  );
}
