import type * as Y from 'yjs';
import { ErrorCode, IdSchema, JourneycraftError, type Persona, type Touchpoint } from '@journeycraft/schema';
import { readMeta } from './read.js';
import { updateMeta, updateRecord } from './write.js';
import type { TxOrigin } from './origin.js';

/**
 * Pictures on cards and personas. The document keeps only the id of a picture the server stores
 * for this map (POST /api/maps/:id/images); the bytes never enter the document. Each change is one
 * transaction (one undo step); null takes the picture off (the stored file stays, so undo and
 * version history can bring it back).
 */

const checked = (imageId: string | null): string | null => {
  if (imageId !== null && !IdSchema.safeParse(imageId).success) {
    throw new JourneycraftError(ErrorCode.ValidationFailed, `"${imageId}" is not a picture id`);
  }
  return imageId;
};

/** Puts a stored picture on a touchpoint card (or takes it off with null). */
export function setTouchpointImage(
  doc: Y.Doc,
  touchpointId: string,
  imageId: string | null,
  origin: TxOrigin,
): Touchpoint {
  return updateRecord(doc, 'touchpoints', touchpointId, { imageId: checked(imageId) }, origin);
}

/** Gives a persona a photo (or takes it away with null). */
export function setPersonaImage(doc: Y.Doc, personaId: string, imageId: string | null, origin: TxOrigin): Persona {
  const personas = readMeta(doc).personas;
  const persona = personas.find((p) => p.id === personaId);
  if (!persona) throw new JourneycraftError(ErrorCode.NotFound, 'this persona no longer exists');
  const next = { ...persona, imageId: checked(imageId) };
  updateMeta(doc, { personas: personas.map((p) => (p.id === personaId ? next : p)) }, origin);
  return next;
}
