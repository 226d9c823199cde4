import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let ticks: number | null = null;

/** Clock ticks per second of /proc/<pid>/stat times (getconf CLK_TCK, normally 100). */
function clockTicks(): number {
  if (ticks === null) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/** CPU time (user + system) a process has used so far, in ms; NaN when it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3; utime and stime are fields 14 and 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    return ((utime + stime) * 1000) / clockTicks();
  } catch {
    return NaN;
  }
}

/** Resident set size (VmRSS) and its peak so far (VmHWM) in MiB; NaN when the process is gone. */
export function memory(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, peakMb: NaN };
  }
}

/** Samples a process's RSS every `everyMs` and keeps the largest value seen. */
export function rssSampler(pid: number, everyMs = 250): { stop(): number } {
  let max = memory(pid).rssMb;
  const timer = setInterval(() => {
    const { rssMb } = memory(pid);
    if (rssMb > max) max = rssMb;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const { rssMb } = memory(pid);
      return Math.max(max, Number.isNaN(rssMb) ? 0 : rssMb);
    },
  };
}

/** Busy and total jiffies of the whole machine (first line of /proc/stat). */
export function machineTicks(): { busy: number; total: number } {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0); // idle + iowait
    const total = v.slice(0, 8).reduce((s, x) => s + x, 0); // user..steal (guest is inside user)
    return { busy: total - idle, total };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

/** CPU the whole machine used between two machineTicks() readings, in % of one core. */
export function machineCpuPct(
  a: { busy: number; total: number },
  b: { busy: number; total: number },
  cores: number,
): number {
  const total = b.total - a.total;
  return total > 0 ? ((b.busy - a.busy) / total) * 100 * cores : NaN;
}

/** CPU ms used so far by every process on the machine, with its command name. */
export function allProcesses(): Map<number, { name: string; cpuMs: number }> {
  const out = new Map<number, { name: string; cpuMs: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = ((Number(rest[11]) + Number(rest[12])) * 1000) / clockTicks();
      out.set(Number(entry), { name, cpuMs: ms });
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/**
 * CPU that processes other than `ours` used between two allProcesses() snapshots, in % of one
 * core over `windowMs`, and the busiest of them (work by other people sharing the machine).
 */
export function otherLoad(
  before: Map<number, { name: string; cpuMs: number }>,
  after: Map<number, { name: string; cpuMs: number }>,
  ours: number[],
  windowMs: number,
): { pct: number; top: string } {
  const skip = new Set(ours);
  const byName = new Map<string, number>();
  let total = 0;
  for (const [pid, { name, cpuMs: ms }] of after) {
    if (skip.has(pid)) continue;
    const used = ms - (before.get(pid)?.cpuMs ?? 0);
    if (!(used > 0)) continue;
    total += used;
    byName.set(name, (byName.get(name) ?? 0) + used);
  }
  const top = [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .filter(([, ms]) => (ms / windowMs) * 100 >= 5)
    .map(([name, ms]) => `${name} ${((ms / windowMs) * 100).toFixed(0)}%`)
    .join(', ');
  return { pct: (total / windowMs) * 100, top };
}
