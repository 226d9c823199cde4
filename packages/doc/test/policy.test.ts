import { describe, expect, it } from 'vitest';
import { MapMetaSchema, recordKinds, recordSchemas, type RecordKind, type ShareRole } from '@journeycraft/schema';
import {
  checkChange,
  mayRefuse,
  mayChangeMeta,
  mayCreate,
  mayDelete,
  mayUpdate,
  snapshotView,
  type Fields,
  type PolicyPrincipal,
  type PolicyView,
} from '../src/index.js';

/*
 * The policy as a table, written independently of policy.ts: for every record kind × field ×
 * role × lock state (and creating and deleting every kind), what is allowed. The world: stage S1
 * holds card T1 (lane L1) with everything hanging on it; card T2 sits in S2/L2 and carries the vote.
 */

type Lock = 'none' | 'card' | 'stage' | 'map';
const LOCKS: Lock[] = ['none', 'card', 'stage', 'map'];
const ROLES: ShareRole[] = ['viewer', 'commenter', 'editor', 'facilitator'];

const ALICE = { key: 'k-alice', name: 'Alice' };
const principal = (role: ShareRole): PolicyPrincipal =>
  role === 'facilitator' ? { role, key: null, name: null } : { role, ...ALICE };

const levels = [1, 2, 3, 4, 5].map((level) => ({ level, name: `L${level}`, behaviours: ['does it'] }));
const at = '2026-01-01T00:00:00.000Z';

function world(lock: Lock) {
  return withDefaults({
    meta: { title: 'Map', description: '', personas: [], locked: lock === 'map', session: null, schemaVersion: 1 },
    stages: [
      { id: 'S1', title: 'Stage one', description: '', order: 1, locked: lock === 'stage' },
      { id: 'S2', title: 'Stage two', description: '', order: 2, locked: false },
    ],
    lanes: [
      { id: 'L1', kind: 'touchpoints', title: 'Lane one', order: 1 },
      { id: 'L2', kind: 'backstage', title: 'Lane two', order: 2 },
    ],
    touchpoints: [{ ...card('T1', 'S1', 'L1'), ownerRoleId: 'R1', locked: lock === 'card' }, card('T2', 'S2', 'L2')],
    connections: [{ id: 'C1', fromId: 'T1', toId: 'T2', kind: 'sequence', label: '', targetMapId: null }],
    roles: [
      {
        id: 'R1',
        name: 'Agent',
        team: '',
        purpose: '',
        visibility: 'frontstage',
        headcount: 1,
        incumbents: 0,
        readySuccessors: 0,
      },
    ],
    assignments: [{ id: 'A1', touchpointId: 'T1', roleId: 'R1', involvement: 'owner' }],
    competencies: [
      { id: 'K1', kind: 'how', name: 'Listening', category: '', definition: 'Listens', levels, source: '' },
    ],
    requirements: [{ id: 'Q1', touchpointId: 'T1', roleId: 'R1', competencyId: 'K1', level: 3, behaviour: '' }],
    checklistItems: [{ id: 'X1', touchpointId: 'T1', text: 'Check', cadence: 'weekly', measuredBy: '' }],
    comments: [comment('M-own', ALICE.key, ALICE.name), comment('M-other', 'k-bob', 'Bob')],
    notes: [note('N-own', ALICE.key, ALICE.name), note('N-other', 'k-bob', 'Bob')],
    clusters: [{ id: 'G1', name: 'Waiting', stageId: 'S1', laneId: 'L1', x: null, y: null, createdAt: at }],
    votes: [{ id: 'V1', targetId: 'T2', voterKey: 'v', sessionId: null, createdAt: at }],
  });
}

/** Every record as its schema fills it in, so each field of each kind is in the table. */
function withDefaults<W extends Record<string, unknown>>(w: W): W {
  const out: Record<string, unknown> = { ...w };
  for (const kind of recordKinds) out[kind] = (w[kind] as unknown[]).map((r) => recordSchemas[kind].parse(r));
  return out as W;
}

function card(id: string, stageId: string, laneId: string) {
  return {
    id,
    stageId,
    laneId,
    title: `Card ${id}`,
    channel: 'other',
    customerGoal: '',
    description: '',
    emotion: 0,
    personaEmotions: {},
    momentOfTruth: false,
    painPoints: [],
    experienceStandards: [],
    metrics: [],
    demandCapacity: null,
    ownerRoleId: null,
    order: 1,
    locked: false,
  };
}

function comment(id: string, authorKey: string, authorName: string) {
  const c = {
    id,
    targetId: 'T1',
    threadId: null as string | null,
    body: 'Hi',
    mentions: [],
    resolved: false,
    createdAt: at,
  };
  return { ...c, authorKey, authorName };
}

