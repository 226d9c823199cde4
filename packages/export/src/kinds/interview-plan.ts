import { ErrorCode, JourneycraftError } from '@journeycraft/schema';
import type { RequiredCompetency, RoleProfile } from '@journeycraft/profiles';
import { personalCompetencies } from '../common.js';

/** Interview lengths a guide is planned for, in minutes. */
export const INTERVIEW_LENGTHS = [45, 60, 90] as const;
export type InterviewLength = (typeof INTERVIEW_LENGTHS)[number];

/** The most interviewers a panel guide is split across. */
export const MAX_PANEL = 3;
/** The fewest and most competencies one sitting covers. */
export const MIN_INTERVIEW_COMPETENCIES = 1;
export const MAX_INTERVIEW_COMPETENCIES = 6;

/** Options of the interview guide and the scorecard. */
export interface InterviewOptions {
  /** Length of the sitting: 45, 60 (default) or 90 minutes. */
  interviewMinutes?: number;
  /** Competency ids to interview, in this order; replaces the automatic pick. */
  interviewCompetencies?: readonly string[];
  /** How many interviewers share the sitting (1–3); each gets a guide with their own competencies. */
  panel?: number;
  /** Names of the interviewers (sets the panel size when `panel` is absent). */
  interviewers?: readonly string[];
  /** Which interviewer's guide (1-based); without it a panel export zips one guide per interviewer. */
  panelMember?: number;
}

/** How many competencies fit a sitting of each length. */
const PICK_COUNT: Record<InterviewLength, number> = { 45: 4, 60: 5, 90: 6 };
/** Minutes of opening (welcome, how it works) and of closing (candidate's questions, next steps). */
const FRAME: Record<InterviewLength, { opening: number; closing: number }> = {
  45: { opening: 5, closing: 8 },
  60: { opening: 5, closing: 10 },
  90: { opening: 10, closing: 12 },
};

/** Why a competency was picked, in points (see `priorityOf`). */
export interface Priority {
  points: number;
  momentsOfTruth: number;
  level: number;
  overCapacity: boolean;
  tense: boolean;
  touchpoints: number;
}

/** A competency in the sitting: who asks, when, for how long, and its weight on the scorecard. */
export interface PlannedCompetency {
  rc: RequiredCompetency;
  priority: Priority;
  /** 1-based index of the interviewer who covers it. */
  member: number;
  /** Minutes from the start of the sitting. */
  start: number;
  minutes: number;
  /** Share of the total, in whole percent (the shares add up to 100). */
  weight: number;
}

/** A competency the sitting does not cover, and why. */
export interface NotCovered {
  rc: RequiredCompetency;
  reason: string;
}

/** The plan of one interview sitting, shared by every interviewer's guide. */
export interface InterviewPlan {
  minutes: InterviewLength;
  /** Interviewer names, or "Interviewer 1", "Interviewer 2"… when none were given. */
  interviewers: string[];
  /** True when the interviewers were named. */
  named: boolean;
  opening: number;
  closing: number;
  /** In the order they are asked. */
  competencies: PlannedCompetency[];
  notCovered: NotCovered[];
  /** True when the user chose the competencies. */
  chosen: boolean;
}

function bad(message: string): never {
  throw new JourneycraftError(ErrorCode.ValidationFailed, message);
}

/**
 * How much a competency matters for the role, in points: 6 when it is needed at a moment of truth
 * (+1 for each further one), its required level, 2 when one of its touchpoints has more demand than
 * capacity, 1 when the customer arrives there unhappy, and 1 per touchpoint needing it (at most 3).
 */
export function priorityOf(profile: RoleProfile, rc: RequiredCompetency): Priority {
  const ids = new Set(rc.evidence.map((e) => e.touchpoint.id));
  const tps = profile.touchpoints.filter((t) => ids.has(t.id));
  const mot = new Set(rc.evidence.filter((e) => e.touchpoint.momentOfTruth).map((e) => e.touchpoint.id)).size;
  const overCapacity = tps.some((t) => t.overCapacity);
  const tense = tps.some((t) => t.emotion < 0);
  const points = (mot ? 5 + mot : 0) + rc.level + (overCapacity ? 2 : 0) + (tense ? 1 : 0) + Math.min(ids.size, 3);
  return { points, momentsOfTruth: mot, level: rc.level, overCapacity, tense, touchpoints: ids.size };
}

/** Whole percentages in proportion to `raw` that add up to exactly 100 (largest remainder). */
export function percentages(raw: readonly number[]): number[] {
  const sum = raw.reduce((s, x) => s + x, 0);
  if (!raw.length || sum <= 0) return raw.map(() => 0);
  const exact = raw.map((x) => (x / sum) * 100);
  const out = exact.map(Math.floor);
  let left = 100 - out.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

function lengthOf(options: InterviewOptions): InterviewLength {
  const m = options.interviewMinutes ?? 60;
  if (!(INTERVIEW_LENGTHS as readonly number[]).includes(m)) {
    bad(`an interview lasts ${INTERVIEW_LENGTHS.join(', ')} minutes, not ${m}`);
  }
  return m as InterviewLength;
}

function interviewersOf(options: InterviewOptions): { names: string[]; named: boolean } {
  const names = (options.interviewers ?? []).map((n) => n.trim()).filter(Boolean);
  const panel = options.panel ?? (names.length || 1);
  if (!Number.isInteger(panel) || panel < 1 || panel > MAX_PANEL) {
    bad(`a panel has 1 to ${MAX_PANEL} interviewers, not ${panel}`);
  }
  if (names.length && names.length !== panel) {
    bad(`${names.length} interviewer names were given for a panel of ${panel}`);
  }
  if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) bad('each interviewer is named once');
  return names.length
    ? { names, named: true }
    : { names: Array.from({ length: panel }, (_, i) => `Interviewer ${i + 1}`), named: false };
}

