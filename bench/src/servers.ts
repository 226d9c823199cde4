import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
const ourMain = path.join(repoRoot, 'apps/server/src/main.ts');
const require = createRequire(import.meta.url);
/** Preloaded into every server: writes its event-loop delay to $BENCH_LAG_FILE (see probe/lag-probe.mjs). */
const lagProbe = path.join(here, '../probe/lag-probe.mjs');
/** The reference server's own bin (src/server.js of @y/websocket-server). */
const refMain = path.join(path.dirname(require.resolve('@y/websocket-server/package.json')), 'src/server.js');

/** Which server a run talks to. */
export type ServerKind = 'ours' | 'ref-mem' | 'ref-leveldb';

export const serverLabels: Record<ServerKind, string> = {
  ours: 'Journeycraft (SQLite)',
  'ref-mem': 'reference in-memory',
  'ref-leveldb': 'reference + YPERSISTENCE (LevelDB)',
};

export interface BenchServer {
  readonly kind: ServerKind;
  readonly port: number;
  readonly pid: number;
  /** Data folder (SQLite file or LevelDB), kept across restarts; null for the in-memory reference. */
  readonly dataDir: string | null;
  /** Base URL a `WebsocketProvider` is given (the room name is appended as `/<room>`). */
  readonly wsBase: string;
  /** Query parameters every connection sends (ours: the owner's API token; none for the reference). */
  readonly wsParams: Record<string, string>;
  /** A room to use: ours needs the map created first; the reference creates rooms on demand. */
  newRoom(title: string): Promise<string>;
  /** kill -9: no shutdown hooks, no flush. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the process to exit (ours flushes and compacts; the reference just exits). */
  stop(): Promise<void>;
  /** Starts the same kind again on the same data folder (after kill9 or stop). */
  restart(): Promise<BenchServer>;
  /** Removes the data folder (after the server is stopped). */
  cleanup(): void;
  /** Starts a new event-loop delay window (SIGUSR2 to the probe). */
  lagReset(): void;
  /** The server's event-loop delay since lagReset(), in ms (from the probe; up to 200 ms old). */
  lag(): { p50: number; p99: number; max: number } | null;
}

export interface StartOptions {
  /** Extra environment for our server (limits raised for the 200-client run). */
  env?: Record<string, string>;
  dataDir?: string;
}

