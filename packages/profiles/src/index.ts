/**
 * @journeycraft/profiles: pure functions from a map snapshot to what HR needs about each role:
 * role profiles (touchpoints, competencies with evidence, goals, owned checklist), criticality
 * and succession risk, the roles × competencies coverage matrix with its gaps, and capacity
 * warnings. No React, no Yjs, no I/O; dangling references are reported, never thrown.
 */
export { buildRoleProfile, buildRoleProfiles, metricGoalText } from './profile.js';
export {
  roleCriticality,
  rankRoles,
  seatsOf,
  CRITICAL_THRESHOLD,
  CRITICALITY_WEIGHTS,
  MOMENT_OF_TRUTH_POINTS,
  OVER_CAPACITY_POINTS,
} from './criticality.js';
export { coverageMatrix, coverageSupply } from './coverage.js';
export { SUCCESSION_MAX_SEATS, talentPlanFit } from './succession.js';
export { capacityWarnings } from './capacity.js';
export { mapProblems } from './problems.js';
export type { TalentPlanFit } from './succession.js';
export type {
  AffectedRole,
  CapacityWarning,
  CompetenciesByKind,
  CompetencyEvidence,
  CoverageCell,
  CoverageGaps,
  CoverageMatrix,
  CoverageSupply,
  SupplyAssessment,
  SupplyCell,
  CriticalityFactor,
  CriticalityReason,
  Goal,
  LinkSource,
  MetricGoal,
  MissingCompetency,
  OwnedChecklistItem,
  Problem,
  ProblemCode,
  RankedRole,
  RequiredCompetency,
  RoleCriticality,
  RoleProfile,
  RoleTouchpoint,
  StandardGoal,
  TouchpointRef,
} from './types.js';
