import { z } from 'zod';
import { CompetencyKind, IdSchema } from '@journeycraft/schema';
import type { Competency } from '@journeycraft/schema';
import { parseJsonText } from './json.js';
import { joinPath, levelCountMessage, validateCandidates } from './result.js';
import type { Candidate, ImportError, ImportResult } from './result.js';
import { JOURNEYCRAFT_CASE_NAMESPACE, uuidv5 } from './uuid.js';

/*
 * 1EdTech CASE 1.1 (Competencies and Academic Standards Exchange), package form.
 *
 * Layout of an exported CFPackage:
 *   CFDocument                        the framework
 *   CFItems   WHAT / HOW / ORG        one "Competency Domain" item per kind present
 *             categories              one "Competency Category" item per kind + category
 *             competencies            one "Competency" item per competency, in input order:
 *                                     humanCodingScheme = id, abbreviatedStatement = name,
 *                                     fullStatement = definition,
 *                                     extensions.journeycraft = { kind, category, source }
 *   CFAssociations                    isChildOf: competency -> category -> domain -> document
 *   CFDefinitions.CFItemTypes         the three item types above
 *   CFRubrics                         one per competency, with one criterion (CFItemURI -> item)
 *                                     and five CFRubricCriterionLevels: score = position = level,
 *                                     quality = level name, description = behaviours, one a line
 * Identifiers are UUIDv5, derived from the document key and the competency ids, so exporting the
 * same library twice gives the same identifiers.
 */

/** A CASE link to another object (LinkURI / LinkGenURI). */
export interface CaseLink {
  title: string;
  identifier: string;
  uri: string;
}

/** CASE CFDocument as it appears inside a CFPackage. */
export interface CfDocument {
  identifier: string;
  uri: string;
  creator: string;
  title: string;
  lastChangeDateTime: string;
  caseVersion?: '1.1';
  frameworkType?: string;
  publisher?: string;
  description?: string;
  language?: string;
  version?: string;
  adoptionStatus?: string;
  notes?: string;
}

/** Journeycraft data carried in a CFItem's `extensions`, so a round trip loses nothing. */
export interface JourneycraftItemExtension {
  kind: Competency['kind'];
  category: string;
  source: string;
}

/** CASE CFItem as it appears inside a CFPackage. */
export interface CfItem {
  identifier: string;
  uri: string;
  fullStatement: string;
  lastChangeDateTime: string;
  abbreviatedStatement?: string;
  humanCodingScheme?: string;
  CFItemType?: string;
  CFItemTypeURI?: CaseLink;
  listEnumeration?: string;
  language?: string;
  notes?: string;
  extensions?: { journeycraft?: JourneycraftItemExtension };
}

/** CASE CFAssociation as it appears inside a CFPackage. */
export interface CfAssociation {
  identifier: string;
  uri: string;
  associationType: string;
  originNodeURI: CaseLink;
  destinationNodeURI: CaseLink;
  sequenceNumber?: number;
  lastChangeDateTime: string;
}

/** CASE CFItemType definition. */
export interface CfItemType {
  identifier: string;
  uri: string;
  title: string;
  description: string;
  hierarchyCode: string;
  lastChangeDateTime: string;
}

/** One level of a rubric criterion: for us, one proficiency level. */
export interface CfRubricCriterionLevel {
  identifier: string;
  uri: string;
  description?: string;
  quality?: string;
  score?: number;
  feedback?: string;
  position?: number;
  rubricCriterionId?: string;
  lastChangeDateTime: string;
}

/** A rubric criterion, linked to the CFItem it assesses. */
export interface CfRubricCriterion {
  identifier: string;
  uri: string;
  category?: string;
  description?: string;
  CFItemURI?: CaseLink;
  weight?: number;
  position?: number;
  rubricId?: string;
  lastChangeDateTime: string;
  CFRubricCriterionLevels?: CfRubricCriterionLevel[];
}

/** A CASE rubric. */
export interface CfRubric {
  identifier: string;
  uri: string;
  title?: string;
  description?: string;
  lastChangeDateTime: string;
  CFRubricCriteria?: CfRubricCriterion[];
}

