import {
  cloneElement,
  isValidElement,
  useId,
  type InputHTMLAttributes,
  type ReactElement,
  type ReactNode,
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
  className,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  /** The message saying what is wrong with the value; null or empty when nothing is. */
  error?: string | null;
  compact?: boolean;
  className?: string;
  children: ReactElement<ControlProps>;
}) {
  const auto = useId();
  const own = isValidElement(children) ? children.props : {};
  const id = own.id ?? `field-${auto}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [own['aria-describedby'], hintId, errorId].filter(Boolean).join(' ') || undefined;
  const control = cloneElement(children, {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': error ? true : own['aria-invalid'],
  });
  return (
    <div className={['field', compact ? 'compact' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {control}
      {hint ? (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      ) : null}
      <ErrorLine id={errorId} message={error} />
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
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'size'> & { size?: Size }) {
  return <input {...rest} className={sized(size, className)} />;
}

/** A multi-line text input in the kit's style. */
export function TextArea({ className, ...rest }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea {...rest} className={sized(undefined, className)} />;
}

/** One choice of a Select: the stored value and the words a person reads. */
export interface SelectOption<V extends string = string> {
  value: V;
  label: string;
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
}) {
  return (
    <select {...rest} className={sized(size, className)} value={value} onChange={(e) => onValue(e.target.value as V)}>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export type { ControlProps };
