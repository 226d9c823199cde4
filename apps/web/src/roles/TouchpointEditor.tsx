import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { Button, Check, ErrorLine, Field, Input, Select } from '@journeycraft/ui';
import {
  attachRole,
  createRecord,
  docView,
  mayUpdate,
  type PolicyPrincipal,
  deleteRecord,
  detachRole,
  setInvolvement,
  updateRecord,
} from '@journeycraft/doc';
import {
  type Assignment,
  type Cadence,
  type ChecklistItem,
  type Competency,
  type Involvement,
  involvementLabels,
  isOverCapacity,
  newId,
  Period,
  type Requirement,
  type Role,
  type Touchpoint,
} from '@journeycraft/schema';
import { messageOf } from '../client';
import { tabOrigin } from '../identity';
import type { LibraryState } from '../library/useLibrary';
import { RequirementsSection } from './RequirementsSection';
import { CADENCES, INVOLVEMENTS, cadenceLabels, involvementHints, periodLabels } from './labels';

/** One error slot: runs an edit, shows what went wrong. */
function useRun(): [string | null, (fn: () => void) => boolean, (e: string | null) => void] {
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => void) => {
    try {
      fn();
      setError(null);
      return true;
    } catch (err) {
      setError(messageOf(err));
      return false;
    }
  };
  return [error, run, setError];
}

interface InlineField {
  key: string;
  label: string;
  value: string;
  max: number;
  required?: boolean;
  grow?: boolean;
}

/** Edits the text fields of one row in place: Save writes them, Cancel (or Escape) leaves them. */
function InlineEdit({
  label,
  fields,
  onSave,
  onCancel,
}: {
  label: string;
  fields: readonly InlineField[];
  /** Writes the trimmed values; returns true when saved. */
  onSave: (values: Record<string, string>) => boolean;
  onCancel: () => void;
}) {
  const id = useId();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((f) => [f.key, f.value])),
  );
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="inline-add inline-add-wrap inline-edit"
      aria-label={label}
      noValidate
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
      onSubmit={(e) => {
        e.preventDefault();
        const clean = Object.fromEntries(fields.map((f) => [f.key, (values[f.key] ?? '').trim()]));
        for (const f of fields) {
          const v = clean[f.key] ?? '';
          if (f.required && !v) return setError(`${f.label} cannot be empty.`);
          if (v.length > f.max) return setError(`Keep ${f.label.toLowerCase()} to ${f.max} characters or fewer.`);
        }
        if (onSave(clean)) onCancel();
      }}
    >
      {fields.map((f, i) => (
        <Field key={f.key} label={f.label} compact className={f.grow ? 'grow' : undefined}>
          <Input
            id={`${id}-${f.key}`}
            value={values[f.key] ?? ''}
            autoFocus={i === 0}
            onChange={(e) => {
              setValues((v) => ({ ...v, [f.key]: e.target.value }));
              setError(null);
            }}
          />
        </Field>
      ))}
      <Button variant="primary" size="sm" type="submit">
        Save
      </Button>
      <Button variant="ghost" size="sm" onClick={onCancel}>
        Cancel
      </Button>
      <ErrorLine message={error} />
    </form>
  );
}

function EditButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button variant="ghost" size="sm" aria-label={label} onClick={onClick}>
      Edit
    </Button>
  );
}

function Section({
  title,
  label,
  hint,
  wide,
  children,
}: {
  title: string;
  label: string;
  hint?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <section className={`tp-section${wide ? ' tp-section-wide' : ''}`} aria-label={label}>
      <h4 className="tp-section-title">{title}</h4>
      {hint ? <p className="tp-section-hint">{hint}</p> : null}
      {children}
    </section>
  );
}

/**
 * Everything about one touchpoint that concerns people: the roles engaged (owner, performs,
 * supports), the competencies each needs here, the experience standards, the metrics with
 * targets, demand against capacity and the owner's checklist. Every change is written at once.
 */
