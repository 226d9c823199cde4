import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button, Field, Input, Select, TextArea } from '@journeycraft/ui';
import { updateRecord } from '@journeycraft/doc';
import { recordSchemas, toIssues, type RecordInput, type RecordKind } from '@journeycraft/schema';
import { useCanvas } from '../context.js';
import { Face } from '../icons.js';

/** Validates a patch against the record's schema and writes it; returns a readable problem or null. */
export function useSave<K extends RecordKind>(kind: K, id: string) {
  const { store, doc, origin } = useCanvas();
  return (patch: Partial<Omit<RecordInput<K>, 'id'>>, field?: string): string | null => {
    const current = store.getRecord(kind, id);
    if (!current) return 'This was deleted by someone else.';
    const result = recordSchemas[kind].safeParse({ ...current, ...patch });
    if (!result.success) {
      const issues = toIssues(result.error);
      const mine = field ? issues.filter((i) => i.path === field || i.path.startsWith(`${field}.`)) : issues;
      const issue = (mine.length ? mine : issues)[0]!;
      return issue.message;
    }
    updateRecord(doc, kind, id, patch, origin);
    return null;
  };
}

/**
 * A text field that keeps what you type while you type (remote edits do not clobber it) and
 * saves on Enter or when it loses focus; `save` returns a problem to show, or null.
 */
export function TextField({
  label,
  value,
  save,
  multiline = false,
  placeholder,
  autoFocusKey,
  hint,
  maxLength = 10_000,
}: {
  label: string;
  value: string;
  save: (value: string) => string | null;
  multiline?: boolean;
  placeholder?: string;
  /** When this changes (and is > 0), the field takes focus and selects its text. */
  autoFocusKey?: number;
  hint?: ReactNode;
  maxLength?: number;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const focused = useRef(false);
  const cancelled = useRef(false);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!focused.current) {
      setText(value);
      setError(null);
    }
  }, [value]);
  useEffect(() => {
    if (autoFocusKey) {
      ref.current?.focus();
      ref.current?.select();
    }
  }, [autoFocusKey]);
  const over = text.length - maxLength;
  const commit = () => {
    if (text === value) {
      setError(null);
      return;
    }
    // Checked here, before the schema, so the person reads exactly what was not kept and why;
    // the text stays in the field to shorten (nothing is cut off for them).
    if (over > 0) {
      setError(tooLong(text.length, maxLength));
      return;
    }
    setError(save(text));
  };
  const common = {
    id,
    value: text,
    placeholder,
    onFocus: () => {
      focused.current = true;
    },
    onBlur: () => {
      focused.current = false;
      if (cancelled.current) cancelled.current = false;
      else commit();
    },
    onChange: (e: { target: { value: string } }) => {
      setText(e.target.value);
      if (error) setError(null);
    },
  };
  // Near the limit the field counts characters, so a long paste never surprises on save.
  return (
    <Field label={label} error={error} hint={hint} count={{ length: text.length, max: maxLength }}>
      {multiline ? (
        <TextArea {...common} ref={ref} rows={3} />
      ) : (
        <Input
          {...common}
          ref={ref}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            } else if (e.key === 'Escape') {
              cancelled.current = true;
              setText(value);
              setError(null);
              e.currentTarget.blur();
            }
          }}
        />
      )}
    </Field>
  );
}

/** The message of a text that is over its limit: it says that nothing was saved, and by how much. */
export function tooLong(length: number, max: number): string {
  const over = length - max;
  return `Not saved: ${length.toLocaleString('en')} characters, at most ${max.toLocaleString('en')}. Remove ${over.toLocaleString('en')} to save it.`;
}

/** A number field saved on blur / Enter; empty means `null` when `nullable`. */
export function NumberField({
  label,
  value,
  save,
  min,
  step = 1,
}: {
  label: string;
  value: number | null;
  save: (v: number) => string | null;
  min?: number;
  step?: number;
}) {
  const id = useId();
  const [text, setText] = useState(value === null ? '' : String(value));
  const [error, setError] = useState<string | null>(null);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(value === null ? '' : String(value));
  }, [value]);
  const commit = () => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) {
      setError('Enter a number.');
      return;
    }
    if (n === value) return setError(null);
    setError(save(n));
  };
  return (
    <Field label={label} error={error}>
      <Input
        id={id}
        type="number"
        inputMode="decimal"
        min={min}
        step={step}
        value={text}
        onFocus={() => (focused.current = true)}
        onBlur={() => {
          focused.current = false;
          commit();
        }}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </Field>
  );
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: ReadonlyArray<readonly [T, string]>;
  onChange: (v: T) => void;
}) {
  const id = useId();
  return (
    <Field label={label}>
      <Select
        options={options.map(([v, text]) => ({ value: v, label: text }))}
        onValue={(v) => onChange(v as T)}
        id={id}
        value={value}
      />
    </Field>
  );
}

/** −2..+2 as five buttons. `null` value shows none pressed (inherits). */
export function EmotionPicker({
  label,
  value,
  onChange,
  inherit,
}: {
  label: string;
  value: number | null;
  onChange: (v: number | null) => void;
  inherit?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <span id={`${id}-label`} className="field-label">
        {label}
      </span>
      <div className="jc-emotions" role="radiogroup" aria-labelledby={`${id}-label`}>
        {[-2, -1, 0, 1, 2].map((v) => (
          <Button
            key={v}
            variant="plain"
            role="radio"
            aria-checked={value === v}
            aria-label={`${v > 0 ? '+' : ''}${v}`}
            className={`jc-emotion-btn${value === v ? ' is-on' : ''}`}
            onClick={() => onChange(v)}
          >
            <Face score={v} size={20} />
            <small>{v > 0 ? `+${v}` : v}</small>
          </Button>
        ))}
        {inherit !== undefined ? (
          <Button
            variant="plain"
            className={`jc-emotion-btn jc-inherit${value === null ? ' is-on' : ''}`}
            onClick={() => onChange(null)}
            title="Use the default score"
          >
            {inherit}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="jc-section">
      <div className="jc-section-head">
        <h3>{title}</h3>
        {actions}
      </div>
      {children}
    </section>
  );
}
