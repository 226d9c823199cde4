import { useId } from 'react';
import type { SelectOption } from './Field.js';

/**
 * A few mutually exclusive choices shown side by side (native radios in a fieldset, so arrow
 * keys move between them and a screen reader reads "Kind, group, radio 2 of 4"). `legend` names
 * the group; it is read, not shown.
 */
export function Segmented<V extends string = string>({
  legend,
  options,
  value,
  onValue,
  name,
  disabled,
  className,
}: {
  legend: string;
  options: readonly (SelectOption<V> & { title?: string })[];
  value: V;
  onValue: (value: V) => void;
  name?: string;
  disabled?: boolean;
  className?: string;
}) {
  const auto = useId();
  return (
    <fieldset className={['segmented', className ?? ''].filter(Boolean).join(' ')} disabled={disabled}>
      <legend className="segmented-legend">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className={`segment${o.value === value ? ' segment-on' : ''}`} title={o.title}>
          <input
            type="radio"
            name={name ?? `segmented-${auto}`}
            value={o.value}
            checked={o.value === value}
            onChange={() => onValue(o.value)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
