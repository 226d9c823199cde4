import { memo, useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import { updateRecord } from '@journeycraft/doc';
import { useMeta } from '@journeycraft/doc-react';
import { LaneKind, laneKindLabels, NameSchema, type Lane, type Stage } from '@journeycraft/schema';
import { curves, laneColors } from '@journeycraft/picture';
import type { Peer } from '../../core/peers.js';
import { useCanvas } from '../context.js';
import { Icon, icons } from '../icons.js';
import { offsetTranslate, useDragOffset } from '../hooks/useDragOffset.js';
import { useImage } from '../hooks/useImage.js';
import { Button } from '@journeycraft/ui';

/** Headers move only by their own offset (they are never dragged by someone else's hand here). */
const ORIGIN = { x: 0, y: 0 };

export interface StageData extends Record<string, unknown> {
  stage: Stage;
  index: number;
  count: number;
  editing: boolean;
  remote: Peer | null;
  /** The stage under discussion in a workshop. */
  spotlit?: boolean;
  /** Workshop notes in this stage. */
  notes?: number;
}
export interface LaneData extends Record<string, unknown> {
  lane: Lane;
  count: number;
  editing: boolean;
  remote: Peer | null;
  persona: string | null;
}
export type StageNodeType = Node<StageData, 'stage'>;
export type LaneNodeType = Node<LaneData, 'lane'>;

/** An inline title editor: Enter or blur saves (if valid), Escape cancels. */
function InlineTitle({
  value,
  label,
  onSave,
  onDone,
}: {
  value: string;
  label: string;
  onSave: (title: string) => void;
  onDone: () => void;
}) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const commit = () => {
    if (done.current) return;
    const parsed = NameSchema.safeParse(text);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'not a valid title');
      return;
    }
    done.current = true;
    if (parsed.data !== value) onSave(parsed.data);
    onDone();
  };
  return (
    <div className="jc-inline nodrag" onPointerDown={(e) => e.stopPropagation()}>
      <input
        ref={input}
        className="jc-inline-input"
        aria-label={label}
        value={text}
        maxLength={220}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            done.current = true;
            onDone();
          }
        }}
        onBlur={() => {
          if (!done.current && NameSchema.safeParse(text).success) commit();
          else if (!done.current) {
            done.current = true;
            onDone();
          }
        }}
      />
      {error ? (
        <span className="jc-inline-error" role="alert">
          Title {error}
        </span>
      ) : null}
    </div>
  );
}

/**
 * Stage and lane headers are separate canvas nodes, so each sits in a one-cell table row of its
 * own (display: contents, no box): a column or row header needs a row, and the row a table.
 */
function HeaderRow({ children }: { children: ReactNode }) {
  return (
    <div role="table" className="jc-contents">
      <div role="row" className="jc-contents">
        {children}
      </div>
    </div>
  );
}

/** A stage's column header: number, title, touchpoint count. Drag sideways to reorder; double-click to rename. */
export const StageNode = memo(function StageNode({ id, data, selected }: NodeProps<StageNodeType>) {
  const { doc, origin, actions, readOnly, canEditLocked } = useCanvas();
  const offset = useDragOffset(id, ORIGIN, false);
  const dragging = offset !== null;
  const { stage, remote } = data;
  const frozen = readOnly || (stage.locked && !canEditLocked);
  return (
    <HeaderRow>
      <div
        className={`jc-stage${selected ? ' is-selected' : ''}${dragging ? ' is-dragging' : ''}${data.spotlit ? ' is-spotlit' : ''}`}
        style={{ '--peer': remote?.color, translate: offsetTranslate(offset) } as CSSProperties}
        data-testid="stage-header"
        data-stage-id={stage.id}
        role="columnheader"
        aria-label={stage.title}
        data-locked={stage.locked || undefined}
        onDoubleClick={() => !frozen && actions.startEditing(stage.id)}
      >
        <span className="jc-stage-num">{data.index + 1}</span>
        {data.editing ? (
          <InlineTitle
            value={stage.title}
            label="Stage name"
            onSave={(title) => updateRecord(doc, 'stages', stage.id, { title }, origin)}
            onDone={() => actions.startEditing(null)}
          />
        ) : (
          <span className="jc-stage-title" title={stage.description || stage.title}>
            {stage.title}
          </span>
        )}
        {stage.locked ? (
          <span className="jc-stage-lock" title="Locked by a facilitator">
            <Icon d={icons.lock} size={13} />
          </span>
        ) : null}
        {data.notes ? (
          <span className="jc-stage-notes" title={`${data.notes} workshop notes`} data-testid="stage-notes">
            <Icon d={icons.comment} size={12} />
            {data.notes}
          </span>
        ) : null}
        <span className="jc-stage-count" title={`${data.count} touchpoints`}>
          {data.count}
        </span>
        {remote ? (
          <span className="jc-peer-tag" style={{ background: remote.color }}>
            {remote.name}
          </span>
        ) : null}
      </div>
    </HeaderRow>
  );
});