/** A CASE 1.1 CFPackage: a whole framework in one JSON document. */
export interface CfPackage {
  CFDocument: CfDocument;
  CFItems: CfItem[];
  CFAssociations: CfAssociation[];
  CFDefinitions: { CFItemTypes: CfItemType[] };
  CFRubrics: CfRubric[];
}

/** Options for `toCasePackage` / `exportCase`. */
export interface CaseExportOptions {
  /** CFDocument title (default "Journeycraft competency framework"). */
  title?: string;
  /** CFDocument creator (default "Journeycraft"). */
  creator?: string;
  publisher?: string;
  description?: string;
  version?: string;
  /** BCP 47 language of the statements (default "en"). */
  language?: string;
  adoptionStatus?: 'Draft' | 'Adopted' | 'Deprecated';
  /** Seeds every identifier; keep it stable to keep identifiers stable (default: the title). */
  key?: string;
  /** Base of the `uri` fields, e.g. "https://example.org/ims/case/v1p1"; default `urn:uuid:<identifier>`. */
  baseUri?: string;
  /** ISO 8601 timestamp written to every lastChangeDateTime (default: now). */
  lastChangeDateTime?: string;
}

/** CFItemType titles used by the exporter (and recognised by the importer). */
export const CASE_ITEM_TYPES = {
  competency: 'Competency',
  category: 'Competency Category',
  domain: 'Competency Domain',
} as const;

const KIND_CODES: Record<Competency['kind'], string> = { what: 'WHAT', how: 'HOW', org: 'ORG' };
const KIND_STATEMENTS: Record<Competency['kind'], string> = {
  what: 'What the work takes: tasks, product and service knowledge, systems and technical skill.',
  how: 'How the work is done: the interpersonal behaviours that shape how an interaction feels to the customer.',
  org: 'What the organisation shows as a whole: purposeful leadership, brand promise, customer connectedness and engagement, assessed at map or organisation level.',
};
const ITEM_TYPE_DESCRIPTIONS = {
  competency: 'A competency with five behaviourally anchored proficiency levels.',
  category: 'A group of related competencies within one domain.',
  domain: 'One of the three kinds of competency: WHAT, HOW or ORG.',
};

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'general'
  );
}

