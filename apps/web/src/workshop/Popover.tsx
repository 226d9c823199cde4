import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button } from '@journeycraft/ui';

/**
 * A button that opens a small panel under it. Escape or a click outside closes it; the panel is a
 * labelled dialog (non-modal) so its controls can be found by name.
 */
export function Popover({
  label,
  button,
  className,
  buttonClassName = 'btn btn-ghost btn-sm',
  children,
  align = 'left',
}: {
  label: string;
  button: ReactNode;
  className?: string;
  buttonClassName?: string;
  children: (close: () => void) => ReactNode;
  align?: 'left' | 'right';
}) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className={`popover ${className ?? ''}`} ref={box}>
      <Button
        variant="plain"
        className={buttonClassName}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {button}
      </Button>
      {open ? (
        <div id={id} className={`popover-panel popover-${align}`} role="dialog" aria-label={label}>
          {children(() => setOpen(false))}
        </div>
      ) : null}
    </div>
  );
}
