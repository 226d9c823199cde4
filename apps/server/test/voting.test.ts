import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer } from '../src/index.js';
import { TEST_ADMIN_TOKEN } from './auth-helpers.js';
import { createMap, joinLink, shareLink, startTestServer } from './helpers.js';

let server: RunningServer;
let base: string;

beforeAll(async () => {
  // A deleted map is purged at once here (no restore window), so a delete can be checked for what it leaves behind.
  ({ server, base } = await startTestServer({ roomIdleMs: 60_000, mapRestoreMs: 0 }));
});
afterAll(async () => {
  await server.close();
});

type Json = Record<string, unknown> & { error?: { code: string; message: string } };
/** A request over the real socket, as any HTTP client could send it. */
async function call(
  method: string,
  path: string,
  token?: string,
  body?: object,
): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
}

interface RoundView {
  canVote: boolean;
  mine: string[];
  remaining: number;
  ballotsCast: number | null;
  results: Array<{ targetId: string; votes: number; voters: string[] }> | null;
}

async function setup(votesPerPerson = 3) {
  const mapId = await createMap(base);
  const facLink = await shareLink(base, mapId, 'facilitator');
  const commenterLink = await shareLink(base, mapId, 'commenter');
  const fac = await joinLink(base, facLink, 'Fiona Facilitator');
  const ana = await joinLink(base, commenterLink, 'Ana');
  const ben = await joinLink(base, commenterLink, 'Ben');
  const round = await call('POST', `/api/maps/${mapId}/vote-rounds`, fac, {
    title: 'Worst pain point',
    votesPerPerson,
    anonymous: false,
  });
  expect(round.status).toBe(201);
  const roundId = round.body.id as string;
  const rounds = `/api/maps/${mapId}/vote-rounds/${roundId}`;
  return { mapId, roundId, rounds, fac, facLink, commenterLink, ana, ben };
}

