import type { MapSnapshot, Role } from '@journeycraft/schema';
import type { RequiredCompetency } from '@journeycraft/profiles';
import type { Block, Inline } from '../model.js';
import { b, formatDate, type KindContext } from '../common.js';

/**
 * Pieces shared by the people-facing kinds (interview guide, review form) and the internal ones
 * (succession and pipeline plans).
 */

/** The five anchors of a competency in two columns, the required level in bold. */
export function anchorsTable(rc: RequiredCompetency, id: string, maxBehaviours = 20): Block {
  return b.table(
    id,
    `Anchors ${rc.competency.name}`.slice(0, 31),
    [
      { header: 'Level', width: 1.5 },
      { header: `What you see at each level (${rc.competency.name})`, width: 7 },
    ],
    rc.competency.levels.map((l): Inline[] => {
      const label = `${l.level} ${l.name}`;
      const text = l.behaviours.slice(0, maxBehaviours).join(' ');
      return l.level === rc.level ? [b.bold(`${label} (required)`), b.bold(text)] : [label, text];
    }),
  );
}

/** The name of the role a role reports to: the role on the map, else the free text; '' when unknown. */
export function reportsToName(map: MapSnapshot, role: Role): string {
  const id = role.reportsToRoleId;
  const onMap = id ? map.roles.find((r) => r.id === id && r.id !== role.id) : undefined;
  return onMap?.name ?? role.reportsToText.trim();
}

/** Summary of a document read by the person in the role (no criticality, capacity or bench). */
export function personProperties(ctx: KindContext, extra: [string, string][] = []): { label: string; value: string }[] {
  const { role } = ctx.profile;
  const props = [{ label: 'Role', value: role.name }];
  if (role.team) props.push({ label: 'Team', value: role.team });
  if (role.jobCode) props.push({ label: 'Job code', value: role.jobCode });
  const manager = reportsToName(ctx.map, role);
  if (manager) props.push({ label: 'Reports to', value: manager });
  for (const [label, value] of extra) props.push({ label, value });
  props.push({ label: 'Prepared', value: formatDate(ctx.now) });
  return props;
}
