import { batch, insertCopies, updateMeta, type MapStore, type TxOrigin } from '@journeycraft/doc';
import type { MapMeta } from '@journeycraft/schema';
import { buildTemplate, type TemplateSpec } from './build.js';
import { contactCentre } from './contact-centre.js';
import { retailPurchase } from './retail.js';
import { subscriptionOnboarding } from './subscription.js';

/** A map to start from. */
export interface MapTemplate {
  id: string;
  name: string;
  summary: string;
  stats: { stages: number; lanes: number; touchpoints: number };
}

const specs: readonly TemplateSpec[] = [contactCentre, retailPurchase, subscriptionOnboarding];

/** The built-in templates, in the order they are offered. */
export const mapTemplates: readonly MapTemplate[] = specs.map((s) => ({
  id: s.id,
  name: s.name,
  summary: s.summary,
  stats: { stages: s.stages.length, lanes: s.lanes.length, touchpoints: s.touchpoints.length },
}));

/**
 * Adds a template's stages, lanes, roles, touchpoints and connections to the map (after what is
 * already there) and its personas to the map's personas, as one undoable step. Returns false
 * for an unknown template id.
 */
export function applyTemplate(doc: MapStore['doc'], templateId: string, origin: TxOrigin, meta: MapMeta): boolean {
  const spec = specs.find((s) => s.id === templateId);
  if (!spec) return false;
  const built = buildTemplate(spec);
  batch(doc, origin, () => {
    insertCopies(doc, built.bundle, origin);
    const description = meta.description || spec.summary;
    updateMeta(doc, { personas: [...meta.personas, ...built.personas].slice(0, 50), description }, origin);
  });
  return true;
}
