import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Connection, Lane, Stage } from '@journeycraft/schema';
import type { GridLayout } from '../../core/layout.js';
import type { PeerStore } from '../../core/peers.js';
import { laneNodeId, stageNodeId } from '../graph.js';

const EMPTY_SET: ReadonlySet<string> = new Set();

/** What is selected: node ids (cards by id, headers as `stage:…` / `lane:…`) or one connection. */
export interface SelectionState {
  selected: ReadonlySet<string>;
  selectedEdge: string | null;
  /** The selected cards (no headers), in selection order. */
  selectedCards: string[];
  /** The map's own panel (title, personas) is open: only while nothing else is selected. */
  mapPanel: boolean;
  setMapPanel: (open: boolean | ((open: boolean) => boolean)) => void;
  /** Selects these nodes (or one connection), closing the map panel when anything is chosen. */
  select: (ids: string[], edgeId?: string | null) => void;
  /** Applies React Flow's select changes: one kind at a time, cards win over headers. */
  selectFromFlow: (changes: ReadonlyArray<{ id: string; selected: boolean }>) => void;
  /** Applies React Flow's edge select change. */
  selectEdgeFromFlow: (id: string, selected: boolean) => void;
}

/**
 * The local selection (never in the doc): published to others through `peers`, and pruned of
 * records someone else deleted.
 */
export function useSelection(
  peers: PeerStore | null,
  layout: GridLayout,
  stages: readonly Stage[],
  lanes: readonly Lane[],
  connections: readonly Connection[],
): SelectionState {
  const [selected, setSelected] = useState<ReadonlySet<string>>(EMPTY_SET);
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const [mapPanel, setMapPanel] = useState(false);

  const select = useCallback((ids: string[], edgeId: string | null = null) => {
    setSelected(ids.length ? new Set(ids) : EMPTY_SET);
    setSelectedEdge(edgeId);
    if (ids.length || edgeId) setMapPanel(false);
  }, []);

  // React Flow's handlers stay the same functions for the canvas's life (a new one re-renders
  // every node wrapper), so they read the current selection through a ref.
  const current = useRef(selected);
  current.current = selected;
  const selectFromFlow = useCallback((changes: ReadonlyArray<{ id: string; selected: boolean }>) => {
    const next = new Set(current.current);
    for (const c of changes) {
      if (c.selected) next.add(c.id);
      else next.delete(c.id);
    }
    const ids = [...next];
    const cards = ids.filter((id) => !id.includes(':'));
    const chosen = cards.length ? cards : ids.slice(-1);
    const value = chosen.length ? new Set(chosen) : EMPTY_SET;
    current.current = value;
    setSelected(value);
    if (chosen.length) {
      setSelectedEdge(null);
      setMapPanel(false);
    }
  }, []);

  const selectEdgeFromFlow = useCallback((id: string, on: boolean) => {
    setSelectedEdge((cur) => (on ? id : cur === id ? null : cur));
    if (on) setMapPanel(false);
  }, []);

  // Publish what this person has selected.
  useEffect(() => {
    const ids = [...selected].map((id) => id.replace(/^(stage|lane|sticky|cluster):/, ''));
    peers?.setSelection(selectedEdge ? [...ids, selectedEdge] : ids);
  }, [peers, selected, selectedEdge]);

  // Drop selections of records someone else deleted.
  useEffect(() => {
    const exists = (id: string) =>
      id.startsWith('stage:')
        ? stages.some((s) => stageNodeId(s.id) === id)
        : id.startsWith('lane:')
          ? lanes.some((l) => laneNodeId(l.id) === id)
          : id.startsWith('sticky:')
            ? layout.board.stickies.has(id.slice(7))
            : id.startsWith('cluster:')
              ? layout.board.clusters.has(id.slice(8))
              : layout.slots.has(id);
    if ([...selected].some((id) => !exists(id))) setSelected(new Set([...selected].filter(exists)));
    if (selectedEdge && !connections.some((c) => c.id === selectedEdge)) setSelectedEdge(null);
  }, [stages, lanes, layout, connections, selected, selectedEdge]);

  const selectedCards = useMemo(() => [...selected].filter((id) => !id.includes(':')), [selected]);
  return {
    selected,
    selectedEdge,
    selectedCards,
    mapPanel,
    setMapPanel,
    select,
    selectFromFlow,
    selectEdgeFromFlow,
  };
}
