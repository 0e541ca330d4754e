import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  /** Resident set size now (VmRSS), in MiB. */
  rssMb: number;
  /** The highest resident set size the process has had since it started (VmHWM), in MiB. */
  peakRssMb: number;
}

/** Reads a live process's memory from /proc (Linux): the kernel's own accounting, no sampling. */
export function processMemory(pid: number | 'self'): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]) / 1024;
  };
  return { rssMb: kib('VmRSS'), peakRssMb: kib('VmHWM') };
}
