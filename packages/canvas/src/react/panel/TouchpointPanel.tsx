import { LockedNote, LockToggle } from './Lock.js';
import { Button, Check, ErrorLine, Input, Select } from '@journeycraft/ui';
import { useState } from 'react';
import {
  attachRole,
  batch,
  createRecord,
  deleteRecord,
  detachRole,
  setInvolvement,
  setOwner,
  setTouchpointImage,
} from '@journeycraft/doc';
import { useMeta, useRecord, useRecords } from '@journeycraft/doc-react';
import {
  Channel,
  channelLabels,
  Involvement,
  involvementLabels,
  isOverCapacity,
  newId,
  Period,
  type Touchpoint,
} from '@journeycraft/schema';
import { useCanvas, type MapLink } from '../context.js';
import { Icon, icons } from '../icons.js';
import { EmotionPicker, NumberField, Section, SelectField, TextField, useSave } from './fields.js';
import { ImageField, savedOrProblem } from './ImageField.js';

/** Every field of one touchpoint, saved as you go, with the schema's validation messages. */
export function TouchpointPanel({
  tp,
  focusTitle,
  maps,
}: {
  tp: Touchpoint;
  focusTitle: number;
  maps: readonly MapLink[];
}) {
  const { store, doc, origin, readOnly, canEditLocked, actions } = useCanvas();
  const save = useSave('touchpoints', tp.id);
  const stageLocked = useRecord(store, 'stages', tp.stageId)?.locked ?? false;
  const locked = (tp.locked || stageLocked) && !canEditLocked;
  const stages = useRecords(store, 'stages');
  const lanes = useRecords(store, 'lanes');
  const roles = useRecords(store, 'roles');
  const meta = useMeta(store);
  const [newRole, setNewRole] = useState('');
  const [roleError, setRoleError] = useState<string | null>(null);

  const set = (patch: Partial<Touchpoint>) => {
    const problem = save(patch);
    if (problem) setRoleError(problem);
  };
  const run = (edit: () => void) => {
    try {
      edit();
      setRoleError(null);
    } catch (err) {
      setRoleError(err instanceof Error ? err.message : 'Could not change the roles.');
    }
  };

  return (
    <fieldset className="jc-panel-body jc-fieldset" data-testid="touchpoint-panel" disabled={readOnly || locked}>
      {locked ? <LockedNote what={tp.locked ? 'touchpoint' : 'stage'} /> : null}
      <LockToggle kind="touchpoints" id={tp.id} locked={tp.locked} />
      <TextField
        label="Title"
        value={tp.title}
        save={(v) => save({ title: v }, 'title')}
        autoFocusKey={focusTitle}
        maxLength={200}
      />
      <ImageField
        label="Picture"
        imageId={tp.imageId}
        alt={tp.title}
        disabled={locked}
        onChange={(imageId) => savedOrProblem(() => setTouchpointImage(doc, tp.id, imageId, origin))}
      />
      <div className="jc-row">
        <SelectField
          label="Stage"
          value={tp.stageId}
          options={stages.map((s) => [s.id, s.title] as const)}
          onChange={(v) => set({ stageId: v })}
        />
        <SelectField
          label="Lane"
          value={tp.laneId}
          options={lanes.map((l) => [l.id, l.title] as const)}
          onChange={(v) => set({ laneId: v })}
        />
      </div>
      <div className="jc-row">
        <SelectField
          label="Channel"
          value={tp.channel}
          options={Channel.options.map((c) => [c, channelLabels[c]] as const)}
          onChange={(v) => set({ channel: v })}
        />
        <Check
          className="jc-mot-check"
          label={
            <>
              <Icon d={icons.star} size={13} /> Moment of truth
            </>
          }
          checked={tp.momentOfTruth}
          onChange={(e) => set({ momentOfTruth: e.target.checked })}
        />
      </div>
      <EmotionPicker label="Emotion" value={tp.emotion} onChange={(v) => v !== null && set({ emotion: v })} />
      {meta?.personas.length ? (
        <details className="jc-details">
          <summary>Emotion per persona</summary>
          {meta.personas.map((p) => (
            <EmotionPicker
              key={p.id}
              label={p.name}
              value={tp.personaEmotions[p.id] ?? null}
              inherit="Same"
              onChange={(v) => {
                const next = { ...tp.personaEmotions };
                if (v === null) delete next[p.id];
                else next[p.id] = v;
                set({ personaEmotions: next });
              }}
            />
          ))}
        </details>
      ) : null}
      <TextField
        label="Customer goal"
        value={tp.customerGoal}
        multiline
        save={(v) => save({ customerGoal: v }, 'customerGoal')}
        placeholder="What the customer wants here"
      />
      <TextField
        label="Description"
        value={tp.description}
        multiline
        save={(v) => save({ description: v }, 'description')}
      />

      <Section title="People">
        <SelectField
          label="Owner role"
          value={tp.ownerRoleId ?? ''}
          options={[['', 'No owner'] as const, ...roles.map((r) => [r.id, r.name] as const)]}
          onChange={(v) => run(() => setOwner(doc, tp.id, v || null, origin))}
        />
        <Assignments touchpointId={tp.id} />
        <form
          className="jc-inline-add"
          onSubmit={(e) => {
            e.preventDefault();
            const name = newRole.trim();
            if (!name) return setRoleError('Enter a role name.');
            try {
              batch(doc, origin, () => {
                const role = createRecord(doc, 'roles', { name }, origin);
                attachRole(doc, tp.id, role.id, tp.ownerRoleId ? 'performs' : 'owner', origin);
              });
              setNewRole('');
              setRoleError(null);
            } catch (err) {
              setRoleError(err instanceof Error ? err.message : 'Could not add the role.');
            }
          }}
        >
          <Input
            aria-label="New role name"
            placeholder="New role, e.g. Store advisor"
            value={newRole}
            onChange={(e) => setNewRole(e.target.value)}
            maxLength={220}
          />
          <Button size="sm" type="submit">
            Add role
          </Button>
        </form>
        <ErrorLine message={roleError} />
      </Section>

      <Section title="Demand and capacity">
        {tp.demandCapacity ? (
          <>
            <div className="jc-row jc-row-3">
              <NumberField
                label="Demand"
                value={tp.demandCapacity.demand}
                min={0}
                save={(v) => save({ demandCapacity: { ...tp.demandCapacity!, demand: v } }, 'demandCapacity')}
              />
              <NumberField
                label="Capacity"
                value={tp.demandCapacity.capacity}
                min={0}
                save={(v) => save({ demandCapacity: { ...tp.demandCapacity!, capacity: v } }, 'demandCapacity')}
              />
              <SelectField
                label="Per"
                value={tp.demandCapacity.period}
                options={Period.options.map((p) => [p, p] as const)}
                onChange={(v) => set({ demandCapacity: { ...tp.demandCapacity!, period: v } })}
              />
            </div>
            {isOverCapacity(tp) ? (
              <p className="jc-warning" role="status">
                <Icon d={icons.warn} size={14} /> Demand is over capacity: personal attention and empathy are the first
                to suffer here.
              </p>
            ) : null}
            <Button variant="link" onClick={() => set({ demandCapacity: null })}>
              Remove demand and capacity
            </Button>
          </>
        ) : (
          <Button size="sm" onClick={() => set({ demandCapacity: { demand: 0, capacity: 0, period: 'day' } })}>
            Track demand and capacity
          </Button>
        )}
      </Section>

      <Section title="Pain points">
        <StringList
          items={tp.painPoints}
          placeholder="What goes wrong for the customer"
          label="pain point"
          save={(items) => save({ painPoints: items }, 'painPoints')}
        />
      </Section>

      <Section title="Experience standards">
        <ul className="jc-list">
          {tp.experienceStandards.map((s, i) => (
            <li key={s.id} className="jc-list-item">
              <TextField
                label={`Standard ${i + 1}`}
                value={s.text}
                save={(v) =>
                  save(
                    { experienceStandards: tp.experienceStandards.map((x) => (x.id === s.id ? { ...x, text: v } : x)) },
                    `experienceStandards.${i}`,
                  )
                }
              />
              <Check
                size="sm"
                label="Never waived under pressure"
                checked={s.nonNegotiable}
                onChange={(e) =>
                  set({
                    experienceStandards: tp.experienceStandards.map((x) =>
                      x.id === s.id ? { ...x, nonNegotiable: e.target.checked } : x,
                    ),
                  })
                }
              />
              <Button
                variant="link"
                onClick={() => set({ experienceStandards: tp.experienceStandards.filter((x) => x.id !== s.id) })}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
        <Button
          size="sm"
          onClick={() =>
            set({
              experienceStandards: [
                ...tp.experienceStandards,
                { id: newId(), text: 'New standard', nonNegotiable: false },
              ],
            })
          }
        >
          Add a standard
        </Button>
      </Section>

      <Section title="Metrics">
        <ul className="jc-list">
          {tp.metrics.map((m, i) => (
            <li key={m.id} className="jc-list-item">
              <TextField
                label="Metric"
                value={m.name}
                save={(v) =>
                  save({ metrics: tp.metrics.map((x) => (x.id === m.id ? { ...x, name: v } : x)) }, `metrics.${i}`)
                }
              />
              <div className="jc-row jc-row-3">
                <TextField
                  label="Target"
                  value={m.target}
                  save={(v) =>
                    save({ metrics: tp.metrics.map((x) => (x.id === m.id ? { ...x, target: v } : x)) }, `metrics.${i}`)
                  }
                />
                <TextField
                  label="Unit"
                  value={m.unit}
                  save={(v) =>
                    save({ metrics: tp.metrics.map((x) => (x.id === m.id ? { ...x, unit: v } : x)) }, `metrics.${i}`)
                  }
                />
                <TextField
                  label="Source"
                  value={m.source}
                  save={(v) =>
                    save({ metrics: tp.metrics.map((x) => (x.id === m.id ? { ...x, source: v } : x)) }, `metrics.${i}`)
                  }
                />
              </div>
              <Button variant="link" onClick={() => set({ metrics: tp.metrics.filter((x) => x.id !== m.id) })}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
        <Button
          size="sm"
          onClick={() =>
            set({ metrics: [...tp.metrics, { id: newId(), name: 'New metric', target: '', unit: '', source: '' }] })
          }
        >
          Add a metric
        </Button>
      </Section>

      <Connections touchpointId={tp.id} />

      <SubJourneys touchpointId={tp.id} maps={maps} />

      <Button
        variant="danger-link"
        onClick={() => actions.requestDelete([{ kind: 'touchpoints', id: tp.id }], `touchpoint “${tp.title}”`)}
      >
        <Icon d={icons.trash} size={13} /> Delete touchpoint
      </Button>
    </fieldset>
  );
}

function Assignments({ touchpointId }: { touchpointId: string }) {
  const { store, doc, origin } = useCanvas();
  const assignments = useRecords(store, 'assignments').filter((a) => a.touchpointId === touchpointId);
  const roles = useRecords(store, 'roles');
  const free = roles.filter((r) => !assignments.some((a) => a.roleId === r.id));
  return (
    <div className="jc-assignments">
      <span className="field-label">Roles at this touchpoint</span>
      {assignments.length === 0 ? <p className="jc-muted">No roles attached yet.</p> : null}
      <ul className="jc-list">
        {assignments.map((a) => (
          <li key={a.id} className="jc-assign">
            <span>{roles.find((r) => r.id === a.roleId)?.name ?? 'Unknown role'}</span>
            <Select
              size="sm"
              className="input-auto"
              options={Involvement.options.map((i) => ({ value: i, label: involvementLabels[i] }))}
              onValue={(v) => setInvolvement(doc, a.id, v as Involvement, origin)}
              aria-label="Involvement"
              value={a.involvement}
            />
            <Button
              variant="ghost"
              size="sm"
              icon
              aria-label="Detach role"
              onClick={() => detachRole(doc, touchpointId, a.roleId, origin)}
            >
              ×
            </Button>
          </li>
        ))}
      </ul>
      {free.length ? (
        <Select
          size="sm"
          options={free.map((r) => ({ value: r.id, label: r.name }))}
          placeholder="Attach a role…"
          onValue={(v) => v && attachRole(doc, touchpointId, v, 'performs', origin)}
          aria-label="Attach a role"
          value=""
        />
      ) : null}
    </div>
  );
}

/**
 * The card's connections to other cards, each named by titles, with Remove; and "Connect to…",
 * so connections are made and removed from the keyboard as well as by dragging a handle.
 */
function Connections({ touchpointId }: { touchpointId: string }) {
  const { store, doc, origin, actions } = useCanvas();
  const connections = useRecords(store, 'connections');
  const touchpoints = useRecords(store, 'touchpoints');
  const titles = new Map(touchpoints.map((t) => [t.id, t.title]));
  const mine = connections.filter(
    (c) => c.kind !== 'subjourney' && c.toId !== null && (c.fromId === touchpointId || c.toId === touchpointId),
  );
  const linked = new Set(mine.filter((c) => c.fromId === touchpointId).map((c) => c.toId));
  const targets = touchpoints.filter((t) => t.id !== touchpointId && !linked.has(t.id));
  return (
    <Section title="Connections">
      {mine.length === 0 ? <p className="jc-muted">Not connected to another card yet.</p> : null}
      <ul className="jc-list" aria-label="Connections of this card">
        {mine.map((c) => {
          const out = c.fromId === touchpointId;
          const other = titles.get((out ? c.toId : c.fromId) ?? '') ?? 'a card';
          const text = `${out ? 'Next:' : 'Comes from:'} ${other}`;
          return (
            <li key={c.id} className="jc-assign">
              <span>
                {text}
                {c.kind === 'branch' ? ' (branch)' : ''}
              </span>
              <Button
                variant="ghost"
                size="sm"
                icon
                aria-label={`Remove connection ${out ? 'to' : 'from'} “${other}”`}
                onClick={() => actions.requestDelete([{ kind: 'connections', id: c.id }], 'a connection')}
              >
                ×
              </Button>
            </li>
          );
        })}
      </ul>
      {targets.length ? (
        <Select
          size="sm"
          options={targets.map((t) => ({ value: t.id, label: t.title }))}
          placeholder="Connect to…"
          onValue={(v) => {
            if (!v) return;
            createRecord(doc, 'connections', { fromId: touchpointId, toId: v, kind: 'sequence' }, origin);
          }}
          aria-label="Connect to…"
          value=""
        />
      ) : null}
    </Section>
  );
}

function SubJourneys({ touchpointId, maps }: { touchpointId: string; maps: readonly MapLink[] }) {
  const { store, doc, origin, actions } = useCanvas();
  const links = useRecords(store, 'connections').filter((c) => c.fromId === touchpointId && c.kind === 'subjourney');
  const title = (id: string | null) => maps.find((m) => m.id === id)?.title ?? 'A map you cannot see';
  const free = maps.filter((m) => !links.some((l) => l.targetMapId === m.id));
  return (
    <Section title="Sub-journeys">
      {links.length === 0 ? <p className="jc-muted">Link a map that continues the journey from here.</p> : null}
      <ul className="jc-list">
        {links.map((l) => (
          <li key={l.id} className="jc-assign">
            <Button variant="link" onClick={() => l.targetMapId && actions.openMap(l.targetMapId)}>
              <Icon d={icons.link} size={13} /> {title(l.targetMapId)}
            </Button>
            <Button
              variant="ghost"
              size="sm"
              icon
              aria-label="Remove link"
              onClick={() => deleteRecord(doc, 'connections', l.id, origin)}
            >
              ×
            </Button>
          </li>
        ))}
      </ul>
      {free.length ? (
        <Select
          size="sm"
          options={free.map((m) => ({ value: m.id, label: m.title }))}
          placeholder="Link another map…"
          onValue={(v) =>
            v &&
            createRecord(
              doc,
              'connections',
              { fromId: touchpointId, kind: 'subjourney', targetMapId: v, label: title(v) },
              origin,
            )
          }
          aria-label="Link a sub-journey"
          value=""
        />
      ) : null}
    </Section>
  );
}

/** A list of short texts: edit in place, add, remove. */
function StringList({
  items,
  save,
  placeholder,
  label,
}: {
  items: string[];
  save: (items: string[]) => string | null;
  placeholder: string;
  label: string;
}) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <ul className="jc-list">
        {items.map((text, i) => (
          <li key={`${i}:${text}`} className="jc-string">
            <TextField
              label={`${label[0]!.toUpperCase()}${label.slice(1)} ${i + 1}`}
              value={text}
              save={(v) => save(items.map((x, j) => (j === i ? v : x)))}
              maxLength={500}
            />
            <Button
              variant="ghost"
              size="sm"
              icon
              aria-label={`Remove ${label} ${i + 1}`}
              onClick={() => save(items.filter((_, j) => j !== i))}
            >
              ×
            </Button>
          </li>
        ))}
      </ul>
      <form
        className="jc-inline-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (!draft.trim()) return setError(`Describe the ${label} first.`);
          const problem = save([...items, draft.trim()]);
          setError(problem);
          if (!problem) setDraft('');
        }}
      >
        <Input
          aria-label={`New ${label}`}
          placeholder={placeholder}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <Button size="sm" type="submit">
          Add
        </Button>
      </form>
      <ErrorLine message={error} />
    </div>
  );
}

export function useTouchpoint(id: string) {
  const { store } = useCanvas();
  return useRecord(store, 'touchpoints', id);
}
