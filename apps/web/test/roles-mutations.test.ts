import { describe, expect, it } from 'vitest';
import {
  addRequirement,
  attachRole,
  createMapDoc,
  createRecord,
  createRole,
  deleteRole,
  detachRole,
  readRecord,
  readRecords,
  removeRequirement,
  setInvolvement,
  setOwner,
  snapshot,
  userOrigin,
} from '@journeycraft/doc';
import { builtinLibrary } from '@journeycraft/library';
import { buildRoleProfile } from '@journeycraft/profiles';
import type { Competency } from '@journeycraft/schema';

const seed = userOrigin('seed');

function map() {
  const doc = createMapDoc();
  const stage = createRecord(doc, 'stages', { title: 'Resolve', order: 1 }, seed);
  const lane = createRecord(doc, 'lanes', { title: 'Frontstage', kind: 'frontstage', order: 1 }, seed);
  const call = createRecord(
    doc,
    'touchpoints',
    { stageId: stage.id, laneId: lane.id, title: 'Billing dispute call', momentOfTruth: true },
    seed,
  );
  const email = createRecord(
    doc,
    'touchpoints',
    { stageId: stage.id, laneId: lane.id, title: 'Confirmation email' },
    seed,
  );
  const fields = { team: 'Care', visibility: 'frontstage' as const, headcount: 2, incumbents: 2, readySuccessors: 0 };
  const agent = createRole(doc, { name: 'Agent', ...fields }, seed);
  const lead = createRole(doc, { name: 'Team leader', ...fields }, seed);
  return { doc, call, email, agent, lead };
}

function library(id: string): Competency {
  const c = builtinLibrary.find((x) => x.id === id);
  if (!c) throw new Error(`no built-in ${id}`);
  return c;
}

