import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearch, useLocation } from 'wouter';
import type * as Y from 'yjs';
import { useRecords } from '@journeycraft/doc-react';
import { UndoToasts } from '@journeycraft/canvas';
import {
  type Assignment,
  channelLabels,
  type ChecklistItem,
  type Competency,
  involvementLabels,
  isOverCapacity,
  type Lane,
  type Requirement,
  type Role,
  type Stage,
  type Touchpoint,
} from '@journeycraft/schema';
import { rankRoles, type RankedRole } from '@journeycraft/profiles';
import { messageOf } from '../client';
import { plural } from '../format';
import { Button, ConfirmDialog, Dialog } from '@journeycraft/ui';
import { MapSubpage } from '../connection/MapSubpage';
import { useMapSnapshot, type MapConnection } from '../connection/useMapConnection';
import { useLibrary, type LibraryState } from '../library/useLibrary';
import { RoleForm } from './RoleForm';
import { HrFactsForm } from './HrFactsForm';
import { TouchpointEditor } from './TouchpointEditor';
import {
  createRole,
  deleteToTrash,
  deletionImpact,
  describeCounts,
  updateRole,
  type PolicyPrincipal,
} from '@journeycraft/doc';
import { tabOrigin } from '../identity';
import { useMapUser } from '../connection/useMapUser';
import './roles.css';

/** `/maps/:id/roles`: the roles of a map and, per touchpoint, who is engaged and what they need there. */
export function RolesPage({ mapId }: { mapId: string }) {
  return (
    <MapSubpage
      mapId={mapId}
      section="roles"
      pageTitle="Roles"
      undo
      crumbs={
        <span className="crumb-current" aria-current="page">
          Roles &amp; touchpoints
        </span>
      }
    >
      {(map) => <RolesWorkspace mapId={mapId} map={map} />}
    </MapSubpage>
  );
}

function RolesWorkspace({ mapId, map }: { mapId: string; map: MapConnection }) {
  const { store } = map;
  const doc = map.session?.doc ?? null;
  const roles = useRecords(store, 'roles');
  const stages = useRecords(store, 'stages');
  const lanes = useRecords(store, 'lanes');
  const touchpoints = useRecords(store, 'touchpoints');
  const assignments = useRecords(store, 'assignments');
  const requirements = useRecords(store, 'requirements');
  const competencies = useRecords(store, 'competencies');
  const checklistItems = useRecords(store, 'checklistItems');
  const snapshot = useMapSnapshot(store);
  const ranking = useMemo(() => new Map(rankRoles(snapshot).map((r) => [r.role.id, r])), [snapshot]);
  const library = useLibrary();
  const [note, setNote] = useState<string | null>(null);

  return (
    // A guest who may only read gets every control disabled (the server drops their changes anyway).
    <fieldset className="roles-layout roles-fieldset" disabled={map.readOnly}>
      <RolesPanel mapId={mapId} doc={doc} roles={roles} ranking={ranking} />
      {store ? (
        <UndoToasts store={store} origin={tabOrigin} readOnly={map.readOnly} floating onMessage={setNote} />
      ) : null}
      {note ? (
        <p className="flash roles-note" role="status">
          {note}
        </p>
      ) : null}
      <section className="tps-panel" aria-label="Touchpoints by stage">
        <div className="panel-head">
          <div>
            <h1 className="page-title">Touchpoints</h1>
            <p className="page-lede">
              Open a touchpoint to attach roles, name the competencies they need there, and set its standards, metrics,
              demand and checklist.
            </p>
          </div>
        </div>
        {touchpoints.length === 0 ? (
          <div className="empty">
            <h2 className="empty-title">No touchpoints on this map yet</h2>
            <p className="empty-text">
              Add stages, lanes and touchpoints on the journey map first; then come back to say who shapes each moment.
            </p>
            <Link href={`/maps/${mapId}`} className="btn btn-primary">
              Open the journey map
            </Link>
          </div>
        ) : (
          <StageGroups
            doc={doc}
            stages={stages}
            lanes={lanes}
            touchpoints={touchpoints}
            roles={roles}
            assignments={assignments}
            requirements={requirements}
            competencies={competencies}
            checklistItems={checklistItems}
            library={library}
            principal={map.principal}
          />
        )}
      </section>
    </fieldset>
  );
}

