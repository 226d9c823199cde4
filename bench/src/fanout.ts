import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientSpec, FanoutCommand, FanoutReply } from './fanout-worker.js';
import { startServer, type ServerKind } from './servers.js';
import os from 'node:os';
import { allProcesses, cpuMs, machineCpuPct, machineTicks, memory, otherLoad, rssSampler } from './proc.js';
import { now, sleep } from './client.js';
import { percentiles, type Percentiles } from './stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const workerPath = path.join(here, 'fanout-worker.ts');

export interface FanoutScenario {
  name: string;
  clients: number;
  writers: number;
  movesPerSecond: number;
  durationMs: number;
}

export interface FanoutResult {
  scenario: FanoutScenario;
  /** Which repetition of the scenario this is (0-based; see --rounds). */
  round: number;
  server: ServerKind;
  latencyMs: Percentiles;
  /** Moves the writers were meant to send (writers × rate × duration). */
  planned: number;
  /** Moves actually sent (fewer than planned when the client processes were starved of CPU). */
  sent: number;
  delivered: number;
  /** Moves a receiver got only as part of a later move of the same card (merged in one update). */
  superseded: number;
  expected: number;
  /** Server CPU (user + system) from the first move until everything was delivered (or the drain timed out). */
  serverCpuMs: number;
  windowMs: number;
  /** Server CPU as % of one core over the window. */
  serverCpuPct: number;
  /** Server CPU µs per delivered update. */
  cpuUsPerDelivery: number;
  /** Time to connect every client (each until its first synced) and for all to see every writer's card. */
  setupMs: number;
  /** The server's event-loop delay over the window (ms): how long a ready message waited for the server. */
  serverLagMs: { p50: number; p99: number; max: number } | null;
  rssIdleMb: number;
  rssConnectedMb: number;
  rssPeakMb: number;
  /** CPU the two client processes used over the window, % of one core (they share the 2 cores with the server). */
  clientCpuPct: number;
  /** CPU the whole machine used over the window (% of one core; 200 = both cores busy). */
  machineCpuPct: number;
  /** CPU used by processes other than this server, these clients and the bench itself (% of one core). */
  otherCpuPct: number;
  /** The busiest of those other processes. */
  otherTop: string;
  error?: string;
}

