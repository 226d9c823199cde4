import type { ShareRole } from '@journeycraft/schema';

/** How each share role is named and what it lets a person do, in the words the UI uses. */
export const roleInfo: Record<ShareRole, { label: string; can: string }> = {
  facilitator: { label: 'Facilitator', can: 'runs the session: timer, voting, follow me, locks and history.' },
  editor: { label: 'Editor', can: 'adds and edits cards, votes and writes notes.' },
  commenter: { label: 'Commenter', can: 'reads the map, comments, votes and writes notes.' },
  viewer: { label: 'Viewer', can: 'follows along and reads the map.' },
};

export const SHARE_ROLES: readonly ShareRole[] = ['editor', 'commenter', 'viewer', 'facilitator'];

/** The roles a map can be shared with, as choices of a kit Select. */
export const SHARE_ROLE_OPTIONS: ReadonlyArray<{ value: ShareRole; label: string }> = SHARE_ROLES.map((r) => ({
  value: r,
  label: roleInfo[r].label,
}));
