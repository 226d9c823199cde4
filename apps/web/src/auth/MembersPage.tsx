import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { Account, WorkspaceRole } from '@journeycraft/schema';
import { Shell } from '../components/Shell';
import { messageOf } from '../client';
import { formatDate } from '../format';
import {
  createInvitation,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
  getWorkspaceSettings,
  setMemberRole,
  setWorkspaceSettings,
  type InvitationView,
  type WorkspaceSettings,
} from './api';
import { useAuth } from './authStore';
import './auth.css';
import { Button, Check, ConfirmDialog, Field, Input, Select } from '@journeycraft/ui';

const ROLES: Array<{ role: Exclude<WorkspaceRole, 'owner'>; label: string }> = [
  { role: 'admin', label: 'Admin: manages members, the library and every map' },
  { role: 'member', label: 'Member: creates maps, opens those shared with them' },
  { role: 'guest', label: 'Guest: opens only the maps they are added to' },
];

const inviteUrl = (token: string) => `${window.location.origin}/invite/${encodeURIComponent(token)}`;

/** `/workspace/members`: the people of the workspace, their roles, and invitations by link (admins). */
export function MembersPage() {
  const auth = useAuth();
  const me = auth.status === 'ready' ? auth.account : null;
  const [members, setMembers] = useState<Account[] | null>(null);
  const [invitations, setInvitations] = useState<InvitationView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [role, setRole] = useState<Exclude<WorkspaceRole, 'owner'>>('member');
  const [email, setEmail] = useState('');
  const [created, setCreated] = useState<InvitationView | null>(null);
  const [settings, setSettings] = useState<WorkspaceSettings | null>(null);
  const [removing, setRemoving] = useState<Account | null>(null);

  const reload = useCallback(async () => {
    try {
      setMembers(await listMembers());
      setSettings(await getWorkspaceSettings());
      setInvitations(await listInvitations());
    } catch (err) {
      setError(messageOf(err));
    }
  }, []);
  useEffect(() => {
    document.title = 'Members · Journeycraft';
    void reload();
  }, [reload]);

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      await reload();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const invite = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      setCreated(await createInvitation({ role, ...(email.trim() ? { email: email.trim() } : {}) }));
      setEmail('');
    });
  };

  return (
    <Shell crumb={<span>Members</span>}>
      <div className="page page-narrow">
        <div className="page-head">
          <h1 className="page-title">Members</h1>
          <p className="page-lede">
            Who can sign in to this workspace, and what they may do. Every change here is kept in the{' '}
            <Link href="/workspace/audit">audit log</Link>.
          </p>
        </div>
        {error ? (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        ) : null}
        <form className="members-invite" onSubmit={invite} aria-label="Invite someone">
          <Field label="Role">
            <Select
              options={ROLES.map((r) => ({ value: r.role, label: r.label }))}
              onValue={(v) => setRole(v as typeof role)}
              id="invite-role"
              value={role}
            />
          </Field>
          <Field label="E-mail (optional: only this address may use the link)">
            <Input id="invite-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Button variant="primary" type="submit">
            Create invitation link
          </Button>
        </form>
        {created?.token ? (
          <div className="notice" role="status">
            <p>Send this link to the person you invite (it is shown once, and works once):</p>
            <Input
              readOnly
              aria-label="Invitation link"
              value={inviteUrl(created.token)}
              onFocus={(e) => e.target.select()}
            />
          </div>
        ) : null}

        <h2 className="members-heading">People</h2>
        {members === null ? (
          <p role="status">Loading…</p>
        ) : (
          <ul className="members-list" aria-label="People">
            {members.map((m) => (
              <li key={m.id} className="members-row" data-testid="member">
                <span className="members-name">
                  <strong>{m.name}</strong> <span className="account-role">{m.email}</span>
                </span>
                {m.role === 'owner' || m.id === me?.id ? (
                  <span className="account-role">{m.role}</span>
                ) : (
                  <>
                    <Select
                      options={ROLES.map((r) => ({ value: r.role, label: r.role }))}
                      onValue={(v) => void act(() => setMemberRole(m.id, v as WorkspaceRole))}
                      aria-label={`Role of ${m.name}`}
                      value={m.role}
                    />
                    <Button variant="ghost" onClick={() => setRemoving(m)}>
                      Remove {m.name}
                    </Button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}

        <h2 className="members-heading">Share links</h2>
        <Check
          label={<strong>Guests can join maps by share link</strong>}
          hint={
            settings?.shareLinks === false
              ? 'Off: no new links can be made, existing links do not open their maps, and guests who joined by link were disconnected.'
              : 'On: a map’s owner or an admin can invite guests with a link. Turning this off disconnects every guest at once.'
          }
          checked={settings?.shareLinks ?? true}
          disabled={settings === null}
          onChange={(e) => {
            const shareLinks = e.target.checked;
            void act(async () => setSettings(await setWorkspaceSettings({ shareLinks })));
          }}
        />

        <h2 className="members-heading">Invitations</h2>
        {invitations.length === 0 ? (
          <p className="account-role">No invitations yet.</p>
        ) : (
          <ul className="members-list" aria-label="Invitations">
            {invitations.map((i) => (
              <li key={i.id} className="members-row">
                <span className="members-name">
                  {i.role}
                  {i.email ? ` · ${i.email}` : ''} · made {formatDate(i.createdAt)}
                </span>
                <span className="account-role">
                  {i.usedAt
                    ? `used ${formatDate(i.usedAt)}`
                    : i.revokedAt
                      ? 'withdrawn'
                      : Date.parse(i.expiresAt) <= Date.now()
                        ? 'expired'
                        : `works until ${formatDate(i.expiresAt)}`}
                </span>
                {!i.usedAt && !i.revokedAt ? (
                  <Button variant="ghost" onClick={() => void act(() => revokeInvitation(i.id))}>
                    Withdraw
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={removing ? `Remove ${removing.name} from the workspace?` : ''}
        description="They are signed out at once and lose access to every map of the workspace."
        confirmLabel="Remove"
        messageOf={messageOf}
        onConfirm={async () => {
          if (!removing) return;
          await removeMember(removing.id);
          await reload();
        }}
        onClose={() => setRemoving(null)}
      />
    </Shell>
  );
}