export function TouchpointEditor({
  doc,
  touchpoint,
  roles,
  assignments,
  requirements,
  competencies,
  checklist,
  library,
  principal,
}: {
  doc: Y.Doc;
  touchpoint: Touchpoint;
  roles: readonly Role[];
  assignments: readonly Assignment[];
  requirements: readonly Requirement[];
  competencies: readonly Competency[];
  checklist: readonly ChecklistItem[];
  library: LibraryState;
  /** Who edits: the edit policy says whether this touchpoint may be changed, and why not. */
  principal: PolicyPrincipal;
}) {
  const [error, run] = useRun();
  // The same rule the server enforces: a locked card, stage or map (facilitators may still edit).
  const verdict = mayUpdate(principal, docView(doc), 'touchpoints', touchpoint.id, { title: `${touchpoint.title} ` });
  const locked = verdict.ok ? null : verdict.reason;
  return (
    <div className="tp-editor">
      {locked ? (
        <p className="notice notice-warn tp-locked" role="status">
          Read only: {locked}.
        </p>
      ) : null}
      <fieldset className="tp-editor-fields" disabled={locked !== null}>
        <legend className="visually-hidden">Edit {touchpoint.title}</legend>
        <div className="tp-flags">
          <Check
            label={
              <>
                <strong>Moment of truth</strong>: a moment that makes or breaks the customer&rsquo;s trust
              </>
            }
            checked={touchpoint.momentOfTruth}
            onChange={(e) =>
              run(() => updateRecord(doc, 'touchpoints', touchpoint.id, { momentOfTruth: e.target.checked }, tabOrigin))
            }
          />
          <ErrorLine message={error} />
        </div>
        <div className="tp-sections">
          <RolesHere
            doc={doc}
            touchpoint={touchpoint}
            roles={roles}
            assignments={assignments}
            requirements={requirements}
          />
          <RequirementsSection
            doc={doc}
            touchpoint={touchpoint}
            roles={roles}
            assignments={assignments}
            requirements={requirements}
            competencies={competencies}
            library={library}
          />
          <Standards doc={doc} touchpoint={touchpoint} />
          <Metrics doc={doc} touchpoint={touchpoint} />
          <DemandCapacity key={JSON.stringify(touchpoint.demandCapacity)} doc={doc} touchpoint={touchpoint} />
          <Checklist doc={doc} touchpoint={touchpoint} roles={roles} checklist={checklist} />
        </div>
      </fieldset>
    </div>
  );
}

