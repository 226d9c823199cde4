import { z } from 'zod';
import { CompetencyKind, CompetencySchema, IdSchema } from '@journeycraft/schema';
import type { Competency } from '@journeycraft/schema';
import { LEVEL_NAMES } from './builtin/define.js';
import { parseJsonText } from './json.js';
import { finishErrors, joinPath } from './result.js';
import type { ImportError, ImportResult } from './result.js';
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
  /** The CFItemType the competency had where it was imported from, when not "Competency". */
  itemType?: string;
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
      extensions: {
        journeycraft: {
          kind: c.kind,
          category: c.category,
          source: c.source,
          ...(c.itemType !== undefined ? { itemType: c.itemType } : {}),
        },
      },
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
//
// Standards servers publish CASE 1.0 and 1.1 packages that differ from ours in many small ways:
// numbers as strings ("sequenceNumber": "1"), items of any CFItemType ("Standard", "Cluster",
// "Measured Skill"), no rubrics at all, rubrics with three or seven levels, levels given as
// items linked with `hasSkillLevel`. The importer takes what it can and says what it leaves:
//   competencies  every item typed "Competency", every item a rubric criterion points at, and
//                 every other leaf of the isChildOf tree (an item with children is a group and
//                 becomes the category of the items under it); the CFItemType is kept (itemType)
//   levels        from the item's rubric criterion (any count), else from its hasSkillLevel
//                 items (any count), else five generic levels (said so in the preview); any
//                 count is mapped onto our five levels and the mapping is part of the preview
//   dropped       items that cannot be read, duplicates, associations we do not keep, rubric
//                 criteria pointing nowhere: each with the JSON path and the reason

/**
 * Where the five levels of an imported competency came from: a CASE rubric criterion, CASE
 * `hasSkillLevel` items, five generic levels (the package gives none), or the file's own five
 * levels (CSV, Journeycraft JSON).
 */
export type CaseLevelSource = 'rubric' | 'skill-levels' | 'generic' | 'file';

/** Which source levels (by their name in the file) one of our five levels was made from. */
export interface CaseLevelMapping {
  level: number;
  /** Source level names merged into this level; empty for a generic or in-between level. */
  from: string[];
  /** True when no source level maps here and the level was written between its neighbours. */
  between?: boolean;
}

/** One competency the import will create. */
export interface CaseImportEntry {
  id: string;
  name: string;
  /** The item's CFItemType as written in the package. */
  itemType?: string;
  category: string;
  /** JSON path of the CFItem. */
  path: string;
  levelsFrom: CaseLevelSource;
  /** How many levels the package gives (0 for generic levels). */
  sourceLevels: number;
  mapping: CaseLevelMapping[];
}

/** Something in the package the import leaves out, with why. */
export interface CaseDropped {
  path: string;
  label: string;
  reason: string;
}

/** What importing a CASE package would do; `competencies` is what gets stored. */
export interface CasePreview {
  caseVersion: '1.0' | '1.1';
  title: string;
  documentIdentifier: string;
  competencies: Competency[];
  entries: CaseImportEntry[];
  /** Items used as groups (their statements become categories), not imported as competencies. */
  groups: number;
  dropped: CaseDropped[];
}

/** Either a preview, or why the file cannot be read at all. */
export type CasePreviewResult = { ok: true; preview: CasePreview } | { ok: false; errors: ImportError[] };

/** Options for `importCase` / `previewCase`. */
export interface CaseImportOptions {
  /** Kind for competencies whose package says nothing about it (default "what"). */
  defaultKind?: Competency['kind'];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A trimmed non-empty string, or undefined for anything else (null, numbers, empty). */
function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  return t ? t : undefined;
}

/** A number, also when written as a string ("1", " 2.5 "); undefined otherwise. */
function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function linkId(value: unknown): string | undefined {
  return isObject(value) ? text(value.identifier) : undefined;
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function toCompetencyId(code: string | null | undefined): string | undefined {
  const t = code?.trim();
  if (!t) return undefined;
  if (IdSchema.safeParse(t).success) return t;
  const cleaned = t
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return cleaned || undefined;
}

function clip(value: string, max: number): string {
  const t = value.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

function behavioursFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•·]|\d+[.)])\s+/, '').trim())
    .filter((line) => line.length > 0)
    .map((line) => clip(line, 500))
    .slice(0, 20);
}

