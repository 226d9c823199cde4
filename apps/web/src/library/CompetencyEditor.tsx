import { useId, useState, type FormEvent } from 'react';
import { LEVEL_NAMES } from '@journeycraft/library';
import { CompetencySchema, type Competency, type CompetencyKind } from '@journeycraft/schema';
import { messageOf } from '../client';
import { KINDS, kindDescriptions, kindLabels } from './ui';
import { Button, DialogActions, ErrorLine, Field, Input, Select, TextArea } from '@journeycraft/ui';

interface LevelDraft {
  name: string;
  behaviours: string;
}

interface Draft {
  id: string;
  kind: CompetencyKind;
  name: string;
  category: string;
  definition: string;
  source: string;
  levels: LevelDraft[];
}

function draftOf(c: Competency | null): Draft {
  if (c) {
    return {
      id: c.id,
      kind: c.kind,
      name: c.name,
      category: c.category,
      definition: c.definition,
      source: c.source,
      levels: c.levels.map((l) => ({ name: l.name, behaviours: l.behaviours.join('\n') })),
    };
  }
  return {
    id: '',
    kind: 'how',
    name: '',
    category: '',
    definition: '',
    source: '',
    levels: LEVEL_NAMES.how.map((name) => ({ name, behaviours: '' })),
  };
}

/** A readable id from a name: "Defusing anger" → "defusing-anger". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** Turns the schema's issue paths into the form's fields. */
function fieldOf(path: string): string {
  const m = /^levels\.(\d+)\.(name|behaviours)/.exec(path);
  if (m) return `level-${Number(m[1]) + 1}-${m[2]}`;
  return path.split('.')[0] || 'form';
}

/**
 * Adds or edits a competency: kind, name, category, definition and the five levels, each with
 * a name and its observable behaviours (one per line). Checked with the same schema the server
 * uses; problems are shown beside their field.
 */
