import { useState, type CSSProperties } from 'react';
import { Button, ErrorLine } from '@journeycraft/ui';
import { moveToIndex, setPersonaImage, updateMeta } from '@journeycraft/doc';
import { useMeta, useRecord, useRecords } from '@journeycraft/doc-react';
import { ConnectionKind, LaneKind, laneKindLabels, newId, PersonaSchema, type Persona } from '@journeycraft/schema';
import { useCanvas, type MapLink, type PresentPerson } from '../context.js';
import { Icon, icons } from '../icons.js';
import { Comments } from './Comments.js';
import { SelectField, TextField, useSave, Section } from './fields.js';
import { TouchpointPanel } from './TouchpointPanel.js';
import { ImageField, savedOrProblem } from './ImageField.js';
import { LockedNote, LockToggle } from './Lock.js';

export type Selection =
  | { kind: 'touchpoint'; id: string }
  | { kind: 'touchpoints'; ids: string[] }
  | { kind: 'stage'; id: string }
  | { kind: 'lane'; id: string }
  | { kind: 'connection'; id: string }
  | { kind: 'map' };

/** The editor beside the canvas for whatever is selected (or the map itself). */
export function SidePanel({
  selection,
  people,
  maps,
  focusTitle,
  onClose,
  onDelete,
  onDuplicate,
}: {
  selection: Selection;
  people: readonly PresentPerson[];
  maps: readonly MapLink[];
  persona: string | null;
  focusTitle: number;
  onClose: () => void;
  onDelete: () => void;
  onDuplicate: () => void;
}) {
  const title =
    selection.kind === 'touchpoint'
      ? 'Touchpoint'
      : selection.kind === 'touchpoints'
        ? `${selection.ids.length} touchpoints`
        : selection.kind === 'stage'
          ? 'Stage'
          : selection.kind === 'lane'
            ? 'Lane'
            : selection.kind === 'connection'
              ? 'Connection'
              : 'Map details';
  return (
    <aside className="jc-panel" aria-label={`${title} details`} data-testid="side-panel">
      <header className="jc-panel-head">
        <h2>{title}</h2>
        <Button variant="ghost" size="sm" icon onClick={onClose} aria-label="Close panel" title="Close (Esc)">
          <Icon d={icons.close} />
        </Button>
      </header>
      {selection.kind === 'touchpoint' ? (
        <TouchpointTabs id={selection.id} people={people} maps={maps} focusTitle={focusTitle} />
      ) : selection.kind === 'touchpoints' ? (
        <div className="jc-panel-body">
          <p className="jc-muted">Drag any of them to move them together, or:</p>
          <div className="jc-stack">
            <Button onClick={onDuplicate}>
              <Icon d={icons.copy} /> Duplicate (Ctrl+D)
            </Button>
            <Button variant="danger-text" onClick={onDelete}>
              <Icon d={icons.trash} /> Delete (Del)
            </Button>
          </div>
        </div>
      ) : selection.kind === 'stage' ? (
        <StagePanel id={selection.id} />
      ) : selection.kind === 'lane' ? (
        <LanePanel id={selection.id} />
      ) : selection.kind === 'connection' ? (
        <ConnectionPanel id={selection.id} />
      ) : (
        <MapPanel />
      )}
    </aside>
  );
}

function TouchpointTabs({
  id,
  people,
  maps,
  focusTitle,
}: {
  id: string;
  people: readonly PresentPerson[];
  maps: readonly MapLink[];
  focusTitle: number;
}) {
  const { store } = useCanvas();
  const tp = useRecord(store, 'touchpoints', id);
  const comments = useRecords(store, 'comments');
  const [tab, setTab] = useState<'details' | 'comments'>('details');
  if (!tp) return <p className="jc-panel-body jc-muted">This touchpoint was deleted.</p>;
  const open = comments.filter((c) => c.targetId === id && c.threadId === null && !c.resolved).length;
  return (
    <>
      <div className="jc-tabs" role="tablist">
        <Button
          variant="plain"
          role="tab"
          aria-selected={tab === 'details'}
          className={tab === 'details' ? 'is-on' : ''}
          onClick={() => setTab('details')}
        >
          Details
        </Button>
        <Button
          variant="plain"
          role="tab"
          aria-selected={tab === 'comments'}
          className={tab === 'comments' ? 'is-on' : ''}
          onClick={() => setTab('comments')}
        >
          Comments{open ? <span className="jc-count">{open}</span> : null}
        </Button>
      </div>
      {tab === 'details' ? (
        <TouchpointPanel key={id} tp={tp} focusTitle={focusTitle} maps={maps} />
      ) : (
        <div className="jc-panel-body">
          <Comments targetId={id} people={people} />
        </div>
      )}
    </>
  );
}

