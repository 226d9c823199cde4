import { Hono } from 'hono';
import { randomBytes } from 'node:crypto';
import {
  CastVoteInputSchema,
  CreateVoteRoundInputSchema,
  ErrorCode,
  IdSchema,
  JourneycraftError,
  newId,
  SessionStateSchema,
  type SessionState,
} from '@journeycraft/schema';
import { createRecord, readMeta, serverOrigin, updateMeta } from '@journeycraft/doc';
import type * as Y from 'yjs';
import type { Auth, Principal } from '../auth.js';
import type { Storage, VoteRound } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import { authorize, jsonBody } from './http.js';

export interface VotingRoutesDeps {
  storage: Storage;
  rooms: Rooms;
  auth: Auth;
}

const EMPTY_SESSION: SessionState = SessionStateSchema.parse({});

function setVoting(doc: Y.Doc, round: VoteRound | null): void {
  const session = readMeta(doc).session ?? EMPTY_SESSION;
  const voting = round && {
    roundId: round.id,
    title: round.title,
    votesPerPerson: round.votesPerPerson,
    anonymous: round.anonymous,
    status: round.status,
  };
  updateMeta(doc, { session: { ...session, voting } }, serverOrigin('create'));
}

/**
 * Who votes: the authenticated session (a guest who joined, by its session id; a signed-in
 * account, by the account) or, for a link token used as is, the link. Never something the request names: a client cannot vote, read or
 * take back ballots as someone else. Workspace members without a token have no identity of
 * their own to count dots against: null.
 */
export function voterIdentity(principal: Principal): { voterKey: string; voterName: string | null } | null {
  if (principal.guestId) return { voterKey: `session:${principal.guestId}`, voterName: principal.name };
  if (principal.accountId) return { voterKey: `account:${principal.accountId}`, voterName: principal.name };
  if (principal.linkId) return { voterKey: `link:${principal.linkId}`, voterName: principal.name };
  return null;
}

function voterOf(principal: Principal): { voterKey: string; voterName: string | null } {
  const voter = voterIdentity(principal);
  if (!voter) {
    throw new JourneycraftError(
      ErrorCode.Forbidden,
      'voting counts dots per person, so it needs your own session: open an invitation link (Share → new link) and vote from there',
    );
  }
  return voter;
}

/** `?voterKey=` used to pick whose ballots a request read or removed; it is refused now, saying why. */
function refuseVoterKey(query: Record<string, string>): void {
  if ('voterKey' in query) {
    throw new JourneycraftError(
      ErrorCode.BadRequest,
      'voterKey is not accepted: the voter is the session or link of the request',
    );
  }
}

/**
 * Dot voting. Ballots are kept on the server, out of the shared document, so nobody sees them
 * before the facilitator reveals the round; then the results are published into the map (with
 * names only in named rounds).
 */
