/**
 * @journeycraft/doc: the Yjs document of one map. Typed reads that report and skip invalid
 * records, typed mutations in transactions with typed origins, per-user undo, snapshots.
 */
export { userOrigin, serverOrigin, importOrigin, isTxOrigin } from './origin.js';
export type { TxOrigin, ServerReason } from './origin.js';
export { META, metaMap, collection, RELATIONS, FACILITATOR_META_FIELDS } from './layout.js';
export type { Relation } from './layout.js';
export {
  checkChange,
  mayRefuse,
  lockReason,
  mayCreate,
  mayUpdate,
  mayDelete,
  mayChangeMeta,
  META_KIND,
  Reasons,
} from './policy.js';
export type { Fields, PolicyPrincipal, PolicyView, RecordChange, Refusal, Verdict } from './policy.js';
export { docView, snapshotView } from './policyView.js';
export {
  createRole,
  updateRole,
  roleCountsProblem,
  deleteRole,
  attachRole,
  setInvolvement,
  detachRole,
  setOwner,
  addRequirement,
  updateRequirement,
  removeRequirement,
} from './roleEdits.js';
export type { RoleFields, RequirementFields } from './roleEdits.js';
export { parseRecord, readRecord, readRecords, readMeta, snapshot, compareRecords } from './read.js';
export type { InvalidRecord, InvalidRecordHandler } from './read.js';
export { createRecord, updateRecord, deleteRecord, cascadeOf, updateMeta, nextOrder, applySnapshot } from './write.js';
export {
  TRASH,
  TRASH_KEEP_MS,
  readTrash,
  deletionImpact,
  describeCounts,
  deleteToTrash,
  restoreFromTrash,
  observeTrash,
} from './trash.js';
export type { DeleteTarget, DeletionCounts, TrashEntry } from './trash.js';
export { batch, orderBetween, moveToIndex, moveTouchpoint, insertCopies } from './edit.js';
export type { RecordBundle } from './edit.js';
export { setRoleHrFacts, openPosting } from './hr.js';
export {
  addSticky,
  moveSticky,
  clusterStickies,
  renameCluster,
  moveCluster,
  ungroupCluster,
  deleteSticky,
  stickyToCard,
  cardTextOf,
} from './stickies.js';
export type { BoardPlace, StickyAuthor } from './stickies.js';
export { setTouchpointImage, setPersonaImage } from './images.js';
export { createUndoManager } from './undo.js';
export { restoreSnapshot, diffSnapshots } from './history.js';
export type { SnapshotDiff } from './history.js';
export { MapStore } from './store.js';
export { createMapDoc, docFromSnapshot } from './create.js';
export { watchConflicts } from './conflicts.js';
export type { FieldConflict } from './conflicts.js';
