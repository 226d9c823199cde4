/**
 * @journeycraft/export: role profiles into HR documents. Each document kind is a pure function
 * from a map and a role to a neutral document tree; renderers turn the tree into DOCX, PDF,
 * Markdown, HTML, JSON, XLSX and CSV (formula-safe); the job ad also becomes schema.org JobPosting
 * JSON-LD. Batches are zipped. Companies' own DOCX (docxtemplater) and text (LiquidJS, in a worker)
 * templates are filled from a documented field list.
 */
export {
  RunSchema,
  InlineSchema,
  ColumnSchema,
  BlockSchema,
  ExportDocumentSchema,
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  inlineText,
  documentTables,
  primaryTable,
} from './model.js';
export type { Run, Inline, Column, Block, TableBlock, RatingScaleBlock, FigureBlock, ExportDocument } from './model.js';
export { outlineText } from './render/picture.js';
export type { DocumentOptions, KindContext, Audience } from './common.js';
export { audienceOf } from './common.js';
export {
  ROLE_KINDS,
  MAP_KINDS,
  EXPORT_FORMATS,
  FORMAT_INFO,
  KIND_INFO,
  kindInfo,
  kindFits,
  slugify,
  findRole,
  buildRoleDocument,
  buildMapDocument,
  renderDocument,
  preloadRenderers,
  exportRole,
  publishesPosting,
  exportMap,
  exportMapBatch,
  exportRoleBatch,
  exportDevelopmentPlans,
  zipFiles,
  ZipStream,
  planMapBatch,
  inFolder,
} from './export.js';
export type {
  RoleKind,
  MapKind,
  DocumentKind,
  ExportFormat,
  KindInfo,
  RoleExportOptions,
  MapExportOptions,
  ExportFile,
  BatchOptions,
  BatchProgress,
  BatchItem,
} from './export.js';
export { ASSESSMENT_CSV_COLUMNS, parseAssessmentsCsv, assessedPeople } from './assessments.js';
export type { Assessment, AssessmentCsvOptions, AssessmentError, AssessmentParseResult } from './assessments.js';
export { gapRows } from './kinds/development.js';
export type { GapRow, DevelopmentPlanInput } from './kinds/development.js';
export { interviewQuestions, RATING_OPTIONS, scorecardBar } from './kinds/interview.js';
export { benchRows } from './kinds/pipeline.js';
export type { BenchRow } from './kinds/pipeline.js';
export { READINESS } from './kinds/succession.js';
export { OVERALL_BANDS, STANDARD_CAP, overallRating, overallRuleText, weightedGoals } from './kinds/review.js';
export type { OverallInput, OverallResult } from './kinds/review.js';
export {
  INTERVIEW_LENGTHS,
  MAX_PANEL,
  MIN_INTERVIEW_COMPETENCIES,
  MAX_INTERVIEW_COMPETENCIES,
  planInterview,
  priorityOf,
  percentages,
} from './kinds/interview-plan.js';
export type {
  InterviewLength,
  InterviewOptions,
  InterviewPlan,
  PlannedCompetency,
  NotCovered,
  Priority,
} from './kinds/interview-plan.js';
export { renderMarkdown, escapeMarkdown } from './render/markdown.js';
export { renderDocx } from './render/docx.js';
export { renderPdf } from './render/pdf.js';
export { missingGlyphs } from './render/glyphs.js';
export { renderHtml, escapeHtml, renderBlocksHtml, jsonLdScript } from './render/html.js';
export { renderXlsx, safeCellValue } from './render/xlsx.js';
export { renderCsv, tableToCsv, csvLine } from './render/csv.js';
export { renderJson, documentJsonSchema, DOCUMENT_SCHEMA_ID } from './render/json.js';
export {
  jobPosting,
  checkJobPosting,
  publishableJobPosting,
  validJobPosting,
  renderJobPosting,
  jobPostingScriptTag,
} from './jobposting.js';
export type { JobPostingOptions, PostingIssue } from './jobposting.js';
export {
  employmentText,
  salaryText,
  workplaceText,
  addressText,
  countryName,
  reportsToText,
  exemptText,
} from './hrfacts.js';
export { sampleSupportMap, sampleHrSettings } from './sample.js';
export {
  TEMPLATE_FIELDS,
  knownTemplateTags,
  buildTemplateData,
  topLevelFieldNames,
  unknownFieldMessage,
} from './templates/fields.js';
export type { TemplateField, TemplateData } from './templates/fields.js';
export { fillDocxTemplate, TemplateError } from './templates/docx-template.js';
export { renderTextTemplate } from './templates/liquid.js';
export type { TextTemplateLimits, TemplateEscape } from './templates/liquid.js';
export {
  DEFAULT_TEMPLATE_LIMITS,
  templateLimits,
  checkOutputSize,
  outputTooLarge,
  inflatedTooLarge,
  tooManyExpansions,
} from './templates/limits.js';
export type { TemplateLimits } from './templates/limits.js';
export {
  TEXT_TEMPLATE_EXTENSIONS,
  MAX_TEMPLATE_BYTES,
  checkTemplate,
  templateData,
  sampleTemplateData,
  fillTemplate,
} from './templates/custom.js';
export type { CheckedTemplate, TemplateExportOptions, TemplateOutput } from './templates/custom.js';