/**
 * The automatic pick: the highest-priority competencies, at least one WHAT and one HOW when the
 * role needs both, in priority order.
 */
function autoPick(ranked: readonly RequiredCompetency[], count: number): RequiredCompetency[] {
  const pick = ranked.slice(0, count);
  for (const kind of ['what', 'how'] as const) {
    if (pick.length < 2 || pick.some((rc) => rc.competency.kind === kind)) continue;
    const best = ranked.find((rc) => rc.competency.kind === kind);
    if (!best) continue;
    // Replace the last pick of the kind that has more than one.
    const other = kind === 'what' ? 'how' : 'what';
    const idx = pick.map((rc) => rc.competency.kind).lastIndexOf(other);
    if (idx >= 0) pick[idx] = best;
  }
  return ranked.filter((rc) => pick.includes(rc));
}

/**
 * Plans one interview sitting for a role: which competencies (4 for 45 minutes, 5 for 60, 6 for 90,
 * or the user's choice), in what order, who of the panel asks about each (no competency twice), the
 * time plan and the scorecard weights (by priority). Throws a validation_failed error naming what
 * is wrong with the options.
 */
export function planInterview(profile: RoleProfile, options: InterviewOptions = {}): InterviewPlan {
  const minutes = lengthOf(options);
  const { names, named } = interviewersOf(options);
  const personal = personalCompetencies(profile);
  const prio = new Map(personal.map((rc) => [rc, priorityOf(profile, rc)]));
  const ranked = [...personal].sort(
    (x, y) =>
      prio.get(y)!.points - prio.get(x)!.points ||
      Number(y.competency.kind === 'how') - Number(x.competency.kind === 'how') ||
      x.competency.name.localeCompare(y.competency.name) ||
      x.competency.id.localeCompare(y.competency.id),
  );

  let picked: RequiredCompetency[];
  const chosen = options.interviewCompetencies !== undefined;
  if (chosen) {
    const ids = options.interviewCompetencies!.map((id) => id.trim()).filter(Boolean);
    if (ids.length < MIN_INTERVIEW_COMPETENCIES || ids.length > MAX_INTERVIEW_COMPETENCIES) {
      bad(
        `an interview covers ${MIN_INTERVIEW_COMPETENCIES} to ${MAX_INTERVIEW_COMPETENCIES} competencies; ${ids.length} were chosen`,
      );
    }
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (dupes.length) bad(`competency "${dupes[0]}" is chosen twice`);
    const unknown = ids.filter((id) => !personal.some((rc) => rc.competency.id === id));
    if (unknown.length) {
      const org = unknown.filter((id) => profile.competencies.org.some((rc) => rc.competency.id === id));
      bad(
        org.length
          ? `"${org[0]}" is an organisational competency, assessed for the organisation, not in an interview`
          : `the role does not need ${unknown.map((id) => `"${id}"`).join(', ')}; it needs ${personal.map((rc) => rc.competency.id).join(', ') || 'no competency yet'}`,
      );
    }
    picked = ids.map((id) => personal.find((rc) => rc.competency.id === id)!);
  } else {
    picked = autoPick(ranked, PICK_COUNT[minutes]);
  }
  if (picked.length && names.length > picked.length) {
    bad(
      `a panel of ${names.length} needs at least ${names.length} competencies to share; the guide has ${picked.length}`,
    );
  }

  // Interviewers take turns in blocks (so each asks once, in one stretch): highest priorities spread round-robin.
  const memberOf = new Map<RequiredCompetency, number>();
  picked.forEach((rc, i) => memberOf.set(rc, (i % names.length) + 1));
  const order = [...picked].sort(
    (x, y) => memberOf.get(x)! - memberOf.get(y)! || picked.indexOf(x) - picked.indexOf(y),
  );

  const { opening, closing } = FRAME[minutes];
  const body = minutes - opening - closing;
  const each = picked.length ? Math.floor(body / picked.length) : 0;
  const spare = body - each * picked.length;
  const weights = percentages(picked.map((rc) => prio.get(rc)!.points));
  let start = opening;
  const competencies = order.map((rc, i): PlannedCompetency => {
    const length = each + (i < spare ? 1 : 0);
    const planned = {
      rc,
      priority: prio.get(rc)!,
      member: memberOf.get(rc)!,
      start,
      minutes: length,
      weight: weights[picked.indexOf(rc)]!,
    };
    start += length;
    return planned;
  });

  const notCovered: NotCovered[] = [
    ...ranked
      .filter((rc) => !picked.includes(rc))
      .map((rc) => ({
        rc,
        reason: chosen
          ? 'not chosen for this interview'
          : `lower priority for a ${minutes}-minute interview (${prio.get(rc)!.points} points)`,
      })),
    ...profile.competencies.org.map((rc) => ({ rc, reason: 'organisational: assessed for the organisation' })),
  ];
  return {
    minutes,
    interviewers: names,
    named,
    opening,
    closing: minutes - start,
    competencies,
    notCovered,
    chosen,
  };
}
