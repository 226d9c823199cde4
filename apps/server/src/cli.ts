/**
 * `pnpm export`: HR documents from the command line, for scripts and HRIS jobs.
 *
 *   pnpm export --map <id|title|snapshot.json> --role <id|name> --kind interview-guide --format docx [--out file]
 *
 * Reads the map from a snapshot file, or from the server's SQLite data directory (DATA_DIR or
 * --data-dir, default ./data). Run `pnpm export --help` for every option.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import {
  HrSettingsSchema,
  JourneycraftError,
  defaultHrSettings,
  formatIssues,
  migrateSnapshot,
  toIssues,
  type HrSettings,
  type MapSnapshot,
} from '@journeycraft/schema';
import { docFromSnapshot, importOrigin, setRoleHrFacts, snapshot } from '@journeycraft/doc';
import {
  EXPORT_FORMATS,
  INTERVIEW_LENGTHS,
  KIND_INFO,
  MAX_INTERVIEW_COMPETENCIES,
  MAX_PANEL,
  MIN_INTERVIEW_COMPETENCIES,
  MAP_KINDS,
  ROLE_KINDS,
  exportDevelopmentPlans,
  exportMap,
  exportMapBatch,
  exportRole,
  exportRoleBatch,
  fillTemplate,
  findRole,
  parseAssessmentsCsv,
  slugify,
  type ExportFile,
  type ExportFormat,
  type InterviewOptions,
  type MapKind,
  type RoleKind,
} from '@journeycraft/export';
import { readConfig } from './config.js';
import { openSqliteStorage } from './storage/sqlite.js';

const HELP = `Usage: pnpm export --map <id|title|snapshot.json> [options]

  --map <ref>           map id or title in the data directory, or a snapshot JSON file
  --role <ref>          role id or name
  --kind <kind>         ${[...ROLE_KINDS, ...MAP_KINDS].join(', ')}
  --format <format>     ${EXPORT_FORMATS.join(', ')} (default docx)
  --out <file>          where to write (default: a file named after the role and kind; "-" for stdout)
  --all-kinds           every kind for --role, as a zip
  --all-roles           --kind (comma-separated, default every kind) for every role, as a zip
  --template <file>     fill a company template (DOCX or LiquidJS text) for --role
  --assessments <csv>   development plans from an assessments CSV (person,competency,level,...) for --role
  --organization <name> employer name (job ad, JobPosting); default: the HR settings' legal employer name
  --settings <json>     workspace HR settings from a JSON file (default: those stored in the data directory)
  --hr <json>           HR facts of --role from a JSON file (the fields of PUT /api/maps/:id/roles/:roleId/hr),
                        for this export only; the flags below override single facts
  --job-code <code>     --grade <grade>     --reports-to <role name or text>
  --salary "<CUR> <min>[-<max>] <HOUR|DAY|WEEK|MONTH|YEAR>"   e.g. "GBP 24000-27500 YEAR"
  --employment-type <FULL_TIME,PART_TIME,…>
  --location "<town>, <country code>"   an on-site workplace, e.g. "Leeds, GB"
  --remote <GB,IE,…>    a remote role for applicants living in these countries
  --closes <YYYY-MM-DD> last day of applications (JobPosting validThrough)
  --paper <A4|Letter>   paper of DOCX, PDF and HTML (default: the HR settings' paper size)
  Interview guide and scorecard:
  --length <${INTERVIEW_LENGTHS.join('|')}>    minutes of the sitting (default 60)
  --competencies <a,b>  the competencies to interview (ids or names, ${MIN_INTERVIEW_COMPETENCIES}-${MAX_INTERVIEW_COMPETENCIES}), instead of the automatic pick
  --panel <1-${MAX_PANEL}>         interviewers sharing the sitting (one guide each, zipped)
  --interviewers <a,b>  their names (sets the panel size)
  --member <n>          only the guide of interviewer n
  --blank-unknown       fill template fields we do not have blank instead of refusing the template
  --data-dir <dir>      SQLite data directory (default DATA_DIR or ./data)
  --list                list the maps in the data directory and their roles
  --help                this text`;

class UsageError extends Error {}

const cwd = process.env.INIT_CWD ?? process.cwd();
const here = (file: string) => path.resolve(cwd, file);

async function loadFromDataDir(ref: string, dataDir: string): Promise<MapSnapshot> {
  const file = path.join(dataDir, 'journeycraft.sqlite');
  if (!fs.existsSync(file)) throw new UsageError(`no map file "${ref}" and no database at ${file}`);
  const storage = openSqliteStorage(file);
  try {
    const maps = await storage.listMaps();
    const map =
      maps.find((m) => m.id === ref) ?? maps.find((m) => m.title.trim().toLowerCase() === ref.trim().toLowerCase());
    if (!map) throw new UsageError(`no map "${ref}" in ${file} (use --list to see the maps)`);
    const stored = await storage.loadDoc(map.id);
    const doc = new Y.Doc();
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    if (parts.length) Y.applyUpdate(doc, Y.mergeUpdates(parts));
    const snap = snapshot(doc);
    doc.destroy();
    return snap;
  } finally {
    await storage.close();
  }
}

async function loadMap(ref: string, dataDir: string): Promise<MapSnapshot> {
  const file = here(ref);
  if (ref.endsWith('.json') || (fs.existsSync(file) && fs.statSync(file).isFile())) {
    if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new UsageError(`${file} is not valid JSON: ${(err as Error).message}`);
    }
    return migrateSnapshot(raw);
  }
  return loadFromDataDir(ref, dataDir);
}

async function list(dataDir: string): Promise<void> {
  const file = path.join(dataDir, 'journeycraft.sqlite');
  if (!fs.existsSync(file)) throw new UsageError(`no database at ${file}`);
  const storage = openSqliteStorage(file);
  const maps = await storage.listMaps();
  await storage.close();
  for (const m of maps) {
    const snap = await loadFromDataDir(m.id, dataDir);
    console.log(`${m.id}  ${m.title}`);
    for (const r of snap.roles) console.log(`    ${r.id}  ${r.name}`);
  }
}

function roleOf(map: MapSnapshot, ref: string | undefined): string {
  if (!ref) throw new UsageError('--role is required (a role id or name)');
  const id = findRole(map, ref);
  if (!id) {
    throw new UsageError(
      `no role "${ref}" on "${map.meta.title}"; roles: ${map.roles.map((r) => r.name).join(', ') || 'none'}`,
    );
  }
  return id;
}

function readJson(file: string, what: string): unknown {
  const at = here(file);
  if (!fs.existsSync(at)) throw new UsageError(`no ${what} file ${at}`);
  try {
    return JSON.parse(fs.readFileSync(at, 'utf8'));
  } catch (err) {
    throw new UsageError(`${at} is not valid JSON: ${(err as Error).message}`);
  }
}

/** The workspace HR settings: from --settings, else from the data directory's store, else the defaults. */
async function loadSettings(file: string | undefined, dataDir: string): Promise<HrSettings> {
  if (file) {
    const parsed = HrSettingsSchema.safeParse(readJson(file, 'settings'));
    if (!parsed.success) throw new UsageError(`--settings ${file}: ${formatIssues(toIssues(parsed.error))}`);
    return parsed.data;
  }
  const db = path.join(dataDir, 'journeycraft.sqlite');
  if (!fs.existsSync(db)) return defaultHrSettings();
  const storage = openSqliteStorage(db);
  try {
    return (await storage.getHrSettings()) ?? defaultHrSettings();
  } finally {
    await storage.close();
  }
}

