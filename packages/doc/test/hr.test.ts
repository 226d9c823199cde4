import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RoleSchema } from '@journeycraft/schema';
import {
  createMapDoc,
  createRecord,
  createRole,
  createUndoManager,
  insertCopies,
  openPosting,
  readRecord,
  readRecords,
  roleCountsProblem,
  setRoleHrFacts,
  updateRole,
  userOrigin,
} from '../src/index.js';

const ana = userOrigin('ana');
const ben = userOrigin('ben');

function twoRoles() {
  const doc = createMapDoc();
  const lead = createRecord(doc, 'roles', { name: 'Team lead' }, ana);
  const agent = createRecord(doc, 'roles', { name: 'Agent' }, ana);
  return { doc, lead, agent };
}

describe('HR facts of a role', () => {
  it('a role stored before HR facts existed reads with every fact at its default', () => {
    const role = RoleSchema.parse({ id: 'r1', name: 'Agent', team: 'Care', headcount: 4 });
    expect(role).toMatchObject({
      jobCode: '',
      salary: null,
      employmentType: [],
      locations: [],
      workArrangement: null,
      education: { required: [], preferred: [] },
      postingOpenedOn: null,
    });
  });

  it('two people changing different facts at once both keep their change', () => {
    const { doc, agent } = twoRoles();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    setRoleHrFacts(doc, agent.id, { grade: 'B3' }, ana);
    setRoleHrFacts(other, agent.id, { schedule: 'Monday to Friday, 9:00 to 17:30' }, ben);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    for (const d of [doc, other]) {
      expect(readRecord(d, 'roles', agent.id)).toMatchObject({
        grade: 'B3',
        schedule: 'Monday to Friday, 9:00 to 17:30',
      });
    }
  });

  it('is one undo step and refuses what does not fit, writing nothing', () => {
    const { doc, lead, agent } = twoRoles();
    const undo = createUndoManager(doc, ana);
    setRoleHrFacts(doc, agent.id, { jobCode: 'CC-1', grade: 'B3', reportsToRoleId: lead.id }, ana);
    undo.stopCapturing();
    expect(() => setRoleHrFacts(doc, agent.id, { employmentType: ['BANANA'] }, ana)).toThrow(/employmentType/);
    expect(() => setRoleHrFacts(doc, lead.id, { reportsToRoleId: agent.id }, ana)).toThrow(/already reports/);
    expect(() => setRoleHrFacts(doc, agent.id, { nickname: 'x' }, ana)).toThrow(/nickname/);
    expect(readRecord(doc, 'roles', lead.id)!.reportsToRoleId).toBeNull();
    undo.undo();
    expect(readRecord(doc, 'roles', agent.id)).toMatchObject({ jobCode: '', grade: '', reportsToRoleId: null });
  });

  it('opens a posting once: the stored date stays on later calls', () => {
    const { doc, agent } = twoRoles();
    expect(openPosting(doc, agent.id, '2026-03-02', ana)).toBe('2026-03-02');
    expect(openPosting(doc, agent.id, '2026-04-10', ana)).toBe('2026-03-02');
    expect(readRecord(doc, 'roles', agent.id)!.postingOpenedOn).toBe('2026-03-02');
  });

  it('copies keep a reporting line between copied roles and drop one to a role not copied or present', () => {
    const { doc, lead, agent } = twoRoles();
    setRoleHrFacts(doc, agent.id, { reportsToRoleId: lead.id }, ana);
    const target = createMapDoc();
    const ids = insertCopies(target, { roles: readRecords(doc, 'roles') }, ana);
    expect(readRecord(target, 'roles', ids.get(agent.id)!)!.reportsToRoleId).toBe(ids.get(lead.id));
    const alone = createMapDoc();
    const only = insertCopies(alone, { roles: [readRecord(doc, 'roles', agent.id)!] }, ana);
    expect(readRecord(alone, 'roles', only.get(agent.id)!)!.reportsToRoleId).toBeNull();
  });
});

describe('role counts', () => {
  const fields = { name: 'Agent', team: 'Care', visibility: 'frontstage' as const, readySuccessors: 0 };

  it('refuses more people in post than seats, on create and on edit, writing nothing', () => {
    const doc = createMapDoc();
    expect(() => createRole(doc, { ...fields, headcount: 1, incumbents: 5 }, ana)).toThrow(
      /5 people in post do not fit in 1 seat/,
    );
    expect(readRecords(doc, 'roles')).toHaveLength(0);
    const role = createRole(doc, { ...fields, headcount: 4, incumbents: 4 }, ana);
    expect(() => updateRole(doc, role.id, { ...fields, headcount: 2, incumbents: 4 }, ana)).toThrow(
      /raise the headcount/,
    );
    expect(readRecord(doc, 'roles', role.id)).toMatchObject({ headcount: 4, incumbents: 4 });
  });

  it('names the problem for the form, and none when the people fit', () => {
    expect(roleCountsProblem({ headcount: 1, incumbents: 5 })).toMatch(/do not fit in 1 seat/);
    expect(roleCountsProblem({ headcount: 3, incumbents: 2 })).toBeNull();
  });
});