function RolesHere({
  doc,
  touchpoint,
  roles,
  assignments,
  requirements,
}: {
  doc: Y.Doc;
  touchpoint: Touchpoint;
  roles: readonly Role[];
  assignments: readonly Assignment[];
  requirements: readonly Requirement[];
}) {
  const id = useId();
  const [error, run, setError] = useRun();
  const attachedIds = new Set(assignments.map((a) => a.roleId));
  const free = roles.filter((r) => !attachedIds.has(r.id));
  const [roleId, setRoleId] = useState('');
  const [involvement, setInv] = useState<Involvement>('performs');
  const pick = free.some((r) => r.id === roleId) ? roleId : '';
  const roleName = (rid: string) => roles.find((r) => r.id === rid)?.name ?? 'Missing role';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!roles.length) return setError('Add a role first (left).');
    if (!pick) return setError('Choose a role to attach.');
    if (run(() => attachRole(doc, touchpoint.id, pick, involvement, tabOrigin))) setRoleId('');
  };

  return (
    <Section
      title="Roles engaged"
      label={`Roles at ${touchpoint.title}`}
      hint="Who owns this moment, who performs it, who supports it from behind the scenes."
    >
      {assignments.length === 0 ? (
        <p className="tp-empty">No role is attached yet.</p>
      ) : (
        <ul className="row-list">
          {assignments.map((a) => {
            const name = roleName(a.roleId);
            const count = requirements.filter((r) => r.roleId === a.roleId).length;
            return (
              <li key={a.id} className="row-item" aria-label={`${name}, ${involvementLabels[a.involvement]}`}>
                <span className="row-text">
                  <span className="row-title">{name}</span>
                  <span className="row-meta">
                    {count === 0 ? 'no competencies yet' : `${count} ${count === 1 ? 'competency' : 'competencies'}`}
                  </span>
                </span>
                <Select
                  size="sm"
                  className="input-auto"
                  options={INVOLVEMENTS.map((i) => ({ value: i, label: involvementLabels[i] }))}
                  onValue={(v) => run(() => setInvolvement(doc, a.id, v as Involvement, tabOrigin))}
                  aria-label={`Involvement of ${name}`}
                  value={a.involvement}
                  title={involvementHints[a.involvement]}
                />
                <Button
                  variant="danger-text"
                  size="sm"
                  aria-label={`Detach ${name}`}
                  title={count ? `Also removes the ${count} competencies required of ${name} here` : undefined}
                  onClick={() => run(() => detachRole(doc, touchpoint.id, a.roleId, tabOrigin))}
                >
                  Detach
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <form className="inline-add" aria-label={`Attach a role to ${touchpoint.title}`} noValidate onSubmit={submit}>
        <Field label="Role" compact className="grow">
          <Select
            options={free.map((r) => ({ value: r.id, label: r.name }))}
            placeholder={free.length ? 'Choose a role…' : roles.length ? 'Every role is attached' : 'No roles yet'}
            onValue={(v) => {
              setRoleId(v);
              setError(null);
            }}
            id={`${id}-role`}
            value={pick}
          />
        </Field>
        <Field label="Involvement" compact>
          <Select
            options={INVOLVEMENTS.map((i) => ({ value: i, label: involvementLabels[i] }))}
            onValue={(v) => setInv(v as Involvement)}
            id={`${id}-inv`}
            value={involvement}
          />
        </Field>
        <Button size="sm" type="submit">
          Attach role
        </Button>
      </form>
      <ErrorLine message={error} />
    </Section>
  );
}

function Standards({ doc, touchpoint }: { doc: Y.Doc; touchpoint: Touchpoint }) {
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, run, setError] = useRun();
  const [text, setText] = useState('');
  const [nonNegotiable, setNonNegotiable] = useState(false);
  const save = (experienceStandards: Touchpoint['experienceStandards']) =>
    run(() => updateRecord(doc, 'touchpoints', touchpoint.id, { experienceStandards }, tabOrigin));
  const list = touchpoint.experienceStandards;
  return (
    <Section
      title="Experience standards"
      label={`Experience standards at ${touchpoint.title}`}
      hint="What the customer can always count on here. Non-negotiable ones are never waived under pressure."
    >
      {list.length === 0 ? (
        <p className="tp-empty">No standards yet.</p>
      ) : (
        <ul className="row-list">
          {list.map((s) =>
            editing === s.id ? (
              <li key={s.id} className="row-item row-editing">
                <InlineEdit
                  label={`Edit standard: ${s.text}`}
                  fields={[{ key: 'text', label: 'Standard', value: s.text, max: 500, required: true, grow: true }]}
                  onSave={(v) => save(list.map((x) => (x.id === s.id ? { ...x, text: v.text ?? x.text } : x)))}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={s.id} className="row-item" aria-label={s.text}>
                <span className="row-text">
                  <span className="row-title">{s.text}</span>
                </span>
                <Check
                  size="sm"
                  label={<span aria-hidden="true">Non-negotiable</span>}
                  checked={s.nonNegotiable}
                  aria-label={`Non-negotiable: ${s.text}`}
                  onChange={(e) =>
                    save(list.map((x) => (x.id === s.id ? { ...x, nonNegotiable: e.target.checked } : x)))
                  }
                />
                <EditButton label={`Edit standard: ${s.text}`} onClick={() => setEditing(s.id)} />
                <Button
                  variant="danger-text"
                  size="sm"
                  aria-label={`Remove standard: ${s.text}`}
                  onClick={() => save(list.filter((x) => x.id !== s.id))}
                >
                  Remove
                </Button>
              </li>
            ),
          )}
        </ul>
      )}
      <form
        className="inline-add"
        aria-label={`Add an experience standard at ${touchpoint.title}`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const clean = text.trim();
          if (!clean) return setError('Write the standard first.');
          if (clean.length > 500) return setError('Keep a standard to 500 characters or fewer.');
          if (save([...list, { id: newId(), text: clean, nonNegotiable }])) {
            setText('');
            setNonNegotiable(false);
          }
        }}
      >
        <Field label="New standard" compact className="grow">
          <Input
            id={`${id}-text`}
            value={text}
            placeholder="e.g. Every caller hears their name within the first minute"
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
          />
        </Field>
        <Check
          size="sm"
          className="check-inline"
          label="Non-negotiable"
          checked={nonNegotiable}
          onChange={(e) => setNonNegotiable(e.target.checked)}
        />
        <Button size="sm" type="submit">
          Add standard
        </Button>
      </form>
      <ErrorLine message={error} />
    </Section>
  );
}

function Metrics({ doc, touchpoint }: { doc: Y.Doc; touchpoint: Touchpoint }) {
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, run, setError] = useRun();
  const empty = { name: '', target: '', unit: '', source: '' };
  const [draft, setDraft] = useState(empty);
  const list = touchpoint.metrics;
  const save = (metrics: Touchpoint['metrics']) =>
    run(() => updateRecord(doc, 'touchpoints', touchpoint.id, { metrics }, tabOrigin));
  const field = (key: keyof typeof empty, label: string, placeholder: string, grow = false) => (
    <Field label={label} compact className={grow ? 'grow' : undefined}>
      <Input
        id={`${id}-${key}`}
        value={draft[key]}
        placeholder={placeholder}
        onChange={(e) => {
          setDraft((d) => ({ ...d, [key]: e.target.value }));
          setError(null);
        }}
      />
    </Field>
  );
  return (
    <Section
      title="Metrics and targets"
      label={`Metrics at ${touchpoint.title}`}
      hint="What is measured here; targets become the goals of the roles engaged."
    >
      {list.length === 0 ? (
        <p className="tp-empty">No metrics yet.</p>
      ) : (
        <ul className="row-list">
          {list.map((m) =>
            editing === m.id ? (
              <li key={m.id} className="row-item row-editing">
                <InlineEdit
                  label={`Edit metric: ${m.name}`}
                  fields={[
                    { key: 'name', label: 'Metric', value: m.name, max: 200, required: true, grow: true },
                    { key: 'target', label: 'Target', value: m.target, max: 200 },
                    { key: 'unit', label: 'Unit', value: m.unit, max: 50 },
                    { key: 'source', label: 'Measured by', value: m.source, max: 200, grow: true },
                  ]}
                  onSave={(v) => save(list.map((x) => (x.id === m.id ? { ...x, ...v } : x)))}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={m.id} className="row-item" aria-label={m.name}>
                <span className="row-text">
                  <span className="row-title">{m.name}</span>
                  <span className="row-meta">
                    {m.target
                      ? `Target ${m.target}${m.unit && !m.target.endsWith(m.unit) ? ` ${m.unit}` : ''}`
                      : 'No target yet'}
                    {m.source ? ` · measured by ${m.source}` : ''}
                  </span>
                </span>
                <EditButton label={`Edit metric: ${m.name}`} onClick={() => setEditing(m.id)} />
                <Button
                  variant="danger-text"
                  size="sm"
                  aria-label={`Remove metric: ${m.name}`}
                  onClick={() => save(list.filter((x) => x.id !== m.id))}
                >
                  Remove
                </Button>
              </li>
            ),
          )}
        </ul>
      )}
      <form
        className="inline-add inline-add-wrap"
        aria-label={`Add a metric at ${touchpoint.title}`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const m = {
            name: draft.name.trim(),
            target: draft.target.trim(),
            unit: draft.unit.trim(),
            source: draft.source.trim(),
          };
          if (!m.name) return setError('Name the metric first.');
          if (m.name.length > 200 || m.target.length > 200 || m.source.length > 200 || m.unit.length > 50) {
            return setError('Keep names and targets to 200 characters (units to 50).');
          }
          if (save([...list, { id: newId(), ...m }])) setDraft(empty);
        }}
      >
        {field('name', 'Metric', 'e.g. Hold time', true)}
        {field('target', 'Target', 'e.g. < 2')}
        {field('unit', 'Unit', 'min')}
        {field('source', 'Measured by', 'e.g. Call logs', true)}
        <Button size="sm" type="submit">
          Add metric
        </Button>
      </form>
      <ErrorLine message={error} />
    </Section>
  );
}

function DemandCapacity({ doc, touchpoint }: { doc: Y.Doc; touchpoint: Touchpoint }) {
  const id = useId();
  const [error, run, setError] = useRun();
  const dc = touchpoint.demandCapacity;
  const [demand, setDemand] = useState(dc ? String(dc.demand) : '');
  const [capacity, setCapacity] = useState(dc ? String(dc.capacity) : '');
  const [period, setPeriod] = useState<Period>(dc?.period ?? 'day');
  const over = isOverCapacity(touchpoint);
  const number = (raw: string, what: string): number | string => {
    const n = Number(raw.trim());
    if (raw.trim() === '' || !Number.isFinite(n) || n < 0) return `Enter the ${what} as a number, 0 or more.`;
    return n;
  };
  return (
    <Section
      title="Demand and capacity"
      label={`Demand and capacity at ${touchpoint.title}`}
      hint="When demand outruns capacity, personalisation and empathy are the first to go."
    >
      {dc && over ? (
        <p className="capacity-warn" role="status">
          Demand ({dc.demand} {periodLabels[dc.period]}) outruns capacity ({dc.capacity}
          {dc.capacity > 0 ? `, ${(dc.demand / dc.capacity).toFixed(1)}×` : ''}).
        </p>
      ) : dc ? (
        <p className="capacity-ok">
          Capacity covers demand: {dc.demand} against {dc.capacity} {periodLabels[dc.period]}.
        </p>
      ) : (
        <p className="tp-empty">Not measured yet.</p>
      )}
      <form
        className="inline-add inline-add-wrap"
        aria-label={`Demand and capacity of ${touchpoint.title}`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const d = number(demand, 'demand');
          const c = number(capacity, 'capacity');
          if (typeof d === 'string') return setError(d);
          if (typeof c === 'string') return setError(c);
          run(() =>
            updateRecord(
              doc,
              'touchpoints',
              touchpoint.id,
              { demandCapacity: { demand: d, capacity: c, period } },
              tabOrigin,
            ),
          );
        }}
      >
        <Field label="Demand" compact>
          <Input
            id={`${id}-demand`}
            inputMode="decimal"
            value={demand}
            placeholder="120"
            onChange={(e) => {
              setDemand(e.target.value);
              setError(null);
            }}
          />
        </Field>
        <Field label="Capacity" compact>
          <Input
            id={`${id}-capacity`}
            inputMode="decimal"
            value={capacity}
            placeholder="100"
            onChange={(e) => {
              setCapacity(e.target.value);
              setError(null);
            }}
          />
        </Field>
        <Field label="Period" compact>
          <Select
            options={Period.options.map((p) => ({ value: p, label: periodLabels[p] }))}
            onValue={(v) => setPeriod(v as Period)}
            id={`${id}-period`}
            value={period}
          />
        </Field>
        <Button size="sm" type="submit">
          Save
        </Button>
        {dc ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() =>
              run(() => updateRecord(doc, 'touchpoints', touchpoint.id, { demandCapacity: null }, tabOrigin))
            }
          >
            Clear
          </Button>
        ) : null}
      </form>
      <ErrorLine message={error} />
    </Section>
  );
}