type CliValues = Partial<Record<keyof typeof OPTIONS, string | boolean | undefined>>;

/** The HR facts the flags give: --hr's file, then the single-fact flags over it. */
function hrPatch(values: CliValues): Record<string, unknown> {
  const str = (k: keyof typeof OPTIONS) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const patch: Record<string, unknown> = {};
  const file = str('hr');
  if (file) {
    const raw = readJson(file, 'HR facts');
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      throw new UsageError(`--hr ${file}: not a JSON object`);
    Object.assign(patch, raw);
  }
  if (str('job-code') !== undefined) patch.jobCode = str('job-code');
  if (str('grade') !== undefined) patch.grade = str('grade');
  if (str('reports-to') !== undefined) patch.reportsToText = str('reports-to');
  const salary = str('salary');
  if (salary !== undefined) {
    const m = /^([A-Za-z]{3})\s+([\d.]+)(?:\s*-\s*([\d.]+))?\s+([A-Za-z]+)$/.exec(salary.trim());
    if (!m) throw new UsageError(`--salary "${salary}": write it as "GBP 24000-27500 YEAR"`);
    patch.salary = {
      currency: m[1]!.toUpperCase(),
      min: Number(m[2]),
      max: Number(m[3] ?? m[2]),
      period: m[4]!.toUpperCase(),
    };
  }
  const types = str('employment-type');
  if (types !== undefined) patch.employmentType = types.split(',').map((t) => t.trim().toUpperCase());
  const location = str('location');
  if (location !== undefined) {
    const m = /^(.*),\s*([A-Za-z]{2})$/.exec(location.trim());
    if (!m) throw new UsageError(`--location "${location}": write it as "<town>, <country code>", e.g. "Leeds, GB"`);
    patch.locations = [{ locality: m[1]!.trim(), country: m[2]!.toUpperCase() }];
    patch.workArrangement ??= 'on_site';
  }
  const remote = str('remote');
  if (remote !== undefined) {
    patch.workArrangement = 'remote';
    patch.applicantLocations = remote.split(',').map((c) => ({ country: c.trim().toUpperCase() }));
  }
  if (str('closes') !== undefined) patch.postingClosesOn = str('closes');
  return patch;
}

