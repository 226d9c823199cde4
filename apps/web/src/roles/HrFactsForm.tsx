import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { setRoleHrFacts } from '@journeycraft/doc';
import { JourneycraftError, SalaryPeriod, type Role } from '@journeycraft/schema';
import { tabOrigin } from '../identity';
import {
  EMPLOYMENT_CHOICES,
  draftOf,
  patchOf,
  problemsOf,
  emptyPlace,
  type HrDraft,
  type HrField,
  type HrProblems,
  type PlaceDraft,
  type PlaceField,
} from './hrDraft';
import { Button, Check, ErrorLine, Field, Input, Select, TextArea } from '@journeycraft/ui';

const PERIOD_LABEL: Record<SalaryPeriod, string> = {
  HOUR: 'an hour',
  DAY: 'a day',
  WEEK: 'a week',
  MONTH: 'a month',
  YEAR: 'a year',
};

/**
 * The HR facts of a role (job code, grade, pay, overtime status, contract, reporting line, place,
 * hours, qualifications, working conditions, posting and approval dates): what the job ad, the
 * job description, the JobPosting and company templates are filled with. Written to the map in
 * one undoable step; problems are shown beside their field and nothing is written until fixed.
 */
export function HrFactsForm({
  doc,
  role,
  others,
  onSaved,
  onCancel,
}: {
  doc: Y.Doc;
  role: Role;
  /** The map's other roles (the role can report to one of them). */
  others: readonly Role[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<HrDraft>(() => draftOf(role));
  const [problems, setProblems] = useState<HrProblems>({});
  const [error, setError] = useState<string | null>(null);

  const set = <K extends HrField>(key: K, value: HrDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setProblems((p) => ({ ...p, [key]: undefined }));
    setError(null);
  };

  const setPlace = (index: number, key: keyof PlaceDraft, value: string) => {
    setDraft((d) => ({ ...d, places: d.places.map((p, i) => (i === index ? { ...p, [key]: value } : p)) }));
    setProblems((p) => ({ ...p, [`places.${index}.${key}`]: undefined }));
    setError(null);
  };
  /** Rows are renumbered on removal: the problems of the rows are checked again on save. */
  const setPlaces = (places: PlaceDraft[]) => {
    setDraft((d) => ({ ...d, places }));
    setProblems((p) => Object.fromEntries(Object.entries(p).filter(([k]) => !k.startsWith('places.'))));
    setError(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { patch, problems: found } = patchOf(draft, role.id);
    setProblems(found);
    if (!patch) return;
    try {
      setRoleHrFacts(doc, role.id, patch, tabOrigin);
      onSaved();
    } catch (err) {
      if (err instanceof JourneycraftError && err.issues?.length) setProblems(problemsOf(err.issues));
      setError(err instanceof Error ? err.message : 'The HR facts could not be saved.');
    }
  };

  const describedBy = (f: HrField | PlaceField) => (problems[f] ? `${id}-${f}-error` : undefined);
  const problem = (f: HrField | PlaceField) => <ErrorLine quiet id={`${id}-${f}-error`} message={problems[f]} />;
  const text = (f: HrField, label: string, hint?: string, placeholder?: string) => (
    <Field label={label} compact error={problems[f]} quietError>
      <Input
        id={`${id}-${f}`}
        value={draft[f] as string}
        placeholder={placeholder}
        title={hint}
        onChange={(e) => set(f, e.target.value as never)}
      />
    </Field>
  );
  const placeText = (index: number, key: keyof PlaceDraft, label: string, hint?: string, placeholder?: string) => {
    const f: PlaceField = `places.${index}.${key}`;
    return (
      <Field label={label} compact error={problems[f]} quietError>
        <Input
          id={`${id}-${f}`}
          value={draft.places[index]![key]}
          placeholder={placeholder}
          title={hint}
          onChange={(e) => setPlace(index, key, e.target.value)}
        />
      </Field>
    );
  };
  const area = (f: HrField, label: string, hint: string) => (
    <Field label={label} compact className="hr-wide" hint={hint} error={problems[f]} quietError>
      <TextArea
        id={`${id}-${f}`}
        rows={2}
        value={draft[f] as string}
        onChange={(e) => set(f, e.target.value as never)}
      />
    </Field>
  );
  const date = (f: HrField, label: string) => (
    <Field label={label} compact error={problems[f]} quietError>
      <Input
        id={`${id}-${f}`}
        type="date"
        value={draft[f] as string}
        onChange={(e) => set(f, e.target.value as never)}
      />
    </Field>
  );
  const group = (legend: string, children: ReactNode) => (
    <fieldset className="hr-group">
      <legend>{legend}</legend>
      <div className="hr-grid">{children}</div>
    </fieldset>
  );
  const count = Object.values(problems).filter(Boolean).length;

  return (
    <form className="hr-form" aria-label={`HR facts of ${role.name}`} noValidate onSubmit={submit}>
      {group(
        'The job',
        <>
          {text('jobCode', 'Job code', undefined, 'e.g. CC-104')}
          {text('grade', 'Grade or band', undefined, 'e.g. B3')}
          <Field label={'Reports to'} compact error={problems['reportsToRoleId']} quietError>
            <Select
              options={others.map((r) => ({ value: r.id, label: r.name }))}
              placeholder="Someone not on this map"
              onValue={(v) => set('reportsToRoleId', v)}
              id={`${id}-reportsTo`}
              value={draft.reportsToRoleId}
            />
          </Field>
          {draft.reportsToRoleId
            ? null
            : text('reportsToText', 'Reports to (name or title)', undefined, 'e.g. Head of care')}
          <fieldset className="hr-checks hr-wide" aria-describedby={describedBy('employmentType')}>
            <legend>Employment type</legend>
            {EMPLOYMENT_CHOICES.map((c) => (
              <Check
                key={c.value}
                label={c.label}
                checked={draft.employmentType.includes(c.value)}
                onChange={(e) =>
                  set(
                    'employmentType',
                    e.target.checked
                      ? [...draft.employmentType, c.value]
                      : draft.employmentType.filter((t) => t !== c.value),
                  )
                }
              />
            ))}
            {problem('employmentType')}
          </fieldset>
          {text('supervisoryScope', 'Supervises', undefined, 'e.g. 8 agents, or none')}
        </>,
      )}
      {group(
        'Pay',
        <>
          {text('currency', 'Currency', 'Three letters: GBP, EUR, USD…', 'GBP')}
          {text('salaryMin', 'From', undefined, '24000')}
          {text('salaryMax', 'To', 'Leave empty for a single figure', '27500')}
          <Field label="Per" compact>
            <Select
              options={SalaryPeriod.options.map((p) => ({ value: p, label: PERIOD_LABEL[p] }))}
              onValue={(v) => set('period', v as SalaryPeriod)}
              id={`${id}-period`}
              value={draft.period}
            />
          </Field>
          <Field label="Overtime status" compact>
            <Select
              options={[
                { value: 'unspecified', label: 'Not stated' },
                { value: 'non_exempt', label: 'Non-exempt (overtime paid)' },
                { value: 'exempt', label: 'Exempt (no overtime pay)' },
              ]}
              onValue={(v) => set('exemptStatus', v as HrDraft['exemptStatus'])}
              id={`${id}-exempt`}
              value={draft.exemptStatus}
            />
          </Field>
          {text('exemptNote', 'Local wording', 'Where US terms do not apply', 'e.g. Paid overtime at time and a half')}
        </>,
      )}
      {group(
        'Where and when',
        <>
          <Field label="Work arrangement" compact>
            <Select
              options={[
                { value: 'on_site', label: 'On site' },
                { value: 'hybrid', label: 'Hybrid' },
                { value: 'remote', label: 'Remote' },
              ]}
              placeholder="Not stated"
              onValue={(v) => set('workArrangement', v as HrDraft['workArrangement'])}
              id={`${id}-arrangement`}
              value={draft.workArrangement}
            />
          </Field>
          {draft.places.map((_, i) => (
            <fieldset key={i} className="hr-place hr-wide" aria-label={`Workplace ${i + 1}`}>
              {draft.places.length > 1 ? <legend>Workplace {i + 1}</legend> : null}
              <div className="hr-grid">
                {placeText(i, 'street', 'Street address')}
                {placeText(i, 'locality', 'Town or city')}
                {placeText(i, 'region', 'Region')}
                {placeText(i, 'postalCode', 'Postal code')}
                {placeText(i, 'country', 'Country code', 'Two letters: GB, US, DE…', 'GB')}
              </div>
              {draft.places.length > 1 ? (
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove workplace ${i + 1}`}
                  onClick={() => setPlaces(draft.places.filter((__, j) => j !== i))}
                >
                  Remove
                </Button>
              ) : null}
            </fieldset>
          ))}
          <div className="hr-wide">
            <Button variant="ghost" size="sm" onClick={() => setPlaces([...draft.places, emptyPlace()])}>
              Add a workplace
            </Button>
          </div>
          {draft.workArrangement === 'remote'
            ? text('applicantCountries', 'Applicants may live in', 'Country codes, comma-separated (GB, IE)', 'GB, IE')
            : null}
          {text('schedule', 'Schedule', undefined, 'e.g. 37.5 hours, Monday to Friday')}
          {text('travel', 'Travel', undefined, 'e.g. None, or up to 10%')}
        </>,
      )}
      {group(
        'Qualifications (one per line)',
        <>
          {area('educationRequired', 'Education required', 'Each line is one requirement.')}
          {area('educationPreferred', 'Education preferred', 'Nice to have.')}
          {area('experienceRequired', 'Experience required', 'Each line is one requirement.')}
          {area('experiencePreferred', 'Experience preferred', 'Nice to have.')}
          {area('certificationsRequired', 'Certifications required', 'Licences and certificates.')}
          {area('certificationsPreferred', 'Certifications preferred', 'Nice to have.')}
        </>,
      )}
      {group(
        'Working conditions',
        <>
          {area(
            'physicalDemands',
            'Physical demands',
            'e.g. sitting at a screen with a headset for most of the shift.',
          )}
          {area('workEnvironment', 'Work environment', 'e.g. open-plan office; calls with upset customers.')}
        </>,
      )}
      {group(
        'Posting and approval',
        <>
          {text('requisitionId', 'Requisition number')}
          {date('postingOpenedOn', 'Posting opened on')}
          {date('postingClosesOn', 'Applications close on')}
          {text('approvedBy', 'Approved by')}
          {date('approvedOn', 'Approval date')}
          {date('revisedOn', 'Revision date')}
        </>,
      )}
      <div className="role-form-actions">
        <Button variant="primary" size="sm" type="submit">
          Save HR facts
        </Button>
        <Button variant="ghost" size="sm" onClick={onCancel}>
          Cancel
        </Button>
        <ErrorLine
          message={error ?? (count ? `Fix the ${count === 1 ? 'field' : `${count} fields`} marked above.` : null)}
        />
      </div>
    </form>
  );
}
