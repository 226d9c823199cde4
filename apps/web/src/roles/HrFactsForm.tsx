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
import { ErrorLine } from '@journeycraft/ui';

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
    <div className="field compact">
      <label htmlFor={`${id}-${f}`}>{label}</label>
      <input
        id={`${id}-${f}`}
        className="input"
        value={draft[f] as string}
        placeholder={placeholder}
        title={hint}
        onChange={(e) => set(f, e.target.value as never)}
        aria-invalid={problems[f] ? true : undefined}
        aria-describedby={describedBy(f)}
      />
      {problem(f)}
    </div>
  );
  const placeText = (index: number, key: keyof PlaceDraft, label: string, hint?: string, placeholder?: string) => {
    const f: PlaceField = `places.${index}.${key}`;
    return (
      <div className="field compact">
        <label htmlFor={`${id}-${f}`}>{label}</label>
        <input
          id={`${id}-${f}`}
          className="input"
          value={draft.places[index]![key]}
          placeholder={placeholder}
          title={hint}
          onChange={(e) => setPlace(index, key, e.target.value)}
          aria-invalid={problems[f] ? true : undefined}
          aria-describedby={describedBy(f)}
        />
        {problem(f)}
      </div>
    );
  };
  const area = (f: HrField, label: string, hint: string) => (
    <div className="field compact hr-wide">
      <label htmlFor={`${id}-${f}`}>{label}</label>
      <textarea
        id={`${id}-${f}`}
        className="input"
        rows={2}
        value={draft[f] as string}
        onChange={(e) => set(f, e.target.value as never)}
        aria-invalid={problems[f] ? true : undefined}
        aria-describedby={describedBy(f) ?? `${id}-${f}-hint`}
      />
      <p id={`${id}-${f}-hint`} className="field-hint">
        {hint}
      </p>
      {problem(f)}
    </div>
  );
  const date = (f: HrField, label: string) => (
    <div className="field compact">
      <label htmlFor={`${id}-${f}`}>{label}</label>
      <input
        id={`${id}-${f}`}
        type="date"
        className="input"
        value={draft[f] as string}
        onChange={(e) => set(f, e.target.value as never)}
        aria-invalid={problems[f] ? true : undefined}
        aria-describedby={describedBy(f)}
      />
      {problem(f)}
    </div>
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
          <div className="field compact">
            <label htmlFor={`${id}-reportsTo`}>Reports to</label>
            <select
              id={`${id}-reportsTo`}
              className="input"
              value={draft.reportsToRoleId}
              onChange={(e) => set('reportsToRoleId', e.target.value)}
              aria-invalid={problems.reportsToRoleId ? true : undefined}
              aria-describedby={describedBy('reportsToRoleId')}
            >
              <option value="">Someone not on this map</option>
              {others.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
            {problem('reportsToRoleId')}
          </div>
          {draft.reportsToRoleId
            ? null
            : text('reportsToText', 'Reports to (name or title)', undefined, 'e.g. Head of care')}
          <fieldset className="hr-checks hr-wide" aria-describedby={describedBy('employmentType')}>
            <legend>Employment type</legend>
            {EMPLOYMENT_CHOICES.map((c) => (
              <label key={c.value} className="hr-check">
                <input
                  type="checkbox"
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
                {c.label}
              </label>
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
          <div className="field compact">
            <label htmlFor={`${id}-period`}>Per</label>
            <select
              id={`${id}-period`}
              className="input"
              value={draft.period}
              onChange={(e) => set('period', e.target.value as SalaryPeriod)}
            >
              {SalaryPeriod.options.map((p) => (
                <option key={p} value={p}>
                  {PERIOD_LABEL[p]}
                </option>
              ))}
            </select>
          </div>
          <div className="field compact">
            <label htmlFor={`${id}-exempt`}>Overtime status</label>
            <select
              id={`${id}-exempt`}
              className="input"
              value={draft.exemptStatus}
              onChange={(e) => set('exemptStatus', e.target.value as HrDraft['exemptStatus'])}
            >
              <option value="unspecified">Not stated</option>
              <option value="non_exempt">Non-exempt (overtime paid)</option>
              <option value="exempt">Exempt (no overtime pay)</option>
            </select>
          </div>
          {text('exemptNote', 'Local wording', 'Where US terms do not apply', 'e.g. Paid overtime at time and a half')}
        </>,
      )}
      {group(
        'Where and when',
        <>
          <div className="field compact">
            <label htmlFor={`${id}-arrangement`}>Work arrangement</label>
            <select
              id={`${id}-arrangement`}
              className="input"
              value={draft.workArrangement}
              onChange={(e) => set('workArrangement', e.target.value as HrDraft['workArrangement'])}
            >
              <option value="">Not stated</option>
              <option value="on_site">On site</option>
              <option value="hybrid">Hybrid</option>
              <option value="remote">Remote</option>
            </select>
          </div>
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
                <button
                  type="button"
                  className="btn btn-ghost btn-sm"
                  aria-label={`Remove workplace ${i + 1}`}
                  onClick={() => setPlaces(draft.places.filter((__, j) => j !== i))}
                >
                  Remove
                </button>
              ) : null}
            </fieldset>
          ))}
          <div className="hr-wide">
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => setPlaces([...draft.places, emptyPlace()])}
            >
              Add a workplace
            </button>
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
        <button type="submit" className="btn btn-primary btn-sm">
          Save HR facts
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onCancel}>
          Cancel
        </button>
        <ErrorLine
          message={error ?? (count ? `Fix the ${count === 1 ? 'field' : `${count} fields`} marked above.` : null)}
        />
      </div>
    </form>
  );
}
