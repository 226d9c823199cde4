import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { HrSettingsSchema, JourneycraftError, toIssues, type HrSettings } from '@journeycraft/schema';
import { Shell } from '../components/Shell';
import { BackToMap } from '../components/BackToMap';
import { messageOf, request } from '../client';
import '../roles/roles.css';
import { Button, Check, ErrorLine, Field, Input, Select, TextArea } from '@journeycraft/ui';

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
    <Field label={label} error={problems[f]} quietError>
      <Input
        id={`${id}-${f}`}
        type={type}
        value={String(draft?.[f] ?? '')}
        placeholder={placeholder}
        onChange={(e) => set(f, e.target.value as never)}
      />
    </Field>
  );
  const area = (f: Field, label: string, hint: string) => (
    <Field label={label} hint={hint} error={problems[f]} quietError>
      <TextArea
        id={`${id}-${f}`}
        rows={3}
        value={String(draft?.[f] ?? '')}
        onChange={(e) => set(f, e.target.value as never)}
      />
    </Field>
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
              <Check
                id={`${id}-direct`}
                label="People apply directly on that page (JobPosting directApply)"
                checked={draft.directApply}
                onChange={(e) => set('directApply', e.target.checked)}
              />
            </fieldset>
            <fieldset className="hr-group">
              <legend>Statements</legend>
              {area('equalOpportunity', 'Equal-opportunity statement', 'On job ads and job descriptions.')}
              {area('adjustments', 'Adjustments statement', 'How candidates ask for an adjustment.')}
              {area('disclaimer', '"Other duties" disclaimer', 'Closes every job description.')}
            </fieldset>
            <fieldset className="hr-group">
              <legend>Documents</legend>
              <Field label="Paper size">
                <Select
                  options={[
                    { value: 'A4', label: 'A4' },
                    { value: 'Letter', label: 'US Letter' },
                  ]}
                  onValue={(v) => set('paperSize', v as HrSettings['paperSize'])}
                  id={`${id}-paper`}
                  value={draft.paperSize}
                />
              </Field>
              <Field label="Wording">
                <Select
                  options={[
                    { value: 'plain', label: 'Plain: speaks to the reader ("What you will do")' },
                    { value: 'formal', label: 'Formal: speaks of the role ("The role")' },
                  ]}
                  onValue={(v) => set('register', v as HrSettings['register'])}
                  id={`${id}-register`}
                  value={draft.register}
                />
              </Field>
            </fieldset>
            <div className="role-form-actions">
              <Button variant="primary" type="submit" busy={busy}>
                Save HR settings
              </Button>
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