export function CompetencyEditor({
  competency,
  takenIds,
  onSave,
  onCancel,
}: {
  /** The competency to edit; null to add one. */
  competency: Competency | null;
  /** Ids already in the library (a new competency needs a free one). */
  takenIds: ReadonlySet<string>;
  onSave: (competency: Competency) => Promise<void>;
  onCancel: () => void;
}) {
  const uid = useId();
  const editing = competency !== null;
  const [draft, setDraft] = useState<Draft>(() => draftOf(competency));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [idTouched, setIdTouched] = useState(editing);

  const set = (patch: Partial<Draft>, field: string) => {
    setDraft((d) => ({ ...d, ...patch }));
    setProblems((p) => {
      const next = { ...p };
      delete next[field];
      return next;
    });
    setError(null);
  };
  const setLevel = (i: number, patch: Partial<LevelDraft>, field: string) => {
    setDraft((d) => ({ ...d, levels: d.levels.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
    setProblems((p) => {
      const next = { ...p };
      delete next[field];
      return next;
    });
    setError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const id = (idTouched ? draft.id : slugify(draft.name)).trim();
    const candidate = {
      id,
      kind: draft.kind,
      name: draft.name.trim(),
      category: draft.category.trim(),
      definition: draft.definition.trim(),
      source: draft.source.trim(),
      levels: draft.levels.map((l, i) => ({
        level: i + 1,
        name: l.name.trim(),
        behaviours: l.behaviours
          .split('\n')
          .map((b) => b.trim())
          .filter(Boolean),
      })),
    };
    const found: Record<string, string> = {};
    const parsed = CompetencySchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = fieldOf(issue.path.join('.'));
        found[field] ??=
          field === 'id' && !id
            ? 'Give the competency a name (its id is made from it).'
            : field.endsWith('behaviours')
              ? 'Write at least one observable behaviour (one per line, up to 20).'
              : issue.message.replace(/^./, (ch) => ch.toUpperCase()) + '.';
      }
    }
    if (!editing && id && takenIds.has(id)) {
      found.id = `The id “${id}” is taken; choose another id.`;
      setIdTouched(true);
      setDraft((d) => ({ ...d, id }));
    }
    setProblems(found);
    if (Object.keys(found).length || !parsed.success) {
      setError('Fix the fields marked in red.');
      return;
    }
    setSaving(true);
    try {
      await onSave(parsed.data);
    } catch (err) {
      setError(messageOf(err));
      setSaving(false);
    }
  };

  return (
    <form
      className="comp-editor"
      aria-label={editing ? `Edit ${competency.name}` : 'New competency'}
      noValidate
      onSubmit={submit}
    >
      <div className="comp-editor-grid">
        <Field label={'Name'} compact error={problems['name']} quietError>
          <Input
            id={`${uid}-name`}
            value={draft.name}
            autoFocus
            onChange={(e) => set({ name: e.target.value }, 'name')}
          />
        </Field>
        <Field
          label="Id"
          compact
          error={problems.id}
          quietError
          hint={editing ? 'Maps refer to it; it never changes.' : 'Made from the name; stable once saved.'}
        >
          <Input
            className="mono"
            id={`${uid}-id`}
            value={idTouched ? draft.id : slugify(draft.name)}
            readOnly={editing}
            onChange={(e) => {
              setIdTouched(true);
              set({ id: e.target.value }, 'id');
            }}
          />
        </Field>
        <Field label="Kind" compact>
          <Select
            options={KINDS.map((k) => ({ value: k, label: `${kindLabels[k]}: ${kindDescriptions[k].toLowerCase()}` }))}
            onValue={(v) => {
              const kind = v as CompetencyKind;
              // Level names follow the kind while they are still the defaults of the old one.
              setDraft((d) => ({
                ...d,
                kind,
                levels: d.levels.map((l, i) =>
                  l.name === LEVEL_NAMES[d.kind][i] || !l.name ? { ...l, name: LEVEL_NAMES[kind][i]! } : l,
                ),
              }));
            }}
            id={`${uid}-kind`}
            value={draft.kind}
          />
        </Field>
        <Field label={'Category'} compact error={problems['category']} quietError>
          <Input
            id={`${uid}-category`}
            value={draft.category}
            placeholder="e.g. Connecting with the customer"
            onChange={(e) => set({ category: e.target.value }, 'category')}
          />
        </Field>
        <Field label={'Definition'} compact className="span-2" error={problems['definition']} quietError>
          <TextArea
            id={`${uid}-definition`}
            rows={2}
            value={draft.definition}
            onChange={(e) => set({ definition: e.target.value }, 'definition')}
          />
        </Field>
        <Field label={'Source'} compact className="span-2" error={problems['source']} quietError>
          <Input
            id={`${uid}-source`}
            value={draft.source}
            placeholder="e.g. Acme service framework 2025"
            onChange={(e) => set({ source: e.target.value }, 'source')}
          />
        </Field>
      </div>
      <fieldset className="levels-edit">
        <legend className="levels-legend">Five levels, each with behaviours an observer can see (one per line)</legend>
        {draft.levels.map((l, i) => (
          <div key={i} className="level-edit">
            <span className={`level-num level-${i + 1}`} aria-hidden="true">
              {i + 1}
            </span>
            <Field label={`Level ${i + 1} name`} compact error={problems[`level-${i + 1}-name`]} quietError>
              <Input
                id={`${uid}-l${i + 1}-name`}
                value={l.name}
                onChange={(e) => setLevel(i, { name: e.target.value }, `level-${i + 1}-name`)}
              />
            </Field>
            <Field
              label={`Level ${i + 1} behaviours`}
              compact
              className="grow"
              error={problems[`level-${i + 1}-behaviours`]}
              quietError
            >
              <TextArea
                id={`${uid}-l${i + 1}-behaviours`}
                rows={2}
                value={l.behaviours}
                onChange={(e) => setLevel(i, { behaviours: e.target.value }, `level-${i + 1}-behaviours`)}
              />
            </Field>
          </div>
        ))}
      </fieldset>
      <DialogActions className="comp-editor-actions" start={<ErrorLine message={error} />}>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button variant="primary" type="submit" busy={saving}>
          {saving ? 'Saving…' : editing ? 'Save changes' : 'Add competency'}
        </Button>
      </DialogActions>
    </form>
  );
}