function RolesPanel({
  mapId,
  doc,
  roles,
  ranking,
}: {
  mapId: string;
  doc: Y.Doc | null;
  roles: readonly Role[];
  ranking: ReadonlyMap<string, RankedRole>;
}) {
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Role | null>(null);
  const [hrFor, setHrFor] = useState<Role | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const { user } = useMapUser(mapId);
  const sorted = useMemo(
    () => [...roles].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
    [roles],
  );

  return (
    <aside className="roles-panel" aria-label="Roles">
      <div className="panel-head">
        <h2 className="panel-title">
          Roles <span className="count-badge">{roles.length}</span>
        </h2>
        {!adding ? (
          <Button
            variant="primary"
            size="sm"
            disabled={!doc}
            onClick={() => {
              setAdding(true);
              setFlash(null);
            }}
          >
            New role
          </Button>
        ) : null}
      </div>
      {adding && doc ? (
        <div className="card role-card role-card-new">
          <RoleForm
            others={roles}
            onSubmit={(fields) => {
              createRole(doc, fields, tabOrigin);
              setFlash(`Added ${fields.name}.`);
              setAdding(false);
            }}
            onCancel={() => setAdding(false)}
          />
        </div>
      ) : null}
      <p className="flash" role="status">
        {flash}
      </p>
      {roles.length === 0 && !adding ? (
        <div className="empty empty-small">
          <h3 className="empty-title">No roles yet</h3>
          <p className="empty-text">
            Add the roles that shape this journey: the agent on the phone, the technician on site, the team that
            processes claims.
          </p>
        </div>
      ) : (
        <ul className="role-list" aria-label="Roles on this map">
          {sorted.map((role) =>
            editing === role.id && doc ? (
              <li key={role.id} className="card role-card" aria-label={role.name}>
                <RoleForm
                  role={role}
                  others={roles.filter((r) => r.id !== role.id)}
                  onSubmit={(fields) => {
                    updateRole(doc, role.id, fields, tabOrigin);
                    setEditing(null);
                    setFlash(`Saved ${fields.name}.`);
                  }}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <RoleRow
                key={role.id}
                mapId={mapId}
                role={role}
                ranked={ranking.get(role.id)}
                disabled={!doc}
                onEdit={() => {
                  setEditing(role.id);
                  setFlash(null);
                }}
                onDelete={() => setDeleting(role)}
                onHrFacts={() => {
                  setHrFor(role);
                  setFlash(null);
                }}
              />
            ),
          )}
        </ul>
      )}
      <Dialog
        open={hrFor !== null}
        title={hrFor ? `HR facts of ${hrFor.name}` : 'HR facts'}
        onClose={() => setHrFor(null)}
        className="hr-dialog"
      >
        {hrFor && doc ? (
          <HrFactsForm
            doc={doc}
            role={roles.find((r) => r.id === hrFor.id) ?? hrFor}
            others={roles.filter((r) => r.id !== hrFor.id)}
            onSaved={() => {
              setFlash(`Saved the HR facts of ${hrFor.name}.`);
              setHrFor(null);
            }}
            onCancel={() => setHrFor(null)}
          />
        ) : null}
      </Dialog>
      <DeleteRoleDialog
        role={deleting}
        withIt={doc && deleting ? describeCounts(deletionImpact(doc, [{ kind: 'roles', id: deleting.id }])) : ''}
        onClose={() => setDeleting(null)}
        onConfirm={(role) => {
          if (!doc) return;
          // Into the map's trash: anyone on the map (here or on the canvas) can undo it for a while.
          deleteToTrash(doc, [{ kind: 'roles', id: role.id }], `role “${role.name}”`, user.name, tabOrigin);
          setDeleting(null);
          setFlash(`Deleted ${role.name}.`);
        }}
      />
    </aside>
  );
}

