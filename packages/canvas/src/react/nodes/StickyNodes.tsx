import { memo, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import { roleAtLeast, type Cluster, type Note } from '@journeycraft/schema';
import { STICKY_COLORS, colorName } from '../../core/stickies.js';
import type { Peer } from '../../core/peers.js';
import { useCanvas } from '../context.js';
import { offsetTranslate, useDragOffset } from '../hooks/useDragOffset.js';
import { Button } from '@journeycraft/ui';

/** What a sticky node shows. */
export interface StickyData extends Record<string, unknown> {
  note: Note;
  /** Its text is open for writing (a new sticky, or Enter / double-click on one). */
  editing: boolean;
  /** Not saved yet: writing it creates it; leaving it empty discards it. */
  draft: boolean;
  /** The edit policy lets this person change it. */
  mayChange: boolean;
  /** The cluster node it is drawn in (it moves with that cluster's drag). */
  clusterNodeId: string | null;
  remoteDrag: Peer | null;
}
export type StickyNodeType = Node<StickyData, 'sticky'>;

export interface ClusterData extends Record<string, unknown> {
  cluster: Cluster;
  count: number;
  editing: boolean;
  mayChange: boolean;
}
export type ClusterNodeType = Node<ClusterData, 'cluster'>;

export interface ParkedData extends Record<string, unknown> {
  width: number;
  height: number;
}
export type ParkedNodeType = Node<ParkedData, 'parked'>;

/** The text editor of a sticky: Enter saves, Shift+Enter breaks the line, Esc leaves it as it was. */
function StickyEditor({ initial, onDone }: { initial: string; onDone: (text: string | null) => void }) {
  const [text, setText] = useState(initial);
  const done = useRef(false);
  const finish = (value: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(value);
  };
  return (
    <textarea
      className="jc-sticky-input nodrag nowheel"
      aria-label="Sticky text"
      autoFocus
      maxLength={2000}
      value={text}
      placeholder="Write an idea…"
      onChange={(e) => setText(e.target.value)}
      onFocus={(e) => e.currentTarget.select()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          finish(text);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          finish(null);
        }
      }}
      onBlur={() => finish(text)}
    />
  );
}

/** A sticky on the board: its text, written inline; a menu to colour it, cluster it, turn it into a card. */
export const StickyNode = memo(function StickyNode({
  id,
  data,
  selected,
  positionAbsoluteX,
  positionAbsoluteY,
}: NodeProps<StickyNodeType>) {
  const { actions, principal } = useCanvas();
  const { note } = data;
  const base = { x: positionAbsoluteX, y: positionAbsoluteY };
  const own = useDragOffset(id, base, data.remoteDrag !== null);
  const withCluster = useDragOffset(data.clusterNodeId ?? '', base, false);
  const offset = own ?? withCluster;
  const [menu, setMenu] = useState(false);
  const editor = roleAtLeast(principal.role, 'editor');
  useEffect(() => {
    if (!selected) setMenu(false);
  }, [selected]);
  const act = (fn: () => void) => (e: React.MouseEvent) => {
    e.stopPropagation();
    setMenu(false);
    fn();
  };
  const classes = [
    'jc-sticky',
    selected ? 'is-selected' : '',
    own && !data.remoteDrag ? 'is-dragging' : '',
    data.remoteDrag ? 'is-remote-drag' : '',
    data.clusterNodeId ? 'in-cluster' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={classes}
      style={
        {
          background: note.color,
          translate: offsetTranslate(offset),
          '--peer': data.remoteDrag?.color,
        } as CSSProperties
      }
      data-testid="sticky"
      data-sticky-id={note.id}
      data-cluster-id={note.clusterId ?? undefined}
      data-stage-id={note.stageId ?? undefined}
      data-lane-id={note.laneId ?? undefined}
      onDoubleClick={(e) => {
        e.stopPropagation();
        if (data.mayChange && !data.editing) actions.startEditing(note.id);
      }}
    >
      {data.editing ? (
        <StickyEditor
          initial={data.draft ? '' : note.text}
          onDone={(text) => actions.stickies.save(data.draft ? null : note.id, text)}
        />
      ) : (
        <>
          <p className="jc-sticky-text">{note.text}</p>
          <div className="jc-sticky-foot">
            <span className="jc-sticky-author">{note.authorName ?? 'Anonymous'}</span>
            {data.mayChange || editor ? (
              <Button
                variant="plain"
                className="jc-sticky-menu-btn nodrag"
                aria-label={`Actions for the sticky “${note.text.slice(0, 60)}”`}
                aria-expanded={menu}
                aria-haspopup="menu"
                onClick={(e) => {
                  e.stopPropagation();
                  setMenu((m) => !m);
                }}
              >
                ⋯
              </Button>
            ) : null}
          </div>
        </>
      )}
      {menu && !data.editing ? (
        <div
          className="jc-sticky-menu nodrag"
          role="menu"
          aria-label="Sticky actions"
          onKeyDown={(e: KeyboardEvent) => {
            e.stopPropagation();
            if (e.key === 'Escape') setMenu(false);
          }}
        >
          {data.mayChange ? (
            <>
              <Button variant="plain" role="menuitem" onClick={act(() => actions.startEditing(note.id))}>
                Edit text <kbd>Enter</kbd>
              </Button>
              <div className="jc-sticky-colors" role="group" aria-label="Colour">
                {STICKY_COLORS.map((c) => (
                  <Button
                    variant="plain"
                    className="jc-swatch"
                    key={c.value}
                    role="menuitemradio"
                    aria-checked={c.value.toLowerCase() === note.color.toLowerCase()}
                    aria-label={c.name}
                    title={c.name}
                    style={{ background: c.value }}
                    onClick={act(() => actions.stickies.color(note.id, c.value))}
                  />
                ))}
              </div>
            </>
          ) : null}
          {editor ? (
            <>
              <Button
                variant="plain"
                role="menuitem"
                onClick={act(() => actions.stickies.toCard(note.id, 'touchpoint'))}
              >
                Turn into a touchpoint <kbd>T</kbd>
              </Button>
              <Button
                variant="plain"
                role="menuitem"
                onClick={act(() => actions.stickies.toCard(note.id, 'painPoint'))}
              >
                Turn into a pain point <kbd>P</kbd>
              </Button>
              <Button variant="plain" role="menuitem" onClick={act(() => actions.stickies.groupWithPrevious(note.id))}>
                Cluster with the sticky before <kbd>G</kbd>
              </Button>
            </>
          ) : null}
          {data.mayChange && data.clusterNodeId ? (
            <Button variant="plain" role="menuitem" onClick={act(() => actions.stickies.leaveCluster(note.id))}>
              Take out of the cluster
            </Button>
          ) : null}
          {data.mayChange || editor ? (
            <Button
              variant="plain"
              className="is-danger"
              role="menuitem"
              onClick={act(() => actions.stickies.remove(note.id))}
            >
              Delete <kbd>Del</kbd>
            </Button>
          ) : null}
        </div>
      ) : null}
      {data.remoteDrag ? (
        <span className="jc-peer-tag" style={{ background: data.remoteDrag.color }}>
          {data.remoteDrag.name}
        </span>
      ) : null}
      <span className="jc-sr-only">{`${colorName(note.color)} sticky${note.authorName ? ` by ${note.authorName}` : ''}`}</span>
    </div>
  );
});

