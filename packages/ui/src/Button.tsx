import type { ButtonHTMLAttributes, Ref } from 'react';

/**
 * `plain` is for a control with a look of its own (a canvas chip, a toolbar tool, a tab): the kit's
 * behaviour (type, busy, disabled) with only the caller's class.
 */
export type ButtonVariant =
  'primary' | 'secondary' | 'ghost' | 'danger' | 'danger-text' | 'link' | 'danger-link' | 'plain';
export type ButtonSize = 'sm' | 'md' | 'lg';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** A square button holding one icon or glyph (give it an aria-label). */
  icon?: boolean;
  /** While true the button is disabled and says so to assistive tech (aria-busy). */
  busy?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

/** The class names of a kit button, for the few places that style a link or label as one. */
export function buttonClass({
  variant = 'secondary',
  size = 'md',
  icon = false,
  className,
}: Pick<ButtonProps, 'variant' | 'size' | 'icon' | 'className'> = {}): string {
  if (variant === 'plain') return className ?? '';
  return ['btn', `btn-${variant}`, size === 'md' ? '' : `btn-${size}`, icon ? 'btn-icon' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
}

/** A button (type="button" unless told otherwise) in one of the kit's variants and sizes. */
export function Button({
  variant,
  size,
  icon,
  busy = false,
  className,
  type = 'button',
  disabled,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={buttonClass({ variant, size, icon, className }) || undefined}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {children}
    </button>
  );
}
