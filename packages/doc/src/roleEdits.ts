import type * as Y from 'yjs';
import { batch } from './edit.js';
import { readRecord, readRecords } from './read.js';
import { createRecord, deleteRecord, updateRecord } from './write.js';
import type { TxOrigin } from './origin.js';
import {
  ErrorCode,
  JourneycraftError,
  type Competency,
  type Involvement,
  type Level,
  type Role,
} from '@journeycraft/schema';

/**
 * Every write of roles onto touchpoints (the roles page and the canvas panel), each one
 * transaction under the caller's origin (one undo step).
 * Rules kept here: one assignment per (touchpoint, role); one owner per touchpoint, kept in step
 * with `touchpoint.ownerRoleId`; a requirement always has its role attached; a competency is
 * copied from the library into the map the first time it is required, `source` included.
 */

/** The fields of a role the form edits. */
export type RoleFields = Pick<Role, 'name' | 'team' | 'visibility' | 'headcount' | 'incumbents' | 'readySuccessors'>;

/**
 * What is wrong with a role's people counts, or null: nobody can be in post in a seat that does
 * not exist, so people in post never exceed the headcount.
 */
export function roleCountsProblem(fields: Pick<RoleFields, 'headcount' | 'incumbents'>): string | null {
  if (fields.incumbents > fields.headcount) {
    return `${fields.incumbents} people in post do not fit in ${fields.headcount} ${fields.headcount === 1 ? 'seat' : 'seats'}: raise the headcount or lower the number in post.`;
  }
  return null;
}

function checkCounts(fields: RoleFields): void {
  const problem = roleCountsProblem(fields);
  if (problem) throw new JourneycraftError(ErrorCode.ValidationFailed, problem);
}

export function createRole(doc: Y.Doc, fields: RoleFields, origin: TxOrigin): Role {
  checkCounts(fields);
  return createRecord(doc, 'roles', fields, origin);
}

export function updateRole(doc: Y.Doc, id: string, fields: RoleFields, origin: TxOrigin): Role {
  checkCounts(fields);
  return updateRecord(doc, 'roles', id, fields, origin);
}

/** Deletes a role with its assignments and requirements; touchpoints it owned lose their owner. */
export function deleteRole(doc: Y.Doc, id: string, origin: TxOrigin): void {
  deleteRecord(doc, 'roles', id, origin);
}

function assignmentOf(doc: Y.Doc, touchpointId: string, roleId: string) {
  return readRecords(doc, 'assignments').find((a) => a.touchpointId === touchpointId && a.roleId === roleId);
}

/** Makes `roleId` the only owner of the touchpoint: other owners become performers. */
function takeOwnership(doc: Y.Doc, touchpointId: string, roleId: string, origin: TxOrigin): void {
  for (const a of readRecords(doc, 'assignments')) {
    if (a.touchpointId === touchpointId && a.roleId !== roleId && a.involvement === 'owner') {
      updateRecord(doc, 'assignments', a.id, { involvement: 'performs' }, origin);
    }
  }
  updateRecord(doc, 'touchpoints', touchpointId, { ownerRoleId: roleId }, origin);
}

/** Attaches a role to a touchpoint (or changes its involvement if it is attached already). */
export function attachRole(
  doc: Y.Doc,
  touchpointId: string,
  roleId: string,
  involvement: Involvement,
  origin: TxOrigin,
): void {
  batch(doc, origin, () => {
    const existing = assignmentOf(doc, touchpointId, roleId);
    if (existing) updateRecord(doc, 'assignments', existing.id, { involvement }, origin);
    else createRecord(doc, 'assignments', { touchpointId, roleId, involvement }, origin);
    syncOwner(doc, touchpointId, roleId, involvement, origin);
  });
}

function syncOwner(doc: Y.Doc, touchpointId: string, roleId: string, involvement: Involvement, origin: TxOrigin): void {
  const touchpoint = readRecord(doc, 'touchpoints', touchpointId);
  if (involvement === 'owner') takeOwnership(doc, touchpointId, roleId, origin);
  else if (touchpoint?.ownerRoleId === roleId) {
    updateRecord(doc, 'touchpoints', touchpointId, { ownerRoleId: null }, origin);
  }
}

