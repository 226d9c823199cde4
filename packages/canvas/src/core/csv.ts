import { channelLabels, isOverCapacity, type MapSnapshot } from '@journeycraft/schema';

/** Characters that make a spreadsheet read a cell as a formula (or hide one behind whitespace). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: numbers as they are; text with a leading `= + - @`, tab or carriage return is
 * prefixed with `'` so spreadsheets show it as text instead of running it; then quoted as needed.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const TOUCHPOINT_CSV_COLUMNS = [
  'Stage',
  'Lane',
  'Touchpoint',
  'Channel',
  'Moment of truth',
  'Emotion',
  'Customer goal',
  'Description',
  'Pain points',
  'Owner role',
  'Roles',
  'Competencies',
  'Demand',
  'Capacity',
  'Period',
  'Over capacity',
  'Experience standards',
  'Metrics',
] as const;

/** The map's touchpoints as CSV (stage order, then lane order, then order in the cell), CRLF line ends. */
export function touchpointsCsv(
  map: Pick<
    MapSnapshot,
    'stages' | 'lanes' | 'touchpoints' | 'roles' | 'assignments' | 'requirements' | 'competencies'
  >,
): string {
  const stageIndex = new Map(map.stages.map((s, i) => [s.id, i]));
  const laneIndex = new Map(map.lanes.map((l, i) => [l.id, i]));
  const stageName = new Map(map.stages.map((s) => [s.id, s.title]));
  const laneName = new Map(map.lanes.map((l) => [l.id, l.title]));
  const roleName = new Map(map.roles.map((r) => [r.id, r.name]));
  const competencyName = new Map(map.competencies.map((c) => [c.id, c.name]));
  const rows = [...map.touchpoints]
    .filter((t) => stageIndex.has(t.stageId) && laneIndex.has(t.laneId))
    .sort(
      (a, b) =>
        stageIndex.get(a.stageId)! - stageIndex.get(b.stageId)! ||
        laneIndex.get(a.laneId)! - laneIndex.get(b.laneId)! ||
        a.order - b.order,
    );
  const lines = [TOUCHPOINT_CSV_COLUMNS.map(csvCell).join(',')];
  for (const t of rows) {
    const roles = map.assignments
      .filter((a) => a.touchpointId === t.id)
      .map((a) => `${roleName.get(a.roleId) ?? 'Unknown role'} (${a.involvement})`);
    const competencies = [
      ...new Set(
        map.requirements
          .filter((r) => r.touchpointId === t.id)
          .map((r) => `${competencyName.get(r.competencyId) ?? 'Unknown competency'} L${r.level}`),
      ),
    ];
    const dc = t.demandCapacity;
    lines.push(
      [
        stageName.get(t.stageId),
        laneName.get(t.laneId),
        t.title,
        channelLabels[t.channel],
        t.momentOfTruth,
        t.emotion,
        t.customerGoal,
        t.description,
        t.painPoints.join('; '),
        t.ownerRoleId ? (roleName.get(t.ownerRoleId) ?? '') : '',
        roles.join('; '),
        competencies.join('; '),
        dc?.demand ?? null,
        dc?.capacity ?? null,
        dc?.period ?? null,
        dc ? isOverCapacity(t) : null,
        t.experienceStandards.map((s) => (s.nonNegotiable ? `${s.text} (non-negotiable)` : s.text)).join('; '),
        t.metrics
          .map((m) =>
            [m.name, m.target && `target ${m.target}${m.unit ? ` ${m.unit}` : ''}`].filter(Boolean).join(': '),
          )
          .join('; '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