export function votingRoutes(deps: VotingRoutesDeps): Hono {
  const { storage, rooms } = deps;
  const api = new Hono();

  const round = async (mapId: string, id: string | undefined) => {
    if (!IdSchema.safeParse(id).success) throw new JourneycraftError(ErrorCode.BadRequest, 'round id is not valid');
    const found = await storage.getVoteRound(id!);
    if (!found || found.mapId !== mapId)
      throw new JourneycraftError(ErrorCode.NotFound, `voting round "${id}" does not exist`);
    return found;
  };

  api.post('/maps/:id/vote-rounds', async (c) => {
    const { map } = await authorize(c, deps, 'facilitator');
    const input = await jsonBody(c, CreateVoteRoundInputSchema);
    const created = await storage.createVoteRound({
      id: newId(),
      mapId: map.id,
      title: input.title,
      votesPerPerson: input.votesPerPerson,
      anonymous: input.anonymous,
      status: 'open',
      createdAt: new Date().toISOString(),
    });
    await rooms.withDoc(map.id, (doc) => {
      const previous = readMeta(doc).session?.voting;
      if (previous && previous.status === 'open') void storage.setVoteRoundStatus(previous.roundId, 'closed');
      setVoting(doc, created);
    });
    return c.json(created, 201);
  });

  api.get('/maps/:id/vote-rounds/:roundId', async (c) => {
    refuseVoterKey(c.req.query());
    const { map, principal } = await authorize(c, deps, 'viewer');
    const r = await round(map.id, c.req.param('roundId'));
    const ballots = await storage.listBallots(r.id);
    const voter = voterIdentity(principal);
    // Before the reveal a request reads its own ballots only, whoever asks.
    const mine = voter ? ballots.filter((b) => b.voterKey === voter.voterKey).map((b) => b.targetId) : [];
    const visible = r.status !== 'open';
    const counts = new Map<string, { targetId: string; votes: number; voters: string[] }>();
    if (visible) {
      for (const b of ballots) {
        const entry = counts.get(b.targetId) ?? { targetId: b.targetId, votes: 0, voters: [] };
        entry.votes++;
        if (!r.anonymous && b.voterName) entry.voters.push(b.voterName);
        counts.set(b.targetId, entry);
      }
    }
    return c.json({
      round: r,
      /** Whether this request may vote (it has a session or link of its own) and its role allows it. */
      canVote: voter !== null && principal.role !== 'viewer',
      mine,
      remaining: Math.max(0, r.votesPerPerson - mine.length),
      // Before the reveal nobody, facilitators included, sees how the votes fall: only how many were cast.
      ballotsCast: principal.role === 'facilitator' || visible ? ballots.length : null,
      results: visible
        ? [...counts.values()].sort((a, b) => b.votes - a.votes || a.targetId.localeCompare(b.targetId))
        : null,
    });
  });

  api.post('/maps/:id/vote-rounds/:roundId/ballots', async (c) => {
    const { map, principal } = await authorize(c, deps, 'commenter');
    const r = await round(map.id, c.req.param('roundId'));
    if (r.status !== 'open') throw new JourneycraftError(ErrorCode.Conflict, 'this voting round is over');
    const input = await jsonBody(c, CastVoteInputSchema);
    const voter = voterOf(principal);
    const result = await storage.castVote(
      { roundId: r.id, ...voter, targetId: input.targetId, createdAt: new Date().toISOString() },
      r.votesPerPerson,
    );
    if (!result.added) {
      throw new JourneycraftError(
        ErrorCode.Conflict,
        `you have used all ${r.votesPerPerson} of your votes in this round`,
      );
    }
    return c.json({ used: result.used, remaining: r.votesPerPerson - result.used }, 201);
  });

  api.delete('/maps/:id/vote-rounds/:roundId/ballots/:targetId', async (c) => {
    refuseVoterKey(c.req.query());
    const { map, principal } = await authorize(c, deps, 'commenter');
    const r = await round(map.id, c.req.param('roundId'));
    if (r.status !== 'open') throw new JourneycraftError(ErrorCode.Conflict, 'this voting round is over');
    // Only the caller's own ballots can be taken back: the voter is the caller's session.
    const voter = voterOf(principal);
    if (!(await storage.removeVote(r.id, voter.voterKey, c.req.param('targetId')))) {
      throw new JourneycraftError(ErrorCode.NotFound, 'you have no vote on that item');
    }
    return c.body(null, 204);
  });

  api.post('/maps/:id/vote-rounds/:roundId/reveal', async (c) => {
    const { map } = await authorize(c, deps, 'facilitator');
    const r = await round(map.id, c.req.param('roundId'));
    if (r.status === 'revealed') return c.json(r);
    const revealed = (await storage.setVoteRoundStatus(r.id, 'revealed'))!;
    const ballots = await storage.listBallots(r.id);
    await rooms.withDoc(map.id, (doc) => {
      for (const b of ballots) {
        createRecord(
          doc,
          'votes',
          {
            targetId: b.targetId,
            // Anonymous rounds publish an unlinkable key per ballot: the tally, never the voter.
            voterKey: r.anonymous ? `anonymous-${randomBytes(6).toString('base64url')}` : (b.voterName ?? 'Someone'),
            sessionId: r.id,
            createdAt: b.createdAt,
          },
          serverOrigin('create'),
        );
      }
      setVoting(doc, revealed);
    });
    return c.json(revealed);
  });

  api.post('/maps/:id/vote-rounds/:roundId/close', async (c) => {
    const { map } = await authorize(c, deps, 'facilitator');
    const r = await round(map.id, c.req.param('roundId'));
    const closed = (await storage.setVoteRoundStatus(r.id, 'closed'))!;
    await rooms.withDoc(map.id, (doc) => setVoting(doc, null));
    return c.json(closed);
  });

  return api;
}