/** A cluster of stickies: a frame with a name bar (named inline) and an Ungroup button. */
export const ClusterNode = memo(function ClusterNode({
  id,
  data,
  selected,
  positionAbsoluteX,
  positionAbsoluteY,
}: NodeProps<ClusterNodeType>) {
  const { actions } = useCanvas();
  const { cluster } = data;
  const offset = useDragOffset(id, { x: positionAbsoluteX, y: positionAbsoluteY }, false);
  const [name, setName] = useState(cluster.name);
  useEffect(() => setName(cluster.name), [cluster.name, data.editing]);
  const label = cluster.name || 'Unnamed cluster';
  return (
    <div
      className={`jc-cluster${selected ? ' is-selected' : ''}${offset ? ' is-dragging' : ''}`}
      style={{ translate: offsetTranslate(offset) }}
      data-testid="cluster"
      data-cluster-id={cluster.id}
    >
      <div className="jc-cluster-head">
        {data.editing ? (
          <input
            className="jc-cluster-input nodrag"
            aria-label="Cluster name"
            autoFocus
            maxLength={200}
            value={name}
            placeholder="Name this cluster"
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              e.stopPropagation();
              if (e.key === 'Enter') actions.stickies.renameCluster(cluster.id, name);
              else if (e.key === 'Escape') actions.startEditing(null);
            }}
            onBlur={() => actions.stickies.renameCluster(cluster.id, name)}
          />
        ) : data.mayChange ? (
          <Button
            variant="plain"
            className={`jc-cluster-name nodrag${cluster.name ? '' : ' is-empty'}`}
            aria-label={`Rename the cluster ${label}`}
            onClick={(e) => {
              e.stopPropagation();
              actions.startEditing(cluster.id);
            }}
          >
            {cluster.name || 'Name this cluster'}
          </Button>
        ) : (
          <span className={`jc-cluster-name${cluster.name ? '' : ' is-empty'}`}>{label}</span>
        )}
        <span className="jc-cluster-count" aria-label={`${data.count} stickies`}>
          {data.count}
        </span>
        {data.mayChange ? (
          <Button
            variant="plain"
            className="jc-cluster-ungroup nodrag"
            aria-label={`Ungroup the cluster ${label}`}
            title="Ungroup"
            onClick={(e) => {
              e.stopPropagation();
              actions.stickies.ungroup(cluster.id);
            }}
          >
            Ungroup
          </Button>
        ) : null}
      </div>
    </div>
  );
});

/** The band under the grid where stickies wait for a place (posted for a stage, or for the whole journey). */
export const ParkedNode = memo(function ParkedNode({ data }: NodeProps<ParkedNodeType>) {
  return (
    <div className="jc-parked" style={{ width: data.width, height: data.height }}>
      <span className="jc-parked-label">Notes waiting for a place: drag them into a cell or anywhere on the board</span>
    </div>
  );
});
