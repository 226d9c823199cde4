import { batch, insertCopies, updateMeta, type MapStore, type TxOrigin } from '@journeycraft/doc';
import type { MapMeta } from '@journeycraft/schema';
import { buildTemplate, type BuiltTemplate, type TemplateSpec } from './build.js';
import { contactCentre } from './contact-centre.js';
import { retailPurchase } from './retail.js';
import { subscriptionOnboarding } from './subscription.js';
import { serviceBlueprint } from './service-blueprint.js';
import { b2bOnboarding } from './b2b-onboarding.js';
import { employeeJourney } from './employee-journey.js';
import { patientJourney } from './patient.js';
import { ecommerceReturns } from './returns.js';

/** A map to start from. */
export interface MapTemplate {
  id: string;
  name: string;
  summary: string;
  stats: { stages: number; lanes: number; touchpoints: number };
}

const specs: readonly TemplateSpec[] = [
  contactCentre,
  retailPurchase,
  subscriptionOnboarding,
  serviceBlueprint,
  b2bOnboarding,
  employeeJourney,
  patientJourney,
  ecommerceReturns,
];

/** The built-in templates, in the order they are offered. */
export const mapTemplates: readonly MapTemplate[] = specs.map((s) => ({
  id: s.id,
  name: s.name,
  summary: s.summary,
  stats: { stages: s.stages.length, lanes: s.lanes.length, touchpoints: s.touchpoints.length },
}));

/** The records and personas a template adds, with fresh ids each call; null for an unknown id. */
export function templateRecords(templateId: string): BuiltTemplate | null {
  const spec = specs.find((s) => s.id === templateId);
  return spec ? buildTemplate(spec) : null;
}

/**
 * Adds a template's stages, lanes, roles, touchpoints and connections to the map (after what is
 * already there) and its personas to the map's personas, as one undoable step. Returns false
 * for an unknown template id.
 */
export function applyTemplate(doc: MapStore['doc'], templateId: string, origin: TxOrigin, meta: MapMeta): boolean {
  const spec = specs.find((s) => s.id === templateId);
  const built = templateRecords(templateId);
  if (!spec || !built) return false;
  batch(doc, origin, () => {
    insertCopies(doc, built.bundle, origin);
    const description = meta.description || spec.summary;
    updateMeta(doc, { personas: [...meta.personas, ...built.personas].slice(0, 50), description }, origin);
  });
  return true;
}
