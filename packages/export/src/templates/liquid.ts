import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { ErrorCode, LimitExceededError } from '@journeycraft/schema';
import { TemplateError } from './docx-template.js';
import { unknownFieldMessage } from './fields.js';
import { outputTooLarge } from './limits.js';

const require = createRequire(import.meta.url);

/** Limits of a text template render. */
export interface TextTemplateLimits {
  /** Wall-clock limit in ms; the worker is terminated after it (default 2000). */
  timeMs?: number;
  /** Largest output in bytes (default 2 MiB). */
  maxOutputBytes?: number;
  /** Heap of the worker in MB (default 64). */
  maxHeapMb?: number;
  /** HTML-escape every `{{ output }}` (for HTML templates); use `| raw` to opt out per output. */
  escapeHtml?: boolean;
  /** Render variables the data does not have as empty instead of refusing the template. */
  fillBlank?: boolean;
  /** With `fillBlank`: told the variables that were left empty. */
  onBlank?: (fields: string[]) => void;
  /**
   * How every `{{ output }}` is escaped: `html` (HTML and XML: & < > " '), `json` (inside a JSON
   * string) or `none`; `| raw` opts out per output. Wins over `escapeHtml`.
   */
  escape?: TemplateEscape;
}

/** How a text template's outputs are escaped for the format it produces. */
export type TemplateEscape = 'html' | 'json' | 'none';

/**
 * The worker's code, run with `eval` so it works the same from source, from dist and under test
 * runners. LiquidJS is loaded from the path the main thread resolved. The engine has no file
 * system (`include`, `render` and `layout` are refused), reads own properties only, and reports
 * an unknown variable or filter by name.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Liquid, Tag } = require(workerData.liquidPath);
const noFiles = () => { throw new Error('templates cannot read files'); };
const fs = {
  exists: async () => false, existsSync: () => false,
  readFile: async () => noFiles(), readFileSync: noFiles,
  resolve: (_root, file) => file, contains: () => false, sep: '/', dirname: () => '/',
};
const engine = new Liquid({
  fs, root: [], partials: [], layouts: [], relativeReference: false, dynamicPartials: false,
  outputEscape: workerData.escape === 'html' ? 'escape'
    : workerData.escape === 'json' ? (v) => JSON.stringify(String(v ?? '')).slice(1, -1)
    : undefined,
  ownPropertyOnly: true, strictVariables: !workerData.fillBlank, strictFilters: true, lenientIf: true,
  parseLimit: workerData.maxTemplateBytes, renderLimit: workerData.timeMs, memoryLimit: workerData.maxOutputBytes * 4,
});
for (const name of ['include', 'render', 'layout']) {
  engine.registerTag(name, class extends Tag {
    constructor(token, remain, liquid) {
      super(token, remain, liquid);
      throw new Error('{% ' + name + ' %} is not allowed: templates cannot read other files');
    }
    *render() {}
  });
}
(async () => {
  try {
    const parsed = engine.parse(workerData.template);
    const has = (path) => {
      let v = workerData.data;
      for (const key of path.split('.')) {
        if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return false;
        v = v[key];
      }
      return true;
    };
    const blanks = workerData.fillBlank
      ? engine.globalFullVariablesSync(parsed).filter((name) => /^[A-Za-z_][\\w.]*$/.test(name) && !has(name))
      : [];
    const output = await engine.render(parsed, workerData.data);
    if (Buffer.byteLength(output, 'utf8') > workerData.maxOutputBytes) {
      parentPort.postMessage({ ok: false, limit: 'output', message: 'the output is larger than ' + workerData.maxOutputBytes + ' bytes' });
    } else {
      parentPort.postMessage({ ok: true, output, blanks: [...new Set(blanks)] });
    }
  } catch (err) {
    const message = String((err && err.message) || err);
    const limit = /template render limit exceeded/.test(message) ? 'time'
      : /memory alloc limit exceeded/.test(message) ? 'memory' : undefined;
    parentPort.postMessage({ ok: false, limit, message });
  }
})();
`;

/** 413: LiquidJS's allocation limit (ranges, strings built) was reached. */
function templateMemory(max: number): LimitExceededError {
  return new LimitExceededError(
    `the template allocates more than ${max} bytes while rendering (limit EXPORT_MAX_OUTPUT_BYTES × 4)`,
    { name: 'templateMemory', max, unit: 'bytes', setting: 'EXPORT_MAX_OUTPUT_BYTES' },
    ErrorCode.PayloadTooLarge,
  );
}

function tagsIn(message: string): string[] {
  const tags: string[] = [];
  const variable = /undefined (?:variable|filter): ([\w.]+)/.exec(message);
  if (variable) tags.push(variable[1]!);
  const tag = /tag "?\{?%?\s*([\w]+)/.exec(message);
  if (!variable && tag) tags.push(tag[1]!);
  return tags;
}

function refusal(message: string): TemplateError {
  const tags = tagsIn(message);
  const variable = /undefined variable: ([\w.]+)/.exec(message)?.[1];
  const known = variable ? `: ${unknownFieldMessage(variable)}` : '';
  return new TemplateError(`the template cannot be used: ${message}${known}`, tags, [message]);
}

/**
 * Renders a LiquidJS text template (Markdown, HTML, plain text…) in a worker thread with a time
 * limit, an output-size limit and a small heap; the template can read only `data`. Throws a
 * TemplateError with LiquidJS's message (which names the unknown variable, filter or tag, with
 * line and column).
 */
export function renderTextTemplate(template: string, data: object, limits: TextTemplateLimits = {}): Promise<string> {
  const timeMs = limits.timeMs ?? 2000;
  const maxOutputBytes = limits.maxOutputBytes ?? 2 * 1024 * 1024;
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      liquidPath: require.resolve('liquidjs'),
      template,
      data: JSON.parse(JSON.stringify(data)) as unknown,
      timeMs,
      maxOutputBytes,
      escape: limits.escape ?? (limits.escapeHtml ? 'html' : 'none'),
      fillBlank: limits.fillBlank ?? false,
      maxTemplateBytes: Math.max(Buffer.byteLength(template, 'utf8'), 1),
    },
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb ?? 64, maxYoungGenerationSizeMb: 16 },
    stdout: true,
    stderr: true,
    env: {},
  });
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const tooSlow = () =>
      new LimitExceededError(`the template took longer than ${timeMs} ms to render (limit EXPORT_TIME_MS)`, {
        name: 'timeMs',
        max: timeMs,
        unit: 'ms',
        setting: 'EXPORT_TIME_MS',
      });
    const timer = setTimeout(() => finish(() => reject(tooSlow())), timeMs);
    type Answer = {
      ok: boolean;
      output?: string;
      message?: string;
      limit?: 'time' | 'output' | 'memory';
      blanks?: string[];
    };
    worker.once('message', (msg: Answer) =>
      finish(() => {
        if (msg.ok) {
          if (msg.blanks?.length) limits.onBlank?.(msg.blanks);
          resolve(msg.output ?? '');
        } else if (msg.limit === 'time') reject(tooSlow());
        else if (msg.limit === 'output') reject(outputTooLarge(maxOutputBytes));
        else if (msg.limit === 'memory') reject(templateMemory(maxOutputBytes * 4));
        else reject(refusal(msg.message ?? 'error'));
      }),
    );
    worker.once('error', (err) =>
      finish(() => reject(new TemplateError(`the template could not be rendered: ${err.message}`, []))),
    );
    worker.once('exit', (code) =>
      finish(() => reject(new TemplateError(`the template renderer stopped (exit code ${code})`, []))),
    );
  });
}
