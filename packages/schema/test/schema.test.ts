import { describe, expect, it } from 'vitest';
import {
  JourneycraftError,
  MapSnapshotSchema,
  SCHEMA_VERSION,
  snapshotMigrations,
  emptySnapshot,
  formatIssues,
  isOverCapacity,
  migrateSnapshot,
  newId,
  parseWith,
  recordKinds,
  recordSchemas,
  type MapSnapshot,
  type RecordKind,
  RoleSchema,
  TouchpointSchema,
} from '../src/index.js';

const level = (n: number) => ({ level: n, name: `Level ${n}`, behaviours: [`Does visible thing ${n}`] });
const now = '2026-11-22T10:00:00.000Z';

/** One valid example of every record kind. */
const valid: Record<RecordKind, Record<string, unknown>> = {
  stages: { id: 'st1', title: 'Discover', order: 1 },
  lanes: { id: 'ln1', kind: 'touchpoints', title: 'Touchpoints', order: 1 },
  touchpoints: {
    id: 'tp1',
    stageId: 'st1',
    laneId: 'ln1',
    title: 'Billing dispute call',
    channel: 'phone',
    emotion: -2,
    momentOfTruth: true,
    painPoints: ['Long hold'],
    experienceStandards: [{ id: 'es1', text: 'Never transfer an angry caller twice', nonNegotiable: true }],
    metrics: [{ id: 'me1', name: 'First contact resolution', target: '80%' }],
    demandCapacity: { demand: 120, capacity: 100, period: 'hour' },
    ownerRoleId: 'ro1',
  },
  connections: { id: 'cn1', fromId: 'tp1', toId: 'tp2', kind: 'sequence' },
  roles: {
    id: 'ro1',
    name: 'Contact centre agent',
    team: 'Care',
    visibility: 'frontstage',
    headcount: 40,
    incumbents: 38,
    readySuccessors: 2,
  },
  assignments: { id: 'as1', touchpointId: 'tp1', roleId: 'ro1', involvement: 'owner' },
  competencies: {
    id: 'co1',
    kind: 'how',
    name: 'Defusing anger',
    definition: 'Brings an upset customer back to a calm conversation.',
    levels: [1, 2, 3, 4, 5].map(level),
  },
  requirements: {
    id: 'rq1',
    touchpointId: 'tp1',
    roleId: 'ro1',
    competencyId: 'co1',
    level: 4,
    behaviour: 'Checks back within 2 minutes',
  },
  checklistItems: { id: 'ck1', touchpointId: 'tp1', text: 'Listen to three recorded calls', cadence: 'weekly' },
  comments: { id: 'cm1', targetId: 'tp1', authorName: 'Ana', body: 'Hold music is awful', createdAt: now },
  notes: { id: 'nt1', text: 'Idea: callback option', createdAt: now },
  clusters: { id: 'gr1', name: 'Waiting', stageId: 'st1', laneId: 'ln1', createdAt: now },
  votes: { id: 'vo1', targetId: 'tp1', voterKey: 'abc', createdAt: now },
};

/** One invalid example of every record kind, with the path the error must name. */
const invalid: Record<RecordKind, [Record<string, unknown>, string]> = {
  stages: [{ id: 'st1', title: '', order: 1 }, 'title'],
  lanes: [{ id: 'ln1', kind: 'sideways', title: 'X', order: 1 }, 'kind'],
  touchpoints: [{ ...valid.touchpoints, emotion: 3 }, 'emotion'],
  connections: [{ id: 'cn1', fromId: 'tp1', kind: 'subjourney' }, 'toId'],
  roles: [{ id: 'ro1', name: 'Agent', headcount: -1 }, 'headcount'],
  assignments: [{ id: 'as1', touchpointId: 'tp1', roleId: 'ro1', involvement: 'watches' }, 'involvement'],
  competencies: [{ ...valid.competencies, levels: [1, 2, 3].map(level) }, 'levels'],
  requirements: [{ ...valid.requirements, level: 7 }, 'level'],
  checklistItems: [{ ...valid.checklistItems, cadence: 'hourly' }, 'cadence'],
  comments: [{ ...valid.comments, body: '' }, 'body'],
  notes: [{ ...valid.notes, createdAt: 'yesterday' }, 'createdAt'],
  clusters: [{ ...valid.clusters, x: Number.POSITIVE_INFINITY }, 'x'],
  votes: [{ ...valid.votes, id: 'has spaces' }, 'id'],
};