function StagePanel({ id }: { id: string }) {
  const { store, doc, origin, readOnly, canEditLocked, actions } = useCanvas();
  const stage = useRecord(store, 'stages', id);
  const stages = useRecords(store, 'stages');
  const save = useSave('stages', id);
  if (!stage) return <p className="jc-panel-body jc-muted">This stage was deleted.</p>;
  const index = stages.findIndex((s) => s.id === id);
  const locked = stage.locked && !canEditLocked;
  return (
    <fieldset className="jc-panel-body jc-fieldset" data-testid="stage-panel" disabled={readOnly || locked}>
      {locked ? <LockedNote what="stage" /> : null}
      <LockToggle kind="stages" id={id} locked={stage.locked} />
      <TextField label="Stage name" value={stage.title} save={(v) => save({ title: v }, 'title')} maxLength={200} />
      <TextField
        label="Description"
        value={stage.description}
        multiline
        save={(v) => save({ description: v }, 'description')}
      />
      <div className="jc-stack-row">
        <Button size="sm" disabled={index <= 0} onClick={() => moveToIndex(doc, 'stages', id, index - 1, origin)}>
          <Icon d={icons.chevronLeft} /> Move left
        </Button>
        <Button
          size="sm"
          disabled={index >= stages.length - 1}
          onClick={() => moveToIndex(doc, 'stages', id, index + 1, origin)}
        >
          Move right <Icon d={icons.chevronRight} />
        </Button>
      </div>
      <p className="jc-muted">Drag the header sideways to reorder; double-click it to rename.</p>
      <Button
        variant="danger-link"
        onClick={() => actions.requestDelete([{ kind: 'stages', id }], `stage “${stage.title}”`)}
      >
        <Icon d={icons.trash} size={13} /> Delete stage and its touchpoints
      </Button>
    </fieldset>
  );
}

function LanePanel({ id }: { id: string }) {
  const { store, doc, origin, actions } = useCanvas();
  const lane = useRecord(store, 'lanes', id);
  const lanes = useRecords(store, 'lanes');
  const save = useSave('lanes', id);
  if (!lane) return <p className="jc-panel-body jc-muted">This lane was deleted.</p>;
  const index = lanes.findIndex((l) => l.id === id);
  return (
    <div className="jc-panel-body" data-testid="lane-panel">
      <TextField label="Lane name" value={lane.title} save={(v) => save({ title: v }, 'title')} maxLength={200} />
      <SelectField
        label="Kind"
        value={lane.kind}
        options={LaneKind.options.map((k) => [k, laneKindLabels[k]] as const)}
        onChange={(v) => save({ kind: v })}
      />
      {lane.kind === 'emotions' ? (
        <p className="jc-muted">This lane draws the emotion curve from the touchpoints’ scores.</p>
      ) : null}
      <div className="jc-stack-row">
        <Button size="sm" disabled={index <= 0} onClick={() => moveToIndex(doc, 'lanes', id, index - 1, origin)}>
          <Icon d={icons.chevronUp} /> Move up
        </Button>
        <Button
          size="sm"
          disabled={index >= lanes.length - 1}
          onClick={() => moveToIndex(doc, 'lanes', id, index + 1, origin)}
        >
          <Icon d={icons.chevronDown} /> Move down
        </Button>
      </div>
      <p className="jc-muted">Drag the header up or down to reorder; double-click it to rename.</p>
      <Button
        variant="danger-link"
        onClick={() => actions.requestDelete([{ kind: 'lanes', id }], `lane “${lane.title}”`)}
      >
        <Icon d={icons.trash} size={13} /> Delete lane and its touchpoints
      </Button>
    </div>
  );
}

const kindLabels: Record<ConnectionKind, string> = {
  sequence: 'Next step',
  branch: 'Branch (alternative path)',
  subjourney: 'Sub-journey',
};

