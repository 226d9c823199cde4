/**
 * @journeycraft/schema: the domain of a journey map as Zod schemas and inferred types,
 * the migration path between format versions, and the error codes shared by client and server.
 */
export { ErrorCode, errorStatus, JourneycraftError, LimitExceededError, SyncCloseCode } from './errors.js';
export type { ErrorBody, Issue, LimitInfo } from './errors.js';
export { toIssues, formatIssues, parseWith } from './validation.js';
export type { ParseResult } from './validation.js';
export {
  IdSchema,
  NameSchema,
  TextSchema,
  OrderSchema,
  LevelSchema,
  TimestampSchema,
  newId,
} from './records/common.js';
export type { Id, Level } from './records/common.js';
export {
  PersonaSchema,
  MapMetaSchema,
  SessionStateSchema,
  VotingStateSchema,
  PresentationStateSchema,
  MapSummarySchema,
  MapAccess,
  CreateMapInputSchema,
  RenameMapInputSchema,
  DuplicateMapInputSchema,
} from './records/map.js';
export type {
  Persona,
  MapMeta,
  SessionState,
  VotingState,
  PresentationState,
  MapSummary,
  CreateMapInput,
  RenameMapInput,
  DuplicateMapInput,
} from './records/map.js';
export {
  ShareRole,
  roleAtLeast,
  ShareLinkSchema,
  CreateShareLinkInputSchema,
  JoinInputSchema,
  CheckLinkInputSchema,
  LinkOfferSchema,
  JoinResultSchema,
  VersionSummarySchema,
  CreateVersionInputSchema,
  CreateNoteInputSchema,
  CreateVoteRoundInputSchema,
  CastVoteInputSchema,
} from './records/access.js';
export type {
  ShareLink,
  CreateShareLinkInput,
  JoinInput,
  JoinResult,
  LinkOffer,
  VersionSummary,
  CreateVersionInput,
  CreateNoteInput,
  CreateVoteRoundInput,
  CastVoteInput,
} from './records/access.js';
export { StageSchema } from './records/stage.js';
export type { Stage } from './records/stage.js';
export { LaneSchema, LaneKind, laneKindLabels } from './records/lane.js';
export type { Lane } from './records/lane.js';
export {
  TouchpointSchema,
  Channel,
  channelLabels,
  EmotionSchema,
  ExperienceStandardSchema,
  MetricSchema,
  DemandCapacitySchema,
  Period,
  isOverCapacity,
} from './records/touchpoint.js';
export type { Touchpoint, ExperienceStandard, Metric, DemandCapacity } from './records/touchpoint.js';
export { ConnectionSchema, ConnectionKind } from './records/connection.js';
export type { Connection } from './records/connection.js';
export { RoleSchema, AssignmentSchema, Visibility, Involvement, involvementLabels } from './records/role.js';
export type { Role, Assignment } from './records/role.js';
export {
  IsoDateSchema,
  CurrencySchema,
  CountrySchema,
  SalaryPeriod,
  SalaryRangeSchema,
  EmploymentType,
  EMPLOYMENT_TYPE_LABELS,
  ExemptStatus,
  WorkArrangement,
  WorkLocationSchema,
  ApplicantLocationSchema,
  QualificationListSchema,
  RoleHrFactsSchema,
  RoleHrPatchSchema,
  HR_FACT_KEYS,
  hrFactsOf,
  hrFactsIssues,
  PaperSize,
  LanguageRegister,
  HrSettingsSchema,
  defaultHrSettings,
} from './records/hr.js';
export type {
  SalaryRange,
  WorkLocation,
  ApplicantLocation,
  QualificationList,
  RoleHrFacts,
  RoleHrPatch,
  HrSettings,
} from './records/hr.js';
export { CompetencySchema, CompetencyKind, ProficiencyLevelSchema, RequirementSchema } from './records/competency.js';
export type { Competency, ProficiencyLevel, Requirement } from './records/competency.js';
export { MapAssessmentSchema, MapAssessmentsSchema, MAX_MAP_ASSESSMENTS } from './records/assessment.js';
export type { MapAssessment } from './records/assessment.js';
export {
  ImageType,
  ImageInfoSchema,
  ImageRefSchema,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
  STORED_IMAGE_SIDE,
  MAX_IMAGES_PER_MAP,
  imagePath,
  mapPicturePath,
} from './records/image.js';
export type { ImageInfo } from './records/image.js';
export {
  ChecklistItemSchema,
  ClusterSchema,
  CommentSchema,
  NoteSchema,
  VoteSchema,
  Cadence,
  stickiesMigration,
} from './records/collab.js';
export type { ChecklistItem, Cluster, Comment, Note, Vote } from './records/collab.js';
export {
  SCHEMA_VERSION,
  recordSchemas,
  recordKinds,
  MapSnapshotSchema,
  snapshotMigrations,
  migrateSnapshot,
  emptySnapshot,
} from './snapshot.js';
export type { RecordKind, RecordOf, RecordInput, MapSnapshot, Migration } from './snapshot.js';
export {
  WorkspaceRole,
  workspaceRoleAtLeast,
  AccountSchema,
  SetupInputSchema,
  LoginInputSchema,
  CreateInvitationInputSchema,
  AcceptInvitationInputSchema,
  InvitationSchema,
  SetWorkspaceRoleInputSchema,
  CreateApiTokenInputSchema,
  MapMemberSchema,
  SetMapMemberInputSchema,
  AuditAction,
  AuditEntrySchema,
} from './records/account.js';
export type {
  Account,
  SetupInput,
  LoginInput,
  CreateInvitationInput,
  AcceptInvitationInput,
  Invitation,
  MapMember,
  AuditEntry,
} from './records/account.js';
