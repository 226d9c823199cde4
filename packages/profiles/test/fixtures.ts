import {
  AssignmentSchema,
  ChecklistItemSchema,
  CompetencySchema,
  LaneSchema,
  RequirementSchema,
  RoleSchema,
  StageSchema,
  TouchpointSchema,
  emptySnapshot,
  type Competency,
  type CompetencyKind,
  type MapSnapshot,
  type RecordInput,
} from '@journeycraft/schema';

/** A competency with five generated levels ("<name> L1" … "<name> L5"). */
export function competency(id: string, kind: CompetencyKind, name: string): Competency {
  return CompetencySchema.parse({
    id,
    kind,
    name,
    definition: `${name}, defined.`,
    levels: [1, 2, 3, 4, 5].map((level) => ({
      level,
      name: `Level ${level}`,
      behaviours: [`${name} behaviour at ${level}`],
    })),
  });
}

export interface MapInput {
  title?: string;
  stages?: RecordInput<'stages'>[];
  lanes?: RecordInput<'lanes'>[];
  touchpoints?: RecordInput<'touchpoints'>[];
  roles?: RecordInput<'roles'>[];
  assignments?: RecordInput<'assignments'>[];
  competencies?: Competency[];
  requirements?: RecordInput<'requirements'>[];
  checklistItems?: RecordInput<'checklistItems'>[];
}

/** A snapshot from partial records, defaults filled in by the schemas. */
export function makeMap(input: MapInput): MapSnapshot {
  return {
    ...emptySnapshot(input.title ?? 'Test map'),
    stages: (input.stages ?? []).map((s) => StageSchema.parse(s)),
    lanes: (input.lanes ?? []).map((l) => LaneSchema.parse(l)),
    touchpoints: (input.touchpoints ?? []).map((t) => TouchpointSchema.parse(t)),
    roles: (input.roles ?? []).map((r) => RoleSchema.parse(r)),
    assignments: (input.assignments ?? []).map((a) => AssignmentSchema.parse(a)),
    competencies: input.competencies ?? [],
    requirements: (input.requirements ?? []).map((r) => RequirementSchema.parse(r)),
    checklistItems: (input.checklistItems ?? []).map((c) => ChecklistItemSchema.parse(c)),
  };
}

/**
 * A support line with known answers.
 *
 * Stages: Contact (s1) → Resolve (s2) → Follow-up (s3). Lanes: frontstage (l1), backstage (l2).
 * Touchpoints, in map order:
 *   t1 Call answered        s1/l1  phone, 120 vs 100 per hour (over, 1.2×)
 *   t2 Billing dispute call s2/l1  moment of truth, emotion −2, 30 vs 20 per day (over, 1.5×)
 *   t3 Refund processed     s2/l2  owner role r2 (via ownerRoleId only), 10 vs 50 per day
 *   t4 Satisfaction survey  s3/l1  moment of truth, nobody attached
 * Roles: Agent r1 (frontstage, 10 seats, 0 ready), Billing specialist r2 (backstage, 2 seats, 1 ready),
 * Trainer r3 (frontstage, no touchpoints), Analyst r4 (backstage, no touchpoints).
 */
