import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  CompetencySchema,
  ErrorCode,
  IdSchema,
  JourneycraftError,
  newId,
  type Competency,
  type Issue,
} from '@journeycraft/schema';
import {
  FRAMEWORK_FILE_TYPES,
  builtinLibrary,
  exportFramework,
  getBuiltinCompetency,
  previewFramework,
  type FrameworkFormat,
} from '@journeycraft/library';
import type { Storage } from '../storage/types.js';
import { jsonBody } from './http.js';

/** Where a library entry comes from: shipped, shipped then edited by the team, or the team's own. */
export type LibraryOrigin = 'builtin' | 'modified' | 'workspace';
export type LibraryEntry = Competency & { origin: LibraryOrigin };

const FormatQuery = z.object({ format: z.enum(['csv', 'json', 'case']).optional() });
const ImportQuery = FormatQuery.extend({ dryRun: z.enum(['1', 'true', '0', 'false']).optional() });
const NewCompetencySchema = z.preprocess(
  (raw) => (raw && typeof raw === 'object' && !('id' in raw) ? { ...raw, id: newId() } : raw),
  CompetencySchema,
);

function idParam(raw: string | undefined): string {
  if (!IdSchema.safeParse(raw).success) {
    throw new JourneycraftError(ErrorCode.BadRequest, 'competency id must be 1-64 letters, digits, "_" or "-"');
  }
  return raw!;
}

/** Built-ins merged with the workspace's entries (a workspace entry with a built-in's id overrides it). */
async function mergedLibrary(storage: Storage): Promise<LibraryEntry[]> {
  const workspace = new Map((await storage.listLibrary()).map((c) => [c.id, c]));
  const entries: LibraryEntry[] = builtinLibrary.map((b) => {
    const own = workspace.get(b.id);
    return own ? { ...own, origin: 'modified' as const } : { ...b, origin: 'builtin' as const };
  });
  for (const [id, c] of workspace) if (!getBuiltinCompetency(id)) entries.push({ ...c, origin: 'workspace' });
  return entries.sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}

/**
 * The workspace competency library: built-ins plus what teams add or edit, with import and
 * export of frameworks (CSV, JSON, CASE 1.1). Imports are all-or-nothing.
 */
export function libraryRoutes({ storage }: { storage: Storage }): Hono {
  const api = new Hono();

  api.get('/', async (c) => c.json({ competencies: await mergedLibrary(storage) }));

  api.get('/export', async (c) => {
    const { format = 'json' } = FormatQuery.parse(c.req.query());
    const competencies = (await mergedLibrary(storage)).map(({ origin: _origin, ...rest }) => rest as Competency);
    const body = exportFramework(competencies, format);
    const type = FRAMEWORK_FILE_TYPES[format];
    return c.body(body, 200, {
      'content-type': type.mime,
      'content-disposition': `attachment; filename="competency-library${type.extension}"`,
    });
  });

  /**
   * Imports a framework file. `?dryRun=1` (or POST /import/preview) stores nothing and answers
   * what would be imported (with each competency's type and level mapping, and whether it
   * replaces a library entry) and what is dropped, with reasons. CSV and JSON are all-or-nothing;
   * CASE imports what is valid and lists the rest in `dropped`.
   */
  const importHandler = (forcePreview: boolean) => async (c: Context) => {
    const query = ImportQuery.safeParse(c.req.query());
    if (!query.success) {
      throw new JourneycraftError(ErrorCode.BadRequest, 'format must be csv, json or case; dryRun must be 1 or 0');
    }
    const dryRun = forcePreview || query.data.dryRun === '1' || query.data.dryRun === 'true';
    const text = await c.req.text();
    if (!text.trim()) throw new JourneycraftError(ErrorCode.BadRequest, 'the uploaded file is empty');
    const result = previewFramework(text, query.data.format as FrameworkFormat | undefined);
    if (!result.ok) {
      const issues: Issue[] = result.errors.map((e) => ({
        path: e.line !== undefined ? `line ${e.line}` : (e.path ?? '(file)'),
        message: e.message,
      }));
      const first = issues[0]!;
      throw new JourneycraftError(
        ErrorCode.ValidationFailed,
        `the file was not imported (${issues.length} problem${issues.length === 1 ? '' : 's'}; first: ${first.path}: ${first.message}); the library is unchanged`,
        issues,
      );
    }
    const { competencies, entries, ...rest } = result.preview;
    const dropped = rest.dropped;
    if (dryRun) {
      const existing = new Set((await mergedLibrary(storage)).map((e) => e.id));
      return c.json({
        dryRun: true,
        ...rest,
        competencies: entries.map((e) => ({ ...e, replaces: existing.has(e.id) })),
      });
    }
    await storage.putLibrary(competencies);
    return c.json({ imported: competencies.length, ids: competencies.map((x) => x.id), dropped });
  };
  api.post('/import/preview', importHandler(true));
  api.post('/import', importHandler(false));

  api.get('/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const entry = (await mergedLibrary(storage)).find((e) => e.id === id);
    if (!entry) throw new JourneycraftError(ErrorCode.NotFound, `competency "${id}" is not in the library`);
    return c.json(entry);
  });

  api.post('/', async (c) => {
    const competency = await jsonBody(c, NewCompetencySchema);
    if ((await mergedLibrary(storage)).some((e) => e.id === competency.id)) {
      throw new JourneycraftError(
        ErrorCode.Conflict,
        `competency "${competency.id}" already exists; use PUT to edit it`,
      );
    }
    await storage.putLibrary([competency]);
    return c.json({ ...competency, origin: 'workspace' }, 201);
  });

  api.put('/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const competency = await jsonBody(c, CompetencySchema);
    if (competency.id !== id) {
      throw new JourneycraftError(ErrorCode.BadRequest, `body id "${competency.id}" does not match the URL id "${id}"`);
    }
    await storage.putLibrary([competency]);
    return c.json({ ...competency, origin: getBuiltinCompetency(id) ? 'modified' : 'workspace' });
  });

  api.delete('/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const builtin = getBuiltinCompetency(id);
    const removed = await storage.deleteLibraryEntry(id);
    if (builtin) {
      if (!removed) {
        throw new JourneycraftError(
          ErrorCode.Conflict,
          `"${builtin.name}" is built in and cannot be deleted; edit it instead`,
        );
      }
      return c.json({ ...builtin, origin: 'builtin' }); // reverted to the shipped version
    }
    if (!removed) throw new JourneycraftError(ErrorCode.NotFound, `competency "${id}" is not in the library`);
    return c.body(null, 204);
  });

  return api;
}