function readExtension(item: Json): Partial<JourneycraftItemExtension> {
  const ext = item.extensions;
  if (!isObject(ext) || !isObject(ext.journeycraft)) return {};
  const { kind, category, source, itemType } = ext.journeycraft;
  const out: Partial<JourneycraftItemExtension> = {};
  const parsedKind = CompetencyKind.safeParse(kind);
  if (parsedKind.success) out.kind = parsedKind.data;
  if (typeof category === 'string') out.category = category;
  if (typeof source === 'string') out.source = source;
  if (typeof itemType === 'string' && itemType.trim()) out.itemType = itemType.trim();
  return out;
}

/** A level as read from the package, before mapping onto our five. */
interface SourceLevel {
  name: string;
  behaviours: string[];
  order: number | undefined;
  index: number;
}

/** Sorts source levels low to high: by score, else by position / sequence, else as given. */
function orderLevels(levels: SourceLevel[]): SourceLevel[] {
  const keys = levels.map((l) => l.order);
  const usable = keys.every((k) => k !== undefined) && new Set(keys).size === keys.length;
  return usable ? [...levels].sort((a, b) => a.order! - b.order!) : levels;
}

const GENERIC_BEHAVIOURS: readonly string[] = [
  'Meets the statement with step-by-step guidance and checks from others.',
  'Meets the statement in routine situations; asks for help with unusual ones.',
  'Meets the statement on their own, consistently, across the usual range of situations.',
  'Meets the statement in complex or unusual situations and helps colleagues to do so.',
  'Is the reference for others: improves how the team meets the statement and coaches it.',
];

/**
 * Maps any number of ordered source levels onto levels 1..5. More than five: consecutive source
 * levels are merged (level t takes source levels i with floor(i·5/n) = t). Fewer: the lowest goes
 * to 1, the highest to 5, the rest spread evenly; a level left empty is written as "between" its
 * neighbours. One source level lands on 3, with the levels around it written relative to it.
 */
export function mapLevelsOntoFive(
  source: readonly { name: string; behaviours: readonly string[] }[],
  kind: Competency['kind'] = 'what',
): { levels: Competency['levels']; mapping: CaseLevelMapping[] } {
  const n = source.length;
  const slots: { name: string; behaviours: string[] }[][] = [[], [], [], [], []];
  source.forEach((level, i) => {
    const target = n > 5 ? Math.floor((i * 5) / n) : n === 1 ? 2 : Math.round((i * 4) / (n - 1));
    slots[target]!.push({ name: level.name, behaviours: [...level.behaviours] });
  });
  const filled = slots.map((s) => s.length > 0);
  const nameAt = (t: number) => slots[t]!.map((s) => s.name).join(' / ');
  const levels: Competency['levels'] = [];
  const mapping: CaseLevelMapping[] = [];
  for (let t = 0; t < 5; t++) {
    const here = slots[t]!;
    if (here.length) {
      levels.push({
        level: t + 1,
        name: clip(nameAt(t), 200),
        behaviours: here.flatMap((s) => s.behaviours).slice(0, 20),
      });
      mapping.push({ level: t + 1, from: here.map((s) => s.name) });
      continue;
    }
    let below = t - 1;
    while (below >= 0 && !filled[below]) below--;
    let above = t + 1;
    while (above < 5 && !filled[above]) above++;
    const lower = below >= 0 ? nameAt(below) : undefined;
    const upper = above < 5 ? nameAt(above) : undefined;
    let name: string;
    let behaviour: string;
    if (lower && upper) {
      name = `Between ${lower} and ${upper}`;
      behaviour = `Shows everything at "${lower}" consistently and some of what "${upper}" describes.`;
    } else if (upper) {
      name = `Working towards ${upper}`;
      behaviour = `Shows some of what "${upper}" describes, with guidance.`;
    } else if (lower) {
      name = `Beyond ${lower}`;
      behaviour = `Goes beyond "${lower}": handles the hardest cases and helps others reach it.`;
    } else {
      name = LEVEL_NAMES[kind][t]!;
      behaviour = GENERIC_BEHAVIOURS[t]!;
    }
    levels.push({ level: t + 1, name: clip(name, 200), behaviours: [clip(behaviour, 500)] });
    mapping.push({ level: t + 1, from: [], between: true });
  }
  return { levels, mapping };
}