class Worker {
  private readonly waiting: Array<{ type: FanoutReply['type']; resolve: (r: FanoutReply) => void }> = [];
  private failure: Error | null = null;
  private readonly failed: Promise<never>;
  constructor(readonly proc: ChildProcess) {
    let reject!: (err: Error) => void;
    this.failed = new Promise<never>((_, r) => (reject = r));
    this.failed.catch(() => {});
    proc.on('message', (msg: FanoutReply) => {
      if (msg.type === 'error') {
        this.failure = new Error(`worker: ${msg.message}`);
        reject(this.failure);
        return;
      }
      const i = this.waiting.findIndex((w) => w.type === msg.type);
      if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(msg);
    });
    proc.on('exit', (code) => {
      if (code) {
        this.failure ??= new Error(`worker exited with ${code}`);
        reject(this.failure);
      }
    });
  }
  send(cmd: FanoutCommand): void {
    this.proc.send(cmd);
  }
  request<T extends FanoutReply['type']>(
    cmd: FanoutCommand,
    type: T,
    timeoutMs = 120_000,
  ): Promise<Extract<FanoutReply, { type: T }>> {
    const answer = new Promise<FanoutReply>((resolve) => this.waiting.push({ type, resolve }));
    this.send(cmd);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`worker did not answer ${cmd.type} in ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([answer, this.failed, timeout]).finally(() => clearTimeout(timer)) as Promise<
      Extract<FanoutReply, { type: T }>
    >;
  }
  async exit(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    try {
      this.send({ type: 'exit' });
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
  }
}

/** Server limits raised so 200 clients of one map are allowed (the defaults are 250/map anyway). */
const OUR_ENV = { MAX_CONNECTIONS_PER_MAP: '1000', UPDATE_RATE: '1000', AWARENESS_RATE: '60' };

/** One fan-out run: a fresh server, `clients` stock providers over 2 processes, `writers` of them moving cards. */
export async function runFanout(kind: ServerKind, scenario: FanoutScenario, round = 0): Promise<FanoutResult> {
  // The client processes boot (tsx) while the server starts.
  const starting = startServer(kind, { env: OUR_ENV });
  const workers = [0, 1].map(
    () =>
      new Worker(
        fork(workerPath, [], {
          execArgv: ['--conditions=source', '--import', 'tsx'],
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      ),
  );
  const server = await starting.catch(async (err: unknown) => {
    await Promise.all(workers.map((w) => w.exit()));
    throw err;
  });
  try {
    const rssIdleMb = memory(server.pid).rssMb;
    const room = await server.newRoom(`fanout ${scenario.name}`);
    const setupStart = now();
    // Writers are the first `writers` clients; client i runs in worker i % 2.
    const specs: ClientSpec[][] = [[], []];
    for (let i = 0; i < scenario.clients; i++) specs[i % 2]!.push({ index: i, writer: i < scenario.writers });
    const stageIds = ['stage-a', 'stage-b', 'stage-c', 'stage-d'];
    const laneIds = ['lane-customer', 'lane-front', 'lane-back'];
    await Promise.all(
      workers.map((w, i) =>
        w.request(
          {
            type: 'setup',
            wsBase: server.wsBase,
            wsParams: server.wsParams,
            room,
            clients: specs[i]!,
            stageIds,
            laneIds,
          },
          'connected',
        ),
      ),
    );
    await Promise.all(workers.map((w) => w.request({ type: 'wait-seen', writers: scenario.writers }, 'seen')));
    const setupMs = now() - setupStart;
    await sleep(300);
    const rssConnectedMb = memory(server.pid).rssMb;
    const at = now() + 300;
    for (const w of workers)
      w.send({
        type: 'start',
        at,
        movesPerSecond: scenario.movesPerSecond,
        durationMs: scenario.durationMs,
        writers: scenario.writers,
      });
    await sleep(Math.max(0, at - now()));
    server.lagReset();
    const cpu0 = cpuMs(server.pid);
    const t0 = now();
    const m0 = machineTicks();
    const p0 = allProcesses();
    const rss = rssSampler(server.pid);
    await sleep(scenario.durationMs);
    // Drain: wait until every move reached every other client, or 10 s.
    const drainUntil = now() + 10_000;
    let sent = 0;
    let delivered = 0;
    let superseded = 0;
    let cpu1 = cpuMs(server.pid);
    let t1 = now();
    for (;;) {
      const progress = await Promise.all(workers.map((w) => w.request({ type: 'progress' }, 'progress')));
      sent = progress.reduce((s, p) => s + p.sent, 0);
      delivered = progress.reduce((s, p) => s + p.delivered, 0);
      superseded = progress.reduce((s, p) => s + p.superseded, 0);
      cpu1 = cpuMs(server.pid);
      t1 = now();
      const allSent = progress.every((p) => p.done);
      if ((allSent && delivered + superseded >= sent * (scenario.clients - 1)) || now() > drainUntil) break;
      await sleep(50);
    }
    const m1 = machineTicks();
    const p1 = allProcesses();
    const rssPeakMb = rss.stop();
    await sleep(250);
    const serverLagMs = server.lag();
    const collected = await Promise.all(workers.map((w) => w.request({ type: 'collect' }, 'collected')));
    const latencies = collected.flatMap((c) => c.latencies);
    sent = collected.reduce((s, c) => s + c.sent, 0);
    delivered = collected.reduce((s, c) => s + c.delivered, 0);
    superseded = collected.reduce((s, c) => s + c.superseded, 0);
    const windowMs = t1 - t0;
    const serverCpuMs = cpu1 - cpu0;
    const clientCpuMs = collected.reduce((s, c) => s + c.cpuMs, 0);
    const machinePct = machineCpuPct(m0, m1, os.cpus().length);
    const serverCpuPct = (serverCpuMs / windowMs) * 100;
    const clientCpuPct = (clientCpuMs / windowMs) * 100;
    const other = otherLoad(p0, p1, [server.pid, process.pid, ...workers.map((w) => w.proc.pid!)], windowMs);
    return {
      scenario,
      round,
      server: kind,
      latencyMs: percentiles(latencies),
      planned: scenario.writers * Math.round((scenario.durationMs / 1000) * scenario.movesPerSecond),
      sent,
      delivered,
      superseded,
      expected: sent * (scenario.clients - 1),
      serverCpuMs,
      windowMs,
      serverCpuPct,
      cpuUsPerDelivery: delivered ? (serverCpuMs * 1000) / delivered : NaN,
      setupMs,
      serverLagMs,
      rssIdleMb,
      rssConnectedMb,
      rssPeakMb,
      clientCpuPct,
      machineCpuPct: machinePct,
      otherCpuPct: other.pct,
      otherTop: other.top,
    };
  } finally {
    await Promise.all(workers.map((w) => w.exit()));
    // SIGTERM lets a profiled server (BENCH_SERVER_NODE_ARGS=--cpu-prof) write its profile.
    if (process.env.BENCH_SERVER_NODE_ARGS) await server.stop();
    else await server.kill9();
    server.cleanup();
  }
}