function RoleRow({
  mapId,
  role,
  ranked,
  disabled,
  onEdit,
  onDelete,
  onHrFacts,
}: {
  mapId: string;
  role: Role;
  ranked: RankedRole | undefined;
  disabled: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onHrFacts: () => void;
}) {
  const c = ranked?.criticality;
  return (
    <li className="card role-card" aria-label={role.name}>
      <div className="role-row-top">
        <div className="role-row-main">
          <Link href={`/maps/${mapId}/roles/${role.id}`} className="role-name">
            {role.name}
          </Link>
          <p className="role-meta">
            <span className={`vis-badge vis-${role.visibility}`}>
              {role.visibility === 'frontstage' ? 'Frontstage' : 'Backstage'}
            </span>
            {role.team ? <span>{role.team}</span> : null}
          </p>
        </div>
        {c ? (
          <span
            className={`score-chip${c.critical ? ' score-critical' : ''}`}
            title={`Criticality ${c.score} of 100${c.critical ? ', critical' : ''}`}
            aria-label={`Criticality ${c.score} of 100${c.critical ? ', critical' : ''}`}
          >
            {c.score}
          </span>
        ) : null}
      </div>
      <p className="role-numbers">
        {role.incumbents} in post of {plural(role.headcount, 'seat')} ·{' '}
        {plural(role.readySuccessors, 'ready successor')}
        {c ? ` · ${plural(c.touchpointCount, 'touchpoint')}` : ''}
      </p>
      {c?.successionRisk ? (
        <p className="risk-flag" title={c.successionReason ?? undefined}>
          Succession risk: no ready successor
        </p>
      ) : null}
      <div className="role-actions">
        <Link href={`/maps/${mapId}/roles/${role.id}`} className="btn btn-ghost btn-sm">
          Profile
        </Link>
        <Button variant="ghost" size="sm" onClick={onEdit} disabled={disabled} aria-label={`Edit ${role.name}`}>
          Edit
        </Button>
        <Button
          variant="ghost"
          size="sm"
          onClick={onHrFacts}
          disabled={disabled}
          aria-label={`HR facts of ${role.name}`}
        >
          HR facts
        </Button>
        <Button
          variant="danger-text"
          size="sm"
          onClick={onDelete}
          disabled={disabled}
          aria-label={`Delete ${role.name}`}
        >
          Delete
        </Button>
      </div>
    </li>
  );
}

function DeleteRoleDialog({
  role,
  withIt,
  onClose,
  onConfirm,
}: {
  role: Role | null;
  /** What goes with it, in words ("3 role assignments and 2 competency requirements"). */
  withIt: string;
  onClose: () => void;
  onConfirm: (role: Role) => void;
}) {
  return (
    <ConfirmDialog
      open={role !== null}
      title={role ? `Delete “${role.name}”?` : 'Delete role'}
      description={`The role leaves every touchpoint it is attached to, with the competencies required of it there${
        withIt ? ` (${withIt})` : ''
      }. Touchpoints it owned lose their owner. Everyone on the map can undo this for a while afterwards.`}
      confirmLabel="Delete role"
      messageOf={messageOf}
      onConfirm={() => {
        if (role) onConfirm(role);
      }}
      onClose={onClose}
    />
  );
}

