import type { Role } from '@journeycraft/schema';
import { seatsOf } from './criticality.js';

/** The most seats a role may have for a succession plan (named successors per seat) to make sense. */
export const SUCCESSION_MAX_SEATS = 5;

/** Which talent plan fits a role: a succession plan for a few seats, a pipeline plan for many. */
export interface TalentPlanFit {
  plan: 'succession' | 'pipeline';
  seats: number;
  /** One sentence saying why, e.g. "24 seats: a pipeline of people matters more than named successors". */
  reason: string;
}

/**
 * A succession plan names successors for each seat, so it fits roles with at most
 * SUCCESSION_MAX_SEATS seats; a role with more seats is kept filled by a pipeline (bench per
 * competency, hiring and training), and gets a pipeline plan instead.
 */
export function talentPlanFit(role: Role): TalentPlanFit {
  const seats = seatsOf(role);
  return seats <= SUCCESSION_MAX_SEATS
    ? {
        plan: 'succession',
        seats,
        reason: `${seats} ${seats === 1 ? 'seat' : 'seats'}: each can have named successors`,
      }
    : {
        plan: 'pipeline',
        seats,
        reason: `${seats} seats: a pipeline of people ready at each competency matters more than named successors`,
      };
}