/** Extra node flags for the server processes (e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"). */
const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Waits for `ready(line)` to return a port from the child's stdout; keeps draining stdout afterwards. */
function waitListening(proc: ChildProcess, ready: (line: string) => number | null, what: string): Promise<number> {
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  return new Promise<number>((resolve, reject) => {
    let buf = '';
    let done = false;
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${stderr}`)), 60_000);
    proc.stdout!.on('data', (d: Buffer) => {
      if (done) return; // keep the pipe flowing, ignore the logs
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const line of lines) {
        const port = ready(line);
        if (port !== null) {
          done = true;
          clearTimeout(timer);
          resolve(port);
          return;
        }
      }
    });
    proc.once('exit', (code, signal) => {
      if (!done) {
        clearTimeout(timer);
        reject(new Error(`${what} exited (${code ?? signal}) before listening: ${stderr}`));
      }
    });
  });
}

function exited(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => proc.once('exit', () => resolve()));
}

function lagFile(): string {
  return path.join(
    os.tmpdir(),
    `jc-bench-lag-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}.json`,
  );
}

function wrap(
  kind: ServerKind,
  lagPath: string,
  proc: ChildProcess,
  port: number,
  dataDir: string | null,
  wsBase: string,
  wsParams: Record<string, string>,
  newRoom: (title: string) => Promise<string>,
  restart: () => Promise<BenchServer>,
): BenchServer {
  const gone = exited(proc).then(() => {
    fs.rmSync(lagPath, { force: true });
    fs.rmSync(`${lagPath}.tmp`, { force: true });
  });
  return {
    kind,
    port,
    pid: proc.pid!,
    dataDir,
    wsBase,
    wsParams,
    newRoom,
    restart,
    async kill9() {
      proc.kill('SIGKILL');
      await gone;
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
      await gone;
      clearTimeout(timer);
    },
    cleanup() {
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(lagPath, { force: true });
    },
    lagReset() {
      try {
        process.kill(proc.pid!, 'SIGUSR2');
      } catch {
        /* gone */
      }
    },
    lag() {
      try {
        return JSON.parse(fs.readFileSync(lagPath, 'utf8')) as { p50: number; p99: number; max: number };
      } catch {
        return null;
      }
    },
  };
}

let serverBuilt = false;

/** Compiles the server and its packages (`tsc -b`, incremental) once per bench run. */
export function ensureServerBuild(): void {
  if (serverBuilt || process.env.BENCH_OURS_FROM_SOURCE) return;
  execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  serverBuilt = true;
}

/** The bench signs in as the workspace owner with this ADMIN_API_TOKEN (HTTP bearer, `?token=` on sync). */
export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789abcdefghijklmnop';

/** Our server as `pnpm start` runs it (`node apps/server/dist/main.js`; see ensureServerBuild). */
export async function startOurs(opts: StartOptions = {}): Promise<BenchServer> {
  ensureServerBuild();
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jc-bench-ours-'));
  const lagPath = lagFile();
  const env = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    BENCH_LAG_FILE: lagPath,
    ADMIN_API_TOKEN: BENCH_ADMIN_TOKEN,
    ...opts.env,
  };
  // The compiled server (apps/server/dist, built by ensureServerBuild), as `pnpm start` runs it;
  // BENCH_OURS_FROM_SOURCE=1 runs the sources through tsx instead (the loader adds RSS and CPU).
  const args = process.env.BENCH_OURS_FROM_SOURCE
    ? [...serverNodeArgs, '--import', lagProbe, '--conditions=source', '--import', 'tsx', ourMain]
    : [...serverNodeArgs, '--import', lagProbe, path.join(repoRoot, 'apps/server/dist/main.js')];
  const proc = spawn(process.execPath, args, {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await waitListening(
    proc,
    (line) => {
      if (!line.startsWith('{')) return null;
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        return entry.msg === 'listening' && entry.port ? entry.port : null;
      } catch {
        return null;
      }
    },
    'Journeycraft server',
  );
  const http = `http://127.0.0.1:${port}`;
  const newRoom = async (title: string) => {
    const res = await fetch(`${http}/api/maps`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
      body: JSON.stringify({ title }),
    });
    if (res.status !== 201) throw new Error(`create map failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  return wrap(
    'ours',
    lagPath,
    proc,
    port,
    dataDir,
    `ws://127.0.0.1:${port}/sync`,
    { token: BENCH_ADMIN_TOKEN },
    newRoom,
    () => startOurs({ ...opts, dataDir }),
  );
}

/** The reference `@y/websocket-server@0.1.1` bin, in memory or with YPERSISTENCE (y-leveldb). */
export async function startReference(persist: boolean, opts: StartOptions = {}): Promise<BenchServer> {
  const dataDir = persist ? (opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jc-bench-ref-'))) : null;
  const wanted = await freePort();
  const lagPath = lagFile();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(wanted), HOST: '127.0.0.1', BENCH_LAG_FILE: lagPath };
  if (dataDir) env.YPERSISTENCE = dataDir;
  else delete env.YPERSISTENCE;
  const proc = spawn(process.execPath, [...serverNodeArgs, '--import', lagProbe, refMain], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await waitListening(proc, (line) => (line.includes('running at') ? wanted : null), 'reference server');
  let n = 0;
  const newRoom = async (title: string) =>
    `${title.replace(/[^a-zA-Z0-9]+/g, '-')}-${process.pid}-${Date.now().toString(36)}-${n++}`;
  return wrap(
    persist ? 'ref-leveldb' : 'ref-mem',
    lagPath,
    proc,
    port,
    dataDir,
    `ws://127.0.0.1:${port}/sync`,
    {},
    newRoom,
    () => startReference(persist, dataDir ? { ...opts, dataDir } : opts),
  );
}

export function startServer(kind: ServerKind, opts: StartOptions = {}): Promise<BenchServer> {
  if (kind === 'ours') return startOurs(opts);
  return startReference(kind === 'ref-leveldb', opts);
}
