import type { Account, AuditEntry, Invitation, MapMember, ShareRole, WorkspaceRole } from '@journeycraft/schema';

/** An account as stored: the public fields plus the password hash (null for SSO-only accounts). */
export interface AccountRecord extends Account {
  passwordHash: string | null;
  /** Subject at the identity provider (`issuer|sub`), for accounts created by OpenID Connect. */
  externalId: string | null;
}

/** A browser sign-in. Only a hash of its cookie value is stored. */
export interface SessionRecord {
  id: string;
  accountId: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** A bearer API token for scripts and the CLI. Only its hash is stored. */
export interface ApiTokenRecord {
  id: string;
  accountId: string;
  name: string;
  tokenHash: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface InvitationRecord extends Invitation {
  tokenHash: string;
}

/** Where a new audit entry comes from (the store numbers and dates it). */
export type AuditInput = Omit<AuditEntry, 'seq' | 'at'>;

/** Which audit entries to list: a page (`limit`, `beforeSeq`) and optional filters. */
export interface AuditQuery {
  limit: number;
  beforeSeq?: number | undefined;
  action?: AuditEntry['action'] | undefined;
  actorId?: string | undefined;
  /** ISO instants: entries at or after `since`, before `until`. */
  since?: string | undefined;
  until?: string | undefined;
}

/**
 * Accounts, sign-in sessions, API tokens, invitations, map ownership and membership, and the
 * audit log. Implementations: SQLite (embedded default) and PostgreSQL; both pass
 * test/accounts-contract.ts. Kept apart from the document `Storage`: a narrow interface for one concern.
 */
export interface AccountStore {
  readonly kind: string;
  countAccounts(): Promise<number>;
  /**
   * Creates an account. With `onlyIfEmpty`, refuses (returns null) when any account exists,
   * atomically: two first visitors cannot both become the owner.
   */
  createAccount(account: AccountRecord, opts?: { onlyIfEmpty?: boolean }): Promise<AccountRecord | null>;
  getAccount(id: string): Promise<AccountRecord | null>;
  getAccountByEmail(email: string): Promise<AccountRecord | null>;
  getAccountByExternalId(externalId: string): Promise<AccountRecord | null>;
  listAccounts(): Promise<AccountRecord[]>;
  setWorkspaceRole(id: string, role: WorkspaceRole): Promise<AccountRecord | null>;
  setPasswordHash(id: string, hash: string): Promise<void>;
  /** Deletes an account with its sessions, tokens and map memberships; false if none. */
  deleteAccount(id: string): Promise<boolean>;

  createSession(session: SessionRecord): Promise<void>;
  getSessionByHash(tokenHash: string): Promise<SessionRecord | null>;
  getSession(id: string): Promise<SessionRecord | null>;
  listSessions(accountId: string): Promise<SessionRecord[]>;
  /** Marks a session revoked (idempotent); null if it does not exist. */
  revokeSession(id: string): Promise<SessionRecord | null>;

  createApiToken(token: ApiTokenRecord): Promise<void>;
  getApiTokenByHash(tokenHash: string): Promise<ApiTokenRecord | null>;
  listApiTokens(accountId: string): Promise<ApiTokenRecord[]>;
  revokeApiToken(id: string): Promise<ApiTokenRecord | null>;

  createInvitation(invitation: InvitationRecord): Promise<void>;
  getInvitationByHash(tokenHash: string): Promise<InvitationRecord | null>;
  listInvitations(): Promise<InvitationRecord[]>;
  revokeInvitation(id: string): Promise<InvitationRecord | null>;
  /**
   * Creates `account` from an invitation and marks the invitation used, in one transaction;
   * null (and nothing created) if the invitation was used or revoked meanwhile.
   */
  acceptInvitation(invitationId: string, account: AccountRecord): Promise<AccountRecord | null>;

  getMapOwner(mapId: string): Promise<string | null>;
  setMapOwner(mapId: string, accountId: string): Promise<void>;
  /** Gives every map in `mapIds` that has no owner yet to `accountId`; returns how many it gave. */
  adoptMaps(mapIds: readonly string[], accountId: string): Promise<number>;
  listMapMembers(mapId: string): Promise<MapMember[]>;
  setMapMember(mapId: string, accountId: string, role: ShareRole): Promise<void>;
  removeMapMember(mapId: string, accountId: string): Promise<boolean>;
  /** Every map `accountId` owns or is a member of, with the role there ('owner' for owned ones). */
  mapRolesOf(accountId: string): Promise<Map<string, ShareRole | 'owner'>>;
  /** Forgets a deleted map's owner and members. */
  forgetMap(mapId: string): Promise<void>;

  /** Appends an audit entry (never updated or deleted). */
  appendAudit(entry: AuditInput): Promise<AuditEntry>;
  /** Audit entries newest first, at most `limit`, older than `beforeSeq` when given, matching every filter given. */
  listAudit(opts: AuditQuery): Promise<AuditEntry[]>;

  /** A workspace setting (null when never set). */
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;

  close(): Promise<void>;
}