export function setInvolvement(doc: Y.Doc, assignmentId: string, involvement: Involvement, origin: TxOrigin): void {
  batch(doc, origin, () => {
    const a = readRecord(doc, 'assignments', assignmentId);
    if (!a) throw new JourneycraftError(ErrorCode.NotFound, 'That role is no longer attached here.');
    updateRecord(doc, 'assignments', assignmentId, { involvement }, origin);
    syncOwner(doc, a.touchpointId, a.roleId, involvement, origin);
  });
}

/**
 * Makes `roleId` the touchpoint's owner (attaching it if needed; the previous owner becomes a
 * performer), or, with null, leaves it without an owner (the owner stays attached as a performer).
 */
export function setOwner(doc: Y.Doc, touchpointId: string, roleId: string | null, origin: TxOrigin): void {
  batch(doc, origin, () => {
    if (roleId !== null) {
      attachRole(doc, touchpointId, roleId, 'owner', origin);
      return;
    }
    for (const a of readRecords(doc, 'assignments')) {
      if (a.touchpointId === touchpointId && a.involvement === 'owner')
        updateRecord(doc, 'assignments', a.id, { involvement: 'performs' }, origin);
    }
    if (readRecord(doc, 'touchpoints', touchpointId)?.ownerRoleId != null)
      updateRecord(doc, 'touchpoints', touchpointId, { ownerRoleId: null }, origin);
  });
}

/** Detaches a role from a touchpoint, with its requirements there (and its ownership). */
export function detachRole(doc: Y.Doc, touchpointId: string, roleId: string, origin: TxOrigin): void {
  batch(doc, origin, () => {
    for (const a of readRecords(doc, 'assignments')) {
      if (a.touchpointId === touchpointId && a.roleId === roleId) deleteRecord(doc, 'assignments', a.id, origin);
    }
    for (const r of readRecords(doc, 'requirements')) {
      if (r.touchpointId === touchpointId && r.roleId === roleId) deleteRecord(doc, 'requirements', r.id, origin);
    }
    if (readRecord(doc, 'touchpoints', touchpointId)?.ownerRoleId === roleId) {
      updateRecord(doc, 'touchpoints', touchpointId, { ownerRoleId: null }, origin);
    }
  });
}

/** What the requirement form submits. */
export interface RequirementFields {
  touchpointId: string;
  roleId: string;
  /** The competency as picked: the map's copy, or a library entry to copy in. */
  competency: Competency;
  level: Level;
  behaviour: string;
}

/**
 * Requires a competency of a role at a touchpoint. Copies the competency into the map when the
 * map does not have it yet, and attaches the role (as a performer) when it is not attached.
 * Throws a Conflict when the same competency is already required of that role there.
 */
export function addRequirement(doc: Y.Doc, fields: RequirementFields, origin: TxOrigin): void {
  const { touchpointId, roleId, competency, level, behaviour } = fields;
  batch(doc, origin, () => {
    const duplicate = readRecords(doc, 'requirements').some(
      (r) => r.touchpointId === touchpointId && r.roleId === roleId && r.competencyId === competency.id,
    );
    if (duplicate) {
      throw new JourneycraftError(
        ErrorCode.Conflict,
        `${competency.name} is already required of this role here. Change its level in the list instead.`,
      );
    }
    if (!readRecord(doc, 'competencies', competency.id)) {
      const { id, kind, name, category, definition, levels, source } = competency;
      createRecord(doc, 'competencies', { id, kind, name, category, definition, levels, source }, origin);
    }
    if (!assignmentOf(doc, touchpointId, roleId)) {
      createRecord(doc, 'assignments', { touchpointId, roleId, involvement: 'performs' }, origin);
    }
    createRecord(doc, 'requirements', { touchpointId, roleId, competencyId: competency.id, level, behaviour }, origin);
  });
}

export function updateRequirement(
  doc: Y.Doc,
  id: string,
  patch: { level?: Level; behaviour?: string },
  origin: TxOrigin,
): void {
  updateRecord(doc, 'requirements', id, patch, origin);
}

export function removeRequirement(doc: Y.Doc, id: string, origin: TxOrigin): void {
  deleteRecord(doc, 'requirements', id, origin);
}
