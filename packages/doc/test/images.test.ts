import { describe, expect, it } from 'vitest';
import {
  createMapDoc,
  createRecord,
  createUndoManager,
  readMeta,
  readRecord,
  restoreSnapshot,
  setPersonaImage,
  setTouchpointImage,
  snapshot,
  updateMeta,
  userOrigin,
} from '../src/index.js';

const me = userOrigin('me');

function map() {
  const doc = createMapDoc();
  const stage = createRecord(doc, 'stages', { title: 'Discover', order: 1 }, me);
  const lane = createRecord(doc, 'lanes', { title: 'Touchpoints', kind: 'touchpoints', order: 1 }, me);
  const tp = createRecord(doc, 'touchpoints', { title: 'Reads the ad', stageId: stage.id, laneId: lane.id }, me);
  updateMeta(
    doc,
    { personas: [{ id: 'p1', name: 'Ana', description: '', color: '#112233', attributes: {}, imageId: null }] },
    me,
  );
  return { doc, tp };
}

describe('pictures on cards and personas (ids of stored images)', () => {
  it('a card and a persona get a picture by id, lose it with null, and each change is one undo step', () => {
    const { doc, tp } = map();
    const undo = createUndoManager(doc, me, 0);
    expect(readRecord(doc, 'touchpoints', tp.id)?.imageId).toBeNull();
    setTouchpointImage(doc, tp.id, 'img_card_1', me);
    setPersonaImage(doc, 'p1', 'img_ana_1', me);
    expect(readRecord(doc, 'touchpoints', tp.id)?.imageId).toBe('img_card_1');
    expect(readMeta(doc).personas[0]).toMatchObject({ name: 'Ana', imageId: 'img_ana_1' });
    expect(snapshot(doc).touchpoints[0]!.imageId).toBe('img_card_1');
    undo.undo();
    expect(readMeta(doc).personas[0]!.imageId).toBeNull();
    expect(readRecord(doc, 'touchpoints', tp.id)?.imageId).toBe('img_card_1');
    setTouchpointImage(doc, tp.id, null, me);
    expect(readRecord(doc, 'touchpoints', tp.id)?.imageId).toBeNull();
  });

  it('refuses what is not a picture id, a card or persona that is gone, and changes nothing then', () => {
    const { doc, tp } = map();
    expect(() => setTouchpointImage(doc, tp.id, '../../etc/passwd', me)).toThrow(/not a picture id/);
    expect(() => setTouchpointImage(doc, 'gone', 'img1', me)).toThrow(/does not exist/);
    expect(() => setPersonaImage(doc, 'gone', 'img1', me)).toThrow(/no longer exists/);
    expect(readRecord(doc, 'touchpoints', tp.id)?.imageId).toBeNull();
    expect(readMeta(doc).personas[0]!.imageId).toBeNull();
  });

  it('a version restored brings back the pictures it named', () => {
    const { doc, tp } = map();
    setTouchpointImage(doc, tp.id, 'img_v1', me);
    setPersonaImage(doc, 'p1', 'img_ana_v1', me);
    const v1 = snapshot(doc);
    setTouchpointImage(doc, tp.id, 'img_v2', me);
    setPersonaImage(doc, 'p1', null, me);
    restoreSnapshot(doc, v1, me);
    expect(readRecord(doc, 'touchpoints', tp.id)?.imageId).toBe('img_v1');
    expect(readMeta(doc).personas[0]!.imageId).toBe('img_ana_v1');
  });
});
