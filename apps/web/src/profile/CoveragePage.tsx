import { involvementLabels } from '@journeycraft/schema';
import { useMemo, type ReactNode } from 'react';
import { Link } from 'wouter';
import { capacityWarnings, coverageMatrix, rankRoles, type CoverageMatrix } from '@journeycraft/profiles';
import type { CompetencyKind } from '@journeycraft/schema';
import { plural } from '../format';
import { MapSubpage } from '../connection/MapSubpage';
import { useMapSnapshot, type MapConnection } from '../connection/useMapConnection';
import { KINDS, kindLabels } from '../library/ui';
import { periodLabels } from '../roles/labels';
import { MapExportPanel } from '../export/MapExportPanel';
import { JumpToExport } from '../export/ui';
import { factorLabels } from './labels';
import './profile.css';

/** `/maps/:id/coverage`: roles × competencies by required level, the gaps, the criticality ranking, capacity warnings. */
export function CoveragePage({ mapId }: { mapId: string }) {
  return (
    <MapSubpage
      mapId={mapId}
      section="coverage"
      pageTitle="Coverage"
      crumbs={
        <span className="crumb-current" aria-current="page">
          Coverage &amp; criticality
        </span>
      }
    >
      {(map) => <CoverageView mapId={mapId} map={map} />}
    </MapSubpage>
  );
}

