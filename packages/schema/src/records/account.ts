import { z } from 'zod';
import { IdSchema } from './common.js';
import { ShareRole } from './access.js';

/**
 * A person's role in the workspace, strongest first. Owners and admins manage members, the
 * competency library and every map; members create maps and open the maps shared with them or
 * with the workspace; guests open only the maps they were added to.
 */
export const WorkspaceRole = z.enum(['owner', 'admin', 'member', 'guest']);
export type WorkspaceRole = z.infer<typeof WorkspaceRole>;

const workspaceRank: Record<WorkspaceRole, number> = { guest: 0, member: 1, admin: 2, owner: 3 };

/** True if `role` may do what `needed` may do in the workspace. */
export function workspaceRoleAtLeast(role: WorkspaceRole, needed: WorkspaceRole): boolean {
  return workspaceRank[role] >= workspaceRank[needed];
}

const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address');
const PersonNameSchema = z.string().trim().min(1, 'a name is required').max(100);
/** Long enough to resist guessing; the upper bound keeps hashing cheap to refuse. */
const PasswordSchema = z
  .string()
  .min(10, 'a password needs at least 10 characters')
  .max(200, 'a password may have at most 200 characters');

/** A person who can sign in (never carries the password hash). */
export const AccountSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  role: WorkspaceRole,
  createdAt: z.string(),
});
export type Account = z.infer<typeof AccountSchema>;

/** Body of POST /api/auth/setup: the first visitor of a fresh install creates the owner. */
export const SetupInputSchema = z.strictObject({
  email: EmailSchema,
  name: PersonNameSchema,
  password: PasswordSchema,
});
export type SetupInput = z.infer<typeof SetupInputSchema>;

/** Body of POST /api/auth/login. */
export const LoginInputSchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1, 'enter your password').max(200),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

/** Body of POST /api/workspace/invitations: an admin invites someone by link. */
export const CreateInvitationInputSchema = z.strictObject({
  role: WorkspaceRole.exclude(['owner']).default('member'),
  email: EmailSchema.optional(),
  /** Days until the link stops working (default 7). */
  expiresInDays: z.number().int().min(1).max(90).default(7),
});
export type CreateInvitationInput = z.infer<typeof CreateInvitationInputSchema>;

/** Body of POST /api/auth/invitations/accept. */
export const AcceptInvitationInputSchema = z.strictObject({
  token: z.string().min(10).max(200),
  email: EmailSchema,
  name: PersonNameSchema,
  password: PasswordSchema,
});
export type AcceptInvitationInput = z.infer<typeof AcceptInvitationInputSchema>;

/** An invitation as admins see it (the token is shown only once, when it is created). */
export const InvitationSchema = z.object({
  id: IdSchema,
  role: WorkspaceRole,
  email: z.string().nullable(),
  createdBy: IdSchema,
  createdAt: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

/** Body of PATCH /api/workspace/members/:accountId. */
export const SetWorkspaceRoleInputSchema = z.strictObject({ role: WorkspaceRole.exclude(['owner']) });

/** Body of POST /api/auth/tokens: an API token for scripts and the CLI. */
export const CreateApiTokenInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

/** A person's role on one map (the map's owner is separate: see MapMembers). */
export const MapMemberSchema = z.object({
  accountId: IdSchema,
  role: ShareRole,
});
export type MapMember = z.infer<typeof MapMemberSchema>;

/** Body of PUT /api/maps/:id/members/:accountId. */
export const SetMapMemberInputSchema = z.strictObject({ role: ShareRole });

/** Kinds of audit entries. */
export const AuditAction = z.enum([
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'setup',
  'invitation_created',
  'invitation_revoked',
  'invitation_accepted',
  'member_role_changed',
  'member_removed',
  'map_member_set',
  'map_member_removed',
  'map_access_changed',
  'map_owner_changed',
  'link_created',
  'link_revoked',
  'map_deleted',
  'map_restored',
  'map_purged',
  'session_revoked',
  'api_token_created',
  'api_token_revoked',
  'hr_export',
  'workspace_settings_changed',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** One append-only audit entry: who did what to which target (never document contents). */
export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: AuditAction,
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  mapId: z.string().nullable(),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
