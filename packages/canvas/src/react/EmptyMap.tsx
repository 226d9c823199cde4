import { useState } from 'react';
import { useMeta } from '@journeycraft/doc-react';
import { applyTemplate, mapTemplates } from '../templates/index.js';
import { useCanvas } from './context.js';
import { Icon, icons } from './icons.js';
import { Button } from '@journeycraft/ui';

/** Shown on a map with no stages and no lanes: start from scratch or from a template. */
export function EmptyMap({ readOnly }: { readOnly: boolean }) {
  const { store, doc, origin, actions } = useCanvas();
  const meta = useMeta(store);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="jc-empty" data-testid="empty-map">
      <div className="jc-empty-card">
        <svg className="jc-empty-art" viewBox="0 0 160 70" aria-hidden="true">
          <rect x="4" y="6" width="44" height="58" rx="8" />
          <rect x="58" y="6" width="44" height="58" rx="8" />
          <rect x="112" y="6" width="44" height="58" rx="8" />
          <path d="M16 46c14 0 16-22 36-22s24 26 42 26 22-16 52-16" />
        </svg>
        <h2>This map is empty</h2>
        <p>
          Add a <strong>stage</strong> for each step the customer takes and a <strong>lane</strong> for each row you
          want to follow, then place touchpoints where they meet. Or start from a template and make it yours.
        </p>
        {!readOnly ? (
          <>
            <div className="jc-empty-actions">
              <Button variant="primary" onClick={actions.addStage}>
                <Icon d={icons.plus} /> Add a stage
              </Button>
              <Button onClick={actions.addLane}>
                <Icon d={icons.plus} /> Add a lane
              </Button>
            </div>
            <h3 className="jc-empty-sub">Start from a template</h3>
            <ul className="jc-templates" aria-label="Templates">
              {mapTemplates.map((t) => (
                <li key={t.id}>
                  <Button
                    variant="plain"
                    className="jc-template"
                    onClick={() => {
                      try {
                        if (meta) applyTemplate(doc, t.id, origin, meta);
                      } catch (e) {
                        setError(e instanceof Error ? e.message : 'The template could not be added.');
                      }
                    }}
                  >
                    <span className="jc-template-name">{t.name}</span>
                    <span className="jc-template-summary">{t.summary}</span>
                    <span className="jc-template-stats">
                      {t.stats.stages} stages · {t.stats.lanes} lanes · {t.stats.touchpoints} touchpoints
                    </span>
                  </Button>
                </li>
              ))}
            </ul>
            {error ? (
              <p className="jc-error" role="alert">
                {error}
              </p>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
