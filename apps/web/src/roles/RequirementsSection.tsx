import { useId, useMemo, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import {
  type Assignment,
  type Competency,
  involvementLabels,
  type Level,
  type Requirement,
  type Role,
  TextSchema,
  type Touchpoint,
} from '@journeycraft/schema';
import { messageOf } from '../client';
import { tabOrigin } from '../identity';
import type { LibraryState } from '../library/useLibrary';
import { KINDS, KindBadge, kindLabels, kindDescriptions } from '../library/ui';
import { addRequirement, removeRequirement, updateRequirement } from '@journeycraft/doc';
import { Button, ErrorLine, Field, Input, Select, TextArea } from '@journeycraft/ui';

const LEVELS: readonly Level[] = [1, 2, 3, 4, 5];
const MAX_BEHAVIOUR = 2000;

/** The competencies a requirement can use: the map's own copies first, then the workspace library. */
export function useCompetencyOptions(mapCompetencies: readonly Competency[], library: LibraryState) {
  return useMemo(() => {
    const byId = new Map<string, { competency: Competency; onMap: boolean }>();
    for (const c of library.entries) {
      const { origin: _origin, ...competency } = c;
      byId.set(c.id, { competency, onMap: false });
    }
    for (const c of mapCompetencies) byId.set(c.id, { competency: c, onMap: true });
    return [...byId.values()].sort(
      (a, b) =>
        KINDS.indexOf(a.competency.kind) - KINDS.indexOf(b.competency.kind) ||
        a.competency.name.localeCompare(b.competency.name) ||
        a.competency.id.localeCompare(b.competency.id),
    );
  }, [mapCompetencies, library.entries]);
}

function levelName(c: Competency | undefined, level: number): string {
  return c?.levels.find((l) => l.level === level)?.name ?? '';
}

/**
 * The competencies required at one touchpoint, role by role, and the form to add one: pick a
 * role, a competency (from the map or the workspace library), the level required there (its
 * behavioural anchors shown) and the behaviour expected at this touchpoint.
 */
export function RequirementsSection({
  doc,
  touchpoint,
  roles,
  assignments,
  requirements,
  competencies,
  library,
}: {
  doc: Y.Doc;
  touchpoint: Touchpoint;
  roles: readonly Role[];
  assignments: readonly Assignment[];
  requirements: readonly Requirement[];
  competencies: readonly Competency[];
  library: LibraryState;
}) {
  const roleById = useMemo(() => new Map(roles.map((r) => [r.id, r])), [roles]);
  const competencyById = useMemo(() => new Map(competencies.map((c) => [c.id, c])), [competencies]);
  // Roles shown: those attached here, then any with a requirement here but no assignment.
  const shownRoles = useMemo(() => {
    const ids = [...assignments.map((a) => a.roleId)];
    for (const r of requirements) if (!ids.includes(r.roleId)) ids.push(r.roleId);
    return ids.map((id) => roleById.get(id)).filter((r): r is Role => r !== undefined);
  }, [assignments, requirements, roleById]);

  return (
    <section className="tp-section tp-section-wide" aria-label={`Competencies required at ${touchpoint.title}`}>
      <h4 className="tp-section-title">Competencies required here</h4>
      {shownRoles.length === 0 ? (
        <p className="tp-empty">No role needs a competency here yet. Pick a role and a competency below.</p>
      ) : (
        <div className="req-groups">
          {shownRoles.map((role) => {
            const list = requirements.filter((r) => r.roleId === role.id);
            const involvement = assignments.find((a) => a.roleId === role.id)?.involvement;
            return (
              <div key={role.id} className="req-group" role="group" aria-label={`Required of ${role.name}`}>
                <div className="req-group-head">
                  <span className="req-role">{role.name}</span>
                  {involvement ? (
                    <span className={`inv-badge inv-${involvement}`}>{involvementLabels[involvement]}</span>
                  ) : null}
                  <span className="req-count">
                    {list.length === 0
                      ? 'no competencies yet'
                      : `${list.length} ${list.length === 1 ? 'competency' : 'competencies'}`}
                  </span>
                </div>
                {list.length ? (
                  <ul className="req-list">
                    {list.map((r) => (
                      <RequirementRow
                        key={r.id}
                        doc={doc}
                        requirement={r}
                        role={role}
                        competency={competencyById.get(r.competencyId)}
                      />
                    ))}
                  </ul>
                ) : null}
              </div>
            );
          })}
        </div>
      )}
      <AddRequirementForm
        doc={doc}
        touchpoint={touchpoint}
        roles={roles}
        assignments={assignments}
        competencies={competencies}
        library={library}
      />
    </section>
  );
}

function RequirementRow({
  doc,
  requirement,
  role,
  competency,
}: {
  doc: Y.Doc;
  requirement: Requirement;
  role: Role;
  competency: Competency | undefined;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(requirement.behaviour);
  const [error, setError] = useState<string | null>(null);
  const name = competency?.name ?? `Missing competency (${requirement.competencyId})`;
  const run = (fn: () => void) => {
    try {
      fn();
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <li className="req-row" aria-label={`${name} for ${role.name}`}>
      <div className="req-main">
        <div className="req-name-line">
          {competency ? <KindBadge kind={competency.kind} /> : null}
          <span className="req-name">{name}</span>
        </div>
        {editing ? (
          <form
            className="req-edit"
            onSubmit={(e) => {
              e.preventDefault();
              if (text.trim().length > MAX_BEHAVIOUR) {
                setError(`Keep the behaviour to ${MAX_BEHAVIOUR} characters or fewer.`);
                return;
              }
              run(() => updateRequirement(doc, requirement.id, { behaviour: text.trim() }, tabOrigin));
              setEditing(false);
            }}
          >
            <TextArea
              aria-label={`Behaviour expected of ${role.name} for ${name}`}
              value={text}
              rows={2}
              autoFocus
              onChange={(e) => setText(e.target.value)}
            />
            <div className="req-edit-actions">
              <Button variant="primary" size="sm" type="submit">
                Save
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : requirement.behaviour ? (
          <p className="req-behaviour">“{requirement.behaviour}”</p>
        ) : (
          <p className="req-behaviour req-behaviour-empty">No behaviour written for this touchpoint yet.</p>
        )}
        <ErrorLine message={error} />
      </div>
      <div className="req-side">
        <Select
          size="sm"
          className="input-auto"
          options={LEVELS.map((l) => ({ value: String(l), label: `L${l} ${levelName(competency, l)}` }))}
          onValue={(v) => run(() => updateRequirement(doc, requirement.id, { level: Number(v) as Level }, tabOrigin))}
          aria-label={`Required level of ${name} for ${role.name}`}
          value={String(requirement.level)}
        />
        {!editing ? (
          <Button
            variant="ghost"
            size="sm"
            aria-label={`Edit the behaviour for ${name}`}
            onClick={() => {
              setText(requirement.behaviour);
              setEditing(true);
            }}
          >
            Edit
          </Button>
        ) : null}
        <Button
          variant="danger-text"
          size="sm"
          aria-label={`Remove ${name} from ${role.name}`}
          onClick={() => run(() => removeRequirement(doc, requirement.id, tabOrigin))}
        >
          Remove
        </Button>
      </div>
    </li>
  );
}

function AddRequirementForm({
  doc,
  touchpoint,
  roles,
  assignments,
  competencies,
  library,
}: {
  doc: Y.Doc;
  touchpoint: Touchpoint;
  roles: readonly Role[];
  assignments: readonly Assignment[];
  competencies: readonly Competency[];
  library: LibraryState;
}) {
  const id = useId();
  const options = useCompetencyOptions(competencies, library);
  const attached = assignments.map((a) => a.roleId);
  const [roleId, setRoleId] = useState<string>('');
  const [filter, setFilter] = useState('');
  const [competencyId, setCompetencyId] = useState('');
  const [level, setLevel] = useState<Level>(3);
  const [behaviour, setBehaviour] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  // Default role: the first attached one (kept while it exists).
  const effectiveRoleId = roles.some((r) => r.id === roleId) ? roleId : (attached[0] ?? '');
  const chosen = options.find((o) => o.competency.id === competencyId)?.competency;
  const needle = filter.trim().toLowerCase();
  const visible = needle
    ? options.filter(
        (o) =>
          o.competency.id === competencyId ||
          o.competency.name.toLowerCase().includes(needle) ||
          o.competency.category.toLowerCase().includes(needle) ||
          o.competency.definition.toLowerCase().includes(needle),
      )
    : options;
  const anchors = chosen?.levels.find((l) => l.level === level);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const role = roles.find((r) => r.id === effectiveRoleId);
    if (!role) return setError(roles.length ? 'Choose the role that needs this competency.' : 'Add a role first.');
    if (!chosen) return setError('Choose a competency.');
    const text = behaviour.trim();
    if (text.length > MAX_BEHAVIOUR || !TextSchema.safeParse(text).success) {
      return setError(`Keep the behaviour to ${MAX_BEHAVIOUR} characters or fewer.`);
    }
    try {
      addRequirement(
        doc,
        { touchpointId: touchpoint.id, roleId: role.id, competency: chosen, level, behaviour: text },
        tabOrigin,
      );
      setError(null);
      setDone(`${chosen.name} at level ${level} added for ${role.name}.`);
      setCompetencyId('');
      setBehaviour('');
      setFilter('');
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const orderedRoles = [...roles].sort(
    (a, b) => Number(!attached.includes(a.id)) - Number(!attached.includes(b.id)) || a.name.localeCompare(b.name),
  );

  return (
    <form className="req-add" aria-label={`Add a competency at ${touchpoint.title}`} noValidate onSubmit={submit}>
      <h5 className="req-add-title">Require a competency</h5>
      <div className="req-add-grid">
        <Field label="For role" compact>
          <Select
            options={orderedRoles.map((r) => ({
              value: r.id,
              label: `${r.name}${attached.includes(r.id) ? '' : ' (not attached yet)'}`,
            }))}
            placeholder="Choose a role…"
            onValue={(v) => {
              setRoleId(v);
              setError(null);
            }}
            id={`${id}-role`}
            value={effectiveRoleId}
          />
        </Field>
        <Field label="Find a competency" compact>
          <Input
            id={`${id}-filter`}
            type="search"
            value={filter}
            placeholder="e.g. empathy, billing, systems"
            onChange={(e) => setFilter(e.target.value)}
          />
        </Field>
        <Field
          label="Competency"
          compact
          className="req-add-competency"
          hint={
            library.status === 'error'
              ? 'The workspace library could not be loaded; showing the built-in competencies.'
              : undefined
          }
        >
          <Select
            id={`${id}-competency`}
            value={competencyId}
            placeholder={visible.length ? `Choose one of ${visible.length}…` : 'No competency matches the search'}
            options={KINDS.flatMap((kind) =>
              visible
                .filter((o) => o.competency.kind === kind)
                .map((o) => ({
                  value: o.competency.id,
                  label: `${o.competency.name}${o.onMap ? ' · on this map' : ''}`,
                  group: `${kindLabels[kind]} · ${kindDescriptions[kind]}`,
                })),
            )}
            onValue={(v) => {
              setCompetencyId(v);
              setError(null);
            }}
          />
        </Field>
        <Field label="Required level" compact>
          <Select
            options={LEVELS.map((l) => ({
              value: String(l),
              label: `${l} · ${levelName(chosen, l) || ['Developing', 'Capable', 'Proficient', 'Advanced', 'Expert'][l - 1]}`,
            }))}
            onValue={(v) => setLevel(Number(v) as Level)}
            id={`${id}-level`}
            value={String(level)}
          />
        </Field>
      </div>
      {chosen ? (
        <div className="anchors" aria-label={`What level ${level} of ${chosen.name} looks like`} role="note">
          <p className="anchors-def">{chosen.definition}</p>
          <p className="anchors-title">
            Level {level} · {anchors?.name ?? ''}: what an observer sees
          </p>
          <ul className="anchors-list">
            {(anchors?.behaviours ?? []).map((b, i) => (
              <li key={i}>{b}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Field label="Behaviour expected at this touchpoint" compact>
        <TextArea
          id={`${id}-behaviour`}
          rows={2}
          value={behaviour}
          placeholder="e.g. Checks back with a customer on hold within 2 minutes."
          onChange={(e) => setBehaviour(e.target.value)}
        />
      </Field>
      <div className="req-add-footer">
        <Button variant="primary" size="sm" type="submit">
          Add requirement
        </Button>
        {error ? (
          <ErrorLine message={error} />
        ) : done ? (
          <p className="field-ok" role="status">
            {done}
          </p>
        ) : (
          <p className="field-hint">
            The competency is copied into this map the first time it is used, with its source.
          </p>
        )}
      </div>
    </form>
  );
}
