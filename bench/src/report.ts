import type { FanoutResult } from './fanout.js';
import type { ColdResult } from './coldload.js';
import type { DurabilityResult } from './durability.js';
import { serverLabels, type ServerKind } from './servers.js';
import { fmt, median, ratio } from './stats.js';

/** A row that could not be measured, with the reason (never a made-up number). */
export interface NotMeasured {
  what: string;
  reason: string;
}

export interface CanvasResult {
  touchpoints: number;
  fps: number;
  firstRenderMs: number;
  note?: string;
}

export interface ExportResult {
  what: string;
  ms: number;
  note?: string;
}

export interface BenchResults {
  startedAt: string;
  finishedAt?: string;
  commit: string;
  dirty: boolean;
  machine: {
    cpus: number;
    node: string;
    loadAvgAtStart: number[];
    loadAvgAtEnd?: number[];
    /** Nice value the bench ran at (-10 when it could raise its priority), null if it could not. */
    priority: number | null;
  };
  options: { quick: boolean; only: string[]; servers: ServerKind[]; rounds: number };
  fanout: FanoutResult[];
  cold: ColdResult[];
  durability: DurabilityResult[];
  canvas: CanvasResult[];
  exports: ExportResult[];
  notMeasured: NotMeasured[];
  errors: Array<{ part: string; server?: string; message: string }>;
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

const short: Record<ServerKind, string> = { ours: 'ours', 'ref-mem': 'ref (memory)', 'ref-leveldb': 'ref (LevelDB)' };

function scenarioName(r: FanoutResult): string {
  const s = r.scenario;
  return s.writers === s.clients ? `${s.clients} clients` : `${s.clients} clients, ${s.writers} writers`;
}

/** One row per scenario × server: the median of each number over the rounds of that pair. */
export function summarizeFanout(results: FanoutResult[]): Array<FanoutResult & { rounds: number }> {
  const groups = new Map<string, FanoutResult[]>();
  for (const r of results) {
    const key = `${r.scenario.name}\u0000${r.server}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((rows) => {
    const first = rows[0]!;
    if (rows.length === 1) return { ...first, rounds: 1 };
    const m = (pick: (r: FanoutResult) => number) => median(rows.map(pick));
    return {
      ...first,
      rounds: rows.length,
      latencyMs: {
        count: m((r) => r.latencyMs.count),
        p50: m((r) => r.latencyMs.p50),
        p95: m((r) => r.latencyMs.p95),
        p99: m((r) => r.latencyMs.p99),
        max: m((r) => r.latencyMs.max),
      },
      planned: m((r) => r.planned),
      sent: m((r) => r.sent),
      delivered: m((r) => r.delivered),
      superseded: m((r) => r.superseded ?? 0),
      expected: m((r) => r.expected),
      serverCpuMs: m((r) => r.serverCpuMs),
      windowMs: m((r) => r.windowMs),
      serverCpuPct: m((r) => r.serverCpuPct),
      cpuUsPerDelivery: m((r) => r.cpuUsPerDelivery),
      setupMs: m((r) => r.setupMs),
      serverLagMs: rows.every((r) => r.serverLagMs)
        ? {
            p50: m((r) => r.serverLagMs!.p50),
            p99: m((r) => r.serverLagMs!.p99),
            max: m((r) => r.serverLagMs!.max),
          }
        : null,
      rssIdleMb: m((r) => r.rssIdleMb),
      rssConnectedMb: m((r) => r.rssConnectedMb),
      rssPeakMb: m((r) => r.rssPeakMb),
      clientCpuPct: m((r) => r.clientCpuPct),
      machineCpuPct: m((r) => r.machineCpuPct),
      otherCpuPct: m((r) => r.otherCpuPct),
    };
  });
}

export function fanoutTable(all: FanoutResult[]): string {
  const results = summarizeFanout(all);
  return table(
    [
      'scenario',
      'server',
      'rounds',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'delivered / expected',
      'server CPU % (1 core)',
      'server CPU µs / delivery',
      'server event-loop delay p99 / max ms',
      'RSS idle → connected → peak MB',
      'RSS per connected client KB',
      'connect all s',
      'clients CPU %',
      'other load CPU %',
    ],
    results.map((r) => [
      scenarioName(r),
      short[r.server],
      String(r.rounds),
      fmt(r.latencyMs.p50),
      fmt(r.latencyMs.p95),
      fmt(r.latencyMs.p99),
      fmt(r.latencyMs.max),
      `${fmt(r.delivered, 0)} / ${fmt(r.expected, 0)}` +
        (r.superseded ? ` + ${fmt(r.superseded, 0)} superseded` : '') +
        (r.delivered + r.superseded < r.expected
          ? ` (${fmt((100 * (r.delivered + r.superseded)) / r.expected, 1)} %)`
          : '') +
        (r.sent < r.planned ? `; only ${fmt(r.sent, 0)} of ${fmt(r.planned, 0)} moves sent` : ''),
      fmt(r.serverCpuPct, 1),
      fmt(r.cpuUsPerDelivery, 0),
      r.serverLagMs ? `${fmt(r.serverLagMs.p99)} / ${fmt(r.serverLagMs.max)}` : '–',
      `${fmt(r.rssIdleMb, 0)} → ${fmt(r.rssConnectedMb, 0)} → ${fmt(r.rssPeakMb, 0)}`,
      // (connected − idle) / clients: what one more connected client costs the server.
      fmt(((r.rssConnectedMb - r.rssIdleMb) * 1024) / r.scenario.clients, 0),
      fmt(r.setupMs / 1000, 1),
      fmt(r.clientCpuPct, 0),
      fmt(r.otherCpuPct, 0),
    ]),
  );
}

export interface FanoutRatio {
  scenario: string;
  reference: ServerKind;
  p50: number;
  p99: number;
  cpuPerDelivery: number;
  rssPeak: number;
}

export function fanoutRatios(all: FanoutResult[]): FanoutRatio[] {
  const results = summarizeFanout(all);
  const out: FanoutRatio[] = [];
  for (const ours of results.filter((r) => r.server === 'ours')) {
    for (const ref of results.filter((r) => r.server !== 'ours' && r.scenario.name === ours.scenario.name)) {
      out.push({
        scenario: scenarioName(ours),
        reference: ref.server,
        p50: ratio(ours.latencyMs.p50, ref.latencyMs.p50),
        p99: ratio(ours.latencyMs.p99, ref.latencyMs.p99),
        cpuPerDelivery: ratio(ours.cpuUsPerDelivery, ref.cpuUsPerDelivery),
        rssPeak: ratio(ours.rssPeakMb, ref.rssPeakMb),
      });
    }
  }
  return out;
}

export function ratioTable(results: FanoutResult[]): string {
  return table(
    ['scenario', 'ours / …', 'p50', 'p99', 'server CPU per delivery', 'peak RSS'],
    fanoutRatios(results).map((r) => [
      r.scenario,
      short[r.reference],
      fmt(r.p50),
      fmt(r.p99),
      fmt(r.cpuPerDelivery),
      fmt(r.rssPeak),
    ]),
  );
}

export function coldTable(results: ColdResult[]): string {
  return table(
    [
      'touchpoints',
      'server',
      'phase',
      'push + round-trip ms',
      'first synced ms',
      'all content ms',
      'complete at first synced',
      'touchpoints at first synced (min)',
    ],
    results.map((r) => [
      r.touchpoints.toLocaleString('en'),
      short[r.server],
      r.phase + (r.samples.length > 1 ? ` (median of ${r.samples.length})` : ''),
      r.phase === 'in-memory' ? fmt(r.pushMs, 0) : '',
      r.note ? `n/a: ${r.note}` : fmt(r.syncedMs, 0),
      r.note ? '' : Number.isNaN(r.fullMs) ? 'never (60 s)' : fmt(r.fullMs, 0),
      r.note ? '' : r.completeAtSynced ? 'yes' : '**no**',
      r.note ? '' : r.minAtSynced.toLocaleString('en'),
    ]),
  );
}

export function durabilityTable(results: DurabilityResult[]): string {
  return table(
    ['server', 'burst', 'kill -9 after ack', 'burst → ack ms', 'recovered', 'lost', 'at first synced after restart'],
    results.map((r) => [
      short[r.server],
      r.burst.toLocaleString('en'),
      `${r.killDelayMs} ms`,
      fmt(r.ackMs, 0),
      r.error ? `error: ${r.error}` : r.recovered.toLocaleString('en'),
      r.error ? '' : r.lost ? `**${r.lost.toLocaleString('en')}**` : '0',
      r.error ? '' : r.atFirstSynced.toLocaleString('en'),
    ]),
  );
}

export function canvasTable(results: CanvasResult[], notMeasured: NotMeasured[]): string {
  const rows = results.map((r) => [
    r.touchpoints.toLocaleString('en'),
    fmt(r.fps, 1),
    fmt(r.firstRenderMs, 0),
    r.note ?? '',
  ]);
  for (const n of notMeasured.filter((n) => n.what.startsWith('canvas')))
    rows.push([n.what.replace(/^canvas:?\s*/, '') || '200 / 1,000 / 2,000 / 5,000', 'not yet measured', '', n.reason]);
  return table(['touchpoints', 'fps while dragging', 'first render ms', 'note'], rows);
}

export function exportTable(results: ExportResult[], notMeasured: NotMeasured[]): string {
  const rows = results.map((r) => [r.what, fmt(r.ms, 0), r.note ?? '']);
  for (const n of notMeasured.filter((n) => n.what.startsWith('export')))
    rows.push([n.what.replace(/^exports?:?\s*/, ''), 'not yet measured', n.reason]);
  return table(['export', 'ms', 'note'], rows);
}

/** The issue's goals, checked against what this run measured (reported, never asserted). */
export function goals(r: BenchResults): string {
  const lines: string[] = [];
  const mark = (ok: boolean | null) => (ok === null ? '– not measured' : ok ? 'met' : '**not met**');
  const at50 = summarizeFanout(r.fanout).filter((f) => f.scenario.clients === 50 && f.scenario.writers === 50);
  const ours50 = at50.find((f) => f.server === 'ours');
  const refs50 = at50.filter((f) => f.server !== 'ours');
  if (ours50 && refs50.length) {
    const detail = refs50.map((f) => `${short[f.server]} ${fmt(f.latencyMs.p99)} ms`).join(', ');
    const loaded = [ours50, ...refs50].filter((f) => f.otherCpuPct > 50 || f.sent < f.planned);
    lines.push(
      `- p99 at 50 clients no worse than the reference: ${mark(refs50.every((f) => ours50.latencyMs.p99 <= f.latencyMs.p99))} (ours ${fmt(ours50.latencyMs.p99)} ms; ${detail})` +
        (loaded.length
          ? `; caution: ${loaded.map((f) => `${short[f.server]} ran with ${fmt(f.otherCpuPct, 0)} % other load${f.sent < f.planned ? ' and starved writers' : ''}`).join(', ')}`
          : ''),
    );
  } else lines.push(`- p99 at 50 clients no worse than the reference: ${mark(null)}`);
  const ratios = fanoutRatios(r.fanout);
  if (ratios.length) {
    const worse = ratios.filter((x) => !(x.cpuPerDelivery < 1));
    lines.push(
      `- server CPU per delivered update lower than the reference: ${mark(worse.length === 0)}` +
        (worse.length
          ? ` (ours/ref ≥ 1 in: ${worse.map((x) => `${x.scenario} vs ${short[x.reference]} ${fmt(x.cpuPerDelivery)}`).join('; ')})`
          : ''),
    );
  } else lines.push(`- server CPU per delivered update lower than the reference: ${mark(null)}`);
  const oursDur = r.durability.filter((d) => d.server === 'ours');
  lines.push(
    `- 0 updates lost after kill -9: ${oursDur.length ? mark(oursDur.every((d) => d.lost === 0 && !d.error)) : mark(null)}` +
      (oursDur.length
        ? ` (ours lost ${oursDur.map((d) => d.lost).join(' / ')} at ${oursDur.map((d) => `${d.killDelayMs} ms`).join(' / ')})`
        : ''),
  );
  const oursCold = r.cold.filter((c) => c.server === 'ours');
  lines.push(
    `- full content at first synced: ${oursCold.length ? mark(oursCold.every((c) => c.completeAtSynced)) : mark(null)}`,
  );
  // Issue 15's canvas goals: drag fps and time to the first card per map size.
  const canvasGoals: Array<[number, number, number | null]> = [
    [1000, 58, 1000],
    [2000, 50, null],
    [5000, 30, 2000],
  ];
  for (const [size, fps, firstMs] of canvasGoals) {
    const c = r.canvas.find((x) => x.touchpoints === size);
    const n = size.toLocaleString('en');
    lines.push(
      `- ≥ ${fps} fps dragging at ${n} touchpoints: ${c ? mark(c.fps >= fps) + ` (${fmt(c.fps, 1)} fps)` : mark(null)}`,
    );
    if (firstMs !== null)
      lines.push(
        `- first card ≤ ${firstMs / 1000} s at ${n} touchpoints: ${c ? mark(c.firstRenderMs <= firstMs) + ` (${fmt(c.firstRenderMs, 0)} ms)` : mark(null)}`,
      );
  }
  return lines.join('\n');
}

export function markdown(r: BenchResults): string {
  const parts: string[] = [];
  parts.push(
    `Run ${r.startedAt} on ${r.commit.slice(0, 10)}${r.dirty ? ' (+ uncommitted changes)' : ''}; ` +
      `${r.machine.cpus} cores, Node ${r.machine.node}, load average at start ${r.machine.loadAvgAtStart.map((l) => l.toFixed(2)).join(' ')}` +
      (r.machine.loadAvgAtEnd ? `, at end ${r.machine.loadAvgAtEnd.map((l) => l.toFixed(2)).join(' ')}` : '') +
      `; bench processes at nice ${r.machine.priority ?? '0 (could not raise priority)'}` +
      (r.options.quick ? '; **--quick** (short smoke run)' : '') +
      '.',
  );
  parts.push(`Servers: ${r.options.servers.map((s) => `${short[s]} = ${serverLabels[s]}`).join('; ')}.`);
  if (r.fanout.length) {
    parts.push('### Sync fan-out (latency from an edit to every other client)');
    parts.push(fanoutTable(r.fanout));
    parts.push('### Ratios ours / reference (below 1 = ours is better)');
    parts.push(ratioTable(r.fanout));
  }
  if (r.cold.length) {
    parts.push('### Cold load (a new client; times from connect)');
    parts.push(coldTable(r.cold));
  }
  if (r.durability.length) {
    parts.push('### Durability (burst of single-touchpoint updates, kill -9 after the acknowledgement)');
    parts.push(durabilityTable(r.durability));
  }
  if (r.canvas.length || r.notMeasured.some((n) => n.what.startsWith('canvas'))) {
    parts.push('### Canvas (headless Chromium)');
    parts.push(canvasTable(r.canvas, r.notMeasured));
  }
  if (r.exports.length || r.notMeasured.some((n) => n.what.startsWith('export'))) {
    parts.push('### Exports');
    parts.push(exportTable(r.exports, r.notMeasured));
  }
  parts.push('### Goals (from issue 8; reported, not asserted)');
  parts.push(goals(r));
  if (r.errors.length) {
    parts.push('### Errors');
    parts.push(r.errors.map((e) => `- ${e.part}${e.server ? ` (${e.server})` : ''}: ${e.message}`).join('\n'));
  }
  return parts.join('\n\n') + '\n';
}
