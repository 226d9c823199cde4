import { createContext, useContext } from 'react';
import type { DeleteTarget, MapStore, PolicyPrincipal, TxOrigin } from '@journeycraft/doc';
import type { PeerStore } from '../core/peers.js';
import type { DragOffsets } from '../core/dragOffsets.js';
import type { ImageCache } from '../core/images.js';

/** A person present on the map (for @mentions), as the app's presence list gives them. */
export interface PresentPerson {
  clientId: number;
  name: string;
  color: string;
  isLocal: boolean;
}

/** Another map a touchpoint can link to as a sub-journey. */
export interface MapLink {
  id: string;
  title: string;
}

export type MapDoc = MapStore['doc'];

/** Dot voting as the canvas shows it: which cards carry this person's dots, and how many are left. */
export interface CanvasVoting {
  /** Touchpoints this person put a dot on in the open round. */
  mine: ReadonlySet<string>;
  remaining: number;
  onVote(touchpointId: string): void;
  onUnvote(touchpointId: string): void;
}

/** The live workshop around the canvas (all optional: a plain map has none of it). */
export interface CanvasWorkshop {
  /** Stage under discussion: every other stage is dimmed. */
  spotlightStageId?: string | null;
  /** Share this person's viewport through awareness, so others can follow it. */
  shareViewport?: boolean;
  /** Follow this person's viewport (awareness client id). */
  followClientId?: number | null;
  /** Bumped to bring everyone to this person's viewport once. */
  summonCount?: number;
  /** Jump when a facilitator brings everyone to their view. */
  acceptSummons?: boolean;
  /** An open voting round: cards get a dot button. */
  voting?: CanvasVoting | null;
  /** Revealed results: touchpoint id → dots. */
  results?: ReadonlyMap<string, number> | null;
  /** Stage id → how many workshop notes sit in that stage. */
  notesPerStage?: ReadonlyMap<string, number>;
  /**
   * A presentation this person follows: the stage on show. The canvas zooms to it (and dims the
   * others) whenever it changes; null or absent when not following one.
   */
  presentStageId?: string | null;
}

/** Everything node and panel components need, stable for the life of the canvas. */
export interface CanvasContextValue {
  store: MapStore;
  doc: MapDoc;
  origin: TxOrigin;
  peers: PeerStore | null;
  /** Live offsets of the nodes this person drags (see `useDragOffset`). */
  offsets: DragOffsets;
  user: { name: string; color: string };
  readOnly: boolean;
  /** May change what a facilitator locked. */
  canEditLocked: boolean;
  /** A workshop participant: adding stages and lanes is the facilitator's. */
  participant: boolean;
  /** Who edits, for the edit policy (the same one the server enforces). */
  principal: PolicyPrincipal;
  /** The map's stored pictures (cards, personas); null where the app has no server to ask. */
  images: ImageCache | null;
  actions: CanvasActions;
}

/** Commands node components call; implemented once by the canvas root. */
export interface CanvasActions {
  addTouchpoint(stageId: string, laneId: string): void;
  addStage(): void;
  addLane(): void;
  select(ids: string[], edgeId?: string | null): void;
  startEditing(id: string | null): void;
  openMap(id: string): void;
  setPersona(id: string | null): void;
  vote(touchpointId: string, on: boolean): void;
  /** Deletes into the map's trash (undo for everyone); asks first for stages, lanes, roles, personas. */
  requestDelete(targets: DeleteTarget[], label: string): void;
  stickies: StickyActions;
}

/** What stickies and clusters ask of the canvas (each asks the edit policy and says why not). */
export interface StickyActions {
  /** Saves a sticky's text (`id` null: the new sticky being written); null text: leave it as it was. */
  save(id: string | null, text: string | null): void;
  color(id: string, color: string): void;
  toCard(id: string, as: 'touchpoint' | 'painPoint'): void;
  groupWithPrevious(id: string): void;
  leaveCluster(id: string): void;
  remove(id: string): void;
  renameCluster(id: string, name: string): void;
  ungroup(id: string): void;
}

export const CanvasContext = createContext<CanvasContextValue | null>(null);

export function useCanvas(): CanvasContextValue {
  const value = useContext(CanvasContext);
  if (!value) throw new Error('canvas components must be rendered inside <JourneyCanvas>');
  return value;
}

/** Counts renders of touchpoint cards (read by tests to prove a one-card edit re-renders one card). */
export const renderCounts = { cards: 0 };

/** True while the map is zoomed out so far that cards show only their title (level of detail). */
export const FarContext = createContext(false);