export function supportLine(): MapSnapshot {
  return makeMap({
    title: 'Support line',
    stages: [
      { id: 's3', title: 'Follow-up', order: 3 },
      { id: 's1', title: 'Contact', order: 1 },
      { id: 's2', title: 'Resolve', order: 2 },
    ],
    lanes: [
      { id: 'l2', kind: 'backstage', title: 'Backstage', order: 2 },
      { id: 'l1', kind: 'frontstage', title: 'Frontstage', order: 1 },
    ],
    touchpoints: [
      {
        id: 't4',
        stageId: 's3',
        laneId: 'l1',
        title: 'Satisfaction survey',
        momentOfTruth: true,
        metrics: [{ id: 'm9', name: 'CSAT', target: '90%' }],
      },
      {
        id: 't2',
        stageId: 's2',
        laneId: 'l1',
        title: 'Billing dispute call',
        channel: 'phone',
        momentOfTruth: true,
        emotion: -2,
        experienceStandards: [
          { id: 'std2', text: "Use the customer's name", nonNegotiable: false },
          { id: 'std1', text: 'Never transfer an angry customer twice', nonNegotiable: true },
        ],
        metrics: [{ id: 'm1', name: 'Hold time', target: '< 2', unit: 'min', source: 'ACD' }],
        demandCapacity: { demand: 30, capacity: 20, period: 'day' },
      },
      {
        id: 't1',
        stageId: 's1',
        laneId: 'l1',
        title: 'Call answered',
        channel: 'phone',
        experienceStandards: [{ id: 'std0', text: 'Answer within three rings' }],
        metrics: [{ id: 'm0', name: 'Abandon rate' }],
        demandCapacity: { demand: 120, capacity: 100, period: 'hour' },
      },
      {
        id: 't3',
        stageId: 's2',
        laneId: 'l2',
        title: 'Refund processed',
        ownerRoleId: 'r2',
        demandCapacity: { demand: 10, capacity: 50, period: 'day' },
      },
    ],
    roles: [
      { id: 'r1', name: 'Agent', visibility: 'frontstage', headcount: 10, incumbents: 8, readySuccessors: 0 },
      {
        id: 'r2',
        name: 'Billing specialist',
        visibility: 'backstage',
        headcount: 2,
        incumbents: 2,
        readySuccessors: 1,
      },
      { id: 'r3', name: 'Trainer', visibility: 'frontstage', headcount: 1, incumbents: 1, readySuccessors: 0 },
      { id: 'r4', name: 'Analyst', visibility: 'backstage', headcount: 1, incumbents: 1, readySuccessors: 0 },
    ],
    assignments: [
      { id: 'a1', touchpointId: 't1', roleId: 'r1', involvement: 'owner' },
      { id: 'a2', touchpointId: 't2', roleId: 'r1', involvement: 'performs' },
      { id: 'a3', touchpointId: 't2', roleId: 'r2', involvement: 'supports' },
    ],
    competencies: [
      competency('c1', 'what', 'Product knowledge'),
      competency('c2', 'how', 'Empathy'),
      competency('c3', 'how', 'Defusing anger'),
      competency('c4', 'org', 'Brand promise'),
      competency('c5', 'what', 'Billing systems'),
      competency('c6', 'how', 'Warmth'),
    ],
    requirements: [
      { id: 'q1', touchpointId: 't1', roleId: 'r1', competencyId: 'c2', level: 3, behaviour: 'greets by name' },
      {
        id: 'q2',
        touchpointId: 't2',
        roleId: 'r1',
        competencyId: 'c2',
        level: 4,
        behaviour: 'acknowledges frustration before facts',
      },
      { id: 'q3', touchpointId: 't2', roleId: 'r1', competencyId: 'c3', level: 4, behaviour: 'lowers the temperature' },
      { id: 'q4', touchpointId: 't1', roleId: 'r1', competencyId: 'c1', level: 2, behaviour: 'routes the call' },
      { id: 'q5', touchpointId: 't2', roleId: 'r1', competencyId: 'c1', level: 3, behaviour: 'explains the bill' },
      { id: 'q6', touchpointId: 't3', roleId: 'r2', competencyId: 'c5', level: 4, behaviour: 'issues the refund' },
      { id: 'q7', touchpointId: 't2', roleId: 'r2', competencyId: 'c5', level: 2, behaviour: 'looks up the invoice' },
      { id: 'q11', touchpointId: 't2', roleId: 'r1', competencyId: 'c4', level: 2, behaviour: 'keeps the promise' },
      // Dangling: a competency, a touchpoint and a role that are not on the map.
      { id: 'q8', touchpointId: 't2', roleId: 'r1', competencyId: 'c99', level: 5 },
      { id: 'q9', touchpointId: 't9', roleId: 'r1', competencyId: 'c1', level: 5 },
      { id: 'q10', touchpointId: 't1', roleId: 'rX', competencyId: 'c2', level: 5 },
    ],
    checklistItems: [
      { id: 'k2', touchpointId: 't1', text: 'Review call recordings', cadence: 'weekly', measuredBy: 'quality score' },
      { id: 'k1', touchpointId: 't1', text: 'Check the hold queue', cadence: 'daily', measuredBy: 'queue report' },
      { id: 'k3', touchpointId: 't3', text: 'Audit refunds', cadence: 'monthly' },
      { id: 'k4', touchpointId: 't2', text: 'Listen to one dispute call', cadence: 'weekly' },
      { id: 'k5', touchpointId: 't9', text: 'Orphan item', cadence: 'daily' },
    ],
  });
}

/** The same map with every top-level collection reversed: results must not change. */
export function reversed(map: MapSnapshot): MapSnapshot {
  return {
    ...map,
    stages: [...map.stages].reverse(),
    lanes: [...map.lanes].reverse(),
    touchpoints: [...map.touchpoints].reverse(),
    roles: [...map.roles].reverse(),
    assignments: [...map.assignments].reverse(),
    competencies: [...map.competencies].reverse(),
    requirements: [...map.requirements].reverse(),
    checklistItems: [...map.checklistItems].reverse(),
  };
}
