import type {
  Competency,
  HrSettings,
  MapAccess,
  MapAssessment,
  MapSummary,
  ShareLink,
  VersionSummary,
} from '@journeycraft/schema';

/** A map's stored document: the latest compacted snapshot plus the updates appended after it. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  /** Version of the snapshot (0 when there is none); compaction checks it has not moved. */
  snapshotVersion: number;
  updates: Uint8Array[];
  /** Sequence numbers of `updates`, same order. */
  seqs: number[];
}

/** A dot-voting round. Ballots stay here, out of the shared document, until the round is revealed. */
export interface VoteRound {
  id: string;
  mapId: string;
  title: string;
  votesPerPerson: number;
  anonymous: boolean;
  status: 'open' | 'revealed' | 'closed';
  createdAt: string;
}

export interface Ballot {
  roundId: string;
  voterKey: string;
  voterName: string | null;
  targetId: string;
  createdAt: string;
}

/** A map in the trash: restorable until it is purged. */
export interface TrashedMap {
  map: MapSummary;
  /** ISO time it was trashed. */
  deletedAt: string;
}

/** What a compaction folded: the snapshot version it started from and the update seqs it read. */
export interface CompactionBasis {
  snapshotVersion: number;
  seqs: number[];
}

/**
 * Everything the server stores. Implementations: SQLite (embedded default) and PostgreSQL.
 * Contract: appendUpdates is durable when its promise resolves; compact atomically replaces
 * the snapshot and removes exactly the updates it folded, and refuses (returns false) when
 * another compaction moved the snapshot meanwhile, so concurrent instances never lose updates.
 */
export interface Storage {
  readonly kind: string;
  listMaps(): Promise<MapSummary[]>;
  getMap(id: string): Promise<MapSummary | null>;
  /** Creates a map with its initial document state. */
  createMap(map: { id: string; title: string }, initialState: Uint8Array): Promise<MapSummary>;
  /** Changes the listed title; returns null if the map does not exist. */
  setMapTitle(id: string, title: string): Promise<MapSummary | null>;
  /** Changes who may open a map (open, or share links only). */
  setMapAccess(id: string, access: MapAccess): Promise<MapSummary | null>;
  /**
   * Deletes a map and everything stored for it (document, share links, versions, voting rounds and
   * their ballots, assessments); false if it did not exist.
   */
  deleteMap(id: string): Promise<boolean>;
  /**
   * Puts a map in the trash (a soft delete): from then on it is neither listed nor found by
   * getMap, and nothing of it is removed until deleteMap; false if there is no such live map.
   */
  trashMap(id: string): Promise<boolean>;
  /** The trashed maps, most recently trashed first, with when each went. */
  listTrashedMaps(): Promise<TrashedMap[]>;
  /** Takes a map out of the trash; null if it is not there. */
  restoreMap(id: string): Promise<MapSummary | null>;
  loadDoc(mapId: string): Promise<StoredDoc>;
  /** Appends updates in one durable transaction; returns the seq of the last one. */
  appendUpdates(mapId: string, updates: Uint8Array[]): Promise<number>;
  /**
   * Replaces the snapshot with `snapshot` (which folds the basis) and deletes the basis' updates,
   * atomically; false (and no change) if the snapshot version is no longer `basis.snapshotVersion`.
   */
  compact(mapId: string, snapshot: Uint8Array, basis: CompactionBasis): Promise<boolean>;
  /** Number of stored (uncompacted) updates of a map: for tests and metrics. */
  countUpdates(mapId: string): Promise<number>;
  /** Rows in every table of the store, by table name: for tests (what a deletion leaves behind). */
  countRows(): Promise<Record<string, number>>;
  /** The workspace competency library: entries teams added or edited (built-ins live in code). */
  listLibrary(): Promise<Competency[]>;
  /** Inserts or replaces entries by id, all or nothing. */
  putLibrary(entries: Competency[]): Promise<void>;
  /** Removes a workspace entry; false if there was none. */
  deleteLibraryEntry(id: string): Promise<boolean>;
  createShareLink(link: ShareLink): Promise<ShareLink>;
  listShareLinks(mapId: string): Promise<ShareLink[]>;
  getShareLink(id: string): Promise<ShareLink | null>;
  /** Marks a link revoked (idempotent); null if it does not exist. */
  revokeShareLink(id: string): Promise<ShareLink | null>;
  /** The signing secret shared by every instance; created on first use. */
  getSecret(): Promise<string>;
  /** Saves a version: a full document state with a name. */
  createVersion(version: VersionSummary, state: Uint8Array): Promise<VersionSummary>;
  /** A map's versions, newest first. */
  listVersions(mapId: string): Promise<VersionSummary[]>;
  getVersion(mapId: string, id: string): Promise<{ summary: VersionSummary; state: Uint8Array } | null>;
  createVoteRound(round: VoteRound): Promise<VoteRound>;
  getVoteRound(id: string): Promise<VoteRound | null>;
  setVoteRoundStatus(id: string, status: VoteRound['status']): Promise<VoteRound | null>;
  /**
   * Adds a ballot unless the voter already used `maxPerVoter`, atomically (concurrent casts of one
   * voter never pass the limit together); returns whether it was added and how many the voter has.
   */
  castVote(ballot: Ballot, maxPerVoter: number): Promise<{ added: boolean; used: number }>;
  /** Takes back one of the voter's ballots on `targetId`; false if there was none. */
  removeVote(roundId: string, voterKey: string, targetId: string): Promise<boolean>;
  listBallots(roundId: string): Promise<Ballot[]>;
  /** Throws if the store cannot be reached (readiness probe). */
  /** The assessments of a map (personal data; empty when none). Deleted with the map. */
  getAssessments(mapId: string): Promise<MapAssessment[]>;
  /** Replaces the assessments of a map. */
  putAssessments(mapId: string, assessments: readonly MapAssessment[]): Promise<void>;
  /** The workspace HR settings (employer, how to apply, statements, paper size); null until first saved. */
  getHrSettings(): Promise<HrSettings | null>;
  /** Replaces the workspace HR settings. */
  putHrSettings(settings: HrSettings): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