/** A persona's photo as a small round avatar (the colour dot until it is loaded). */
function PersonaPhoto({ imageId }: { imageId: string }) {
  const image = useImage(imageId);
  if (image?.status !== 'ready') return <span className="jc-persona-dot" />;
  return <img className="jc-persona-photo" src={image.url} alt="" data-testid="persona-photo" />;
}

function PersonaSwitch({ active }: { active: string | null }) {
  const { store, actions } = useCanvas();
  const meta = useMeta(store);
  const personas = meta?.personas ?? [];
  if (!personas.length) return <span className="jc-lane-hint">Drag the points to change a score</span>;
  return (
    <div className="jc-personas nodrag" role="radiogroup" aria-label="Emotion curve for">
      {[{ ...curves(personas)[0]!, id: null as string | null }, ...personas].map((p) => (
        <Button
          variant="plain"
          key={p.id ?? 'all'}
          role="radio"
          aria-checked={active === p.id}
          className={`jc-persona${active === p.id ? ' is-active' : ''}`}
          style={{ '--persona': p.color } as CSSProperties}
          onClick={(e) => {
            e.stopPropagation();
            actions.setPersona(p.id);
          }}
        >
          {'imageId' in p && p.imageId ? <PersonaPhoto imageId={p.imageId} /> : <span className="jc-persona-dot" />}
          {p.name}
        </Button>
      ))}
    </div>
  );
}

/** A lane's row header: title and kind. Drag up or down to reorder; double-click to rename. */
export const LaneNode = memo(function LaneNode({ id, data, selected }: NodeProps<LaneNodeType>) {
  const { doc, origin, actions, readOnly } = useCanvas();
  const offset = useDragOffset(id, ORIGIN, false);
  const dragging = offset !== null;
  const { lane, remote } = data;
  return (
    <HeaderRow>
      <div
        className={`jc-lane${selected ? ' is-selected' : ''}${dragging ? ' is-dragging' : ''}`}
        style={
          {
            '--lane': laneColors[lane.kind],
            '--peer': remote?.color,
            translate: offsetTranslate(offset),
          } as CSSProperties
        }
        data-testid="lane-header"
        data-lane-id={lane.id}
        role="rowheader"
        aria-label={lane.title}
        onDoubleClick={() => !readOnly && actions.startEditing(lane.id)}
      >
        {data.editing ? (
          <InlineTitle
            value={lane.title}
            label="Lane name"
            onSave={(title) => {
              // Naming a lane after a kind ("Backstage") makes it that kind.
              const kind = LaneKind.options.find(
                (k) => k !== 'custom' && laneKindLabels[k].toLowerCase() === title.toLowerCase(),
              );
              updateRecord(doc, 'lanes', lane.id, kind ? { title, kind } : { title }, origin);
            }}
            onDone={() => actions.startEditing(null)}
          />
        ) : (
          <span className="jc-lane-title">{lane.title}</span>
        )}
        <span className="jc-lane-kind">
          {lane.title.toLowerCase() !== laneKindLabels[lane.kind].toLowerCase() ? laneKindLabels[lane.kind] : null}
          {lane.kind !== 'emotions' ? (
            <span className="jc-lane-count">{data.count === 1 ? '1 card' : `${data.count} cards`}</span>
          ) : null}
        </span>
        {lane.kind === 'emotions' ? <PersonaSwitch active={data.persona} /> : null}
        {remote ? (
          <span className="jc-peer-tag" style={{ background: remote.color }}>
            {remote.name}
          </span>
        ) : null}
      </div>
    </HeaderRow>
  );
});