/** Builds a CASE 1.1 CFPackage from competencies. Pure, apart from defaulting the timestamp to now. */
export function toCasePackage(competencies: readonly Competency[], options: CaseExportOptions = {}): CfPackage {
  const title = options.title ?? 'Journeycraft competency framework';
  const changed = options.lastChangeDateTime ?? new Date().toISOString();
  const docId = caseDocumentIdentifier(options.key ?? title);
  const id = (name: string) => uuidv5(name, docId);
  const base = options.baseUri?.replace(/\/+$/, '');
  const uri = (collection: string, identifier: string) =>
    base ? `${base}/${collection}/${identifier}` : `urn:uuid:${identifier}`;
  const link = (collection: string, identifier: string, linkTitle: string): CaseLink => ({
    title: linkTitle,
    identifier,
    uri: uri(collection, identifier),
  });
  const language = options.language ?? 'en';

  const document: CfDocument = {
    identifier: docId,
    uri: uri('CFDocuments', docId),
    creator: options.creator ?? 'Journeycraft',
    title,
    lastChangeDateTime: changed,
    caseVersion: '1.1',
    frameworkType: 'Competency framework',
    language,
    ...(options.publisher !== undefined ? { publisher: options.publisher } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.version !== undefined ? { version: options.version } : {}),
    ...(options.adoptionStatus !== undefined ? { adoptionStatus: options.adoptionStatus } : {}),
  };
  const documentLink = link('CFDocuments', docId, title);

  const itemTypes: CfItemType[] = (['domain', 'category', 'competency'] as const).map((key, i) => {
    const identifier = uuidv5(`item-type:${CASE_ITEM_TYPES[key]}`, JOURNEYCRAFT_CASE_NAMESPACE);
    return {
      identifier,
      uri: uri('CFItemTypes', identifier),
      title: CASE_ITEM_TYPES[key],
      description: ITEM_TYPE_DESCRIPTIONS[key],
      hierarchyCode: String(i + 1),
      lastChangeDateTime: changed,
    };
  });
  const typeLink = (key: 'domain' | 'category' | 'competency'): CaseLink => {
    const t = itemTypes.find((it) => it.title === CASE_ITEM_TYPES[key])!;
    return { title: t.title, identifier: t.identifier, uri: t.uri };
  };

  const items: CfItem[] = [];
  const associations: CfAssociation[] = [];
  const childCount = new Map<string, number>();
  const childOf = (child: CaseLink, parent: CaseLink) => {
    const sequenceNumber = (childCount.get(parent.identifier) ?? 0) + 1;
    childCount.set(parent.identifier, sequenceNumber);
    const identifier = id(`isChildOf:${child.identifier}:${parent.identifier}`);
    associations.push({
      identifier,
      uri: uri('CFAssociations', identifier),
      associationType: 'isChildOf',
      originNodeURI: child,
      destinationNodeURI: parent,
      sequenceNumber,
      lastChangeDateTime: changed,
    });
  };

  const kinds = CompetencyKind.options.filter((k) => competencies.some((c) => c.kind === k));
  const domainLinks = new Map<string, CaseLink>();
  for (const kind of kinds) {
    const identifier = id(`kind:${kind}`);
    items.push({
      identifier,
      uri: uri('CFItems', identifier),
      fullStatement: KIND_STATEMENTS[kind],
      abbreviatedStatement: KIND_CODES[kind],
      humanCodingScheme: KIND_CODES[kind],
      CFItemType: CASE_ITEM_TYPES.domain,
      CFItemTypeURI: typeLink('domain'),
      language,
      lastChangeDateTime: changed,
    });
    const domain = link('CFItems', identifier, KIND_CODES[kind]);
    domainLinks.set(kind, domain);
    childOf(domain, documentLink);
  }

  const categoryLinks = new Map<string, CaseLink>();
  const categoryCodes = new Set<string>();
  for (const c of competencies) {
    const key = `${c.kind}\u0000${c.category}`;
    if (!c.category || categoryLinks.has(key)) continue;
    const identifier = id(`category:${c.kind}:${c.category}`);
    let code = `${KIND_CODES[c.kind]}.${slug(c.category)}`;
    for (let n = 2; categoryCodes.has(code); n++) code = `${KIND_CODES[c.kind]}.${slug(c.category)}-${n}`;
    categoryCodes.add(code);
    items.push({
      identifier,
      uri: uri('CFItems', identifier),
      fullStatement: c.category,
      abbreviatedStatement: c.category,
      humanCodingScheme: code,
      CFItemType: CASE_ITEM_TYPES.category,
      CFItemTypeURI: typeLink('category'),
      language,
      lastChangeDateTime: changed,
    });
    const category = link('CFItems', identifier, c.category);
    categoryLinks.set(key, category);
    childOf(category, domainLinks.get(c.kind)!);
  }

  const rubrics: CfRubric[] = [];
  for (const c of competencies) {
    const identifier = id(`competency:${c.id}`);
    items.push({
      identifier,
      uri: uri('CFItems', identifier),
      fullStatement: c.definition,
      abbreviatedStatement: c.name,
      humanCodingScheme: c.id,
      CFItemType: CASE_ITEM_TYPES.competency,
      CFItemTypeURI: typeLink('competency'),
      language,
      lastChangeDateTime: changed,
      extensions: { journeycraft: { kind: c.kind, category: c.category, source: c.source } },
    });
    const itemLink = link('CFItems', identifier, c.name);
    childOf(itemLink, categoryLinks.get(`${c.kind}\u0000${c.category}`) ?? domainLinks.get(c.kind)!);

    const rubricId = id(`rubric:${c.id}`);
    const criterionId = id(`criterion:${c.id}`);
    rubrics.push({
      identifier: rubricId,
      uri: uri('CFRubrics', rubricId),
      title: `${c.name}: proficiency levels`,
      description: `Observable behaviours at each of the five proficiency levels of "${c.name}".`,
      lastChangeDateTime: changed,
      CFRubricCriteria: [
        {
          identifier: criterionId,
          uri: uri('CFRubricCriteria', criterionId),
          category: c.name,
          description: c.definition,
          CFItemURI: itemLink,
          weight: 1,
          position: 1,
          rubricId,
          lastChangeDateTime: changed,
          CFRubricCriterionLevels: c.levels.map((level) => {
            const levelId = id(`level:${c.id}:${level.level}`);
            return {
              identifier: levelId,
              uri: uri('CFRubricCriterionLevels', levelId),
              description: level.behaviours.map((b) => b.replace(/\s*[\r\n]+\s*/g, ' ')).join('\n'),
              quality: level.name,
              score: level.level,
              position: level.level,
              rubricCriterionId: criterionId,
              lastChangeDateTime: changed,
            };
          }),
        },
      ],
    });
  }

  return {
    CFDocument: document,
    CFItems: items,
    CFAssociations: associations,
    CFDefinitions: { CFItemTypes: itemTypes },
    CFRubrics: rubrics,
  };
}