function note(id: string, authorKey: string, authorName: string) {
  return { id, stageId: 'S1', laneId: null, text: 'Idea', authorKey, authorName, color: '#ffe58a', createdAt: at };
}

const viewOf = (lock: Lock): PolicyView => snapshotView(world(lock) as never);

/** The records the table edits: every kind, and for comments and notes one's own and someone else's. */
const SUBJECTS: Array<{ kind: RecordKind; id: string; own?: boolean }> = [
  { kind: 'stages', id: 'S1' },
  { kind: 'lanes', id: 'L1' },
  { kind: 'touchpoints', id: 'T1' },
  { kind: 'connections', id: 'C1' },
  { kind: 'roles', id: 'R1' },
  { kind: 'assignments', id: 'A1' },
  { kind: 'competencies', id: 'K1' },
  { kind: 'requirements', id: 'Q1' },
  { kind: 'checklistItems', id: 'X1' },
  { kind: 'comments', id: 'M-own', own: true },
  { kind: 'comments', id: 'M-other', own: false },
  { kind: 'notes', id: 'N-own', own: true },
  { kind: 'notes', id: 'N-other', own: false },
  { kind: 'clusters', id: 'G1' },
  { kind: 'votes', id: 'V1' },
];

const CONTENT = new Set<string>([
  'stages',
  'lanes',
  'touchpoints',
  'connections',
  'roles',
  'assignments',
  'competencies',
  'requirements',
  'checklistItems',
]);
/** Records protected when T1 is locked (T1 and what hangs on it). */
const ON_T1 = new Set<string>(['touchpoints', 'connections', 'assignments', 'requirements', 'checklistItems']);

/** Is this existing subject protected by the lock (content only; comments handled separately)? */
function protectedBy(kind: string, lock: Lock): boolean {
  if (lock === 'map') return CONTENT.has(kind);
  if (lock === 'stage') return kind === 'stages' || ON_T1.has(kind);
  if (lock === 'card') return ON_T1.has(kind);
  return false;
}

type Expect = 'allow' | 'lock' | 'deny';

function expectUpdate(role: ShareRole, kind: string, field: string, own: boolean | undefined, lock: Lock): Expect {
  const author = field === 'authorName' || field === 'authorKey';
  if (role === 'viewer') return 'deny';
  if (kind === 'meta') {
    if (role === 'facilitator') return 'allow';
    if (role === 'commenter' || field === 'locked' || field === 'session') return 'deny';
    return lock === 'map' ? 'lock' : 'allow';
  }
  if ((kind === 'comments' || kind === 'notes') && author) return 'deny';
  if (role === 'facilitator') return 'allow';
  if (kind === 'votes') return 'deny';
  if (kind === 'comments') {
    if (lock === 'card' || lock === 'stage') return 'lock';
    return field === 'resolved' || own ? 'allow' : 'deny';
  }
  if (kind === 'notes') return role === 'editor' || own ? 'allow' : 'deny';
  if (role === 'commenter') return 'deny';
  // Clusters sort notes: no lock holds them, as none holds notes.
  if (kind === 'clusters') return 'allow';
  if (protectedBy(kind, lock)) return 'lock';
  return field === 'locked' ? 'deny' : 'allow';
}

function expectCreate(role: ShareRole, kind: string, lock: Lock): Expect {
  if (role === 'viewer') return 'deny';
  if (kind === 'comments' || kind === 'notes') return 'allow';
  if (role === 'facilitator') return 'allow';
  if (kind === 'votes' || role === 'commenter') return 'deny';
  if (kind === 'clusters') return 'allow';
  // New records: a stage, lane, role or competency of their own; the rest hang on T1 (touchpoints in S1).
  if (lock === 'map') return 'lock';
  if (lock === 'stage' && (kind === 'touchpoints' || (ON_T1.has(kind) && kind !== 'touchpoints'))) return 'lock';
  if (lock === 'card' && ON_T1.has(kind) && kind !== 'touchpoints') return 'lock';
  return 'allow';
}

function expectDelete(role: ShareRole, kind: string, own: boolean | undefined, lock: Lock): Expect {
  if (role === 'viewer') return 'deny';
  if (role === 'facilitator') return 'allow';
  if (kind === 'votes') return 'deny';
  if (kind === 'comments') {
    if (lock === 'card' || lock === 'stage') return 'lock';
    return own || role === 'editor' ? 'allow' : 'deny';
  }
  if (kind === 'notes') return own || role === 'editor' ? 'allow' : 'deny';
  if (role === 'commenter') return 'deny';
  if (kind === 'clusters') return 'allow';
  // Stages, lanes, roles and competencies take T1's records with them (and T1 its comments).
  if (lock === 'none') return 'allow';
  if (lock === 'map' && CONTENT.has(kind)) return 'lock';
  return 'lock';
}

