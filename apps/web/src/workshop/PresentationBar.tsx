import { useEffect, useRef } from 'react';
import { Button } from '@journeycraft/ui';
import type { Presentation } from './useWorkshop';

/** True when a key went into something that takes typing (where arrows move the caret). */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The presentation strip over the canvas: stage n of m and its name for everyone; Previous, Next
 * (and the arrow keys) and Stop for the facilitator presenting; Leave and Rejoin for the others.
 */
export function PresentationBar({ presentation }: { presentation: Presentation }) {
  const { step, presenting, watching } = presentation;
  const latest = useRef(presentation);
  latest.current = presentation;
  useEffect(() => {
    if (!presenting) return;
    const onKey = (e: KeyboardEvent) => {
      // A key the canvas already used (an arrow moving a focused sticky) is not a step.
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const forward = e.key === 'ArrowRight' || e.key === 'PageDown';
      const back = e.key === 'ArrowLeft' || e.key === 'PageUp';
      if (!forward && !back) return;
      e.preventDefault();
      latest.current.go(forward ? 1 : -1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenting]);
  if (!step) return null;
  const first = step.index === 0;
  const last = step.index === step.count - 1;
  return (
    <div className="presentation-bar" role="region" aria-label="Presentation" data-testid="presentation-bar">
      <span className="presentation-live" aria-hidden="true" />
      <p className="presentation-where" role="status" aria-live="polite">
        <span className="presentation-count" data-testid="presentation-step">
          Stage {step.index + 1} of {step.count}
        </span>
        <strong className="presentation-title">{step.title}</strong>
      </p>
      {presenting ? (
        <>
          <Button
            size="sm"
            variant="secondary"
            onClick={() => presentation.go(-1)}
            disabled={first}
            title="Previous stage (←)"
          >
            ← Previous
          </Button>
          <Button size="sm" variant="primary" onClick={() => presentation.go(1)} disabled={last} title="Next stage (→)">
            Next →
          </Button>
          <Button size="sm" variant="ghost" onClick={presentation.stop}>
            Stop presenting
          </Button>
        </>
      ) : watching ? (
        <Button size="sm" variant="ghost" onClick={() => presentation.setWatching(false)}>
          Leave
        </Button>
      ) : (
        <Button size="sm" variant="primary" onClick={() => presentation.setWatching(true)}>
          Rejoin the presentation
        </Button>
      )}
    </div>
  );
}
