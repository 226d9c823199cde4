import { channelLabels, involvementLabels } from '@journeycraft/schema';
import { useEffect, useMemo } from 'react';
import { Link } from 'wouter';
import { useRecord } from '@journeycraft/doc-react';
import { buildRoleProfile, type RequiredCompetency, type RoleProfile } from '@journeycraft/profiles';
import type { CompetencyKind } from '@journeycraft/schema';
import { plural } from '../format';
import { MapSubpage } from '../connection/MapSubpage';
import { useMapSnapshot, type MapConnection } from '../connection/useMapConnection';
import { KINDS, KindBadge, LevelChip, kindDescriptions, kindLabels } from '../library/ui';
import { cadenceLabels, periodLabels } from '../roles/labels';
import { ExportPanel } from '../export/ExportPanel';
import { JumpToExport } from '../export/ui';
import { factorLabels, neededAt } from './labels';
import './profile.css';

/** `/maps/:id/roles/:roleId`: everything the map says about one role, live. */
export function RoleProfilePage({ mapId, roleId }: { mapId: string; roleId: string }) {
  return (
    <MapSubpage mapId={mapId} section="roles" pageTitle="Role profile" crumbs={<ProfileCrumb mapId={mapId} />}>
      {(map) => <ProfileView mapId={mapId} roleId={roleId} map={map} />}
    </MapSubpage>
  );
}

function ProfileCrumb({ mapId }: { mapId: string }) {
  return (
    <>
      <Link href={`/maps/${mapId}/roles`} className="crumb-link">
        Roles
      </Link>
      <span className="crumb-sep" aria-hidden="true">
        /
      </span>
      <span className="crumb-current" aria-current="page">
        Role profile
      </span>
    </>
  );
}

function ProfileView({ mapId, roleId, map }: { mapId: string; roleId: string; map: MapConnection }) {
  const snapshot = useMapSnapshot(map.store);
  const role = useRecord(map.store, 'roles', roleId);
  const profile = useMemo(() => (role ? buildRoleProfile(snapshot, roleId) : null), [snapshot, role, roleId]);

  useEffect(() => {
    if (profile) document.title = `${profile.role.name} · Role profile · Journeycraft`;
  }, [profile]);

  // Links from the coverage matrix point at one competency: bring it into view once it is there.
  const hash = typeof window === 'undefined' ? '' : window.location.hash;
  const ready = profile !== null;
  useEffect(() => {
    if (!ready || !hash) return;
    const el = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.classList.add('is-target');
    const t = setTimeout(() => el.classList.remove('is-target'), 2400);
    return () => clearTimeout(t);
  }, [ready, hash]);

  if (!profile) {
    return (
      <div className="empty not-found">
        <h1 className="empty-title">This role is not on the map</h1>
        <p className="empty-text">It may have been deleted, or the link may be incomplete.</p>
        <Link href={`/maps/${mapId}/roles`} className="btn btn-primary">
          Back to the roles
        </Link>
      </div>
    );
  }
  return <Profile mapId={mapId} profile={profile} />;
}