describe('role edits (roles page and canvas panel)', () => {
  it('setOwner picks the one owner (attaching it) and clearing it keeps the role as a performer', () => {
    const { doc, call, agent, lead } = map();
    setOwner(doc, call.id, agent.id, seed);
    setOwner(doc, call.id, lead.id, seed);
    const byRole = () => new Map(readRecords(doc, 'assignments').map((a) => [a.roleId, a.involvement]));
    expect(byRole()).toEqual(
      new Map([
        [agent.id, 'performs'],
        [lead.id, 'owner'],
      ]),
    );
    expect(readRecord(doc, 'touchpoints', call.id)?.ownerRoleId).toBe(lead.id);
    setOwner(doc, call.id, null, seed);
    expect(byRole()).toEqual(
      new Map([
        [agent.id, 'performs'],
        [lead.id, 'performs'],
      ]),
    );
    expect(readRecord(doc, 'touchpoints', call.id)?.ownerRoleId).toBeNull();
  });

  it('keeps one owner per touchpoint, in step with ownerRoleId', () => {
    const { doc, call, agent, lead } = map();
    attachRole(doc, call.id, agent.id, 'owner', seed);
    expect(readRecord(doc, 'touchpoints', call.id)?.ownerRoleId).toBe(agent.id);

    attachRole(doc, call.id, lead.id, 'owner', seed);
    const byRole = new Map(readRecords(doc, 'assignments').map((a) => [a.roleId, a]));
    expect(byRole.get(lead.id)?.involvement).toBe('owner');
    expect(byRole.get(agent.id)?.involvement).toBe('performs');
    expect(readRecord(doc, 'touchpoints', call.id)?.ownerRoleId).toBe(lead.id);

    setInvolvement(doc, byRole.get(lead.id)!.id, 'supports', seed);
    expect(readRecord(doc, 'touchpoints', call.id)?.ownerRoleId).toBeNull();
  });

  it('attaching an attached role changes its involvement instead of adding a second assignment', () => {
    const { doc, call, agent } = map();
    attachRole(doc, call.id, agent.id, 'performs', seed);
    attachRole(doc, call.id, agent.id, 'supports', seed);
    const list = readRecords(doc, 'assignments');
    expect(list).toHaveLength(1);
    expect(list[0]?.involvement).toBe('supports');
  });

  it('copies a library competency into the map on first use, keeping its source, and attaches the role', () => {
    const { doc, call, agent } = map();
    const anger = library('defusing-anger');
    addRequirement(
      doc,
      {
        touchpointId: call.id,
        roleId: agent.id,
        competency: anger,
        level: 4,
        behaviour: 'Stays calm',
      },
      seed,
    );
    const copy = readRecord(doc, 'competencies', anger.id);
    expect(copy?.source).toBe(anger.source);
    expect(copy?.levels).toEqual(anger.levels);
    expect(readRecords(doc, 'assignments')).toMatchObject([
      { touchpointId: call.id, roleId: agent.id, involvement: 'performs' },
    ]);

    // The same competency for the same role at the same touchpoint is refused; nothing is written.
    expect(() =>
      addRequirement(
        doc,
        { touchpointId: call.id, roleId: agent.id, competency: anger, level: 2, behaviour: '' },
        seed,
      ),
    ).toThrow(/already required/);
    expect(readRecords(doc, 'requirements')).toHaveLength(1);
  });

  it("never overwrites the map's own copy of a competency", () => {
    const { doc, call, email, agent } = map();
    const anger = library('defusing-anger');
    addRequirement(doc, { touchpointId: call.id, roleId: agent.id, competency: anger, level: 4, behaviour: '' }, seed);
    const edited = { ...anger, name: 'Renamed in the library' };
    addRequirement(
      doc,
      { touchpointId: email.id, roleId: agent.id, competency: edited, level: 3, behaviour: '' },
      seed,
    );
    expect(readRecord(doc, 'competencies', anger.id)?.name).toBe(anger.name);
    expect(readRecords(doc, 'competencies')).toHaveLength(1);
  });

  it('detaching a role removes its requirements and ownership there only', () => {
    const { doc, call, email, agent } = map();
    attachRole(doc, call.id, agent.id, 'owner', seed);
    const listening = library('listening-carefully');
    addRequirement(
      doc,
      { touchpointId: call.id, roleId: agent.id, competency: listening, level: 3, behaviour: '' },
      seed,
    );
    addRequirement(
      doc,
      { touchpointId: email.id, roleId: agent.id, competency: listening, level: 2, behaviour: '' },
      seed,
    );
    detachRole(doc, call.id, agent.id, seed);
    expect(readRecords(doc, 'assignments').map((a) => a.touchpointId)).toEqual([email.id]);
    expect(readRecords(doc, 'requirements').map((r) => r.touchpointId)).toEqual([email.id]);
    expect(readRecord(doc, 'touchpoints', call.id)?.ownerRoleId).toBeNull();
  });

  it('feeds the role profile: competencies with the touchpoint as evidence', () => {
    const { doc, call, agent } = map();
    attachRole(doc, call.id, agent.id, 'owner', seed);
    addRequirement(
      doc,
      {
        touchpointId: call.id,
        roleId: agent.id,
        competency: library('defusing-anger'),
        level: 4,
        behaviour: 'Names the frustration first',
      },
      seed,
    );
    const billing = library('order-billing-systems');
    addRequirement(
      doc,
      { touchpointId: call.id, roleId: agent.id, competency: billing, level: 3, behaviour: '' },
      seed,
    );
    const profile = buildRoleProfile(snapshot(doc), agent.id)!;
    expect(profile.competencies.how.map((c) => [c.competency.id, c.level])).toEqual([['defusing-anger', 4]]);
    expect(profile.competencies.what.map((c) => [c.competency.id, c.level])).toEqual([[billing.id, 3]]);
    expect(profile.competencies.how[0]?.evidence).toMatchObject([
      {
        touchpoint: { title: 'Billing dispute call', momentOfTruth: true },
        level: 4,
        behaviour: 'Names the frustration first',
      },
    ]);
    expect(profile.criticality.successionRisk).toBe(true);

    removeRequirement(doc, readRecords(doc, 'requirements')[0]!.id, seed);
    deleteRole(doc, agent.id, seed);
    expect(readRecords(doc, 'requirements')).toHaveLength(0);
    expect(readRecord(doc, 'touchpoints', call.id)?.ownerRoleId).toBeNull();
  });
});
