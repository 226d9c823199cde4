import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { HrSettingsSchema } from '@journeycraft/schema';
import type { Storage } from '../src/index.js';

/** The contract every Storage implementation must pass (run per implementation). */
export function storageContract(name: string, open: () => Promise<Storage>): void {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await open();
      return () => storage.close();
    });

    const update = (key: string, value: number) => {
      const doc = new Y.Doc();
      doc.getMap('m').set(key, value);
      return Y.encodeStateAsUpdate(doc);
    };
    const load = async (mapId: string) => {
      const stored = await storage.loadDoc(mapId);
      const doc = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(doc, u);
      return { doc, stored };
    };

    it('stores the assessments of a map, replaces them, and deletes them with the map', async () => {
      await storage.createMap({ id: 'map-a', title: 'A' }, update('x', 1));
      await storage.createMap({ id: 'map-b', title: 'B' }, update('y', 2));
      expect(await storage.getAssessments('map-a')).toEqual([]);
      const row = (person: string, level: number) => ({
        person,
        roleId: 'advisor',
        competencyId: 'listening',
        level,
        assessedOn: '2026-11-02',
        assessor: 'Team lead',
        note: 'Ünïcode, "quotes", commas',
      });
      await storage.putAssessments('map-a', [row('Ana', 3), row('Ben', 5)]);
      await storage.putAssessments('map-b', [row('Cleo', 1)]);
      expect(await storage.getAssessments('map-a')).toEqual([row('Ana', 3), row('Ben', 5)]);
      await storage.putAssessments('map-a', [row('Ana', 4)]);
      expect(await storage.getAssessments('map-a')).toEqual([row('Ana', 4)]);
      await storage.putAssessments('map-a', []);
      expect(await storage.getAssessments('map-a')).toEqual([]);
      await storage.putAssessments('map-a', [row('Ana', 2)]);
      expect(await storage.deleteMap('map-a')).toBe(true);
      expect(await storage.getAssessments('map-a')).toEqual([]);
      expect(await storage.getAssessments('map-b')).toEqual([row('Cleo', 1)]);
    });

    /** Everything a map can have stored: document (updates and snapshot), links, versions, rounds, ballots, assessments. */
    const fillMap = async (id: string, voters: string[]) => {
      await storage.createMap({ id, title: id }, update('init', 1));
      await storage.appendUpdates(id, [update('a', 1), update('b', 2)]);
      const loaded = await storage.loadDoc(id);
      await storage.compact(id, Y.mergeUpdates(loaded.updates), {
        snapshotVersion: loaded.snapshotVersion,
        seqs: loaded.seqs.slice(0, 1),
      });
      const now = new Date().toISOString();
      await storage.createShareLink({
        id: `${id}-link`,
        mapId: id,
        role: 'commenter',
        label: 'Guests',
        createdAt: now,
        expiresAt: null,
        revokedAt: null,
      });
      await storage.createVersion({ id: `${id}-v`, mapId: id, name: 'v', auto: false, createdAt: now }, update('v', 1));
      for (const status of ['open', 'revealed'] as const) {
        const roundId = `${id}-${status}`;
        await storage.createVoteRound({
          id: roundId,
          mapId: id,
          title: 'Worst',
          votesPerPerson: 3,
          anonymous: false,
          status: 'open',
          createdAt: now,
        });
        for (const voterKey of voters) {
          await storage.castVote(
            { roundId, voterKey, voterName: `Name ${voterKey}`, targetId: 't', createdAt: now },
            3,
          );
        }
        await storage.setVoteRoundStatus(roundId, status);
      }
      await storage.putAssessments(id, [
        {
          person: 'Ana',
          roleId: 'r',
          competencyId: 'c',
          level: 3,
          assessedOn: '2026-11-02',
          assessor: 'Lead',
          note: '',
        },
      ]);
    };

    it('deleting a map removes every row stored for it, in every table, and nothing of other maps', async () => {
      await storage.getSecret();
      const empty = await storage.countRows();
      await fillMap('keep', ['k1']);
      const withKept = await storage.countRows();
      await fillMap('gone', ['g1', 'g2']);
      const withBoth = await storage.countRows();
      // The filled map put rows in the tables a map uses (so the comparison below means something).
      for (const table of Object.keys(withBoth)) expect(withBoth[table], table).toBeGreaterThanOrEqual(empty[table]!);
      const grew = Object.keys(withBoth).filter((t) => withBoth[t]! > withKept[t]!);
      expect(grew.length).toBeGreaterThanOrEqual(7);

      expect(await storage.deleteMap('gone')).toBe(true);
      expect(await storage.countRows()).toEqual(withKept);
      expect(await storage.listBallots('gone-open')).toEqual([]);
      expect(await storage.getVoteRound('gone-revealed')).toBeNull();
      expect(await storage.listBallots('keep-open')).toHaveLength(1);

      expect(await storage.deleteMap('keep')).toBe(true);
      expect(await storage.countRows()).toEqual(empty);
    });

    it('a voter never passes the dot limit, even with many casts at once', async () => {
      await storage.createMap({ id: 'mv', title: 'V' }, update('init', 1));
      await storage.createVoteRound({
        id: 'rv',
        mapId: 'mv',
        title: 'Worst',
        votesPerPerson: 3,
        anonymous: true,
        status: 'open',
        createdAt: new Date().toISOString(),
      });
      const cast = (voterKey: string, i: number) =>
        storage.castVote(
          { roundId: 'rv', voterKey, voterName: null, targetId: `t${i % 4}`, createdAt: new Date().toISOString() },
          3,
        );
      const results = await Promise.all([
        ...Array.from({ length: 20 }, (_, i) => cast('alice', i)),
        ...Array.from({ length: 20 }, (_, i) => cast('bob', i)),
      ]);
      expect(results.filter((r) => r.added)).toHaveLength(6);
      const ballots = await storage.listBallots('rv');
      expect(ballots.filter((b) => b.voterKey === 'alice')).toHaveLength(3);
      expect(ballots.filter((b) => b.voterKey === 'bob')).toHaveLength(3);
    });

    it('stores the workspace HR settings and replaces them, beside the signing secret', async () => {
      expect(await storage.getHrSettings()).toBeNull();
      const secret = await storage.getSecret();
      const settings = HrSettingsSchema.parse({
        employerName: 'Northwind Energy Ltd',
        website: 'https://northwind.example',
        benefits: 'Pension 8%, "quotes", Ünïcode',
        paperSize: 'Letter',
      });
      await storage.putHrSettings(settings);
      expect(await storage.getHrSettings()).toEqual(settings);
      const next = { ...settings, employerName: 'Northwind Energy plc', register: 'formal' as const };
      await storage.putHrSettings(next);
      expect(await storage.getHrSettings()).toEqual(next);
      expect(await storage.getSecret()).toBe(secret);
    });

    it('creates, lists, renames and deletes maps', async () => {
      const a = await storage.createMap({ id: 'map-a', title: 'A' }, update('x', 1));
      expect(a).toMatchObject({ id: 'map-a', title: 'A' });
      await storage.createMap({ id: 'map-b', title: 'B' }, update('y', 2));
      expect((await storage.listMaps()).map((m) => m.id).sort()).toEqual(['map-a', 'map-b']);
      expect((await storage.setMapTitle('map-a', 'A2'))?.title).toBe('A2');
      expect(await storage.setMapTitle('nope', 'x')).toBeNull();
      expect(await storage.getMap('nope')).toBeNull();
      expect(await storage.deleteMap('map-a')).toBe(true);
      expect(await storage.deleteMap('map-a')).toBe(false);
      expect((await storage.loadDoc('map-a')).updates).toHaveLength(0);
      expect((await storage.listMaps()).map((m) => m.id)).toEqual(['map-b']);
    });

    it('a trashed map is hidden but kept whole, restores as it was, and is gone for good only when deleted', async () => {
      await storage.createMap({ id: 't-a', title: 'Trashed' }, update('x', 1));
      await storage.createMap({ id: 't-b', title: 'Kept' }, update('y', 2));
      await storage.appendUpdates('t-a', [update('z', 3)]);
      expect(await storage.trashMap('t-a')).toBe(true);
      expect(await storage.trashMap('t-a')).toBe(false); // already there
      expect(await storage.trashMap('nope')).toBe(false);
      expect(await storage.getMap('t-a')).toBeNull();
      expect((await storage.listMaps()).map((m) => m.id)).toEqual(['t-b']);
      expect(await storage.setMapTitle('t-a', 'Renamed while trashed')).toBeNull();
      expect(await storage.setMapAccess('t-a', 'links')).toBeNull();
      const trashed = await storage.listTrashedMaps();
      expect(trashed.map((t) => [t.map.id, t.map.title])).toEqual([['t-a', 'Trashed']]);
      expect(Number.isNaN(Date.parse(trashed[0]!.deletedAt))).toBe(false);
      expect((await storage.loadDoc('t-a')).updates).toHaveLength(2); // nothing removed yet

      expect((await storage.restoreMap('t-a'))?.title).toBe('Trashed');
      expect(await storage.restoreMap('t-a')).toBeNull(); // not in the trash any more
      expect((await storage.listMaps()).map((m) => m.id).sort()).toEqual(['t-a', 't-b']);
      expect(await storage.listTrashedMaps()).toEqual([]);

      expect(await storage.trashMap('t-a')).toBe(true);
      expect(await storage.deleteMap('t-a')).toBe(true);
      expect(await storage.listTrashedMaps()).toEqual([]);
      expect(await storage.restoreMap('t-a')).toBeNull();
      expect((await storage.loadDoc('t-a')).updates).toHaveLength(0);
    });

    it('appends updates in order with increasing seq and loads them back', async () => {
      await storage.createMap({ id: 'm1', title: 'M' }, update('init', 0));
      const s1 = await storage.appendUpdates('m1', [update('a', 1), update('b', 2)]);
      const s2 = await storage.appendUpdates('m1', [update('c', 3)]);
      expect(s2).toBeGreaterThan(s1);
      const { doc, stored } = await load('m1');
      expect(stored.seqs[stored.seqs.length - 1]).toBe(s2);
      expect(stored.seqs).toEqual([...stored.seqs].sort((x, y) => x - y));
      expect(doc.getMap('m').toJSON()).toEqual({ init: 0, a: 1, b: 2, c: 3 });
    });

    it('compaction removes exactly the folded updates and keeps later ones', async () => {
      await storage.createMap({ id: 'm2', title: 'M' }, update('init', 0));
      for (let i = 0; i < 10; i++) await storage.appendUpdates('m2', [update(`k${i}`, i)]);
      const basis = await storage.loadDoc('m2');
      const folded = new Y.Doc();
      for (const u of basis.updates) Y.applyUpdate(folded, u);
      // an update lands between reading and writing the compaction
      await storage.appendUpdates('m2', [update('late', 99)]);
      expect(await storage.compact('m2', Y.encodeStateAsUpdate(folded), basis)).toBe(true);
      expect(await storage.countUpdates('m2')).toBe(1);
      const { doc, stored } = await load('m2');
      expect(stored.snapshotVersion).toBe(1);
      expect(doc.getMap('m').get('late')).toBe(99);
      expect(doc.getMap('m').get('k9')).toBe(9);
      expect(doc.getMap('m').size).toBe(12);
    });

    it('a compaction based on an outdated snapshot is refused and changes nothing', async () => {
      await storage.createMap({ id: 'm3', title: 'M' }, update('init', 0));
      await storage.appendUpdates('m3', [update('a', 1)]);
      const first = await storage.loadDoc('m3');
      const second = await storage.loadDoc('m3');
      const fold = (s: typeof first) => {
        const d = new Y.Doc();
        for (const u of s.updates) Y.applyUpdate(d, u);
        return Y.encodeStateAsUpdate(d);
      };
      expect(await storage.compact('m3', fold(first), first)).toBe(true);
      await storage.appendUpdates('m3', [update('b', 2)]);
      expect(await storage.compact('m3', fold(second), second)).toBe(false);
      const { doc } = await load('m3');
      expect(doc.getMap('m').toJSON()).toEqual({ init: 0, a: 1, b: 2 });
    });

    it('stores workspace library entries, replaces by id, deletes', async () => {
      const entry = (id: string, name: string) => ({
        id,
        kind: 'how' as const,
        name,
        category: '',
        definition: 'Def',
        source: '',
        levels: [1, 2, 3, 4, 5].map((level) => ({ level, name: `L${level}`, behaviours: [`b${level}`] })),
      });
      expect(await storage.listLibrary()).toEqual([]);
      await storage.putLibrary([entry('b', 'Bee'), entry('a', 'Ay')]);
      await storage.putLibrary([entry('a', 'Ay again')]);
      expect((await storage.listLibrary()).map((e) => [e.id, e.name])).toEqual([
        ['a', 'Ay again'],
        ['b', 'Bee'],
      ]);
      expect(await storage.deleteLibraryEntry('a')).toBe(true);
      expect(await storage.deleteLibraryEntry('a')).toBe(false);
      expect((await storage.listLibrary()).map((e) => e.id)).toEqual(['b']);
    });

    it('keeps share links, map access, the signing secret, versions and ballots', async () => {
      await storage.createMap({ id: 'mx', title: 'M' }, update('init', 0));
      expect((await storage.getMap('mx'))?.access).toBe('open');
      expect((await storage.setMapAccess('mx', 'links'))?.access).toBe('links');
      const link = {
        id: 'l1',
        mapId: 'mx',
        role: 'editor' as const,
        label: 'Team',
        createdAt: new Date().toISOString(),
        expiresAt: null,
        revokedAt: null,
      };
      await storage.createShareLink(link);
      expect(await storage.listShareLinks('mx')).toEqual([link]);
      const revoked = await storage.revokeShareLink('l1');
      expect(revoked?.revokedAt).not.toBeNull();
      expect((await storage.revokeShareLink('l1'))?.revokedAt).toBe(revoked?.revokedAt);
      expect(await storage.revokeShareLink('nope')).toBeNull();

      const secret = await storage.getSecret();
      expect(secret.length).toBeGreaterThan(20);
      expect(await storage.getSecret()).toBe(secret);

      const v = {
        id: 'v1',
        mapId: 'mx',
        name: 'First',
        auto: false,
        createdAt: new Date(Date.now() - 1000).toISOString(),
      };
      await storage.createVersion(v, update('x', 1));
      await storage.createVersion(
        { ...v, id: 'v2', name: 'Auto', auto: true, createdAt: new Date().toISOString() },
        update('y', 2),
      );
      expect((await storage.listVersions('mx')).map((x) => x.name)).toEqual(['Auto', 'First']);
      const got = await storage.getVersion('mx', 'v1');
      const d = new Y.Doc();
      Y.applyUpdate(d, got!.state);
      expect(d.getMap('m').get('x')).toBe(1);
      expect(await storage.getVersion('other', 'v1')).toBeNull();

      const round = {
        id: 'r1',
        mapId: 'mx',
        title: 'Worst',
        votesPerPerson: 2,
        anonymous: true,
        status: 'open' as const,
        createdAt: new Date().toISOString(),
      };
      await storage.createVoteRound(round);
      const ballot = {
        roundId: 'r1',
        voterKey: 'k1',
        voterName: null,
        targetId: 't1',
        createdAt: new Date().toISOString(),
      };
      const results = await Promise.all([1, 2, 3].map(() => storage.castVote(ballot, 2)));
      expect(results.filter((r) => r.added)).toHaveLength(2);
      expect(await storage.removeVote('r1', 'k1', 't1')).toBe(true);
      expect(await storage.listBallots('r1')).toHaveLength(1);
      expect((await storage.setVoteRoundStatus('r1', 'revealed'))?.status).toBe('revealed');

      expect(await storage.deleteMap('mx')).toBe(true);
      expect(await storage.listShareLinks('mx')).toEqual([]);
      expect(await storage.listVersions('mx')).toEqual([]);
    });
  });
}
