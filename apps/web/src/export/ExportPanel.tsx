import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { RoleProfile } from '@journeycraft/profiles';
import { useExportCatalogue } from './hooks';
import { LoadingState } from './ui';
import { RoleDocuments } from './RoleDocuments';
import { DevelopmentPlanForm } from './DevelopmentPlanForm';
import { CustomTemplateForm } from './CustomTemplateForm';
import './export.css';
import { Button } from '@journeycraft/ui';

type Tab = 'documents' | 'development' | 'template';

const TABS: ReadonlyArray<{ id: Tab; label: string }> = [
  { id: 'documents', label: 'HR documents' },
  { id: 'development', label: 'Development plan from assessments' },
  { id: 'template', label: 'Your own template' },
];

/**
 * The export panel of a role profile: the role's HR documents in any format the server offers (one
 * or all, zipped), development plans from an assessments CSV, and the company's own templates.
 */
export function ExportPanel({ mapId, profile }: { mapId: string; profile: RoleProfile }) {
  const id = useId();
  const catalogue = useExportCatalogue();
  const [tab, setTab] = useState<Tab>('documents');
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);

  const onKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = (i + step + TABS.length) % TABS.length;
    setTab(TABS[next]!.id);
    tabs.current[next]?.focus();
  };

  return (
    <section className="card export-panel" aria-label="Export" data-testid="export-panel">
      <div className="export-head">
        <div>
          <h2 className="section-h export-title">Export for HR</h2>
          <p className="export-lede">
            Documents written from this role&rsquo;s touchpoints and competencies, with the journey as evidence. They
            follow the map: edit the map and export again.
          </p>
        </div>
      </div>
      <div className="export-tabs" role="tablist" aria-label="Export options" onKeyDown={onKey}>
        {TABS.map((t, i) => (
          <Button
            variant="plain"
            key={t.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            role="tab"
            id={`${id}-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${id}-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={`map-tab export-tab${tab === t.id ? ' map-tab-current' : ''}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </Button>
        ))}
      </div>
      <div
        className="export-body"
        role="tabpanel"
        id={`${id}-panel-${tab}`}
        aria-labelledby={`${id}-tab-${tab}`}
        tabIndex={-1}
      >
        {catalogue.status !== 'ready' ? (
          <LoadingState loaded={catalogue} what="the document kinds" />
        ) : tab === 'documents' ? (
          <RoleDocuments mapId={mapId} role={profile.role} catalogue={catalogue.value} />
        ) : tab === 'development' ? (
          <DevelopmentPlanForm mapId={mapId} profile={profile} catalogue={catalogue.value} />
        ) : (
          <CustomTemplateForm mapId={mapId} role={profile.role} catalogue={catalogue.value} />
        )}
      </div>
    </section>
  );
}