/** A value different from `v` (the policy judges changes, not validity). */
function changed(v: unknown): unknown {
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'number') return v + 1;
  if (typeof v === 'string') return `${v}-x`;
  if (v === null) return 'x';
  if (Array.isArray(v)) return [...v, 'x'];
  return { ...(v as object), x: 1 };
}

function check(outcome: ReturnType<typeof mayUpdate>, expected: Expect) {
  if (expected === 'allow') expect(outcome).toEqual({ ok: true });
  else {
    expect(outcome.ok).toBe(false);
    const reason = outcome.ok ? '' : outcome.reason;
    if (expected === 'lock') expect(reason).toMatch(/locked by a facilitator/);
    else expect(reason).not.toMatch(/locked by/);
  }
}

const shapeOf = (kind: RecordKind) => Object.keys((recordSchemas[kind] as unknown as { shape: object }).shape);

describe('policy table', () => {
  it('covers every record kind, with records valid for their schema', () => {
    expect(new Set(SUBJECTS.map((s) => s.kind))).toEqual(new Set(recordKinds));
    const w = world('none');
    for (const kind of recordKinds) for (const rec of w[kind] as Fields[]) expect(rec).toHaveProperty('id');
  });

  const updateRows: Array<[ShareRole, Lock, string, string, string, boolean | undefined]> = [];
  for (const role of ROLES)
    for (const lock of LOCKS) {
      for (const s of SUBJECTS)
        for (const field of shapeOf(s.kind))
          if (field !== 'id') updateRows.push([role, lock, s.kind, s.id, field, s.own]);
      for (const field of [...Object.keys(MapMetaSchema.shape), 'schemaVersion'])
        updateRows.push([role, lock, 'meta', 'meta', field, undefined]);
    }

  it.each(updateRows)('%s, lock %s: update %s %s .%s', (role, lock, kind, id, field, own) => {
    const view = viewOf(lock);
    const p = principal(role);
    const before = kind === 'meta' ? view.meta() : view.get(kind as RecordKind, id);
    const patch = { [field]: changed(before?.[field]) };
    const outcome = kind === 'meta' ? mayChangeMeta(p, view, patch) : mayUpdate(p, view, kind as RecordKind, id, patch);
    check(outcome, expectUpdate(role, kind, field, own, lock));
  });

  const createRows: Array<[ShareRole, Lock, RecordKind]> = [];
  for (const role of ROLES)
    for (const lock of LOCKS) for (const kind of recordKinds) createRows.push([role, lock, kind]);

  it.each(createRows)('%s, lock %s: create %s', (role, lock, kind) => {
    const view = viewOf(lock);
    const p = principal(role);
    const template = (world(lock)[kind] as Fields[])[0]!;
    const record: Record<string, unknown> = { ...template, id: 'NEW' };
    if (kind === 'touchpoints') Object.assign(record, { stageId: 'S1', locked: false });
    if (kind === 'stages') record.locked = false;
    if (kind === 'comments' || kind === 'notes') Object.assign(record, { authorKey: p.key, authorName: p.name });
    check(mayCreate(p, view, kind, record), expectCreate(role, kind, lock));
  });

  const deleteRows: Array<[ShareRole, Lock, RecordKind, string, boolean | undefined]> = [];
  for (const role of ROLES)
    for (const lock of LOCKS) for (const s of SUBJECTS) deleteRows.push([role, lock, s.kind, s.id, s.own]);

  it.each(deleteRows)('%s, lock %s: delete %s %s', (role, lock, kind, id, own) => {
    check(mayDelete(principal(role), viewOf(lock), kind, id), expectDelete(role, kind, own, lock));
  });
});

describe('mayRefuse', () => {
  it('is false only for kinds where checkChange refuses nothing of the principal: updates, creates with foreign authorship, deletes', () => {
    const kinds = [...recordKinds, 'meta', 'trash', 'unknownRoot'];
    for (const role of ROLES) {
      const p = principal(role);
      for (const kind of kinds) {
        if (mayRefuse(p, kind)) continue;
        expect(role).toBe('facilitator');
        for (const lock of LOCKS) {
          const view = viewOf(lock);
          const records: Fields[] =
            kind === 'meta'
              ? [view.meta()]
              : recordKinds.includes(kind as RecordKind)
                ? (world(lock)[kind as RecordKind] as Fields[])
                : [{ id: 'X', value: 1 }];
          for (const before of records) {
            const id = kind === 'meta' ? 'meta' : (before.id as string);
            for (const field of Object.keys(before)) {
              const after = { ...before, [field]: changed(before[field]) };
              expect(checkChange(p, view, { kind, id, before, after })).toEqual([]);
            }
            const foreign = { ...before, id: 'NEW', authorKey: 'someone-else', authorName: 'Mallory' };
            expect(checkChange(p, view, { kind, id: 'NEW', before: undefined, after: foreign })).toEqual([]);
            expect(checkChange(p, view, { kind, id, before, after: undefined })).toEqual([]);
          }
        }
      }
    }
    expect(mayRefuse(principal('facilitator'), 'comments')).toBe(true);
    expect(mayRefuse(principal('facilitator'), 'notes')).toBe(true);
    for (const role of ROLES.filter((r) => r !== 'facilitator'))
      expect(mayRefuse(principal(role), 'stages')).toBe(true);
  });
});

