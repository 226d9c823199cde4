import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { HrSettingsSchema, JourneycraftError, toIssues, type HrSettings } from '@journeycraft/schema';
import { Shell } from '../components/Shell';
import { BackToMap } from '../components/BackToMap';
import { messageOf, request } from '../client';
import '../roles/roles.css';
import { ErrorLine } from '@journeycraft/ui';

type Field = keyof HrSettings;
type Problems = Partial<Record<Field, string>>;

async function loadSettings(): Promise<HrSettings> {
  const json = (await request('GET', '/api/settings/hr')) as { settings?: unknown };
  return HrSettingsSchema.parse(json.settings ?? {});
}

function problemsOf(issues: readonly { path: string; message: string }[]): Problems {
  const out: Problems = {};
  for (const i of issues) out[i.path.split('.')[0] as Field] ??= i.message.charAt(0).toUpperCase() + i.message.slice(1);
  return out;
}

/**
 * The workspace HR settings (`/settings/hr`): the legal employer, website and logo, benefits, how to
 * apply, the equal-opportunity and adjustments statements, the "other duties" disclaimer, paper
 * size and wording register. Every HR document and JobPosting uses them; admins change them.
 */
export function HrSettingsPage() {
  const id = useId();
  const [draft, setDraft] = useState<HrSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [status, setStatus] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loadSettings().then(setDraft, (err: unknown) => setLoadError(messageOf(err)));
  }, []);

  const set = <K extends Field>(key: K, value: HrSettings[K]) => {
    setDraft((d) => (d ? { ...d, [key]: value } : d));
    setProblems((p) => ({ ...p, [key]: undefined }));
    setStatus(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const parsed = HrSettingsSchema.safeParse(draft);
    if (!parsed.success) {
      setProblems(problemsOf(toIssues(parsed.error)));
      setStatus({ kind: 'error', text: 'Fix the fields marked above.' });
      return;
    }
    setBusy(true);
    try {
      const json = (await request('PUT', '/api/settings/hr', parsed.data)) as { settings: unknown };
      setDraft(HrSettingsSchema.parse(json.settings));
      setStatus({ kind: 'saved', text: 'Saved. New exports use these settings.' });
    } catch (err) {
      if (err instanceof JourneycraftError && err.issues?.length) setProblems(problemsOf(err.issues));
      setStatus({ kind: 'error', text: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };

  const text = (f: Field, label: string, placeholder?: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`${id}-${f}`}>{label}</label>
      <input
        id={`${id}-${f}`}
        className="input"
        type={type}
        value={String(draft?.[f] ?? '')}
        placeholder={placeholder}
        onChange={(e) => set(f, e.target.value as never)}
        aria-invalid={problems[f] ? true : undefined}
        aria-describedby={problems[f] ? `${id}-${f}-error` : undefined}
      />
      <ErrorLine quiet id={`${id}-${f}-error`} message={problems[f]} />
    </div>
  );
  const area = (f: Field, label: string, hint: string) => (
    <div className="field">
      <label htmlFor={`${id}-${f}`}>{label}</label>
      <textarea
        id={`${id}-${f}`}
        className="input"
        rows={3}
        value={String(draft?.[f] ?? '')}
        onChange={(e) => set(f, e.target.value as never)}
        aria-invalid={problems[f] ? true : undefined}
        aria-describedby={`${id}-${f}-hint${problems[f] ? ` ${id}-${f}-error` : ''}`}
      />
      <p id={`${id}-${f}-hint`} className="field-hint">
        {hint}
      </p>
      <ErrorLine quiet id={`${id}-${f}-error`} message={problems[f]} />
    </div>
  );

  return (
    <Shell crumb={<span className="crumb-current">HR settings</span>} actions={<BackToMap />}>
      <div className="page page-narrow hr-settings">
        <h1 className="page-title">HR settings</h1>
        <p className="page-lead">
          What every job ad, job description and JobPosting of this workspace says about the employer. Leave a statement
          empty to use ours. <Link href="/">Back to all maps</Link>
        </p>
        {loadError ? (
          <ErrorLine message={loadError} />
        ) : !draft ? (
          <p role="status">Loading…</p>
        ) : (
          <form className="hr-settings-form" aria-label="HR settings" noValidate onSubmit={submit}>
            <fieldset className="hr-group">
              <legend>Employer</legend>
              {text('employerName', 'Legal employer name', 'e.g. Northwind Energy Ltd')}
              {text('website', 'Website', 'https://…', 'url')}
              {text('logoUrl', 'Logo address', 'https://…/logo.png', 'url')}
            </fieldset>
            <fieldset className="hr-group">
              <legend>Job ads</legend>
              {area('benefits', 'Benefits', 'Holidays, pension, training… shown under "Pay and benefits".')}
              {text('applyUrl', 'Apply online at', 'https://…', 'url')}
              {text('applyEmail', 'Or apply by e-mail to', 'jobs@…', 'email')}
              <label className="export-check" htmlFor={`${id}-direct`}>
                <input
                  id={`${id}-direct`}
                  type="checkbox"
                  checked={draft.directApply}
                  onChange={(e) => set('directApply', e.target.checked)}
                />
                People apply directly on that page (JobPosting directApply)
              </label>
            </fieldset>
            <fieldset className="hr-group">
              <legend>Statements</legend>
              {area('equalOpportunity', 'Equal-opportunity statement', 'On job ads and job descriptions.')}
              {area('adjustments', 'Adjustments statement', 'How candidates ask for an adjustment.')}
              {area('disclaimer', '"Other duties" disclaimer', 'Closes every job description.')}
            </fieldset>
            <fieldset className="hr-group">
              <legend>Documents</legend>
              <div className="field">
                <label htmlFor={`${id}-paper`}>Paper size</label>
                <select
                  id={`${id}-paper`}
                  className="input"
                  value={draft.paperSize}
                  onChange={(e) => set('paperSize', e.target.value as HrSettings['paperSize'])}
                >
                  <option value="A4">A4</option>
                  <option value="Letter">US Letter</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-register`}>Wording</label>
                <select
                  id={`${id}-register`}
                  className="input"
                  value={draft.register}
                  onChange={(e) => set('register', e.target.value as HrSettings['register'])}
                >
                  <option value="plain">Plain: speaks to the reader ("What you will do")</option>
                  <option value="formal">Formal: speaks of the role ("The role")</option>
                </select>
              </div>
            </fieldset>
            <div className="role-form-actions">
              <button type="submit" className="btn btn-primary" disabled={busy}>
                Save HR settings
              </button>
              {status?.kind === 'error' ? (
                <ErrorLine message={status.text} />
              ) : (
                <p className="flash" role="status">
                  {status?.text}
                </p>
              )}
            </div>
          </form>
        )}
      </div>
    </Shell>
  );
}
