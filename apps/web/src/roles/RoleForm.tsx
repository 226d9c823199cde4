import { useState, type FormEvent } from 'react';
import type { Role } from '@journeycraft/schema';
import { MAX_TITLE } from '../format';
import { roleCountsProblem, type RoleFields } from '@journeycraft/doc';
import { Button, ErrorLine, Field, Input, Segmented } from '@journeycraft/ui';

const MAX_PEOPLE = 100_000;

type Field = 'name' | 'team' | 'headcount' | 'incumbents' | 'readySuccessors';
type Problems = Partial<Record<Field, string>>;

interface Draft {
  name: string;
  team: string;
  visibility: Role['visibility'];
  headcount: string;
  incumbents: string;
  readySuccessors: string;
}

function draftOf(role?: Role): Draft {
  return {
    name: role?.name ?? '',
    team: role?.team ?? '',
    visibility: role?.visibility ?? 'frontstage',
    headcount: String(role?.headcount ?? 1),
    incumbents: String(role?.incumbents ?? 0),
    readySuccessors: String(role?.readySuccessors ?? 0),
  };
}

function count(raw: string, what: string, problems: Problems, field: Field): number {
  const text = raw.trim();
  if (text === '') {
    problems[field] = `Enter the number of ${what} (0 if none).`;
    return 0;
  }
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) problems[field] = `The number of ${what} must be a whole number, 0 or more.`;
  else if (n > MAX_PEOPLE) problems[field] = `Keep the number of ${what} to ${MAX_PEOPLE.toLocaleString()} or fewer.`;
  return n;
}

/** Checks a draft; returns the fields to save, or the problems to show beside each field. */
function check(draft: Draft, others: readonly Role[]): { fields: RoleFields | null; problems: Problems } {
  const problems: Problems = {};
  const name = draft.name.trim();
  if (!name) problems.name = 'Enter a name for the role.';
  else if (name.length > MAX_TITLE) problems.name = `Keep the name to ${MAX_TITLE} characters or fewer.`;
  else if (others.some((r) => r.name.trim().toLowerCase() === name.toLowerCase())) {
    problems.name = `There is already a role called “${name}” on this map.`;
  }
  const team = draft.team.trim();
  if (team.length > 200) problems.team = 'Keep the team to 200 characters or fewer.';
  const headcount = count(draft.headcount, 'seats', problems, 'headcount');
  const incumbents = count(draft.incumbents, 'people in post', problems, 'incumbents');
  const readySuccessors = count(draft.readySuccessors, 'ready successors', problems, 'readySuccessors');
  if (!problems.headcount && !problems.incumbents) {
    const counts = roleCountsProblem({ headcount, incumbents });
    if (counts) problems.incumbents = counts;
  }
  if (Object.keys(problems).length) return { fields: null, problems };
  return {
    fields: { name, team, visibility: draft.visibility, headcount, incumbents, readySuccessors },
    problems,
  };
}

/**
 * Creates or edits a role: name, team, frontstage/backstage, headcount, people in post and ready
 * successors. Problems are shown beside their field; nothing is written until all are fixed.
 */
export function RoleForm({
  role,
  others,
  onSubmit,
  onCancel,
}: {
  /** The role to edit; absent to create one. */
  role?: Role;
  /** The map's other roles (names must be unique). */
  others: readonly Role[];
  /** Saves; throw to show an error under the form. */
  onSubmit: (fields: RoleFields) => void;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(role));
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<string | null>(null);
  const prefix = role ? `role-${role.id}` : 'role-new';
  const label = role ? `Edit role ${role.name}` : 'Add a role';

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setProblems((p) => ({ ...p, [key]: undefined }));
    setError(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { fields, problems: found } = check(draft, others);
    setProblems(found);
    if (!fields) return;
    try {
      onSubmit(fields);
      if (!role) setDraft(draftOf());
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The role could not be saved.');
    }
  };

  const numberField = (field: 'headcount' | 'incumbents' | 'readySuccessors', text: string, hint: string) => (
    <Field label={text} compact>
      <Input
        id={`${prefix}-${field}`}
        inputMode="numeric"
        value={draft[field]}
        onChange={(e) => set(field, e.target.value)}
        aria-invalid={problems[field] ? true : undefined}
        title={hint}
      />
    </Field>
  );
  const numberProblems = (['headcount', 'incumbents', 'readySuccessors'] as const).filter((f) => problems[f]);

  const hasProblems = Object.values(problems).some(Boolean);

  return (
    <form className="role-form" aria-label={label} noValidate onSubmit={submit}>
      <Field label="Role name" compact error={problems.name} quietError>
        <Input
          id={`${prefix}-name`}
          value={draft.name}
          placeholder="e.g. Billing specialist"
          autoFocus={Boolean(role)}
          onChange={(e) => set('name', e.target.value)}
        />
      </Field>
      <Field label="Team" compact error={problems.team} quietError>
        <Input
          id={`${prefix}-team`}
          value={draft.team}
          placeholder="e.g. Customer care"
          onChange={(e) => set('team', e.target.value)}
        />
      </Field>
      <div className="role-form-works">
        <span className="role-form-works-label" aria-hidden="true">
          Works
        </span>
        <Segmented
          legend="Where the role works"
          name={`${prefix}-visibility`}
          options={[
            { value: 'frontstage' as const, label: 'Frontstage' },
            { value: 'backstage' as const, label: 'Backstage' },
          ]}
          value={draft.visibility}
          onValue={(v) => set('visibility', v)}
        />
      </div>
      <div className="role-form-row role-form-numbers">
        {numberField('headcount', 'Headcount', 'How many seats the role has')}
        {numberField('incumbents', 'In post', 'How many people hold the role today')}
        {numberField('readySuccessors', 'Ready successors', 'People ready to step into the role now')}
      </div>
      {numberProblems.map((f) => (
        <ErrorLine quiet key={f} id={`${prefix}-${f}-error`} className="role-form-number-error" message={problems[f]} />
      ))}
      <div className="role-form-actions">
        <Button variant="primary" size="sm" type="submit">
          {role ? 'Save role' : 'Add role'}
        </Button>
        {onCancel ? (
          <Button variant="ghost" size="sm" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        <ErrorLine
          message={
            error ||
            (hasProblems
              ? `Fix the ${Object.values(problems).filter(Boolean).length === 1 ? 'field' : 'fields'} marked above.`
              : null)
          }
        />
      </div>
    </form>
  );
}
