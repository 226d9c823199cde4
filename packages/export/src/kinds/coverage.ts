import type { MapSnapshot } from '@journeycraft/schema';
import { coverageMatrix, coverageSupply, rankRoles, type SupplyAssessment } from '@journeycraft/profiles';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type Block, type ExportDocument, type Inline } from '../model.js';
import { b, formatDate, kindShort } from '../common.js';
import { criticalRolesTable } from './succession.js';

/** Options of the coverage matrix. */
export interface CoverageDocumentOptions {
  now?: Date;
  /** Assessed levels of the people in each role (the map's assessments): they give the supply. */
  assessments?: readonly SupplyAssessment[];
}

/**
 * Coverage matrix: roles × competencies with the level each role needs and, from the
 * assessments, how many of the role's people are at or above it (supply) against the role's
 * headcount (required), and the shortfall; then the gaps and the critical roles. Internal
 * document (workforce data).
 */
export function coverageDocument(map: MapSnapshot, options: CoverageDocumentOptions = {}): ExportDocument {
  const now = options.now ?? new Date();
  const m = coverageMatrix(map);
  const assessments = options.assessments ?? [];
  const s = coverageSupply(m, assessments);
  const assessed = assessments.length > 0;
  const blocks: Block[] = [
    b.p(
      assessed
        ? 'One column per role. Each cell shows the level (1–5) the role needs, then how many of its people are assessed at or above that level against the headcount, e.g. “L4 · 2/4” (two of the four people the role needs are at level 4 or above). An empty cell means the role does not need the competency. WHAT competencies come first, then HOW, then organisational ones.'
        : 'One column per role. Each cell shows the level (1–5) the role needs of the competency somewhere on the journey; an empty cell means the role does not need it. No assessments were supplied, so nobody counts as supply yet: the shortfall table below is the whole headcount. WHAT competencies come first, then HOW, then organisational ones.',
    ),
    b.table(
      'coverage',
      'Coverage',
      [
        { header: 'Competency', width: 3.2 },
        { header: 'Type', width: 0.9 },
        ...m.roles.map((r) => ({ header: r.name, width: 1.3 })),
      ],
      m.competencies.map((c, col): Inline[] => [
        c.name,
        kindShort(c.kind),
        ...m.roles.map((_, row) => {
          const cell = s.cells[row]![col];
          if (!cell) return '';
          return assessed ? `L${cell.requiredLevel} · ${cell.supply}/${cell.required}` : String(cell.requiredLevel);
        }),
      ]),
    ),
    b.h1('Supply and shortfall'),
    b.p(
      `Required is the role’s headcount; supply is the people assessed in the role at or above the required level (a person’s latest assessment counts); shortfall is required minus supply. ${assessed ? `${assessments.length} assessment${assessments.length === 1 ? '' : 's'} of ${Object.values(s.peopleByRole).reduce((a, n) => a + n, 0)} people.` : 'No assessments supplied.'} Total shortfall: ${s.totalShortfall}.`,
    ),
  ];
  const supplyRows: Inline[][] = [];
  m.roles.forEach((role, row) => {
    m.competencies.forEach((c, col) => {
      const cell = s.cells[row]![col];
      if (!cell) return;
      supplyRows.push([
        role.name,
        c.name,
        kindShort(c.kind),
        String(cell.requiredLevel),
        String(cell.required),
        String(cell.supply),
        String(cell.assessed),
        String(cell.shortfall),
      ]);
    });
  });
  blocks.push(
    supplyRows.length
      ? b.table(
          'supply',
          'Supply and shortfall',
          [
            { header: 'Role', width: 2 },
            { header: 'Competency', width: 2.6 },
            { header: 'Type', width: 0.8 },
            { header: 'Required level', width: 1 },
            { header: 'Required people', width: 1 },
            { header: 'Supply', width: 1 },
            { header: 'Assessed', width: 1 },
            { header: 'Shortfall', width: 1 },
          ],
          supplyRows,
        )
      : b.p('No role requires a competency yet.'),
  );
  const gapRows: Inline[][] = [];
  for (const t of m.gaps.touchpointsWithoutRoles) gapRows.push(['Touchpoint with no role', t.title]);
  for (const t of m.gaps.touchpointsWithoutOwner) gapRows.push(['Touchpoint with no owner', t.title]);
  for (const r of m.gaps.rolesWithoutCompetencies) gapRows.push(['Role with no competency required', r.name]);
  for (const c of m.gaps.competenciesNotRequired) gapRows.push(['Competency no role needs', c.name]);
  for (const c of m.gaps.missingCompetencies) gapRows.push(['Competency missing from the map', c.competencyId]);
  blocks.push(b.h1('Gaps'));
  blocks.push(
    gapRows.length
      ? b.table(
          'gaps',
          'Gaps',
          [
            { header: 'Gap', width: 2 },
            { header: 'Where', width: 4 },
          ],
          gapRows,
        )
      : b.p('No gaps: every touchpoint has an owner and every role has competencies.'),
  );
  const critical = rankRoles(map).filter((r) => r.criticality.critical);
  if (critical.length) blocks.push(b.h1('Critical roles'), criticalRolesTable(critical));
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    kind: 'coverage-matrix',
    title: 'Coverage matrix',
    subtitle: map.meta.title,
    orientation: 'landscape',
    meta: { mapTitle: map.meta.title, roleId: null, roleName: null, generatedAt: now.toISOString() },
    properties: [
      { label: 'Journey map', value: map.meta.title },
      { label: 'Roles', value: String(m.roles.length) },
      { label: 'Competencies', value: String(m.competencies.length) },
      { label: 'Total shortfall', value: String(s.totalShortfall) },
      { label: 'Prepared', value: formatDate(now) },
    ],
    blocks,
    primaryTable: 'coverage',
  };
}
