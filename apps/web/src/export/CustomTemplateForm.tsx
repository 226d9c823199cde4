import { useId, useState } from 'react';
import type { Role } from '@journeycraft/schema';
import { saveFile } from '../client';
import { fillRoleTemplate, previewTemplate, type ExportCatalogue } from './api';
import { useDownload } from './hooks';
import { DownloadStatus, FileField, formatBytes } from './ui';
import { TemplateFields } from './TemplateFields';
import { DownloadIcon } from './RoleDocuments';
import { Button, Check, Field, Input } from '@journeycraft/ui';

const TEMPLATE_ACCEPT = '.docx,.md,.markdown,.html,.htm,.txt,.liquid';

/** A filled text template shown on the page. */
interface TextPreview {
  filename: string;
  text: string;
  html: boolean;
}

/**
 * Whether a filled template can be shown here as text. Word's type names "xml" too
 * (`…wordprocessingml.document`) but is a zip: it is downloaded, never printed as bytes.
 */
export function isText(type: string): boolean {
  const mime = type.split(';')[0]!.trim().toLowerCase();
  return (
    mime.startsWith('text/') ||
    mime === 'application/json' ||
    mime === 'application/xml' ||
    mime.endsWith('+json') ||
    mime.endsWith('+xml')
  );
}

/**
 * The company's own template: a Word document with `{tags}` or a text file with Liquid. Preview it
 * with the sample map (text is shown here, Word is downloaded), then fill it for this role.
 */
export function CustomTemplateForm({
  mapId,
  role,
  catalogue,
}: {
  mapId: string;
  role: Role;
  catalogue: ExportCatalogue;
}) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [organization, setOrganization] = useState('');
  const [preview, setPreview] = useState<TextPreview | null>(null);
  const [fillBlank, setFillBlank] = useState(false);
  /** Fields the last filled template named that we do not have (left blank on request). */
  const [blanks, setBlanks] = useState<string[]>([]);
  const download = useDownload();

  /** The chosen file, or null after showing why it cannot be sent. */
  const checked = (): File | null => {
    setPreview(null);
    setBlanks([]);
    if (!file) {
      download.fail('Choose a template file first: a Word document (.docx) or a text file (.md, .html, .txt).');
      return null;
    }
    if (file.size > catalogue.maxTemplateBytes) {
      download.fail(
        `${file.name} is ${formatBytes(file.size)}; templates can be at most ${formatBytes(catalogue.maxTemplateBytes)}.`,
      );
      return null;
    }
    return file;
  };
  const org = organization.trim() || undefined;

  const runPreview = async () => {
    const template = checked();
    if (!template) return;
    const out = await download.run(
      `a preview of ${template.name}`,
      () => previewTemplate(template, { organization: org, fillBlank }),
      false,
    );
    if (!out) return;
    setBlanks(out.blankFields ?? []);
    if (isText(out.blob.type)) {
      setPreview({ filename: out.filename, text: await out.blob.text(), html: out.blob.type.startsWith('text/html') });
    } else {
      saveFile(out);
    }
  };

  const runFill = async () => {
    const template = checked();
    if (!template) return;
    const out = await download.run(`${template.name} filled for ${role.name}`, (ctx) =>
      fillRoleTemplate(mapId, role.id, template, { organization: org, fillBlank, ...ctx }),
    );
    setBlanks(out?.blankFields ?? []);
  };

  return (
    <div className="export-split">
      <div className="export-split-main">
        <p className="export-text">
          Use your own layout. In a Word document write tags such as <code>{'{role.name}'}</code> and loops such as{' '}
          <code>{'{#competencies}{name}{/competencies}'}</code>; in a text, Markdown or HTML file use Liquid:{' '}
          <code>{'{{ role.name }}'}</code>, <code>{'{% for c in competencies %}'}</code>. Every field is listed
          alongside with a sample value, the HR facts of the role (grade, pay, reports to, location…) and the employer's
          HR settings included. An unknown field or a syntax error is reported with the tag at fault.
        </p>
        <form
          className="export-form"
          onSubmit={(e) => {
            e.preventDefault();
            void runFill();
          }}
          noValidate
          aria-label="Custom template"
        >
          <div className="export-row">
            <FileField
              label="Template file"
              accept={TEMPLATE_ACCEPT}
              onChange={(f) => {
                setFile(f);
                setPreview(null);
                download.reset();
              }}
            />
            <Field label="Organisation" compact>
              <Input
                id={`${id}-org`}
                maxLength={200}
                placeholder="Optional"
                value={organization}
                onChange={(e) => setOrganization(e.target.value)}
              />
            </Field>
          </div>
          <Check
            id={`${id}-blank`}
            label="Fill fields we do not have blank, instead of refusing the template"
            checked={fillBlank}
            onChange={(e) => setFillBlank(e.target.checked)}
          />
          <div className="export-row">
            <Button disabled={download.busy} onClick={runPreview}>
              Preview with sample data
            </Button>
            <Button variant="primary" type="submit" busy={download.busy}>
              <DownloadIcon />
              Fill for {role.name}
            </Button>
          </div>
        </form>
        {blanks.length ? (
          <p className="export-note" role="note" aria-label="Fields left blank">
            Left blank, because they are not fields we have: {blanks.map((b) => `{${b}}`).join(', ')}. Check the
            document before you send it.
          </p>
        ) : null}
        {preview ? (
          <figure className="template-preview" aria-label="Template preview">
            <figcaption className="template-preview-head">
              <span>
                Preview with the sample map <span className="muted">· {preview.filename}</span>
              </span>
              <Button variant="ghost" size="sm" onClick={() => setPreview(null)}>
                Close
              </Button>
            </figcaption>
            {preview.html ? (
              <iframe className="template-preview-frame" title="Rendered preview" sandbox="" srcDoc={preview.text} />
            ) : (
              <pre className="template-preview-text">{preview.text}</pre>
            )}
          </figure>
        ) : (
          <DownloadStatus state={download.state} errorLabel="Template problem" />
        )}
      </div>
      <aside className="export-split-side export-fields" aria-label="Fields you can use">
        <h3 className="export-label">Fields you can use</h3>
        <TemplateFields />
      </aside>
    </div>
  );
}