/** Writes competencies as a CASE 1.1 CFPackage JSON file. */
export function exportCase(competencies: readonly Competency[], options: CaseExportOptions = {}): string {
  return `${JSON.stringify(toCasePackage(competencies, options), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Import

const LinkInput = z.looseObject({ identifier: z.string().min(1) });
const LevelInput = z.looseObject({
  description: z.string().optional().nullable(),
  feedback: z.string().optional().nullable(),
  quality: z.string().optional().nullable(),
  score: z.number().optional().nullable(),
  position: z.number().optional().nullable(),
});
const CriterionInput = z.looseObject({
  CFItemURI: LinkInput.optional().nullable(),
  CFRubricCriterionLevels: z.array(LevelInput).optional().nullable(),
});
const PackageInput = z.looseObject({
  CFDocument: z.looseObject({
    identifier: z.string().min(1),
    title: z.string(),
  }),
  CFItems: z.array(
    z.looseObject({
      identifier: z.string().min(1),
      fullStatement: z.string(),
      abbreviatedStatement: z.string().optional().nullable(),
      alternativeLabel: z.string().optional().nullable(),
      humanCodingScheme: z.string().optional().nullable(),
      CFItemType: z.string().optional().nullable(),
      extensions: z.unknown().optional(),
    }),
  ),
  CFAssociations: z
    .array(
      z.looseObject({
        associationType: z.string(),
        originNodeURI: LinkInput,
        destinationNodeURI: LinkInput,
        sequenceNumber: z.number().optional().nullable(),
      }),
    )
    .optional()
    .nullable(),
  CFRubrics: z
    .array(z.looseObject({ CFRubricCriteria: z.array(CriterionInput).optional().nullable() }))
    .optional()
    .nullable(),
});
type PackageInput = z.infer<typeof PackageInput>;
type ItemInput = PackageInput['CFItems'][number];

/** Options for `importCase`. */
export interface CaseImportOptions {
  /** Kind for competencies whose package says nothing about it (default "what"). */
  defaultKind?: Competency['kind'];
}

function toCompetencyId(code: string | null | undefined): string | undefined {
  const text = code?.trim();
  if (!text) return undefined;
  if (IdSchema.safeParse(text).success) return text;
  const cleaned = text
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return cleaned || undefined;
}

function clip(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

function behavioursFrom(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•·]|\d+[.)])\s+/, '').trim())
    .filter((line) => line.length > 0);
}

function readExtension(item: ItemInput): Partial<JourneycraftItemExtension> {
  const ext = item.extensions;
  if (typeof ext !== 'object' || ext === null) return {};
  const jc = (ext as Record<string, unknown>).journeycraft;
  if (typeof jc !== 'object' || jc === null) return {};
  const out: Partial<JourneycraftItemExtension> = {};
  const { kind, category, source } = jc as Record<string, unknown>;
  const parsedKind = CompetencyKind.safeParse(kind);
  if (parsedKind.success) out.kind = parsedKind.data;
  if (typeof category === 'string') out.category = category;
  if (typeof source === 'string') out.source = source;
  return out;
}

/**
 * Reads a CASE 1.1 CFPackage (text or parsed; a `{ "CFPackage": {...} }` wrapper is accepted).
 * Competencies are the CFItems typed "Competency" (or, in packages without that type, the items
 * a rubric criterion points at); their five levels come from the rubric criterion linked to
 * the item. Errors name the JSON path. All-or-nothing.
 */
export function importCase(input: unknown, options: CaseImportOptions = {}): ImportResult {
  let value = input;
  if (typeof input === 'string') {
    const parsed = parseJsonText(input);
    if (!parsed.ok) return { ok: false, errors: [parsed.error] };
    value = parsed.value;
  }
  let prefix = '';
  if (typeof value === 'object' && value !== null && 'CFPackage' in value && !('CFDocument' in value)) {
    value = (value as { CFPackage: unknown }).CFPackage;
    prefix = 'CFPackage';
  }
  const shape = PackageInput.safeParse(value);
  if (!shape.success) {
    return {
      ok: false,
      errors: shape.error.issues.slice(0, 50).map((issue) => ({
        path: joinPath(prefix, issue.path) || '(root)',
        message: issue.message,
      })),
    };
  }
  const pkg = shape.data;
  const at = (path: readonly PropertyKey[]) => joinPath(prefix, path);
  const errors: ImportError[] = [];

  const itemsById = new Map<string, { item: ItemInput; index: number }>();
  pkg.CFItems.forEach((item, index) => itemsById.set(item.identifier, { item, index }));

  const criteriaByItem = new Map<string, { criterion: z.infer<typeof CriterionInput>; path: PropertyKey[] }>();
  (pkg.CFRubrics ?? []).forEach((rubric, r) => {
    (rubric.CFRubricCriteria ?? []).forEach((criterion, c) => {
      const target = criterion.CFItemURI?.identifier;
      if (target && !criteriaByItem.has(target)) {
        criteriaByItem.set(target, { criterion, path: ['CFRubrics', r, 'CFRubricCriteria', c] });
      }
    });
  });

  const isCompetencyType = (item: ItemInput) => item.CFItemType?.trim().toLowerCase() === 'competency';
  let competencyItems = pkg.CFItems.map((item, index) => ({ item, index })).filter(({ item }) =>
    isCompetencyType(item),
  );
  if (!competencyItems.length) {
    competencyItems = pkg.CFItems.map((item, index) => ({ item, index })).filter(({ item }) =>
      criteriaByItem.has(item.identifier),
    );
  }
  if (!competencyItems.length) {
    return {
      ok: false,
      errors: [
        {
          path: at(['CFItems']),
          message:
            'no competencies found: no CFItem has CFItemType "Competency" and no rubric criterion points at an item',
        },
      ],
    };
  }

  const parentOf = new Map<string, string>();
  for (const a of pkg.CFAssociations ?? []) {
    if (a.associationType !== 'isChildOf') continue;
    if (!parentOf.has(a.originNodeURI.identifier))
      parentOf.set(a.originNodeURI.identifier, a.destinationNodeURI.identifier);
  }
  const ancestors = (identifier: string): ItemInput[] => {
    const out: ItemInput[] = [];
    const seen = new Set([identifier]);
    for (let p = parentOf.get(identifier); p && !seen.has(p); p = parentOf.get(p)) {
      seen.add(p);
      const found = itemsById.get(p);
      if (found) out.push(found.item);
    }
    return out;
  };
  const kindOfGroup = (item: ItemInput): Competency['kind'] | undefined => {
    const code = (item.humanCodingScheme ?? item.abbreviatedStatement ?? '').trim().toUpperCase();
    return (Object.keys(KIND_CODES) as Competency['kind'][]).find((k) => KIND_CODES[k] === code);
  };

  const candidates: Candidate[] = [];
  for (const { item, index } of competencyItems) {
    const itemPath: PropertyKey[] = ['CFItems', index];
    const id = toCompetencyId(item.humanCodingScheme) ?? toCompetencyId(item.identifier) ?? `item-${index + 1}`;
    const ext = readExtension(item);
    const groups = ancestors(item.identifier);
    const kind = ext.kind ?? groups.map(kindOfGroup).find((k) => k !== undefined) ?? options.defaultKind ?? 'what';
    const categoryItem = groups.find((g) => kindOfGroup(g) === undefined);
    const category = ext.category ?? clip(categoryItem?.abbreviatedStatement ?? categoryItem?.fullStatement ?? '', 100);
    const name = item.abbreviatedStatement?.trim() || item.alternativeLabel?.trim() || clip(item.fullStatement, 200);

    const linked = criteriaByItem.get(item.identifier);
    if (!linked) {
      errors.push({
        path: at(itemPath),
        message: `competency "${id}" has no rubric criterion (CFRubricCriterion.CFItemURI) holding its five levels`,
      });
      continue;
    }
    const levelsPath = [...linked.path, 'CFRubricCriterionLevels'];
    const rawLevels = (linked.criterion.CFRubricCriterionLevels ?? []).map((level, i) => ({ level, i }));
    const scores = rawLevels.map(({ level }) => level.score);
    const byScore = scores.every((s) => Number.isInteger(s)) && new Set(scores).size === scores.length;
    const positions = rawLevels.map(({ level }) => level.position);
    const byPosition = positions.every((p) => typeof p === 'number') && new Set(positions).size === positions.length;
    if (rawLevels.length !== 5) {
      const found = byScore ? (scores as number[]) : rawLevels.map(({ i }) => i + 1);
      errors.push({ path: at(levelsPath), message: levelCountMessage(id, found) });
      continue;
    }
    const ordered = [...rawLevels];
    if (byScore) ordered.sort((a, b) => a.level.score! - b.level.score!);
    else if (byPosition) ordered.sort((a, b) => a.level.position! - b.level.position!);

    const levels = ordered.map(({ level }, n) => {
      const fromDescription = behavioursFrom(level.description);
      return {
        level: n + 1,
        name: level.quality?.trim() || `Level ${n + 1}`,
        behaviours: fromDescription.length ? fromDescription : behavioursFrom(level.feedback),
      };
    });

    candidates.push({
      label: id,
      value: {
        id,
        kind,
        name,
        category,
        definition: item.fullStatement.trim(),
        levels,
        source: ext.source ?? clip(pkg.CFDocument.title, 500),
      },
      locate(path) {
        const [head, levelIndex, field] = path;
        if (head === 'levels' && typeof levelIndex === 'number') {
          const original = ordered[levelIndex]?.i;
          if (original === undefined) return { path: at(levelsPath) };
          const fieldName = field === 'name' ? 'quality' : field === 'behaviours' ? 'description' : undefined;
          return { path: at([...levelsPath, original, ...(fieldName ? [fieldName] : [])]) };
        }
        const fieldMap: Record<string, string> = {
          id: 'humanCodingScheme',
          name: 'abbreviatedStatement',
          definition: 'fullStatement',
        };
        const field2 = typeof head === 'string' ? fieldMap[head] : undefined;
        return { path: at(field2 ? [...itemPath, field2] : itemPath) };
      },
    });
  }
  return validateCandidates(candidates, errors);
}

/** True when a value looks like a CASE CFPackage (used by `detectFormat`). */
export function looksLikeCasePackage(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = (value as Record<string, unknown>).CFPackage ?? value;
  return typeof v === 'object' && v !== null && 'CFDocument' in v;
}

/** Identifier of the CFDocument `toCasePackage` writes for a given key (or title). */
export function caseDocumentIdentifier(key: string): string {
  return uuidv5(`document:${key}`, JOURNEYCRAFT_CASE_NAMESPACE);
}