describe('dot voting: the voter is the session, never the request', () => {
  it('nobody reads ballots before the reveal except their own, facilitators and facilitator links included', async () => {
    const { rounds, fac, facLink, ana, ben } = await setup();
    expect((await call('POST', `${rounds}/ballots`, ana, { targetId: 'hold-music' })).status).toBe(201);
    expect((await call('POST', `${rounds}/ballots`, ana, { targetId: 'billing' })).status).toBe(201);

    const asAna = (await call('GET', rounds, ana)).body as unknown as RoundView;
    expect(asAna).toMatchObject({ canVote: true, mine: ['hold-music', 'billing'], remaining: 1, results: null });
    for (const [who, token] of [
      ['Ben', ben],
      ['facilitator session', fac],
      ['facilitator link', facLink],
      ['workspace owner', TEST_ADMIN_TOKEN],
    ] as const) {
      const view = await call('GET', rounds, token);
      expect(view.status, who).toBe(200);
      expect((view.body as unknown as RoundView).mine, who).toEqual([]);
      expect((view.body as unknown as RoundView).results, who).toBeNull();
      expect(JSON.stringify(view.body), who).not.toMatch(/hold-music|billing|Ana/);
    }
    // Naming someone else's voter key is refused, whatever it is.
    for (const key of ['session:anything', 'Ana', 'x'.repeat(20)]) {
      const crafted = await call('GET', `${rounds}?voterKey=${encodeURIComponent(key)}`, facLink);
      expect(crafted.status).toBe(400);
      expect(crafted.body.error?.message).toMatch(/voterKey is not accepted/);
    }
    // After the reveal everyone sees the tally (with names in a named round).
    expect((await call('POST', `${rounds}/reveal`, fac)).status).toBe(200);
    const revealed = (await call('GET', rounds, ben)).body as unknown as RoundView;
    expect(revealed.results).toEqual([
      { targetId: 'billing', votes: 1, voters: ['Ana'] },
      { targetId: 'hold-music', votes: 1, voters: ['Ana'] },
    ]);
  });

  it('parallel ballots of one session, one link or forged voters never pass the limit', async () => {
    const { rounds, commenterLink, ana, ben } = await setup(3);
    const cast = (token: string | undefined, targetId: string, extra: object = {}) =>
      call('POST', `${rounds}/ballots`, token, { targetId, ...extra });

    // Ten at once from one session: three land, seven are refused with a reason.
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => cast(ana, `t${i}`)));
    expect(burst.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = burst.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(7);
    for (const r of refused) {
      expect(r.status).toBe(409);
      expect(r.body.error?.message).toMatch(/all 3 of your votes/);
    }
    // Ten at once from the commenter link itself (not joined): the link is one voter.
    const viaLink = await Promise.all(Array.from({ length: 10 }, (_, i) => cast(commenterLink, `t${i}`)));
    expect(viaLink.filter((r) => r.status === 201)).toHaveLength(3);
    // Claiming another voter in the body is refused outright.
    for (const forged of [{ voterKey: 'someone-else-123' }, { voterName: 'Fiona Facilitator' }]) {
      const r = await cast(ben, 'billing', forged);
      expect(r.status).toBe(400);
    }
    // Without any credential nobody votes (as anyone), and the answer says why.
    const nobody = await cast(undefined, 'billing');
    expect(nobody.status).toBeGreaterThanOrEqual(401);
    expect(nobody.status).toBeLessThanOrEqual(403);
    expect(nobody.body.error?.message).toBeTruthy();
    // A signed-in account votes as itself: its own three dots.
    const owner = await Promise.all(Array.from({ length: 5 }, (_, i) => cast(TEST_ADMIN_TOKEN, `t${i}`)));
    expect(owner.filter((r) => r.status === 201)).toHaveLength(3);

    const benView = (await call('GET', rounds, ben)).body as unknown as RoundView;
    expect(benView).toMatchObject({ mine: [], remaining: 3 });
    const counted = (await call('GET', rounds, ana)).body as unknown as RoundView;
    expect(counted.mine).toHaveLength(3);
    // Stored: exactly 3 for the session and 3 for the link.
    const roundId = rounds.split('/').pop()!;
    const ballots = await server.storage.listBallots(roundId);
    expect(ballots).toHaveLength(9);
  });

  it("a commenter cannot take back another person's ballot", async () => {
    const { rounds, roundId, ana, ben } = await setup();
    expect((await call('POST', `${rounds}/ballots`, ana, { targetId: 'billing' })).status).toBe(201);
    const withKey = await call('DELETE', `${rounds}/ballots/billing?voterKey=${encodeURIComponent('session:x')}`, ben);
    expect(withKey.status).toBe(400);
    const plain = await call('DELETE', `${rounds}/ballots/billing`, ben);
    expect(plain.status).toBe(404);
    expect(plain.body.error?.message).toMatch(/you have no vote/);
    expect(await server.storage.listBallots(roundId)).toHaveLength(1);
    // Ana can take hers back.
    expect((await call('DELETE', `${rounds}/ballots/billing`, ana)).status).toBe(204);
    expect(await server.storage.listBallots(roundId)).toHaveLength(0);
  });

  it('deleting a map purges its rounds, ballots, links and versions from storage', async () => {
    await server.storage.getSecret();
    // The audit log is the workspace's record of who did what (no contents): it keeps the deletion.
    const rows = async () => {
      const { audit_log: _audit, ...rest } = await server.storage.countRows();
      return rest;
    };
    const before = await rows();
    const { mapId, rounds, fac, ana } = await setup();
    expect((await call('POST', `${rounds}/ballots`, ana, { targetId: 'billing' })).status).toBe(201);
    expect((await call('POST', `/api/maps/${mapId}/versions`, fac, { name: 'Before' })).status).toBe(201);
    expect((await call('POST', `/api/maps/${mapId}/notes`, ana, { text: 'Queue too long' })).status).toBe(201);
    const during = await rows();
    expect(during.ballots).toBeGreaterThan(before.ballots!);
    expect(during.vote_rounds).toBeGreaterThan(before.vote_rounds!);
    expect((await call('DELETE', `/api/maps/${mapId}`, TEST_ADMIN_TOKEN)).status).toBe(204);
    expect(await rows()).toEqual(before);
  });
});
