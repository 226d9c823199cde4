import type {
  Channel,
  ChecklistItem,
  Competency,
  DemandCapacity,
  Involvement,
  Level,
  RecordKind,
  Role,
} from '@journeycraft/schema';

/** What is wrong with a record this package had to skip or read around. */
export type ProblemCode =
  /** The record points at a role, touchpoint, competency or stage that is not on the map. */
  | 'dangling_reference'
  /** A requirement names a role at a touchpoint the role is not assigned to (it is still counted). */
  | 'unassigned_requirement'
  /** Several assignments attach the same role to the same touchpoint (the strongest involvement is used). */
  | 'duplicate_assignment';

/**
 * A problem found while reading the map. Never thrown: collected and returned beside the result.
 * `skipped` says whether the record was left out of the computation.
 */
export interface Problem {
  code: ProblemCode;
  /** The record that has the problem. */
  record: { kind: RecordKind; id: string };
  /** For `dangling_reference`: what it points at that is missing. */
  missing: { kind: RecordKind; id: string } | null;
  /** The role the problem concerns when that role exists on the map (so a role profile can show it). */
  roleId: string | null;
  /** True when the record was left out of every result. */
  skipped: boolean;
  /** One readable sentence. */
  message: string;
}

/** How a role came to be linked to a touchpoint. */
export type LinkSource = 'assignment' | 'owner' | 'requirement';

/** Enough about a touchpoint to name it and place it on the map. */
export interface TouchpointRef {
  id: string;
  title: string;
  stageId: string;
  /** '' when the touchpoint's stage is missing from the map. */
  stageTitle: string;
  momentOfTruth: boolean;
}

/** A touchpoint as seen from one role. */
export interface RoleTouchpoint extends TouchpointRef {
  laneId: string;
  channel: Channel;
  /** Strongest involvement found: owner > performs > supports (a requirement alone counts as performs). */
  involvement: Involvement;
  /** Every way the role is linked here, in the order assignment, owner, requirement. */
  linkedBy: LinkSource[];
  /** Emotion on the −2..+2 scale. */
  emotion: number;
  demandCapacity: DemandCapacity | null;
  /** Demand outruns capacity here. */
  overCapacity: boolean;
}

/** One place a competency is required: the touchpoint, the level asked there and the behaviour expected. */
export interface CompetencyEvidence {
  requirementId: string;
  touchpoint: TouchpointRef;
  level: Level;
  behaviour: string;
}

/** A competency a role needs, aggregated over all its touchpoints (the highest level required wins). */
export interface RequiredCompetency {
  competency: Competency;
  /** The highest level required at any touchpoint. */
  level: Level;
  /** Name of that level in the competency's scale ('' if the competency lacks it). */
  levelName: string;
  /** The competency's observable behaviours at that level. */
  levelBehaviours: string[];
  /** Every distinct level required, highest first (more than one when touchpoints ask for different levels). */
  levelsRequired: Level[];
  /** Every requirement behind it, in map order of touchpoints, then level (highest first). */
  evidence: CompetencyEvidence[];
}

/** Required competencies split by kind, each list sorted by level (highest first), then name, then id. */
export interface CompetenciesByKind {
  what: RequiredCompetency[];
  how: RequiredCompetency[];
  org: RequiredCompetency[];
}

/** A goal cascaded from a touchpoint: an experience standard to keep or a metric to hit. */
export type Goal = StandardGoal | MetricGoal;

interface GoalBase {
  /** Stable id: `<touchpointId>:<standard or metric id>`. */
  id: string;
  /** The sentence for a goal sheet, e.g. "Hold time: < 2 min". */
  text: string;
  /** The touchpoint the goal comes from. */
  touchpoint: TouchpointRef;
  /** The role's involvement at that touchpoint. */
  involvement: Involvement;
}

/** An experience standard kept at a touchpoint; non-negotiable ones are never waived under pressure. */
export interface StandardGoal extends GoalBase {
  kind: 'standard';
  standardId: string;
  nonNegotiable: boolean;
}

/** A metric measured at a touchpoint, with its target. */
export interface MetricGoal extends GoalBase {
  kind: 'metric';
  metricId: string;
  name: string;
  target: string;
  unit: string;
  source: string;
  /** False when the metric has no target yet (the goal reads as the metric's name alone). */
  hasTarget: boolean;
}

/** A checklist item the role owns through a touchpoint it owns. */
export interface OwnedChecklistItem {
  item: ChecklistItem;
  touchpoint: TouchpointRef;
}

/** The factors of the criticality score, in the order they are reported. */
export type CriticalityFactor =
  'moments_of_truth' | 'touchpoint_share' | 'customer_facing' | 'over_capacity' | 'bench_strength';

/** One factor's contribution to a criticality score. */
export interface CriticalityReason {
  factor: CriticalityFactor;
  /** Points this factor adds (an integer from 0 to `max`). */
  weight: number;
  /** The most this factor can add. */
  max: number;
  /** Why, in words, e.g. "touches 3 moments of truth: Billing dispute call, …". */
  detail: string;
}