function Checklist({
  doc,
  touchpoint,
  roles,
  checklist,
}: {
  doc: Y.Doc;
  touchpoint: Touchpoint;
  roles: readonly Role[];
  checklist: readonly ChecklistItem[];
}) {
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [error, run, setError] = useRun();
  const [text, setText] = useState('');
  const [cadence, setCadence] = useState<Cadence>('weekly');
  const [measuredBy, setMeasuredBy] = useState('');
  const owner = roles.find((r) => r.id === touchpoint.ownerRoleId);
  return (
    <Section
      title="Owner's checklist"
      label={`Owner's checklist at ${touchpoint.title}`}
      hint={
        owner ? (
          <>
            Kept by <strong>{owner.name}</strong>, the owner of this touchpoint, at a steady cadence and tied to what is
            measured.
          </>
        ) : (
          'No owner yet: make one of the roles engaged the owner. The checklist goes on their profile.'
        )
      }
    >
      {checklist.length === 0 ? (
        <p className="tp-empty">No checklist items yet.</p>
      ) : (
        <ul className="row-list">
          {checklist.map((c) =>
            editing === c.id ? (
              <li key={c.id} className="row-item row-editing">
                <InlineEdit
                  label={`Edit checklist item: ${c.text}`}
                  fields={[
                    { key: 'text', label: 'Checklist item', value: c.text, max: 500, required: true, grow: true },
                    { key: 'measuredBy', label: 'Measured by', value: c.measuredBy, max: 200, grow: true },
                  ]}
                  onSave={(v) => run(() => updateRecord(doc, 'checklistItems', c.id, v, tabOrigin))}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={c.id} className="row-item" aria-label={c.text}>
                <span className="row-text">
                  <span className="row-title">{c.text}</span>
                  {c.measuredBy ? <span className="row-meta">Measured by {c.measuredBy}</span> : null}
                </span>
                <Select
                  size="sm"
                  className="input-auto"
                  options={CADENCES.map((x) => ({ value: x, label: cadenceLabels[x] }))}
                  onValue={(v) =>
                    run(() => updateRecord(doc, 'checklistItems', c.id, { cadence: v as Cadence }, tabOrigin))
                  }
                  aria-label={`Cadence of ${c.text}`}
                  value={c.cadence}
                />
                <EditButton label={`Edit checklist item: ${c.text}`} onClick={() => setEditing(c.id)} />
                <Button
                  variant="danger-text"
                  size="sm"
                  aria-label={`Remove checklist item: ${c.text}`}
                  onClick={() => run(() => deleteRecord(doc, 'checklistItems', c.id, tabOrigin))}
                >
                  Remove
                </Button>
              </li>
            ),
          )}
        </ul>
      )}
      <form
        className="inline-add inline-add-wrap"
        aria-label={`Add a checklist item at ${touchpoint.title}`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const clean = text.trim();
          if (!clean) return setError('Write the checklist item first.');
          if (clean.length > 500) return setError('Keep an item to 500 characters or fewer.');
          if (measuredBy.trim().length > 200) return setError('Keep “measured by” to 200 characters or fewer.');
          const ok = run(() =>
            createRecord(
              doc,
              'checklistItems',
              { touchpointId: touchpoint.id, text: clean, cadence, measuredBy: measuredBy.trim() },
              tabOrigin,
            ),
          );
          if (ok) {
            setText('');
            setMeasuredBy('');
          }
        }}
      >
        <Field label="Checklist item" compact className="grow">
          <Input
            id={`${id}-text`}
            value={text}
            placeholder="e.g. Listen to three recorded calls"
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
          />
        </Field>
        <Field label="Cadence" compact>
          <Select
            options={CADENCES.map((x) => ({ value: x, label: cadenceLabels[x] }))}
            onValue={(v) => setCadence(v as Cadence)}
            id={`${id}-cadence`}
            value={cadence}
          />
        </Field>
        <Field label="Measured by" compact className="grow">
          <Input
            id={`${id}-measured`}
            value={measuredBy}
            placeholder="e.g. Mystery shopping"
            onChange={(e) => setMeasuredBy(e.target.value)}
          />
        </Field>
        <Button size="sm" type="submit">
          Add item
        </Button>
      </form>
      <ErrorLine message={error} />
    </Section>
  );
}