/** A whole number flag within bounds, or a usage error naming the flag. */
function intFlag(values: CliValues, name: keyof typeof OPTIONS, min: number, max: number): number | undefined {
  const raw = values[name];
  if (typeof raw !== 'string') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} "${raw}": a whole number ${min} to ${max}`);
  return n;
}

const listFlag = (raw: unknown) =>
  typeof raw === 'string'
    ? raw
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;

/** Interview options from the flags; competencies may be given by name as well as by id. */
function interviewFlags(values: CliValues, map: MapSnapshot): InterviewOptions {
  const options: InterviewOptions = {};
  const length = values.length;
  if (typeof length === 'string') {
    if (!(INTERVIEW_LENGTHS as readonly number[]).includes(Number(length)))
      throw new UsageError(`--length "${length}": one of ${INTERVIEW_LENGTHS.join(', ')} (minutes)`);
    options.interviewMinutes = Number(length);
  }
  const picked = listFlag(values.competencies);
  if (picked) {
    options.interviewCompetencies = picked.map(
      (ref) =>
        map.competencies.find((c) => c.id === ref)?.id ??
        map.competencies.find((c) => c.name.trim().toLowerCase() === ref.toLowerCase())?.id ??
        ref,
    );
  }
  const panel = intFlag(values, 'panel', 1, MAX_PANEL);
  if (panel !== undefined) options.panel = panel;
  const interviewers = listFlag(values.interviewers);
  if (interviewers?.length) options.interviewers = interviewers;
  const member = intFlag(values, 'member', 1, MAX_PANEL);
  if (member !== undefined) options.panelMember = member;
  return options;
}

/** The map with the HR facts applied to one role, checked like the API checks them. */
function withHrFacts(map: MapSnapshot, roleId: string, patch: Record<string, unknown>): MapSnapshot {
  if (!Object.keys(patch).length) return map;
  const doc = docFromSnapshot(map);
  try {
    setRoleHrFacts(doc, roleId, patch, importOrigin('cli'));
    return snapshot(doc);
  } finally {
    doc.destroy();
  }
}

const OPTIONS = {
  map: { type: 'string' },
  role: { type: 'string' },
  kind: { type: 'string' },
  format: { type: 'string', default: 'docx' },
  out: { type: 'string' },
  'all-kinds': { type: 'boolean' },
  'all-roles': { type: 'boolean' },
  template: { type: 'string' },
  assessments: { type: 'string' },
  organization: { type: 'string' },
  settings: { type: 'string' },
  hr: { type: 'string' },
  'job-code': { type: 'string' },
  grade: { type: 'string' },
  'reports-to': { type: 'string' },
  salary: { type: 'string' },
  'employment-type': { type: 'string' },
  location: { type: 'string' },
  remote: { type: 'string' },
  closes: { type: 'string' },
  paper: { type: 'string' },
  length: { type: 'string' },
  competencies: { type: 'string' },
  panel: { type: 'string' },
  interviewers: { type: 'string' },
  member: { type: 'string' },
  'blank-unknown': { type: 'boolean' },
  'data-dir': { type: 'string' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Map ids may start with "-", which parseArgs would take for an option. A string option always
 * takes the next argument as its value (unless that is another option of ours), so glue them.
 */
function glueOptionValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : null;
    const next = argv[i + 1];
    const nextIsOption = next !== undefined && next.startsWith('--') && next.slice(2).split('=')[0]! in OPTIONS;
    if (
      name &&
      name in OPTIONS &&
      OPTIONS[name as keyof typeof OPTIONS].type === 'string' &&
      next !== undefined &&
      !nextIsOption
    ) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: glueOptionValues(argv),
    options: OPTIONS,
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const dataDir = values['data-dir'] ? here(values['data-dir']) : readConfig().dataDir;
  if (values.list) return list(dataDir);
  if (!values.map) throw new UsageError('--map is required');
  const format = values.format as ExportFormat;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}"; use one of ${EXPORT_FORMATS.join(', ')}`);
  }
  const loaded = await loadMap(values.map, dataDir);
  const map = values.role ? withHrFacts(loaded, roleOf(loaded, values.role), hrPatch(values)) : loaded;
  const paper = values.paper as HrSettings['paperSize'] | undefined;
  if (paper !== undefined && paper !== 'A4' && paper !== 'Letter') {
    throw new UsageError(`--paper "${String(paper)}": A4 or Letter`);
  }
  const settings = await loadSettings(values.settings, dataDir);
  const options = {
    settings: paper ? { ...settings, paperSize: paper } : settings,
    ...(values.organization ? { organization: values.organization } : {}),
  };
  let file: ExportFile;
  if (values.template) {
    const roleId = roleOf(map, values.role);
    const template = fs.readFileSync(here(values.template));
    const ext = path.extname(values.template).slice(1).toLowerCase();
    const out = await fillTemplate(map, roleId, template, {
      ...options,
      ...(values['blank-unknown'] ? { unknownFields: 'blank' as const } : {}),
      ...(ext && ext !== 'docx' ? { extension: ext } : {}),
    });
    const role = map.roles.find((r) => r.id === roleId)!;
    if (out.blankFields.length)
      process.stderr.write(`left blank (not fields we have): ${out.blankFields.join(', ')}\n`);
    file = {
      filename: `${slugify(role.name, role.id)}-custom.${out.extension}`,
      mimeType: out.mimeType,
      bytes: out.bytes,
    };
  } else if (values.assessments) {
    const roleId = roleOf(map, values.role);
    const parsed = parseAssessmentsCsv(fs.readFileSync(here(values.assessments), 'utf8'), map.competencies);
    if (!parsed.ok) throw new UsageError(parsed.errors.map((e) => `line ${e.line}: ${e.message}`).join('\n'));
    file = await exportDevelopmentPlans(map, roleId, parsed.assessments, format, options);
  } else if (values['all-roles']) {
    const kinds = values.kind ? values.kind.split(',').map((k) => k.trim()) : [...ROLE_KINDS];
    const bad = kinds.filter((k) => !(ROLE_KINDS as readonly string[]).includes(k));
    if (bad.length) throw new UsageError(`unknown kind ${bad.join(', ')}; use ${ROLE_KINDS.join(', ')}`);
    file = await exportMapBatch(map, kinds as RoleKind[], format, {
      ...options,
      onProgress: (done, total, name) => process.stderr.write(`[${done}/${total}] ${name}\n`),
    });
  } else if (values['all-kinds']) {
    file = await exportRoleBatch(map, roleOf(map, values.role), format, options);
  } else {
    const kind = values.kind;
    if (!kind) throw new UsageError(`--kind is required: ${KIND_INFO.map((k) => k.kind).join(', ')}`);
    if ((MAP_KINDS as readonly string[]).includes(kind)) file = await exportMap(map, kind as MapKind, format, options);
    else if ((ROLE_KINDS as readonly string[]).includes(kind)) {
      file = await exportRole(map, roleOf(map, values.role), kind as RoleKind, format, {
        ...options,
        ...interviewFlags(values, map),
      });
    } else throw new UsageError(`unknown kind "${kind}"; use one of ${KIND_INFO.map((k) => k.kind).join(', ')}`);
  }
  if (values.out === '-') {
    process.stdout.write(file.bytes);
    return;
  }
  const target = here(values.out ?? file.filename);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, file.bytes);
  process.stderr.write(`wrote ${target} (${file.bytes.byteLength} bytes)\n`);
}

try {
  await run(process.argv.slice(2));
} catch (err) {
  if (
    err instanceof UsageError ||
    err instanceof JourneycraftError ||
    (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(`export: ${(err as Error).message}\n`);
    if (err instanceof UsageError || !(err instanceof JourneycraftError))
      process.stderr.write('Run with --help for usage.\n');
    process.exitCode = 2;
  } else {
    throw err;
  }
}