/** How critical a role is to the customer experience, and why. */
export interface RoleCriticality {
  roleId: string;
  /** 0..100, the sum of the reasons' weights. */
  score: number;
  /** Score at or above CRITICAL_THRESHOLD, or the role touches a moment of truth. */
  critical: boolean;
  /** All five factors, always in the same order. */
  reasons: CriticalityReason[];
  /** A critical role with no ready successor. */
  successionRisk: boolean;
  /** Why the role is (or is not) a succession risk; null for roles that are not critical. */
  successionReason: string | null;
  /** How many touchpoints the role is linked to. */
  touchpointCount: number;
  /** The moments of truth it touches, in map order. */
  momentsOfTruth: TouchpointRef[];
}

/** Everything the map says about one role: what the role profile page and HR documents are made from. */
export interface RoleProfile {
  mapTitle: string;
  role: Role;
  /** The role's touchpoints in map order (stage, lane, touchpoint order, id). */
  touchpoints: RoleTouchpoint[];
  competencies: CompetenciesByKind;
  /** Non-negotiable standards first, then other standards, then metrics; each in map order. */
  goals: Goal[];
  /** Items on touchpoints the role owns, in map order of touchpoints, then cadence (daily, weekly, monthly), then text. */
  checklist: OwnedChecklistItem[];
  criticality: RoleCriticality;
  /** Problems that concern this role. */
  problems: Problem[];
}

/** A role in the criticality ranking. */
export interface RankedRole {
  /** 1 + the number of roles with a strictly higher score (equal scores share a rank). */
  rank: number;
  role: Role;
  criticality: RoleCriticality;
}

/** A cell of the coverage matrix: a role needs a competency. */
export interface CoverageCell {
  roleId: string;
  competencyId: string;
  /** The highest level required at any touchpoint. */
  level: Level;
  /** The touchpoints that require it, in map order, each once. */
  touchpointIds: string[];
}

/** A competency referenced by requirements but absent from the map. */
export interface MissingCompetency {
  competencyId: string;
  requirementIds: string[];
  /** Sorted ids of the roles and touchpoints those requirements name (whether or not they exist). */
  roleIds: string[];
  touchpointIds: string[];
}

/** What the coverage matrix shows is missing. */
export interface CoverageGaps {
  /** Touchpoints no existing role is linked to (by assignment, owner or requirement), in map order. */
  touchpointsWithoutRoles: TouchpointRef[];
  /** Touchpoints with roles but no owner, in map order. */
  touchpointsWithoutOwner: TouchpointRef[];
  /** Roles with no valid requirement, ordered by name then id. */
  rolesWithoutCompetencies: Role[];
  /** Competencies on the map no requirement uses, in column order. */
  competenciesNotRequired: Competency[];
  /** Competency ids requirements point at that are not on the map, sorted by id. */
  missingCompetencies: MissingCompetency[];
}

/** Roles × competencies with the level each role needs. */
export interface CoverageMatrix {
  /** Rows: every role, by name (case-insensitive) then id. */
  roles: Role[];
  /** Columns: every competency on the map, by kind (what, how, org), then name, then id. */
  competencies: Competency[];
  /** cells[row][column]; null where the role does not need the competency. */
  cells: (CoverageCell | null)[][];
  gaps: CoverageGaps;
  /** Every problem found on the map. */
  problems: Problem[];
}

/** One assessed level, as supply reads it (a subset of the schema's MapAssessment). */
export interface SupplyAssessment {
  person: string;
  roleId: string;
  competencyId: string;
  /** 0 (not yet shown) to 5. */
  level: number;
}

/** A cell of the coverage matrix with supply: how many of the role's people meet the level. */
export interface SupplyCell {
  roleId: string;
  competencyId: string;
  /** The level the role needs (the highest over its touchpoints). */
  requiredLevel: Level;
  /** How many people the role needs at that level: its headcount. */
  required: number;
  /** People in the role assessed at or above the required level. */
  supply: number;
  /** People in the role with an assessment of this competency (at any level). */
  assessed: number;
  /** required − supply, never below 0. */
  shortfall: number;
}

/** The coverage matrix with supply, for a heatmap of shortfall. */
export interface CoverageSupply {
  /** Same rows and columns as the matrix; null where the role does not need the competency. */
  cells: (SupplyCell | null)[][];
  /** Distinct people assessed in each role, by role id. */
  peopleByRole: Record<string, number>;
  /** Sum and largest shortfall over all cells. */
  totalShortfall: number;
  maxShortfall: number;
  /** Assessments not counted: role or competency not on the map, or not required of that role. */
  ignored: { unknownRole: number; unknownCompetency: number; notRequired: number };
}

/** A role affected by a capacity warning. */
export interface AffectedRole {
  roleId: string;
  name: string;
  involvement: Involvement;
}

/** A touchpoint where demand outruns capacity. */
export interface CapacityWarning {
  touchpoint: TouchpointRef;
  demand: number;
  capacity: number;
  period: DemandCapacity['period'];
  /** demand / capacity; null when capacity is 0 (no capacity at all). */
  ratio: number | null;
  /** demand − capacity. */
  excess: number;
  /** Roles linked to the touchpoint, strongest involvement first, then name, then id. */
  roles: AffectedRole[];
  /** e.g. "Billing dispute call: demand 120 per hour against capacity 100 (1.2×)". */
  message: string;
}
