import {
  newId,
  type Channel,
  type Involvement,
  type LaneKind,
  type Period,
  type Persona,
  type RecordInput,
  type Visibility,
} from '@journeycraft/schema';
import type { RecordBundle } from '@journeycraft/doc';

/** A template written compactly: records refer to each other by short keys. */
export interface TemplateSpec {
  id: string;
  name: string;
  summary: string;
  personas: Array<{
    key: string;
    name: string;
    description: string;
    color: string;
    attributes?: Record<string, string>;
  }>;
  stages: Array<[title: string, description: string]>;
  lanes: Array<[kind: LaneKind, title?: string]>;
  roles: Array<{
    key: string;
    name: string;
    team: string;
    purpose: string;
    visibility: Visibility;
    headcount: number;
    incumbents: number;
    readySuccessors: number;
  }>;
  touchpoints: Array<{
    key: string;
    stage: number;
    lane: LaneKind;
    title: string;
    channel: Channel;
    emotion?: number;
    personas?: Record<string, number>;
    mot?: boolean;
    goal?: string;
    description?: string;
    pains?: string[];
    standards?: Array<[text: string, nonNegotiable: boolean]>;
    metrics?: Array<[name: string, target: string, unit?: string, source?: string]>;
    demand?: [demand: number, capacity: number, period: Period];
    owner?: string;
    roles?: Array<[roleKey: string, involvement: Involvement]>;
  }>;
  connections: Array<[from: string, to: string, kind?: 'sequence' | 'branch', label?: string]>;
}

/** A ready-to-insert template: records for `insertCopies` and personas for the map's meta. */
export interface BuiltTemplate {
  bundle: RecordBundle;
  personas: Persona[];
}

const laneTitles: Record<LaneKind, string> = {
  customer_actions: 'Customer actions',
  touchpoints: 'Touchpoints',
  frontstage: 'Frontstage',
  backstage: 'Backstage',
  support_processes: 'Support processes',
  emotions: 'Emotions',
  pain_points: 'Pain points',
  opportunities: 'Opportunities',
  custom: 'Notes',
};

/** Turns a spec into records with fresh ids (persona ids too, so a template can be used twice). */
export function buildTemplate(spec: TemplateSpec): BuiltTemplate {
  const personaIds = new Map(spec.personas.map((p) => [p.key, newId()]));
  const personas: Persona[] = spec.personas.map((p) => ({
    id: personaIds.get(p.key)!,
    name: p.name,
    description: p.description,
    color: p.color,
    attributes: p.attributes ?? {},
    imageId: null,
  }));
  const stages = spec.stages.map(([title, description], i) => ({ id: `s${i}`, title, description, order: i + 1 }));
  const lanes = spec.lanes.map(([kind, title], i) => ({
    id: `l-${kind}-${i}`,
    kind,
    title: title ?? laneTitles[kind],
    order: i + 1,
  }));
  const laneOf = (kind: LaneKind) => lanes.find((l) => l.kind === kind)!.id;
  const roles = spec.roles.map((r) => ({ ...r, id: `r-${r.key}` }));
  const touchpoints: Array<RecordInput<'touchpoints'>> = [];
  const assignments: Array<RecordInput<'assignments'>> = [];
  spec.touchpoints.forEach((t, i) => {
    const id = `t-${t.key}`;
    touchpoints.push({
      id,
      stageId: `s${t.stage}`,
      laneId: laneOf(t.lane),
      title: t.title,
      channel: t.channel,
      emotion: t.emotion ?? 0,
      personaEmotions: Object.fromEntries(Object.entries(t.personas ?? {}).map(([k, v]) => [personaIds.get(k)!, v])),
      momentOfTruth: t.mot ?? false,
      customerGoal: t.goal ?? '',
      description: t.description ?? '',
      painPoints: t.pains ?? [],
      experienceStandards: (t.standards ?? []).map(([text, nonNegotiable], j) => ({
        id: `${id}-es${j}`,
        text,
        nonNegotiable,
      })),
      metrics: (t.metrics ?? []).map(([name, target, unit, source], j) => ({
        id: `${id}-m${j}`,
        name,
        target,
        unit: unit ?? '',
        source: source ?? '',
      })),
      demandCapacity: t.demand ? { demand: t.demand[0], capacity: t.demand[1], period: t.demand[2] } : null,
      ownerRoleId: t.owner ? `r-${t.owner}` : null,
      order: i + 1,
    });
    for (const [role, involvement] of t.roles ?? []) {
      assignments.push({ id: `a-${t.key}-${role}`, touchpointId: id, roleId: `r-${role}`, involvement });
    }
    if (t.owner && !(t.roles ?? []).some(([r]) => r === t.owner)) {
      assignments.push({ id: `a-${t.key}-${t.owner}`, touchpointId: id, roleId: `r-${t.owner}`, involvement: 'owner' });
    }
  });
  const connections = spec.connections.map(([from, to, kind, label], i) => ({
    id: `c${i}`,
    fromId: `t-${from}`,
    toId: `t-${to}`,
    kind: kind ?? 'sequence',
    label: label ?? '',
  }));
  return { bundle: { stages, lanes, roles, touchpoints, assignments, connections }, personas };
}