function Profile({ mapId, profile }: { mapId: string; profile: RoleProfile }) {
  const { role, criticality: c, touchpoints, competencies, goals, checklist } = profile;
  const total = competencies.what.length + competencies.how.length + competencies.org.length;
  const standards = goals.filter((g) => g.kind === 'standard');
  const metrics = goals.filter((g) => g.kind === 'metric');
  return (
    <div className="profile" data-testid="role-profile">
      <header className="card profile-head">
        <div className="profile-id">
          <p className="eyebrow">Role profile</p>
          <h1 className="page-title">{role.name}</h1>
          <p className="profile-meta">
            <span className={`vis-badge vis-${role.visibility}`}>
              {role.visibility === 'frontstage' ? 'Frontstage' : 'Backstage'}
            </span>
            {role.team ? <span>{role.team}</span> : null}
            <span>
              {role.incumbents} in post of {plural(role.headcount, 'seat')}
            </span>
            <span>{plural(role.readySuccessors, 'ready successor')}</span>
          </p>
          {role.purpose ? <p className="profile-purpose">{role.purpose}</p> : null}
          <JumpToExport label="Export HR documents" className="btn btn-secondary btn-sm profile-export-link" />
        </div>
        <div className="profile-score" aria-label={`Criticality ${c.score} of 100`}>
          <ScoreRing score={c.score} critical={c.critical} />
          <div className="profile-score-text">
            <span className={`crit-badge${c.critical ? ' crit-on' : ''}`}>
              {c.critical ? 'Critical role' : 'Not critical'}
            </span>
            {c.successionRisk ? (
              <p className="risk-flag" role="note">
                Succession risk: {c.successionReason}
              </p>
            ) : c.successionReason ? (
              <p className="profile-bench">{capitalise(c.successionReason)}</p>
            ) : null}
          </div>
        </div>
      </header>

      <div className="profile-grid">
        <div className="profile-main">
          <section className="card profile-section" aria-label="Touchpoints">
            <h2 className="section-h">
              Where this role meets the customer <span className="count-badge">{touchpoints.length}</span>
            </h2>
            {touchpoints.length === 0 ? (
              <p className="muted">
                Not attached to any touchpoint yet.{' '}
                <Link href={`/maps/${mapId}/roles`}>Attach it on the roles page</Link>.
              </p>
            ) : (
              <ul className="ptp-list">
                {touchpoints.map((t) => (
                  <li key={t.id} className={`ptp${t.momentOfTruth ? ' ptp-mot' : ''}`} aria-label={t.title}>
                    <div className="ptp-main">
                      <Link href={`/maps/${mapId}/roles?touchpoint=${t.id}`} className="ptp-title">
                        {t.title}
                      </Link>
                      <span className="ptp-stage">{t.stageTitle || 'No stage'}</span>
                    </div>
                    <div className="ptp-tags">
                      {t.momentOfTruth ? <span className="tag tag-accent">Moment of truth</span> : null}
                      {t.overCapacity && t.demandCapacity ? (
                        <span className="tag tag-danger">
                          Over capacity: {t.demandCapacity.demand} vs {t.demandCapacity.capacity}{' '}
                          {periodLabels[t.demandCapacity.period]}
                        </span>
                      ) : null}
                      {t.channel !== 'other' ? <span className="tag">{channelLabels[t.channel]}</span> : null}
                      <span className={`inv-badge inv-${t.involvement}`}>{involvementLabels[t.involvement]}</span>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="profile-section-plain" aria-label="Competencies">
            <h2 className="section-h">
              Competencies <span className="count-badge">{total}</span>
            </h2>
            {total === 0 ? (
              <p className="card muted profile-empty">
                No competency is required of this role yet. Open one of its touchpoints on the roles page and require
                what it needs there.
              </p>
            ) : (
              KINDS.map((kind) =>
                competencies[kind].length ? <KindGroup key={kind} kind={kind} list={competencies[kind]} /> : null,
              )
            )}
          </section>
        </div>

        <aside className="profile-side">
          <section className="card profile-section" aria-label="Criticality">
            <h2 className="section-h">Why {c.score} of 100</h2>
            <ul className="factor-list">
              {c.reasons.map((r) => (
                <li key={r.factor} className="factor">
                  <div className="factor-head">
                    <span className="factor-name">{factorLabels[r.factor]}</span>
                    <span className="factor-weight">
                      {r.weight}
                      <span className="muted"> / {r.max}</span>
                    </span>
                  </div>
                  <div className="factor-bar" aria-hidden="true">
                    <span style={{ width: `${(100 * r.weight) / r.max}%` }} />
                  </div>
                  <p className="factor-detail">{capitalise(r.detail)}</p>
                </li>
              ))}
            </ul>
          </section>

          <section className="card profile-section" aria-label="Goals">
            <h2 className="section-h">
              Goals <span className="count-badge">{goals.length}</span>
            </h2>
            {goals.length === 0 ? (
              <p className="muted">No standards or metrics on this role&rsquo;s touchpoints yet.</p>
            ) : (
              <>
                {standards.length ? (
                  <>
                    <h3 className="sub-h">Experience standards</h3>
                    <ul className="goal-list">
                      {standards.map((g) => (
                        <li key={g.id} className="goal">
                          <span className="goal-text">
                            {g.kind === 'standard' && g.nonNegotiable ? (
                              <span className="tag tag-danger">Non-negotiable</span>
                            ) : null}{' '}
                            {g.text}
                          </span>
                          <span className="goal-at">at {g.touchpoint.title}</span>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {metrics.length ? (
                  <>
                    <h3 className="sub-h">Metrics</h3>
                    <ul className="goal-list">
                      {metrics.map((g) => (
                        <li key={g.id} className="goal">
                          <span className="goal-text">{g.text}</span>
                          <span className="goal-at">
                            at {g.touchpoint.title}
                            {g.kind === 'metric' && g.source ? ` · measured by ${g.source}` : ''}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </>
            )}
          </section>

          <section className="card profile-section" aria-label="Checklist">
            <h2 className="section-h">
              Owner&rsquo;s checklist <span className="count-badge">{checklist.length}</span>
            </h2>
            {checklist.length === 0 ? (
              <p className="muted">
                {touchpoints.some((t) => t.involvement === 'owner')
                  ? 'The touchpoints this role owns have no checklist items yet.'
                  : 'This role owns no touchpoint, so it keeps no checklist.'}
              </p>
            ) : (
              <ul className="goal-list">
                {checklist.map(({ item, touchpoint }) => (
                  <li key={item.id} className="goal">
                    <span className="goal-text">
                      <span className={`cadence cadence-${item.cadence}`}>{cadenceLabels[item.cadence]}</span>{' '}
                      {item.text}
                    </span>
                    <span className="goal-at">
                      at {touchpoint.title}
                      {item.measuredBy ? ` · measured by ${item.measuredBy}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          {profile.problems.length ? (
            <section className="card profile-section" aria-label="Problems">
              <h2 className="section-h">Worth a look</h2>
              <ul className="problem-list">
                {profile.problems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </aside>
      </div>

      <div id="export" className="profile-export">
        <ExportPanel mapId={mapId} profile={profile} />
      </div>
    </div>
  );
}

function KindGroup({ kind, list }: { kind: CompetencyKind; list: readonly RequiredCompetency[] }) {
  return (
    <div className="kind-group" role="group" aria-label={`${kindLabels[kind]} competencies`}>
      <h3 className="kind-group-title">
        <KindBadge kind={kind} /> {kindDescriptions[kind]}
      </h3>
      <ul className="rc-list">
        {list.map((rc) => (
          <RequiredCard key={rc.competency.id} rc={rc} />
        ))}
      </ul>
    </div>
  );
}

function RequiredCard({ rc }: { rc: RequiredCompetency }) {
  const { competency, level, levelName, levelBehaviours, levelsRequired, evidence } = rc;
  return (
    <li className="card rc" id={`competency-${competency.id}`} aria-label={competency.name}>
      <div className="rc-head">
        <div>
          <h4 className="rc-name">{competency.name}</h4>
          {competency.category ? <p className="rc-category">{competency.category}</p> : null}
        </div>
        <div className="rc-level">
          <LevelChip level={level} name={levelName} />
          <span className="visually-hidden">Required level {level}</span>
          {levelsRequired.length > 1 ? (
            <span className="rc-also">
              also asked at{' '}
              {levelsRequired
                .slice(1)
                .map((l) => `L${l}`)
                .join(', ')}
            </span>
          ) : null}
        </div>
      </div>
      <p className="rc-def">{competency.definition}</p>
      {levelBehaviours.length ? (
        <div className="rc-anchors">
          <p className="rc-anchors-title">
            At level {level}
            {levelName ? ` (${levelName})` : ''}, an observer sees:
          </p>
          <ul>
            {levelBehaviours.map((b, i) => (
              <li key={i}>{b}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ul className="evidence-list" aria-label={`Evidence for ${competency.name}`}>
        {evidence.map((e) => (
          <li key={e.requirementId} className={`evidence${e.touchpoint.momentOfTruth ? ' evidence-mot' : ''}`}>
            <p className="evidence-where">
              {neededAt(e.touchpoint.title, e.touchpoint.momentOfTruth)}
              {e.touchpoint.stageTitle ? <span className="muted"> · {e.touchpoint.stageTitle}</span> : null}
              <span className="evidence-level">L{e.level}</span>
            </p>
            {e.behaviour ? <p className="evidence-behaviour">“{e.behaviour}”</p> : null}
          </li>
        ))}
      </ul>
      {competency.source ? <p className="rc-source">Source: {competency.source}</p> : null}
    </li>
  );
}

function ScoreRing({ score, critical }: { score: number; critical: boolean }) {
  const r = 30;
  const circumference = 2 * Math.PI * r;
  return (
    <svg className={`score-ring${critical ? ' score-ring-critical' : ''}`} viewBox="0 0 76 76" aria-hidden="true">
      <circle cx="38" cy="38" r={r} className="score-ring-track" />
      <circle
        cx="38"
        cy="38"
        r={r}
        className="score-ring-value"
        strokeDasharray={`${(circumference * score) / 100} ${circumference}`}
        transform="rotate(-90 38 38)"
      />
      <text x="38" y="43" textAnchor="middle" className="score-ring-text">
        {score}
      </text>
    </svg>
  );
}

function capitalise(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}
