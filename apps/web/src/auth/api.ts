import type { Account, WorkspaceRole } from '@journeycraft/schema';
import { request } from '../client';

/** What GET /api/auth/state answers: set-up needed, who is signed in, which sign-in methods exist. */
export interface AuthState {
  setupNeeded: boolean;
  account: Account | null;
  oidc: { enabled: boolean; label: string };
}

export async function fetchAuthState(): Promise<AuthState> {
  return (await request('GET', '/api/auth/state')) as AuthState;
}

/** First visitor of a fresh install: creates the owner account and signs it in (session cookie). */
export async function setupOwner(input: { email: string; name: string; password: string }): Promise<Account> {
  return ((await request('POST', '/api/auth/setup', input)) as { account: Account }).account;
}

export async function signIn(email: string, password: string): Promise<Account> {
  return ((await request('POST', '/api/auth/login', { email, password })) as { account: Account }).account;
}

export async function signOut(): Promise<void> {
  await request('POST', '/api/auth/logout');
}

export async function invitationInfo(token: string): Promise<{ role: WorkspaceRole; email: string | null }> {
  return (await request('GET', `/api/auth/invitations/${encodeURIComponent(token)}`)) as {
    role: WorkspaceRole;
    email: string | null;
  };
}

export async function acceptInvitation(input: {
  token: string;
  email: string;
  name: string;
  password: string;
}): Promise<Account> {
  return ((await request('POST', '/api/auth/invitations/accept', input)) as { account: Account }).account;
}

/** An invitation as admins see it; `token` only in the answer that created it. */
export interface InvitationView {
  id: string;
  role: WorkspaceRole;
  email: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
  token?: string;
}

export async function listMembers(): Promise<Account[]> {
  return ((await request('GET', '/api/workspace/members')) as { members: Account[] }).members;
}

export async function setMemberRole(accountId: string, role: WorkspaceRole): Promise<Account> {
  return (
    (await request('PATCH', `/api/workspace/members/${encodeURIComponent(accountId)}`, { role })) as {
      member: Account;
    }
  ).member;
}

export async function removeMember(accountId: string): Promise<void> {
  await request('DELETE', `/api/workspace/members/${encodeURIComponent(accountId)}`);
}

export async function listInvitations(): Promise<InvitationView[]> {
  return ((await request('GET', '/api/workspace/invitations')) as { invitations: InvitationView[] }).invitations;
}

export async function createInvitation(input: { role: WorkspaceRole; email?: string }): Promise<InvitationView> {
  return (await request('POST', '/api/workspace/invitations', input)) as InvitationView;
}

/** Workspace settings (`/api/workspace/settings`): members read them, admins change them. */
export interface WorkspaceSettings {
  /** Share links work (off: none can be made, existing ones stop working). */
  shareLinks: boolean;
}

export async function getWorkspaceSettings(): Promise<WorkspaceSettings> {
  const json = (await request('GET', '/api/workspace/settings')) as { shareLinks?: unknown };
  return { shareLinks: json?.shareLinks !== false };
}

export async function setWorkspaceSettings(settings: WorkspaceSettings): Promise<WorkspaceSettings> {
  const json = (await request('PUT', '/api/workspace/settings', settings)) as { shareLinks?: unknown };
  return { shareLinks: json?.shareLinks !== false };
}

export async function revokeInvitation(id: string): Promise<void> {
  await request('DELETE', `/api/workspace/invitations/${encodeURIComponent(id)}`);
}