function ConnectionPanel({ id }: { id: string }) {
  const { store, actions } = useCanvas();
  const c = useRecord(store, 'connections', id);
  const save = useSave('connections', id);
  const from = useRecord(store, 'touchpoints', c?.fromId);
  const to = useRecord(store, 'touchpoints', c?.toId);
  if (!c) return <p className="jc-panel-body jc-muted">This connection was deleted.</p>;
  return (
    <div className="jc-panel-body" data-testid="connection-panel">
      <p className="jc-route">
        <strong>{from?.title ?? '?'}</strong> → <strong>{to?.title ?? '?'}</strong>
      </p>
      <SelectField
        label="Kind"
        value={c.kind}
        options={ConnectionKind.options.filter((k) => k !== 'subjourney').map((k) => [k, kindLabels[k]] as const)}
        onChange={(v) => save({ kind: v })}
      />
      <TextField
        label="Label"
        value={c.label}
        save={(v) => save({ label: v }, 'label')}
        placeholder="e.g. if the customer is still upset"
        maxLength={200}
      />
      <Button
        variant="danger-link"
        onClick={() => actions.requestDelete([{ kind: 'connections', id }], 'a connection')}
      >
        <Icon d={icons.trash} size={13} /> Delete connection
      </Button>
    </div>
  );
}

const PERSONA_COLORS = ['#0891b2', '#d97706', '#7c3aed', '#059669', '#db2777', '#4f46e5'];

function MapPanel() {
  const { store, doc, origin, actions } = useCanvas();
  const meta = useMeta(store);
  const [error, setError] = useState<string | null>(null);
  if (!meta) return null;
  const savePersonas = (personas: Persona[]): string | null => {
    for (const p of personas) {
      const r = PersonaSchema.safeParse(p);
      if (!r.success) return r.error.issues[0]?.message ?? 'invalid persona';
    }
    updateMeta(doc, { personas }, origin);
    return null;
  };
  return (
    <div className="jc-panel-body" data-testid="map-panel">
      <TextField
        label="Description"
        value={meta.description}
        multiline
        placeholder="What this journey covers and for whom"
        save={(v) => {
          try {
            updateMeta(doc, { description: v }, origin);
            return null;
          } catch (e) {
            return e instanceof Error ? e.message : 'invalid';
          }
        }}
      />
      <Section title="Personas">
        <p className="jc-muted">Each persona gets its own emotion curve.</p>
        <ul className="jc-list">
          {meta.personas.map((p, i) => (
            <li key={p.id} className="jc-list-item jc-persona-item" style={{ '--persona': p.color } as CSSProperties}>
              <TextField
                label={`Persona ${i + 1}`}
                value={p.name}
                save={(v) => savePersonas(meta.personas.map((x) => (x.id === p.id ? { ...x, name: v.trim() } : x)))}
                maxLength={200}
              />
              <TextField
                label="Who they are"
                value={p.description}
                multiline
                save={(v) => savePersonas(meta.personas.map((x) => (x.id === p.id ? { ...x, description: v } : x)))}
              />
              <ImageField
                label="Photo"
                imageId={p.imageId}
                alt={p.name}
                onChange={(imageId) => savedOrProblem(() => setPersonaImage(doc, p.id, imageId, origin))}
              />
              <div className="jc-stack-row">
                <label className="jc-color">
                  <input
                    type="color"
                    value={p.color}
                    aria-label={`Colour of ${p.name}`}
                    onChange={(e) =>
                      savePersonas(meta.personas.map((x) => (x.id === p.id ? { ...x, color: e.target.value } : x)))
                    }
                  />
                  Colour
                </label>
                <Button
                  variant="danger-link"
                  onClick={() => actions.requestDelete([{ kind: 'persona', id: p.id }], `persona “${p.name}”`)}
                >
                  Remove
                </Button>
              </div>
            </li>
          ))}
        </ul>
        <Button
          size="sm"
          onClick={() =>
            setError(
              savePersonas([
                ...meta.personas,
                {
                  id: newId(),
                  name: `Persona ${meta.personas.length + 1}`,
                  description: '',
                  color: PERSONA_COLORS[meta.personas.length % PERSONA_COLORS.length]!,
                  attributes: {},
                  imageId: null,
                },
              ]),
            )
          }
        >
          Add a persona
        </Button>
        <ErrorLine message={error} />
      </Section>
    </div>
  );
}