function CoverageView({ mapId, map }: { mapId: string; map: MapConnection }) {
  const snapshot = useMapSnapshot(map.store);
  const matrix = useMemo(() => coverageMatrix(snapshot), [snapshot]);
  const ranking = useMemo(() => rankRoles(snapshot), [snapshot]);
  const warnings = useMemo(() => capacityWarnings(snapshot), [snapshot]);
  const titles = useMemo(() => new Map(snapshot.touchpoints.map((t) => [t.id, t.title])), [snapshot.touchpoints]);

  return (
    <div className="coverage">
      <div className="panel-head">
        <div>
          <h1 className="page-title">Coverage &amp; criticality</h1>
          <p className="page-lede">
            Which role needs which competency, and at what level, across the whole journey; where the map has gaps; and
            which roles the customer experience depends on most.
          </p>
        </div>
        <JumpToExport label="Export for HR" className="btn btn-secondary" />
      </div>

      <section className="card coverage-section" aria-label="Coverage matrix">
        <div className="coverage-section-head">
          <h2 className="section-h">Roles × competencies</h2>
          <Legend />
        </div>
        {matrix.roles.length === 0 || matrix.competencies.length === 0 ? (
          <p className="muted">
            {matrix.roles.length === 0
              ? 'No roles on this map yet.'
              : 'No competencies on this map yet: require some at touchpoints on the roles page.'}{' '}
            <Link href={`/maps/${mapId}/roles`}>Go to roles &amp; touchpoints</Link>
          </p>
        ) : (
          <Matrix mapId={mapId} matrix={matrix} titles={titles} />
        )}
      </section>

      <div className="coverage-grid">
        <section className="card coverage-section" aria-label="Criticality ranking">
          <h2 className="section-h">Criticality ranking</h2>
          {ranking.length === 0 ? (
            <p className="muted">No roles on this map yet.</p>
          ) : (
            <ol className="rank-list">
              {ranking.map(({ rank, role, criticality: c }) => {
                const top = [...c.reasons]
                  .sort((a, b) => b.weight - a.weight)
                  .filter((r) => r.weight > 0)
                  .slice(0, 2);
                return (
                  <li key={role.id} className="rank" aria-label={`${rank}. ${role.name}, score ${c.score}`}>
                    <span className="rank-num">{rank}</span>
                    <div className="rank-main">
                      <div className="rank-line">
                        <Link href={`/maps/${mapId}/roles/${role.id}`} className="rank-name">
                          {role.name}
                        </Link>
                        {c.critical ? <span className="crit-badge crit-on">Critical</span> : null}
                        {c.successionRisk ? <span className="tag tag-danger">No successor</span> : null}
                      </div>
                      <div className="rank-bar" aria-hidden="true">
                        <span style={{ width: `${c.score}%` }} className={c.critical ? 'rank-bar-critical' : ''} />
                      </div>
                      <p className="rank-why">
                        {plural(c.touchpointCount, 'touchpoint')} ·{' '}
                        {plural(c.momentsOfTruth.length, 'moment of truth', 'moments of truth')}
                        {top.length
                          ? ` · mostly ${top.map((r) => factorLabels[r.factor].toLowerCase()).join(' and ')}`
                          : ''}
                      </p>
                    </div>
                    <span className="rank-score">{c.score}</span>
                  </li>
                );
              })}
            </ol>
          )}
        </section>

        <div className="coverage-side">
          <section className="card coverage-section" aria-label="Capacity warnings">
            <h2 className="section-h">
              Capacity warnings <span className="count-badge">{warnings.length}</span>
            </h2>
            {warnings.length === 0 ? (
              <p className="muted">No touchpoint has more demand than capacity.</p>
            ) : (
              <ul className="warn-list">
                {warnings.map((w) => (
                  <li key={w.touchpoint.id} className="warn">
                    <Link href={`/maps/${mapId}/roles?touchpoint=${w.touchpoint.id}`} className="warn-title">
                      {w.touchpoint.title}
                    </Link>
                    <p className="warn-figures">
                      Demand {w.demand} against capacity {w.capacity} {periodLabels[w.period]}
                      {w.ratio !== null ? ` (${w.ratio.toFixed(1)}×)` : ' (no capacity at all)'}
                    </p>
                    {w.roles.length ? (
                      <p className="warn-roles">
                        Under strain:{' '}
                        {w.roles.map((r) => `${r.name} (${involvementLabels[r.involvement].toLowerCase()})`).join(', ')}
                      </p>
                    ) : (
                      <p className="warn-roles">No role is attached here yet.</p>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <Gaps mapId={mapId} matrix={matrix} />
        </div>
      </div>

      <div id="export" className="profile-export">
        <MapExportPanel mapId={mapId} roleCount={snapshot.roles.length} />
      </div>
    </div>
  );
}

function Legend() {
  return (
    <div className="legend" aria-label="Required level">
      <span className="legend-label">Required level</span>
      {[1, 2, 3, 4, 5].map((l) => (
        <span key={l} className={`heat heat-${l} legend-cell`}>
          {l}
        </span>
      ))}
    </div>
  );
}

function Matrix({
  mapId,
  matrix,
  titles,
}: {
  mapId: string;
  matrix: CoverageMatrix;
  titles: ReadonlyMap<string, string>;
}) {
  const groups = KINDS.map((kind) => ({
    kind,
    count: matrix.competencies.filter((c) => c.kind === kind).length,
  })).filter((g) => g.count > 0);
  const firstOfKind = new Set<string>();
  const seen = new Set<CompetencyKind>();
  for (const c of matrix.competencies) {
    if (!seen.has(c.kind)) {
      seen.add(c.kind);
      firstOfKind.add(c.id);
    }
  }
  return (
    <div className="matrix-scroll">
      <table className="matrix" aria-label="Roles by competencies">
        <thead>
          <tr>
            <td className="matrix-corner" />
            {groups.map((g) => (
              <th key={g.kind} colSpan={g.count} scope="colgroup" className={`matrix-kind kind-col-${g.kind}`}>
                {kindLabels[g.kind]}
              </th>
            ))}
          </tr>
          <tr>
            <th scope="col" className="matrix-corner matrix-corner-label">
              Role
            </th>
            {matrix.competencies.map((c) => (
              <th
                key={c.id}
                scope="col"
                className={`matrix-col${firstOfKind.has(c.id) ? ' matrix-kind-start' : ''}`}
                title={c.definition}
              >
                <span className="matrix-col-name">{c.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.roles.map((role, i) => (
            <tr key={role.id}>
              <th scope="row" className="matrix-role">
                <Link href={`/maps/${mapId}/roles/${role.id}`}>{role.name}</Link>
              </th>
              {matrix.competencies.map((c, j) => {
                const cell = matrix.cells[i]?.[j] ?? null;
                const kindStart = firstOfKind.has(c.id) ? ' matrix-kind-start' : '';
                if (!cell) return <td key={c.id} className={`matrix-cell${kindStart}`} />;
                const where = cell.touchpointIds.map((id) => titles.get(id) ?? id);
                const label = `${role.name} needs ${c.name} at level ${cell.level}, at ${where.join(', ')}`;
                return (
                  <td key={c.id} className={`matrix-cell${kindStart}`}>
                    <Link
                      href={`/maps/${mapId}/roles/${role.id}#competency-${c.id}`}
                      className={`heat heat-${cell.level}`}
                      aria-label={label}
                      title={label}
                    >
                      {cell.level}
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Gaps({ mapId, matrix }: { mapId: string; matrix: CoverageMatrix }) {
  const g = matrix.gaps;
  const count =
    g.touchpointsWithoutRoles.length +
    g.touchpointsWithoutOwner.length +
    g.rolesWithoutCompetencies.length +
    g.competenciesNotRequired.length +
    g.missingCompetencies.length;
  return (
    <section className="card coverage-section" aria-label="Gaps">
      <h2 className="section-h">
        Gaps <span className="count-badge">{count}</span>
      </h2>
      {count === 0 ? (
        <p className="muted">No gaps: every touchpoint has roles and an owner, and every role has competencies.</p>
      ) : (
        <div className="gap-groups">
          {g.touchpointsWithoutRoles.length ? (
            <GapGroup title="Touchpoints nobody is attached to">
              {g.touchpointsWithoutRoles.map((t) => (
                <li key={t.id}>
                  <Link href={`/maps/${mapId}/roles?touchpoint=${t.id}`}>{t.title}</Link>
                  {t.momentOfTruth ? <span className="tag tag-accent">Moment of truth</span> : null}
                </li>
              ))}
            </GapGroup>
          ) : null}
          {g.touchpointsWithoutOwner.length ? (
            <GapGroup title="Touchpoints without an owner">
              {g.touchpointsWithoutOwner.map((t) => (
                <li key={t.id}>
                  <Link href={`/maps/${mapId}/roles?touchpoint=${t.id}`}>{t.title}</Link>
                  {t.momentOfTruth ? <span className="tag tag-accent">Moment of truth</span> : null}
                </li>
              ))}
            </GapGroup>
          ) : null}
          {g.rolesWithoutCompetencies.length ? (
            <GapGroup title="Roles with no competency required">
              {g.rolesWithoutCompetencies.map((r) => (
                <li key={r.id}>
                  <Link href={`/maps/${mapId}/roles/${r.id}`}>{r.name}</Link>
                </li>
              ))}
            </GapGroup>
          ) : null}
          {g.competenciesNotRequired.length ? (
            <GapGroup title="Competencies on the map no touchpoint requires">
              {g.competenciesNotRequired.map((c) => (
                <li key={c.id}>{c.name}</li>
              ))}
            </GapGroup>
          ) : null}
          {g.missingCompetencies.length ? (
            <GapGroup title="Requirements pointing at a missing competency">
              {g.missingCompetencies.map((m) => (
                <li key={m.competencyId}>
                  {m.competencyId} ({plural(m.requirementIds.length, 'requirement')})
                </li>
              ))}
            </GapGroup>
          ) : null}
        </div>
      )}
    </section>
  );
}

function GapGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="gap-group">
      <h3 className="sub-h">{title}</h3>
      <ul className="gap-list">{children}</ul>
    </div>
  );
}
