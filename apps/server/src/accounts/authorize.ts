import {
  ErrorCode,
  JourneycraftError,
  roleAtLeast,
  workspaceRoleAtLeast,
  type MapSummary,
  type ShareRole,
  type WorkspaceRole,
} from '@journeycraft/schema';
import type { Auth, Principal } from '../auth.js';
import type { Accounts, Who } from './service.js';
import type { AccountRecord } from './types.js';

/** What can be done to one map, weakest first. `manage`: delete it, change its access, members and links. */
export type MapAction = 'view' | 'comment' | 'edit' | 'facilitate' | 'manage';
/**
 * What can be done in the workspace: `workspace.use` (library and export templates: members),
 * `map.create` (members), `library.write`, `hr.settings`, `members.manage` and `audit.read` (admins).
 */
export type WorkspaceAction =
  'workspace.use' | 'map.create' | 'library.write' | 'hr.settings' | 'members.manage' | 'audit.read';
export type Action = MapAction | WorkspaceAction;

/** The map role each map action needs. */
const NEEDS: Record<Exclude<MapAction, 'manage'>, ShareRole> = {
  view: 'viewer',
  comment: 'commenter',
  edit: 'editor',
  facilitate: 'facilitator',
};

/** The workspace role each workspace action needs. */
const WORKSPACE_NEEDS: Record<WorkspaceAction, WorkspaceRole> = {
  'workspace.use': 'member',
  'map.create': 'member',
  'library.write': 'admin',
  'hr.settings': 'admin',
  'members.manage': 'admin',
  'audit.read': 'admin',
};

/** The map action that needs a given role (how routes that speak in roles ask). */
export function actionFor(role: ShareRole): MapAction {
  return (Object.keys(NEEDS) as Array<keyof typeof NEEDS>).find((a) => NEEDS[a] === role)!;
}

/** Role an account has on a map: 'owner' (facilitates and manages), a map role, or null (no access). */
export type AccountMapRole = ShareRole | 'owner' | null;

/** What a map that is shared with the whole workspace grants its members. */
export const WORKSPACE_SHARE_ROLE: ShareRole = 'editor';

const forbidden = (message: string) => new JourneycraftError(ErrorCode.Forbidden, message);
const unauthorized = (message: string) => new JourneycraftError(ErrorCode.Unauthorized, message);

/**
 * The one authorization decision on the server: may `who` do `action` (on `map`)? Every REST
 * route and the /sync upgrade ask it. Returns the principal the caller acts as, or throws 401
 * (nobody, or a dead credential) or 403 (known, but not allowed).
 */
export class Access {
  constructor(
    readonly accounts: Accounts,
    private readonly links: Auth,
  ) {}

  /** Role of `account` on `map` (see AccountMapRole). */
  async mapRole(account: AccountRecord, map: MapSummary): Promise<AccountMapRole> {
    if (workspaceRoleAtLeast(account.role, 'admin')) return 'owner';
    const roles = await this.accounts.store.mapRolesOf(account.id);
    return this.roleFrom(account, map, roles);
  }

  private roleFrom(account: AccountRecord, map: MapSummary, roles: Map<string, ShareRole | 'owner'>): AccountMapRole {
    if (workspaceRoleAtLeast(account.role, 'admin')) return 'owner';
    const own = roles.get(map.id);
    if (own) return own;
    if (map.access === 'open' && workspaceRoleAtLeast(account.role, 'member')) return WORKSPACE_SHARE_ROLE;
    return null;
  }

  /**
   * With `linkSession`, a share link must have been joined (a session token, as /sync wants),
   * not the raw link token.
   */
  async authorize(
    who: Who,
    map: MapSummary | null,
    action: Action,
    opts: { linkSession?: boolean } = {},
  ): Promise<Principal> {
    if (!isMapAction(action)) return this.workspace(who, action);
    if (!map) throw new JourneycraftError(ErrorCode.BadRequest, `${action} needs a map`);
    if (who.kind === 'anonymous')
      throw unauthorized('sign in to open this map, or use the invitation link you were sent');
    if (who.kind === 'link') {
      await this.requireShareLinks();
      const principal = await this.links.principal(map, who.token, { requireSession: opts.linkSession ?? false });
      if (action === 'manage') throw forbidden("only the map's owner or a workspace admin can do this");
      requireMapRole(principal.role, NEEDS[action], `your link gives ${principal.role}`);
      return principal;
    }
    const role = await this.mapRole(who.account, map);
    if (role === null) throw forbidden(await this.noAccess(map));
    const principal = accountPrincipal(who, role === 'owner' ? 'facilitator' : role, role === 'owner');
    if (action === 'manage') {
      if (role !== 'owner') throw forbidden("only the map's owner or a workspace admin can do this");
    } else
      requireMapRole(principal.role, NEEDS[action], `you are ${role === 'viewer' ? 'a viewer' : `an ${role}`} here`);
    return principal;
  }

  /** Refuses (403, saying why) when an admin has turned share links off for the workspace. */
  async requireShareLinks(): Promise<void> {
    if (!(await this.accounts.shareLinksOn())) {
      throw forbidden('share links are turned off for this workspace; ask a workspace admin');
    }
  }

  /**
   * Why a member cannot open a map, naming its owner: members may see who is in the workspace
   * anyway (GET /api/workspace/members), and the title stays unsaid.
   */
  private async noAccess(map: MapSummary): Promise<string> {
    const ownerId = await this.accounts.store.getMapOwner(map.id);
    const owner = ownerId ? await this.accounts.store.getAccount(ownerId) : null;
    return owner
      ? `you have no access to this map — ask its owner, ${owner.name}, to share it with you`
      : 'you have no access to this map — ask its owner to share it with you';
  }

  private async workspace(who: Who, action: WorkspaceAction): Promise<Principal> {
    if (who.kind === 'link') {
      throw forbidden('this is for workspace members; a share link gives access to one map only');
    }
    if (who.kind !== 'account') throw unauthorized('sign in to the workspace first');
    const needed = WORKSPACE_NEEDS[action];
    if (!workspaceRoleAtLeast(who.account.role, needed)) {
      throw forbidden(
        `this needs a workspace ${needed}; you are ${who.account.role === 'admin' ? 'an' : 'a'} ${who.account.role}`,
      );
    }
    return accountPrincipal(who, 'viewer', false);
  }

  /** The maps of `all` that `who` may open (GET /api/maps). */
  async visibleMaps(who: Who, all: MapSummary[]): Promise<MapSummary[]> {
    if (who.kind !== 'account') throw unauthorized('sign in to see the maps of this workspace');
    const roles = await this.accounts.store.mapRolesOf(who.account.id);
    return all.filter((m) => this.roleFrom(who.account, m, roles) !== null);
  }
}

function accountPrincipal(who: Extract<Who, { kind: 'account' }>, role: ShareRole, owner: boolean): Principal {
  return {
    role,
    // A signed-in member is their account: presence, comments and notes carry its display name.
    name: who.account.name,
    guestId: null,
    linkId: null,
    accountId: who.account.id,
    sessionId: who.sessionId,
    tokenId: who.tokenId,
    expiresAt: who.expiresAt,
    owner,
  };
}

function isMapAction(action: Action): action is MapAction {
  return action === 'manage' || action in NEEDS;
}

function requireMapRole(role: ShareRole, needed: ShareRole, why: string): void {
  if (!roleAtLeast(role, needed)) throw forbidden(`this needs the ${needed} role; ${why}`);
}
