import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createMapDoc,
  createRecord,
  updateMeta,
  updateRecord,
  userOrigin,
  watchConflicts,
  type FieldConflict,
} from '../src/index.js';

/** Two replicas that start in step, then each edits "offline", then they exchange what they missed. */
function pair() {
  const a = createMapDoc();
  const b = createMapDoc();
  const seen = { a: [] as FieldConflict[], b: [] as FieldConflict[] };
  watchConflicts(a, (c) => seen.a.push(...c));
  watchConflicts(b, (c) => seen.b.push(...c));
  const stage = createRecord(a, 'stages', { title: 'Discover', order: 1 }, userOrigin('ada'));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const reconnect = () => {
    const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    Y.applyUpdate(b, toB, 'server');
    Y.applyUpdate(a, toA, 'server');
  };
  return { a, b, seen, stage, reconnect };
}

describe('watchConflicts', () => {
  it('tells both writers when concurrent edits of one field collided, each with the other value', () => {
    const { a, b, seen, stage, reconnect } = pair();
    updateRecord(a, 'stages', stage.id, { title: 'Explore' }, userOrigin('ada'));
    updateRecord(b, 'stages', stage.id, { title: 'Look around' }, userOrigin('grace'));
    updateRecord(b, 'stages', stage.id, { title: 'Look around online' }, userOrigin('grace'));
    reconnect();
    const kept = a.getMap<Y.Map<unknown>>('stages').get(stage.id)!.get('title');
    expect(b.getMap<Y.Map<unknown>>('stages').get(stage.id)!.get('title')).toBe(kept);
    expect(seen.a).toHaveLength(1);
    expect(seen.b).toHaveLength(1);
    expect(seen.a[0]).toMatchObject({
      kind: 'stages',
      id: stage.id,
      field: 'title',
      mine: 'Explore',
      theirs: 'Look around online',
    });
    expect(seen.b[0]).toMatchObject({
      kind: 'stages',
      id: stage.id,
      field: 'title',
      mine: 'Look around online',
      theirs: 'Explore',
    });
    expect(seen.a[0]!.otherClient).toBe(b.clientID);
    // Exactly one of them kept their value, and each knows which.
    expect([seen.a[0]!.kept, seen.b[0]!.kept].sort()).toEqual(['mine', 'theirs']);
    expect(kept).toBe(seen.a[0]!.kept === 'mine' ? 'Explore' : 'Look around online');
  });

  it('stays quiet for different fields, for sequential edits and for equal values', () => {
    const { a, b, seen, stage, reconnect } = pair();
    updateRecord(a, 'stages', stage.id, { title: 'Explore' }, userOrigin('ada'));
    updateRecord(b, 'stages', stage.id, { description: 'First contact' }, userOrigin('grace'));
    reconnect();
    // Grace now edits after having seen Ada's title: not a conflict.
    updateRecord(b, 'stages', stage.id, { title: 'Explore more' }, userOrigin('grace'));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'server');
    // Both type the same thing offline.
    updateRecord(a, 'stages', stage.id, { title: 'Same' }, userOrigin('ada'));
    updateRecord(b, 'stages', stage.id, { title: 'Same' }, userOrigin('grace'));
    reconnect();
    expect(seen.a).toEqual([]);
    expect(seen.b).toEqual([]);
  });

  it('reports a collision whose other value was dropped on the way (a server between them) as unknown', () => {
    const { a, b, seen, stage } = pair();
    const server = createMapDoc();
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a));
    updateRecord(a, 'stages', stage.id, { title: 'Explore' }, userOrigin('ada'));
    updateRecord(b, 'stages', stage.id, { title: 'Look around' }, userOrigin('grace'));
    // Each replica's change reaches the server; the server forwards what its own transactions emit.
    const forwarded: Uint8Array[] = [];
    server.on('update', (u: Uint8Array) => forwarded.push(u));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(b, Y.encodeStateVector(server)), 'grace');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a, Y.encodeStateVector(server)), 'ada');
    for (const u of forwarded) {
      Y.applyUpdate(a, u, 'server');
      Y.applyUpdate(b, u, 'server');
    }
    const all = [...seen.a, ...seen.b];
    expect(all).toHaveLength(2);
    // The side whose value was kept may see the other only as "unknown"; the other side knows both.
    const loser = all.find((c) => c.kept === 'theirs')!;
    expect(loser.theirsKnown).toBe(true);
    const winner = all.find((c) => c.kept === 'mine')!;
    expect(winner.mine).toBe(loser.theirs);
  });

  it('covers map-level fields such as the title', () => {
    const { a, b, seen, reconnect } = pair();
    updateMeta(a, { title: 'Billing journey' }, userOrigin('ada'));
    updateMeta(b, { title: 'Support journey' }, userOrigin('grace'));
    reconnect();
    expect(seen.a).toMatchObject([
      { kind: 'meta', field: 'title', mine: 'Billing journey', theirs: 'Support journey' },
    ]);
    expect(seen.b).toMatchObject([
      { kind: 'meta', field: 'title', mine: 'Support journey', theirs: 'Billing journey' },
    ]);
  });
});
