import { describe, expect, it } from 'vitest';
import { AuditAction, type AuditEntry } from '@journeycraft/schema';
import {
  AUDIT_ACTIONS,
  NO_FILTERS,
  aboutOf,
  actionLabel,
  auditQuery,
  detailPhrases,
  rangeProblem,
} from '../src/auth/audit';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  seq: 1,
  at: '2026-03-02T10:00:00.000Z',
  action: 'hr_export',
  actorId: 'a1',
  actorRole: 'owner',
  mapId: 'm1',
  target: 'r1',
  detail: {},
  ...over,
});

describe('audit page helpers', () => {
  it('names every action the server records, once', () => {
    expect(AUDIT_ACTIONS.map((a) => a.value).sort()).toEqual([...AuditAction.options].sort());
    for (const a of AuditAction.options) expect(actionLabel(a)).not.toBe(a);
  });

  it('asks GET /api/audit with the filters: the "to" day is included, the page starts before an entry', () => {
    const q = new URLSearchParams(
      auditQuery({ action: 'map_deleted', actor: 'acc-1', from: '2026-03-01', to: '2026-03-02' }, 50, 812),
    );
    expect(q.get('limit')).toBe('50');
    expect(q.get('before')).toBe('812');
    expect(q.get('action')).toBe('map_deleted');
    expect(q.get('actor')).toBe('acc-1');
    expect(q.get('since')).toBe(new Date(2026, 2, 1).toISOString());
    expect(q.get('until')).toBe(new Date(2026, 2, 3).toISOString());
    expect([...new URLSearchParams(auditQuery(NO_FILTERS, 50)).keys()]).toEqual(['limit']);
  });

  it('says what is wrong with a day range', () => {
    expect(rangeProblem({ from: '', to: '' })).toBeNull();
    expect(rangeProblem({ from: '2026-03-01', to: '2026-03-01' })).toBeNull();
    expect(rangeProblem({ from: '2026-03-02', to: '2026-03-01' })).toContain('comes after');
    expect(rangeProblem({ from: 'yesterday', to: '' })).toContain('not a date');
  });

  it('shows the recorded detail in words, without link or session ids', () => {
    expect(
      detailPhrases(
        entry({ detail: { kind: 'interview-guide', format: 'md', mapRole: 'owner', link: 'l-9', zip: false } }),
      ),
    ).toEqual(['kind: interview-guide', 'format: md', 'map role: owner', 'by share link']);
    expect(detailPhrases(entry({ action: 'workspace_settings_changed', detail: { shareLinks: false } }))).toEqual([
      'share links: off',
    ]);
    expect(detailPhrases(entry({ action: 'session_revoked', detail: { session: 's-1' } }))).toEqual([]);
  });

  it('names the exported role by the name it had at export time, the person by name, and falls back to ids', () => {
    expect(aboutOf(entry({ detail: { roleName: 'Front desk agent', kind: 'job-ad' } }), {})).toBe(
      'role “Front desk agent”',
    );
    expect(aboutOf(entry({}), {})).toBe('role r1');
    expect(detailPhrases(entry({ detail: { roleName: 'Front desk agent', kind: 'job-ad' } }))).toEqual([
      'kind: job-ad',
    ]);
    expect(aboutOf(entry({ action: 'member_removed', target: 'a2' }), { a2: 'Grace Hopper' })).toBe('Grace Hopper');
    expect(aboutOf(entry({ action: 'invitation_revoked', target: 'i1' }), {})).toBe('an invitation');
    expect(aboutOf(entry({ target: null }), {})).toBe('');
  });
});
