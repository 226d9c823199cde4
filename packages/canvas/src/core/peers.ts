/**
 * What the canvas shares through awareness (never through the doc): each person's pointer in
 * flow coordinates, what they have selected, and where the cards they are dragging are right
 * now. Framework-free; React reads it with useSyncExternalStore.
 */

/** The part of y-protocols' `Awareness` the canvas uses (structural, so no provider dependency). */
export interface AwarenessLike {
  readonly clientID: number;
  getStates(): Map<number, Record<string, unknown>>;
  setLocalStateField(field: string, value: unknown): void;
  on(name: 'change', handler: () => void): unknown;
  off(name: 'change', handler: () => void): unknown;
}

export interface Peer {
  clientId: number;
  name: string;
  color: string;
}

export interface RemoteCursor extends Peer {
  x: number;
  y: number;
}

export interface RemoteDrag extends Peer {
  x: number;
  y: number;
}

type Channel = 'cursors' | 'selections' | 'drags' | 'viewports';

/** What a person leading the session shares of their view: the viewport, and when they last summoned everyone. */
export interface LeadView {
  viewport: SharedViewport | null;
  /** Time of their last "bring everyone here", or 0. */
  summon: number;
}

import type { SharedViewport } from './workshop.js';

const COLOR = /^#[0-9a-fA-F]{3,8}$/;
/**
 * How many selected ids and dragged cards go into presence. The server refuses presence states
 * over 16 KB of JSON; 200 ids (~5 KB) and 150 drag positions (~7 KB) stay well inside it, so a
 * big selection or drag never costs the person their cursor. The rest show after the drop.
 */
const PRESENCE_SELECTION_MAX = 200;
const PRESENCE_DRAG_MAX = 150;
const EMPTY_MAP: ReadonlyMap<string, never> = new Map<string, never>();
const EMPTY_LIST: readonly never[] = Object.freeze([]);

function peerOf(clientId: number, state: Record<string, unknown>): Peer | null {
  const user = state.user as { name?: unknown; color?: unknown } | undefined;
  if (!user || typeof user !== 'object') return null;
  const name = typeof user.name === 'string' && user.name.trim() ? user.name.trim().slice(0, 80) : 'Guest';
  const color = typeof user.color === 'string' && COLOR.test(user.color) ? user.color : '#8a8f98';
  return { clientId, name, color };
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function sameList<T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((x, i) => eq(x, b[i]!));
}

function sameMap<T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>, eq: (x: T, y: T) => boolean): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined || !eq(v, w)) return false;
  }
  return true;
}

const samePeer = (a: Peer, b: Peer) => a.clientId === b.clientId && a.name === b.name && a.color === b.color;
const samePoint = (a: RemoteCursor, b: RemoteCursor) => samePeer(a, b) && a.x === b.x && a.y === b.y;

/** Remote cursors, selections and drags of everyone else, plus throttled publishing of ours. */
export class PeerStore {
  private cursors: readonly RemoteCursor[] = EMPTY_LIST;
  private selections: ReadonlyMap<string, Peer> = EMPTY_MAP;
  private drags: ReadonlyMap<string, RemoteDrag> = EMPTY_MAP;
  private views: ReadonlyMap<number, LeadView> = new Map();
  private readonly listeners: Record<Channel, Set<() => void>> = {
    cursors: new Set(),
    selections: new Set(),
    drags: new Set(),
    viewports: new Set(),
  };
  private readonly pending = new Map<string, unknown>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFlush = 0;

  constructor(
    readonly awareness: AwarenessLike,
    private readonly interval = 40,
  ) {
    awareness.on('change', this.onChange);
    this.onChange();
  }

