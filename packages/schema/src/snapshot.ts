import { z } from 'zod';
import { MapMetaSchema } from './records/map.js';
import { StageSchema } from './records/stage.js';
import { LaneSchema } from './records/lane.js';
import { TouchpointSchema } from './records/touchpoint.js';
import { ConnectionSchema } from './records/connection.js';
import { AssignmentSchema, RoleSchema } from './records/role.js';
import { CompetencySchema, RequirementSchema } from './records/competency.js';
import {
  ChecklistItemSchema,
  ClusterSchema,
  CommentSchema,
  NoteSchema,
  VoteSchema,
  stickiesMigration,
} from './records/collab.js';
import { JourneycraftError, ErrorCode } from './errors.js';
import { toIssues } from './validation.js';
import { imagesMigration } from './records/image.js';

/** Current version of the map format. Bump it and add a migration when a record changes shape. */
export const SCHEMA_VERSION = 3;

/** Every record kind a map holds, keyed by its collection name. */
export const recordSchemas = {
  stages: StageSchema,
  lanes: LaneSchema,
  touchpoints: TouchpointSchema,
  connections: ConnectionSchema,
  roles: RoleSchema,
  assignments: AssignmentSchema,
  competencies: CompetencySchema,
  requirements: RequirementSchema,
  checklistItems: ChecklistItemSchema,
  comments: CommentSchema,
  notes: NoteSchema,
  clusters: ClusterSchema,
  votes: VoteSchema,
} as const;

export type RecordKind = keyof typeof recordSchemas;
/** The parsed record type of a collection. */
export type RecordOf<K extends RecordKind> = z.infer<(typeof recordSchemas)[K]>;
/** What callers pass to create a record: defaults may be left out. */
export type RecordInput<K extends RecordKind> = z.input<(typeof recordSchemas)[K]>;

/** All collection names, in a stable order. */
export const recordKinds = Object.keys(recordSchemas) as RecordKind[];

/** A whole map as plain data: what the REST API returns and templates are made of. */
export const MapSnapshotSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  meta: MapMetaSchema,
  stages: z.array(StageSchema),
  lanes: z.array(LaneSchema),
  touchpoints: z.array(TouchpointSchema),
  connections: z.array(ConnectionSchema),
  roles: z.array(RoleSchema),
  assignments: z.array(AssignmentSchema),
  competencies: z.array(CompetencySchema),
  requirements: z.array(RequirementSchema),
  checklistItems: z.array(ChecklistItemSchema),
  comments: z.array(CommentSchema),
  notes: z.array(NoteSchema),
  clusters: z.array(ClusterSchema),
  votes: z.array(VoteSchema),
});
export type MapSnapshot = z.infer<typeof MapSnapshotSchema>;

/** One step of the migration path: turns raw data of `from` into raw data of `from + 1`. */
export interface Migration {
  from: number;
  describe: string;
  up: (raw: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * The migration path, oldest first. Version 1 is the first published format; each later
 * version appends one step here, defined next to the record file it changes.
 */
export const snapshotMigrations: readonly Migration[] = [stickiesMigration, imagesMigration];

/**
 * Brings raw snapshot data of any known version up to SCHEMA_VERSION and parses it.
 * Throws a JourneycraftError with readable issues when it cannot.
 */
export function migrateSnapshot(
  raw: unknown,
  migrations: readonly Migration[] = snapshotMigrations,
  targetVersion: number = SCHEMA_VERSION,
): MapSnapshot {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new JourneycraftError(ErrorCode.ValidationFailed, 'a map snapshot must be a JSON object');
  }
  let data = raw as Record<string, unknown>;
  let version = typeof data.schemaVersion === 'number' ? data.schemaVersion : 1;
  if (version > targetVersion) {
    throw new JourneycraftError(
      ErrorCode.ValidationFailed,
      `snapshot has schemaVersion ${version}, newer than this version of Journeycraft understands (${targetVersion})`,
    );
  }
  while (version < targetVersion) {
    const step = migrations.find((m) => m.from === version);
    if (!step) {
      throw new JourneycraftError(ErrorCode.ValidationFailed, `no migration from schemaVersion ${version}`);
    }
    data = { ...step.up(data), schemaVersion: version + 1 };
    version += 1;
  }
  const result = MapSnapshotSchema.safeParse({ ...data, schemaVersion: SCHEMA_VERSION });
  if (!result.success) {
    throw new JourneycraftError(ErrorCode.ValidationFailed, 'the map snapshot is not valid', toIssues(result.error));
  }
  return result.data;
}

/** An empty, valid snapshot with the given title. */
export function emptySnapshot(title: string): MapSnapshot {
  return {
    schemaVersion: SCHEMA_VERSION,
    meta: { title, description: '', personas: [], locked: false, session: null },
    stages: [],
    lanes: [],
    touchpoints: [],
    connections: [],
    roles: [],
    assignments: [],
    competencies: [],
    requirements: [],
    checklistItems: [],
    comments: [],
    notes: [],
    clusters: [],
    votes: [],
  };
}
