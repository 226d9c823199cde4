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

function voterOf(principal: Principal, given: { voterKey?: string | undefined; voterName?: string | undefined }) {
  const voterKey = principal.guestId ?? given.voterKey;
  if (!voterKey) {
    throw new JourneycraftError(ErrorCode.BadRequest, 'voterKey is required when voting without an invitation link');
  }
  return { voterKey, voterName: principal.name ?? given.voterName ?? null };
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
    const { map, principal } = await authorize(c, deps, 'viewer');
    const r = await round(map.id, c.req.param('roundId'));
    const ballots = await storage.listBallots(r.id);
    const key = principal.guestId ?? c.req.query('voterKey') ?? null;
    const mine = key ? ballots.filter((b) => b.voterKey === key).map((b) => b.targetId) : [];
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
    const voter = voterOf(principal, input);
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
    const { map, principal } = await authorize(c, deps, 'commenter');
    const r = await round(map.id, c.req.param('roundId'));
    if (r.status !== 'open') throw new JourneycraftError(ErrorCode.Conflict, 'this voting round is over');
    const voter = voterOf(principal, { voterKey: c.req.query('voterKey') });
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