  private readonly onChange = () => {
    const cursors: RemoteCursor[] = [];
    const selections = new Map<string, Peer>();
    const drags = new Map<string, RemoteDrag>();
    const views = new Map<number, LeadView>();
    this.awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.awareness.clientID) return;
      const v = state.viewport as Partial<SharedViewport> | null | undefined;
      const viewport =
        v && finite(v.x) && finite(v.y) && finite(v.zoom) && finite(v.width) && finite(v.height) && v.zoom > 0
          ? { x: v.x, y: v.y, zoom: v.zoom, width: v.width, height: v.height }
          : null;
      const summon = finite(state.summon) ? state.summon : 0;
      // The server stamps each person's role into `user`: only facilitators lead the room.
      const role = (state.user as { role?: unknown } | undefined)?.role;
      if ((viewport || summon) && (role === undefined || role === 'facilitator'))
        views.set(clientId, { viewport, summon });
      const peer = peerOf(clientId, state);
      if (!peer) return;
      const c = state.cursor as { x?: unknown; y?: unknown } | null | undefined;
      if (c && finite(c.x) && finite(c.y)) cursors.push({ ...peer, x: c.x, y: c.y });
      const sel = state.selection;
      if (Array.isArray(sel)) for (const id of sel.slice(0, 500)) if (typeof id === 'string') selections.set(id, peer);
      const drag = state.drag as Record<string, { x?: unknown; y?: unknown }> | null | undefined;
      if (drag && typeof drag === 'object') {
        for (const [id, p] of Object.entries(drag).slice(0, 500)) {
          if (p && finite(p.x) && finite(p.y)) drags.set(id, { ...peer, x: p.x, y: p.y });
        }
      }
    });
    cursors.sort((a, b) => a.clientId - b.clientId);
    if (!sameList(this.cursors, cursors, samePoint)) {
      this.cursors = cursors.length ? cursors : EMPTY_LIST;
      this.emit('cursors');
    }
    if (!sameMap(this.selections, selections, samePeer)) {
      this.selections = selections.size ? selections : EMPTY_MAP;
      this.emit('selections');
    }
    if (!sameMap(this.drags, drags, samePoint)) {
      this.drags = drags.size ? drags : EMPTY_MAP;
      this.emit('drags');
    }
    if (JSON.stringify([...this.views]) !== JSON.stringify([...views])) {
      this.views = views;
      this.emit('viewports');
    }
  };

  private emit(channel: Channel): void {
    for (const l of [...this.listeners[channel]]) l();
  }

  subscribe(channel: Channel, listener: () => void): () => void {
    this.listeners[channel].add(listener);
    return () => this.listeners[channel].delete(listener);
  }

  getCursors(): readonly RemoteCursor[] {
    return this.cursors;
  }

  /** Record id → the person who has it selected. */
  getSelections(): ReadonlyMap<string, Peer> {
    return this.selections;
  }

  /** Touchpoint id → where someone is dragging it right now. */
  getDrags(): ReadonlyMap<string, RemoteDrag> {
    return this.drags;
  }

  /** Everyone leading a session (facilitators sharing their view), by awareness client id. */
  getLeadViews(): ReadonlyMap<number, LeadView> {
    return this.views;
  }

  /** What another person shares of their view (for follow me), or null. */
  getLeadView(clientId: number): LeadView | null {
    return this.views.get(clientId) ?? null;
  }

  private flush = () => {
    this.timer = null;
    this.lastFlush = Date.now();
    for (const [field, value] of this.pending) this.awareness.setLocalStateField(field, value);
    this.pending.clear();
  };

  /** Publishes a field at most once per interval (the last value wins); `now` sends at once. */
  private publish(field: string, value: unknown, now = false): void {
    this.pending.set(field, value);
    if (now) {
      if (this.timer) clearTimeout(this.timer);
      this.flush();
      return;
    }
    if (this.timer) return;
    const wait = Math.max(0, this.interval - (Date.now() - this.lastFlush));
    this.timer = setTimeout(this.flush, wait);
  }

  /** Our pointer in flow coordinates, or null when it leaves the canvas. */
  setCursor(point: { x: number; y: number } | null): void {
    this.publish('cursor', point ? { x: Math.round(point.x), y: Math.round(point.y) } : null, point === null);
  }

  setSelection(ids: readonly string[]): void {
    this.publish('selection', ids.slice(0, PRESENCE_SELECTION_MAX), true);
  }

  /** Where the cards we drag are now (id → top-left), or null when the drag ends. */
  setDrag(positions: Record<string, { x: number; y: number }> | null): void {
    const capped = positions && Object.fromEntries(Object.entries(positions).slice(0, PRESENCE_DRAG_MAX));
    this.publish('drag', capped, positions === null);
  }

  /** Our viewport and pane size, for people following us; null stops sharing it. */
  setViewport(viewport: SharedViewport | null): void {
    const v = viewport && {
      x: Math.round(viewport.x * 10) / 10,
      y: Math.round(viewport.y * 10) / 10,
      zoom: Math.round(viewport.zoom * 10_000) / 10_000,
      width: Math.round(viewport.width),
      height: Math.round(viewport.height),
    };
    this.publish('viewport', v, viewport === null);
  }

  /** "Bring everyone here": followers and everyone else jump to our viewport once. */
  summon(viewport: SharedViewport): void {
    this.setViewport(viewport);
    this.publish('summon', Date.now(), true);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    this.awareness.off('change', this.onChange);
    this.awareness.setLocalStateField('cursor', null);
    this.awareness.setLocalStateField('drag', null);
    this.awareness.setLocalStateField('selection', []);
    this.awareness.setLocalStateField('viewport', null);
  }
}
