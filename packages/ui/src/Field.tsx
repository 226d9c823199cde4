import {
  cloneElement,
  isValidElement,
  useId,
  type InputHTMLAttributes,
  type ReactElement,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { ErrorLine } from './ErrorLine.js';

/** The attributes a Field hands to its control: its id, and what describes it. */
interface ControlProps {
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
}

/**
 * A labelled control with an optional hint and error line under it. The one child (an Input,
 * Select, TextArea or any element taking id/aria-*) gets the label's id, `aria-describedby` for
 * the hint and error, and `aria-invalid` while there is an error.
 */
export function Field({
  label,
  hint,
  error,
  compact = false,
  quietError = false,
  labelHidden = false,
  beside,
  count,
  className,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  /**
   * The length of the text and its limit: near the limit (over 90 %) the field counts characters,
   * politely announced, and marks the count when it is over.
   */
  count?: { length: number; max: number };
  /** The message saying what is wrong with the value; null or empty when nothing is. */
  error?: string | null;
  /** The error is read with the field rather than announced (a form's summary line is the alert). */
  quietError?: boolean;
  /** The label is read, not shown (the control's place says what it is, e.g. a rename box in a row). */
  labelHidden?: boolean;
  /** What sits on the control's line, after it (the form's button beside a single field). */
  beside?: ReactNode;
  compact?: boolean;
  className?: string;
  children: ReactElement<ControlProps>;
}) {
  const auto = useId();
  const own = isValidElement(children) ? children.props : {};
  const id = own.id ?? `field-${auto}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const counting = count !== undefined && count.length > count.max * 0.9;
  const countId = counting ? `${id}-count` : undefined;
  const describedBy = [own['aria-describedby'], hintId, countId, errorId].filter(Boolean).join(' ') || undefined;
  const control = cloneElement(children, {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : own['aria-invalid'],
  });
  return (
    <div className={['field', compact ? 'compact' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className={labelHidden ? 'field-label-hidden' : undefined}>
        {label}
      </label>
      {beside ? (
        <div className="field-row">
          {control}
          {beside}
        </div>
      ) : (
        control
      )}
      {hint ? (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      ) : null}
      {counting ? (
        <span id={countId} className={`field-count${count.length > count.max ? ' is-over' : ''}`} aria-live="polite">
          {count.length.toLocaleString('en')} / {count.max.toLocaleString('en')} characters
        </span>
      ) : null}
      <ErrorLine id={errorId} message={error} quiet={quietError} />
    </div>
  );
}

type Size = 'sm' | 'md' | 'lg';
const sized = (size: Size | undefined, className: string | undefined) =>
  ['input', size && size !== 'md' ? `input-${size}` : '', className ?? ''].filter(Boolean).join(' ');

/** A text input in the kit's style. */
export function Input({
  size,
  className,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'size'> & { size?: Size; ref?: Ref<HTMLInputElement> }) {
  return <input {...rest} className={sized(size, className)} />;
}

/** A file picker in the kit's style (its button looks like a small secondary button). */
export function FileInput({
  className,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { ref?: Ref<HTMLInputElement> }) {
  return <input {...rest} type="file" className={['file-input', className ?? ''].filter(Boolean).join(' ')} />;
}

/** A multi-line text input in the kit's style. */
export function TextArea({
  className,
  ...rest
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> }) {
  return <textarea {...rest} className={sized(undefined, className)} />;
}

/** One choice of a Select: the stored value and the words a person reads. */
export interface SelectOption<V extends string = string> {
  value: V;
  label: string;
  /** Options next to each other with the same group are shown under it (an optgroup). */
  group?: string;
}

/** Runs of options by group, in order: a run without a group stands alone. */
function runsOf<V extends string>(options: readonly SelectOption<V>[]) {
  const runs: { group: string | undefined; options: SelectOption<V>[] }[] = [];
  for (const o of options) {
    const last = runs[runs.length - 1];
    if (last && last.group === o.group) last.options.push(o);
    else runs.push({ group: o.group, options: [o] });
  }
  return runs;
}

/**
 * A native select over `options` (value + label), calling `onValue` with the chosen value.
 * `placeholder` adds a first, empty choice.
 */
export function Select<V extends string = string>({
  options,
  value,
  onValue,
  placeholder,
  size,
  className,
  ...rest
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'size' | 'value' | 'onChange'> & {
  options: readonly SelectOption<V>[];
  value: V | '';
  onValue: (value: V) => void;
  placeholder?: string;
  size?: Size;
  ref?: Ref<HTMLSelectElement>;
}) {
  return (
    <select {...rest} className={sized(size, className)} value={value} onChange={(e) => onValue(e.target.value as V)}>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {runsOf(options).map((run, i) => {
        const items = run.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ));
        return run.group === undefined ? (
          items
        ) : (
          <optgroup key={`${i}-${run.group}`} label={run.group}>
            {items}
          </optgroup>
        );
      })}
    </select>
  );
}

/**
 * A checkbox (or radio) with its words beside it, the whole line clickable; `hint` is a second,
 * quieter line under it that describes the choice (aria-describedby).
 */
export function Check({
  label,
  hint,
  type = 'checkbox',
  size = 'md',
  card = false,
  className,
  ...rest
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'size'> & {
  label: ReactNode;
  hint?: ReactNode;
  type?: 'checkbox' | 'radio';
  size?: 'sm' | 'md';
  /** A bordered card (one of a grid of choices): title and hint inside, the card highlighted when chosen. */
  card?: boolean;
  ref?: Ref<HTMLInputElement>;
}) {
  const auto = useId();
  const id = rest.id ?? `check-${auto}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [rest['aria-describedby'], hintId].filter(Boolean).join(' ') || undefined;
  if (card) {
    return (
      <label className={['check-card', className ?? ''].filter(Boolean).join(' ')}>
        <input {...rest} id={id} type={type} aria-labelledby={`${id}-title`} aria-describedby={describedBy} />
        <span id={`${id}-title`} className="check-card-title">
          {label}
        </span>
        {hint ? (
          <span id={hintId} className="check-card-hint">
            {hint}
          </span>
        ) : null}
      </label>
    );
  }
  const box = (
    <label
      className={['check', size === 'sm' ? 'check-sm' : '', hint ? '' : (className ?? '')].filter(Boolean).join(' ')}
    >
      <input {...rest} id={id} type={type} aria-describedby={describedBy} />
      <span>{label}</span>
    </label>
  );
  if (!hint) return box;
  return (
    <div className={['check-field', className ?? ''].filter(Boolean).join(' ')}>
      {box}
      <span id={hintId} className="field-hint">
        {hint}
      </span>
    </div>
  );
}

export type { ControlProps };