describe('record schemas', () => {
  it('covers every record kind in the tests', () => {
    expect(Object.keys(valid).sort()).toEqual([...recordKinds].sort());
  });

  for (const kind of recordKinds) {
    it(`${kind}: parses, round-trips through JSON, and rejects invalid data readably`, () => {
      const schema = recordSchemas[kind];
      const parsed = schema.parse(valid[kind]);
      expect(schema.parse(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
      const [bad, path] = invalid[kind];
      const result = parseWith<unknown>(schema, bad);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.issues.map((i) => i.path)).toContain(path);
        expect(formatIssues(result.issues)).toMatch(new RegExp(`^${path.replace('.', '\\.')}: .+`));
      }
    });
  }

  it('fills defaults for optional fields', () => {
    const tp = recordSchemas.touchpoints.parse({ id: 't', stageId: 's', laneId: 'l', title: 'T' });
    expect(tp).toMatchObject({
      channel: 'other',
      emotion: 0,
      momentOfTruth: false,
      painPoints: [],
      demandCapacity: null,
      ownerRoleId: null,
    });
  });

  it('requires competency levels in 1..5 order with observable behaviours', () => {
    const shuffled = { ...valid.competencies, levels: [2, 1, 3, 4, 5].map(level) };
    expect(recordSchemas.competencies.safeParse(shuffled).success).toBe(false);
    const noBehaviour = {
      ...valid.competencies,
      levels: [1, 2, 3, 4, 5].map((n) => ({ ...level(n), behaviours: [] })),
    };
    const result = parseWith(recordSchemas.competencies, noBehaviour);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.message).toMatch(/observable behaviour/);
  });

  it('keeps an emotion per persona, defaulting to none so older touchpoints still parse', () => {
    const old = recordSchemas.touchpoints.parse({ id: 't', stageId: 's', laneId: 'l', title: 'T', emotion: 1 });
    expect(old.personaEmotions).toEqual({});
    const tp = recordSchemas.touchpoints.parse({ ...valid.touchpoints, personaEmotions: { pe1: 2, pe2: -1 } });
    expect(tp.personaEmotions).toEqual({ pe1: 2, pe2: -1 });
    const bad = parseWith(recordSchemas.touchpoints, { ...valid.touchpoints, personaEmotions: { pe1: 4 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.path).toBe('personaEmotions.pe1');
  });

  it('flags demand over capacity', () => {
    const tp = recordSchemas.touchpoints.parse(valid.touchpoints);
    expect(isOverCapacity(tp)).toBe(true);
    expect(isOverCapacity({ demandCapacity: { demand: 10, capacity: 10, period: 'day' } })).toBe(false);
    expect(isOverCapacity({ demandCapacity: null })).toBe(false);
  });

  it('generates url-safe unique ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, newId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);
  });
});

