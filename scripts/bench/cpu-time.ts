import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU seconds (user + system) a live process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Process ids whose command name is `name` (postgres, redis-server), read from /proc. */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/**
 * CPU seconds used by groups of processes between two moments. Processes that
 * start in between count from zero; ones that end in between are lost, so
 * sample while the work's processes are still alive.
 */
export class CpuMeter {
  private readonly before = new Map<number, number>();

  constructor(private readonly groups: Record<string, () => number[]>) {
    for (const pids of Object.values(groups)) {
      for (const pid of pids()) this.before.set(pid, cpuSeconds(pid));
    }
  }

  /** CPU seconds per group since construction. */
  read(): Record<string, number> {
    return Object.fromEntries(
      Object.entries(this.groups).map(([group, pids]) => [
        group,
        pids().reduce((sum, pid) => sum + cpuSeconds(pid) - (this.before.get(pid) ?? 0), 0),
      ]),
    );
  }
}