describe('policy rules beyond the table', () => {
  const editor = principal('editor');
  const commenter = principal('commenter');

  it('a card with votes on it cannot be deleted by an editor (the votes would go with it)', () => {
    const outcome = mayDelete(editor, viewOf('none'), 'touchpoints', 'T2');
    expect(outcome).toEqual({
      ok: false,
      reason: expect.stringMatching(/^deleting it would also delete .*votes are cast/),
    });
    expect(mayDelete(principal('facilitator'), viewOf('none'), 'touchpoints', 'T2')).toEqual({ ok: true });
  });

  it('a commenter cannot delete their own comment when others replied to it', () => {
    const w = world('none');
    w.comments.push({ ...comment('M-reply', 'k-bob', 'Bob'), threadId: 'M-own' });
    const view = snapshotView(w as never);
    expect(mayDelete(commenter, view, 'comments', 'M-own').ok).toBe(false);
    expect(mayDelete(commenter, view, 'comments', 'M-reply').ok).toBe(false);
    expect(mayDelete(editor, view, 'comments', 'M-own')).toEqual({ ok: true });
  });

  it('an editor cannot move a card into a locked stage, nor connect to a locked card', () => {
    const w = world('none');
    w.stages[1]!.locked = true;
    const view = snapshotView(w as never);
    expect(mayUpdate(editor, view, 'touchpoints', 'T1', { stageId: 'S2' })).toEqual({
      ok: false,
      reason: 'the stage "Stage two" is locked by a facilitator',
    });
    const link = { id: 'C2', fromId: 'T1', toId: 'T2', kind: 'sequence', label: '', targetMapId: null };
    expect(mayCreate(editor, view, 'connections', link).ok).toBe(false);
  });

  it('an editor cannot create a locked card or stage', () => {
    const view = viewOf('none');
    expect(mayCreate(editor, view, 'stages', { id: 'S9', title: 'x', order: 3, locked: true })).toEqual({
      ok: false,
      reason: 'only facilitators lock or unlock',
    });
  });

  it('authorship of a new comment or note is the session: a wrong name or key is refused with the right value', () => {
    const view = viewOf('none');
    const forged = { ...comment('M9', 'k-bob', 'Fiona Facilitator') };
    const refusals = checkChange(editor, view, { kind: 'comments', id: 'M9', before: undefined, after: forged });
    expect(refusals).toEqual([
      expect.objectContaining({ field: 'authorKey', fix: { value: 'k-alice' } }),
      expect.objectContaining({ field: 'authorName', fix: { value: 'Alice' } }),
    ]);
    // A note may be left without a name (it still belongs to its session).
    const unnamed = { ...note('N9', ALICE.key, ALICE.name), authorName: null };
    expect(checkChange(commenter, view, { kind: 'notes', id: 'N9', before: undefined, after: unnamed })).toEqual([]);
    // A workspace member names themselves.
    const member = principal('facilitator');
    const named = { ...comment('M8', null as never, 'Workspace member'), authorKey: null };
    expect(checkChange(member, view, { kind: 'comments', id: 'M8', before: undefined, after: named })).toEqual([]);
  });

  it('nobody attaches a name to an anonymous note, facilitators included', () => {
    const w = world('none');
    w.notes.push({ ...note('N-anon', null as never, null as never) });
    const view = snapshotView(w as never);
    for (const role of ROLES)
      expect(mayUpdate(principal(role), view, 'notes', 'N-anon', { authorName: 'Alice' }).ok).toBe(false);
  });

  it('unknown parts of the document are refused for all but facilitators', () => {
    const change = { kind: 'evil', id: 'x', before: undefined, after: { a: 1 } };
    expect(checkChange(editor, viewOf('none'), change)).toHaveLength(1);
    expect(checkChange(principal('facilitator'), viewOf('none'), change)).toEqual([]);
  });
});