describe('map snapshot and migrations', () => {
  const full = (): MapSnapshot => {
    const snap = emptySnapshot('Support call') as Record<string, unknown>;
    for (const kind of recordKinds) snap[kind] = [recordSchemas[kind].parse(valid[kind])];
    return snap as MapSnapshot;
  };

  it('round-trips a snapshot with every record kind', () => {
    const snap = full();
    expect(MapSnapshotSchema.parse(JSON.parse(JSON.stringify(snap)))).toEqual(snap);
    expect(migrateSnapshot(JSON.parse(JSON.stringify(snap)))).toEqual(snap);
  });

  it('runs the migration path from older versions', () => {
    const old = { ...full(), schemaVersion: 0, stages: [{ id: 'st1', name: 'Old name', position: 3 }] } as Record<
      string,
      unknown
    >;
    const migrated = migrateSnapshot(
      old,
      [
        {
          from: 0,
          describe: 'stage.name -> title, position -> order',
          up: (raw) => ({
            ...raw,
            stages: (raw.stages as Array<{ id: string; name: string; position: number }>).map((s) => ({
              id: s.id,
              title: s.name,
              order: s.position,
            })),
          }),
        },
        ...snapshotMigrations,
      ],
      SCHEMA_VERSION,
    );
    expect(migrated.stages[0]).toMatchObject({ title: 'Old name', order: 3 });
  });

  it('version 1 → 2 puts notes on the board where they were and gives the map its clusters', () => {
    const v1 = { ...full(), schemaVersion: 1 } as Record<string, unknown>;
    delete v1.clusters;
    v1.notes = [{ id: 'nt1', stageId: 'st1', laneId: null, text: 'Old note', createdAt: now }];
    const migrated = migrateSnapshot(v1);
    expect(migrated.schemaVersion).toBe(SCHEMA_VERSION);
    expect(migrated.clusters).toEqual([]);
    expect(migrated.notes[0]).toMatchObject({ stageId: 'st1', laneId: null, x: null, y: null, clusterId: null });
  });

  it('brings a version 2 map up: touchpoints and personas get no picture, nothing else changes', () => {
    const current = full();
    const strip = <T extends object>(r: T) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'imageId'));
    const v2 = {
      ...JSON.parse(JSON.stringify(current)),
      schemaVersion: 2,
      touchpoints: current.touchpoints.map(strip),
      meta: { ...current.meta, personas: [{ id: 'p1', name: 'Ana' }] },
    };
    const migrated = migrateSnapshot(v2);
    expect(migrated.schemaVersion).toBe(SCHEMA_VERSION);
    expect(migrated.touchpoints.map((t) => t.imageId)).toEqual(current.touchpoints.map(() => null));
    expect(migrated.meta.personas[0]).toMatchObject({ id: 'p1', name: 'Ana', imageId: null });
    expect({ ...migrated, meta: current.meta }).toEqual({ ...current, meta: current.meta });
    expect(() => migrateSnapshot({ ...v2, touchpoints: [{ ...v2.touchpoints[0], imageId: '../etc' }] })).toThrow(
      /not valid/,
    );
  });

  it('refuses snapshots from the future and invalid ones, readably', () => {
    expect(() => migrateSnapshot({ ...full(), schemaVersion: SCHEMA_VERSION + 1 })).toThrow(/newer than/);
    try {
      migrateSnapshot({ ...full(), touchpoints: [{ ...valid.touchpoints, emotion: 9 }] });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(JourneycraftError);
      expect((err as JourneycraftError).issues?.[0]?.path).toBe('touchpoints.0.emotion');
      expect((err as JourneycraftError).status).toBe(400);
    }
    expect(() => migrateSnapshot('nope')).toThrow(/JSON object/);
  });
});

describe('messages people read', () => {
  it('numbers below zero or with decimals say so in plain words, not Zod’s wording', () => {
    const dc = TouchpointSchema.safeParse({
      id: 't1',
      stageId: 's1',
      laneId: 'l1',
      title: 'Call',
      demandCapacity: { demand: -1, capacity: 10, period: 'hour' },
    });
    expect(dc.success).toBe(false);
    expect(dc.error!.issues.map((i) => i.message)).toEqual(['must be 0 or more']);
    const role = RoleSchema.safeParse({ id: 'r1', name: 'Agent', headcount: 1.5, incumbents: -2 });
    expect(role.error!.issues.map((i) => i.message).sort()).toEqual(['must be 0 or more', 'must be a whole number']);
  });
});