function StageGroups({
  doc,
  stages,
  lanes,
  touchpoints,
  roles,
  assignments,
  requirements,
  competencies,
  checklistItems,
  library,
  principal,
}: {
  doc: Y.Doc | null;
  stages: readonly Stage[];
  lanes: readonly Lane[];
  touchpoints: readonly Touchpoint[];
  roles: readonly Role[];
  assignments: readonly Assignment[];
  requirements: readonly Requirement[];
  competencies: readonly Competency[];
  checklistItems: readonly ChecklistItem[];
  library: LibraryState;
  principal: PolicyPrincipal;
}) {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const open = new URLSearchParams(search).get('touchpoint');
  const setOpen = (id: string | null) =>
    navigate(id ? `${location}?touchpoint=${encodeURIComponent(id)}` : location, { replace: true });

  // Arriving with ?touchpoint= (from a profile, a gap or a warning): bring that touchpoint into view once.
  const scrolled = useRef(false);
  useEffect(() => {
    if (!open || scrolled.current) return;
    const el = document.getElementById(`tp-row-${open}`);
    if (!el) return;
    scrolled.current = true;
    el.scrollIntoView({ block: 'start' });
  }, [open, touchpoints]);

  const laneOrder = useMemo(() => new Map(lanes.map((l, i) => [l.id, i])), [lanes]);
  const laneTitle = useMemo(() => new Map(lanes.map((l) => [l.id, l.title])), [lanes]);
  const groups = useMemo(() => {
    const known = new Set(stages.map((s) => s.id));
    const byLane = (a: Touchpoint, b: Touchpoint) =>
      (laneOrder.get(a.laneId) ?? 1e9) - (laneOrder.get(b.laneId) ?? 1e9) ||
      a.order - b.order ||
      a.id.localeCompare(b.id);
    const out = stages.map((s) => ({
      id: s.id,
      title: s.title,
      items: touchpoints.filter((t) => t.stageId === s.id).sort(byLane),
    }));
    const loose = touchpoints.filter((t) => !known.has(t.stageId)).sort(byLane);
    if (loose.length) out.push({ id: '__none', title: 'Not in a stage', items: loose });
    return out.filter((g) => g.items.length > 0);
  }, [stages, touchpoints, laneOrder]);

  const roleName = useMemo(() => new Map(roles.map((r) => [r.id, r.name])), [roles]);

  return (
    <div className="stage-groups">
      {groups.map((g, i) => (
        <section key={g.id} className="stage-group" aria-label={`Stage ${g.title}`}>
          <h2 className="stage-group-title">
            <span className="stage-num">{g.id === '__none' ? '–' : i + 1}</span>
            {g.title}
            <span className="count-badge">{g.items.length}</span>
          </h2>
          <ul className="tp-rows">
            {g.items.map((t) => {
              const tpAssignments = assignments.filter((a) => a.touchpointId === t.id);
              const tpRequirements = requirements.filter((r) => r.touchpointId === t.id);
              const tpChecklist = checklistItems.filter((c) => c.touchpointId === t.id);
              const expanded = open === t.id;
              const channel = t.channel === 'other' ? '' : channelLabels[t.channel];
              return (
                <li
                  key={t.id}
                  id={`tp-row-${t.id}`}
                  className={`card tp-row${expanded ? ' tp-row-open' : ''}${t.momentOfTruth ? ' tp-row-mot' : ''}`}
                  aria-label={t.title}
                >
                  <Button
                    variant="plain"
                    className="tp-row-head"
                    aria-expanded={expanded}
                    aria-controls={`tp-editor-${t.id}`}
                    onClick={() => setOpen(expanded ? null : t.id)}
                  >
                    <span className="tp-row-chevron" aria-hidden="true">
                      ›
                    </span>
                    <span className="tp-row-title">{t.title}</span>
                    <span className="tp-row-tags">
                      {t.momentOfTruth ? <span className="tag tag-accent">Moment of truth</span> : null}
                      {isOverCapacity(t) ? <span className="tag tag-danger">Over capacity</span> : null}
                      <span className="tag">{laneTitle.get(t.laneId) ?? 'No lane'}</span>
                      {channel ? <span className="tag">{channel}</span> : null}
                    </span>
                    <span className="tp-row-roles">
                      {tpAssignments.length === 0 ? (
                        <span className="tp-row-none">No roles yet</span>
                      ) : (
                        tpAssignments.map((a) => (
                          <span key={a.id} className={`role-chip inv-${a.involvement}`}>
                            {roleName.get(a.roleId) ?? 'Missing role'}
                            <span className="role-chip-inv">{involvementLabels[a.involvement]}</span>
                          </span>
                        ))
                      )}
                    </span>
                    <span className="tp-row-count">{plural(tpRequirements.length, 'competency', 'competencies')}</span>
                  </Button>
                  {expanded ? (
                    <div id={`tp-editor-${t.id}`}>
                      {doc ? (
                        <TouchpointEditor
                          doc={doc}
                          touchpoint={t}
                          roles={roles}
                          assignments={tpAssignments}
                          requirements={tpRequirements}
                          competencies={competencies}
                          checklist={tpChecklist}
                          library={library}
                          principal={principal}
                        />
                      ) : (
                        <p className="tp-empty">Connecting…</p>
                      )}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
