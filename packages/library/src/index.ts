/**
 * @journeycraft/library: the built-in competency library (our own words, WHAT / HOW / ORG, five
 * behaviourally anchored levels each) and pure importers / exporters for competency frameworks in
 * CSV, Journeycraft JSON and 1EdTech CASE 1.1 JSON. No I/O; runs in the browser and on the server.
 */
export { builtinLibrary, getBuiltinCompetency, builtinByKind, cloneBuiltinLibrary } from './builtin/index.js';
export { BUILTIN_SOURCE, LEVEL_NAMES } from './builtin/define.js';
export { MAX_IMPORT_ERRORS } from './result.js';
export type { ImportError, ImportResult } from './result.js';
export {
  CSV_COLUMNS,
  BEHAVIOUR_SEPARATOR,
  exportCsv,
  importCsv,
  escapeCell,
  unescapeCell,
  joinBehaviours,
  splitBehaviours,
} from './csv.js';
export type { CsvColumn, CsvExportOptions, CsvImportOptions } from './csv.js';
export { JSON_FORMAT, JSON_VERSION, JsonFrameworkSchema, toJsonFramework, exportJson, importJson } from './json.js';
export type { JsonFramework } from './json.js';
export {
  CASE_ITEM_TYPES,
  toCasePackage,
  exportCase,
  importCase,
  previewCase,
  mapLevelsOntoFive,
  caseDocumentIdentifier,
  looksLikeCasePackage,
} from './case.js';
export type {
  CaseExportOptions,
  CaseImportOptions,
  CaseImportEntry,
  CaseDropped,
  CaseLevelMapping,
  CaseLevelSource,
  CasePreview,
  CasePreviewResult,
  CaseLink,
  CfPackage,
  CfDocument,
  CfItem,
  CfAssociation,
  CfItemType,
  CfRubric,
  CfRubricCriterion,
  CfRubricCriterionLevel,
  JourneycraftItemExtension,
} from './case.js';
export { detectFormat, importFramework, previewFramework, exportFramework, FRAMEWORK_FILE_TYPES } from './framework.js';
export type { FrameworkFormat, FrameworkPreview } from './framework.js';
export { uuidv5, isUuid, NAMESPACE_URL, JOURNEYCRAFT_CASE_NAMESPACE } from './uuid.js';