function issuesText(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`)
    .join('; ');
}

function unwrap(input: unknown): { value: unknown; prefix: string } | { error: ImportError } {
  let value = input;
  if (typeof input === 'string') {
    const parsed = parseJsonText(input);
    if (!parsed.ok) return { error: parsed.error };
    value = parsed.value;
  }
  if (isObject(value) && 'CFPackage' in value && !('CFDocument' in value)) {
    return { value: value.CFPackage, prefix: 'CFPackage' };
  }
  return { value, prefix: '' };
}

/**
 * Reads a CASE 1.0 or 1.1 CFPackage (text or parsed; a `{ "CFPackage": {...} }` wrapper is
 * accepted) and says what importing it would do: the competencies, how their levels were made,
 * and what is left out with why. Fails only when the file is not a package or holds nothing
 * importable.
 */
export function previewCase(input: unknown, options: CaseImportOptions = {}): CasePreviewResult {
  const unwrapped = unwrap(input);
  if ('error' in unwrapped) return { ok: false, errors: [unwrapped.error] };
  const { value, prefix } = unwrapped;
  const at = (path: readonly PropertyKey[]) => joinPath(prefix, path) || '(root)';
  if (!isObject(value)) return { ok: false, errors: [{ path: at([]), message: 'a CASE package is a JSON object' }] };
  const doc = value.CFDocument;
  if (!isObject(doc)) {
    return { ok: false, errors: [{ path: at(['CFDocument']), message: 'the package has no CFDocument object' }] };
  }
  if (!Array.isArray(value.CFItems)) {
    return { ok: false, errors: [{ path: at(['CFItems']), message: 'the package has no CFItems array' }] };
  }
  const title = text(doc.title) ?? 'CASE framework';
  const documentIdentifier = text(doc.identifier) ?? '';
  const uri = `${text(doc.uri) ?? ''} ${text(isObject(doc.CFPackageURI) ? doc.CFPackageURI.uri : undefined) ?? ''}`;
  const caseVersion: CasePreview['caseVersion'] =
    text(doc.caseVersion) === '1.1' || /v1p1/i.test(uri) || 'CFRubrics' in value ? '1.1' : '1.0';

  const dropped: CaseDropped[] = [];
  const unreadable = new Set<string>();
  const items: { item: Json; index: number; identifier: string; fullStatement: string }[] = [];
  const byId = new Map<string, (typeof items)[number]>();
  value.CFItems.forEach((raw, index) => {
    const path = at(['CFItems', index]);
    if (!isObject(raw)) return dropped.push({ path, label: `item ${index + 1}`, reason: 'not a JSON object' });
    const identifier = text(raw.identifier);
    const label = text(raw.humanCodingScheme) ?? identifier ?? `item ${index + 1}`;
    if (!identifier) return dropped.push({ path: `${path}.identifier`, label, reason: 'the item has no identifier' });
    const fullStatement = text(raw.fullStatement);
    if (!fullStatement) {
      unreadable.add(identifier);
      return dropped.push({ path: `${path}.fullStatement`, label, reason: 'the item has no fullStatement' });
    }
    if (byId.has(identifier)) {
      return dropped.push({ path, label, reason: `identifier ${identifier} is used by an earlier item` });
    }
    const entry = { item: raw, index, identifier, fullStatement };
    items.push(entry);
    byId.set(identifier, entry);
  });

  // Associations: the tree (isChildOf) and levels (hasSkillLevel); the rest is reported, once per type.
  const parentOf = new Map<string, string>();
  const hasChildren = new Set<string>();
  const skillLevels = new Map<string, { target: string; order: number | undefined }[]>();
  const skillLevelItems = new Set<string>();
  const ignored = new Map<string, number>();
  array(value.CFAssociations).forEach((raw, index) => {
    const path = at(['CFAssociations', index]);
    if (!isObject(raw)) return dropped.push({ path, label: `association ${index + 1}`, reason: 'not a JSON object' });
    const type = text(raw.associationType) ?? '';
    const origin = linkId(raw.originNodeURI);
    const destination = linkId(raw.destinationNodeURI);
    if (!origin || !destination) {
      return dropped.push({
        path,
        label: `${type || 'association'} ${index + 1}`,
        reason: 'originNodeURI or destinationNodeURI has no identifier',
      });
    }
    if (type === 'isChildOf') {
      if (!parentOf.has(origin)) parentOf.set(origin, destination);
      hasChildren.add(destination);
    } else if (type === 'hasSkillLevel') {
      const list = skillLevels.get(origin) ?? [];
      list.push({ target: destination, order: num(raw.sequenceNumber) });
      skillLevels.set(origin, list);
      skillLevelItems.add(destination);
    } else {
      ignored.set(type || '(no type)', (ignored.get(type || '(no type)') ?? 0) + 1);
    }
  });
  for (const [type, count] of ignored) {
    dropped.push({
      path: at(['CFAssociations']),
      label: type,
      reason: `${count} "${type}" association${count === 1 ? '' : 's'} not kept: the library keeps competencies, their groups and levels, not links between them`,
    });
  }

  // Rubric criteria, by the item they assess.
  const criteria = new Map<string, { levels: unknown[]; path: PropertyKey[] }>();
  array(value.CFRubrics).forEach((rubric, r) => {
    if (!isObject(rubric)) return;
    array(rubric.CFRubricCriteria).forEach((criterion, c) => {
      if (!isObject(criterion)) return;
      const path: PropertyKey[] = ['CFRubrics', r, 'CFRubricCriteria', c];
      const target = linkId(criterion.CFItemURI);
      if (!target || !byId.has(target)) {
        return dropped.push({
          path: at(path),
          label: text(criterion.category) ?? `criterion ${c + 1}`,
          reason: !target
            ? 'it names no CFItemURI'
            : unreadable.has(target)
              ? `its item ${target} is dropped (see above)`
              : `it points at item ${target}, which is not in the package`,
        });
      }
      if (criteria.has(target)) {
        return dropped.push({
          path: at(path),
          label: text(criterion.category) ?? `criterion ${c + 1}`,
          reason: 'an earlier criterion already gives the levels of this item',
        });
      }
      criteria.set(target, { levels: array(criterion.CFRubricCriterionLevels), path });
    });
  });

  const typeOf = (item: Json) =>
    text(item.CFItemType) ?? text(isObject(item.CFItemTypeURI) ? item.CFItemTypeURI.title : undefined);
  const isCompetencyType = (item: Json) => typeOf(item)?.toLowerCase() === 'competency';
  const ancestors = (identifier: string): Json[] => {
    const out: Json[] = [];
    const seen = new Set([identifier]);
    for (let p = parentOf.get(identifier); p && !seen.has(p); p = parentOf.get(p)) {
      seen.add(p);
      const found = byId.get(p);
      if (found) out.push(found.item);
    }
    return out;
  };
  const kindOfGroup = (item: Json): Competency['kind'] | undefined => {
    const code = (text(item.humanCodingScheme) ?? text(item.abbreviatedStatement) ?? '').toUpperCase();
    return (Object.keys(KIND_CODES) as Competency['kind'][]).find((k) => KIND_CODES[k] === code);
  };

  let groups = 0;
  const entries: CaseImportEntry[] = [];
  const competencies: Competency[] = [];
  const usedIds = new Set<string>();
  for (const { item, index, identifier, fullStatement } of items) {
    if (skillLevelItems.has(identifier) && !criteria.has(identifier)) continue; // a level of another item
    const chosen = isCompetencyType(item) || criteria.has(identifier) || !hasChildren.has(identifier);
    if (!chosen) {
      groups++;
      continue;
    }
    const itemPath: PropertyKey[] = ['CFItems', index];
    const ext = readExtension(item);
    const code = text(item.humanCodingScheme);
    const label = code ?? identifier;
    let id = toCompetencyId(code) ?? toCompetencyId(identifier) ?? `item-${index + 1}`;
    if (usedIds.has(id)) {
      const fallback = toCompetencyId(identifier);
      if (!fallback || usedIds.has(fallback)) {
        dropped.push({
          path: at([...itemPath, 'humanCodingScheme']),
          label,
          reason: `duplicate competency id "${id}"`,
        });
        continue;
      }
      id = fallback;
    }
    const groupsAbove = ancestors(identifier);
    const kind = ext.kind ?? groupsAbove.map(kindOfGroup).find((k) => k !== undefined) ?? options.defaultKind ?? 'what';
    const categoryItem = groupsAbove.find((g) => kindOfGroup(g) === undefined);
    const category =
      ext.category ?? clip(text(categoryItem?.abbreviatedStatement) ?? text(categoryItem?.fullStatement) ?? '', 100);
    const name = clip(text(item.abbreviatedStatement) ?? text(item.alternativeLabel) ?? fullStatement, 200);
    // "Competency" is what every competency is; any other type is kept.
    const itemType = ext.itemType ?? (isCompetencyType(item) ? undefined : typeOf(item));

    // Levels: rubric criterion, else hasSkillLevel items, else generic.
    let levelsFrom: CaseLevelSource = 'generic';
    let source: SourceLevel[] = [];
    const criterion = criteria.get(identifier);
    if (criterion) {
      levelsFrom = 'rubric';
      const raw = criterion.levels.filter(isObject);
      const scores = raw.map((l) => num(l.score));
      const byScore = scores.every((v) => v !== undefined) && new Set(scores).size === scores.length;
      source = raw.map((level, i) => {
        const fromDescription = behavioursFrom(text(level.description));
        return {
          name: clip(text(level.quality) ?? `Level ${i + 1}`, 200),
          behaviours: fromDescription.length ? fromDescription : behavioursFrom(text(level.feedback)),
          order: byScore ? scores[i] : num(level.position),
          index: criterion.levels.indexOf(level),
        };
      });
    } else if (skillLevels.has(identifier)) {
      levelsFrom = 'skill-levels';
      source = skillLevels
        .get(identifier)!
        .map(({ target, order }, i) => ({ found: byId.get(target), order, i }))
        .filter((l) => l.found !== undefined)
        .map(({ found, order, i }) => ({
          name: clip(
            text(found!.item.abbreviatedStatement) ?? text(found!.item.humanCodingScheme) ?? `Level ${i + 1}`,
            200,
          ),
          behaviours: behavioursFrom(found!.fullStatement),
          order: order ?? num(found!.item.listEnumeration),
          index: i,
        }));
    }
    const empty = source.filter((s) => s.behaviours.length === 0);
    if (empty.length) {
      const where = criterion ? at([...criterion.path, 'CFRubricCriterionLevels', empty[0]!.index]) : at(itemPath);
      dropped.push({
        path: where,
        label,
        reason: `competency "${id}": level "${empty[0]!.name}" describes no behaviour (no description or feedback)`,
      });
      continue;
    }
    const ordered = orderLevels(source);
    const { levels, mapping } = mapLevelsOntoFive(ordered, kind);
    if (!ordered.length) levelsFrom = 'generic';
    const candidate = {
      id,
      kind,
      name,
      category,
      definition: fullStatement,
      levels,
      source: ext.source ?? clip(title, 500),
      ...(itemType ? { itemType: clip(itemType, 100) } : {}),
    };
    const parsed = CompetencySchema.safeParse(candidate);
    if (!parsed.success) {
      dropped.push({ path: at(itemPath), label, reason: `competency "${id}": ${issuesText(parsed.error.issues)}` });
      continue;
    }
    usedIds.add(id);
    competencies.push(parsed.data);
    entries.push({
      id,
      name,
      ...(itemType ? { itemType } : {}),
      category,
      path: at(itemPath),
      levelsFrom,
      sourceLevels: levelsFrom === 'generic' ? 0 : ordered.length,
      mapping: levelsFrom === 'generic' ? mapping.map((m) => ({ level: m.level, from: [] })) : mapping,
    });
  }

  if (!competencies.length) {
    const errors: ImportError[] = dropped
      .filter((d) => !d.path.endsWith('CFAssociations'))
      .map((d) => ({ path: d.path, message: `${d.label}: ${d.reason}` }));
    return {
      ok: false,
      errors: finishErrors([
        { path: at(['CFItems']), message: 'no competencies found: the package holds no item that can be imported' },
        ...errors,
      ]),
    };
  }
  return { ok: true, preview: { caseVersion, title, documentIdentifier, competencies, entries, groups, dropped } };
}

/**
 * Imports a CASE 1.0 / 1.1 package: the competencies `previewCase` finds, with what was left out
 * in `dropped` (JSON path and reason). Errors only when nothing can be imported.
 */
export function importCase(input: unknown, options: CaseImportOptions = {}): ImportResult {
  const result = previewCase(input, options);
  if (!result.ok) return result;
  const { competencies, dropped } = result.preview;
  return dropped.length
    ? { ok: true, competencies, dropped: dropped.map((d) => ({ path: d.path, message: `${d.label}: ${d.reason}` })) }
    : { ok: true, competencies };
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
