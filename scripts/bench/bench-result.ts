import { writeFileSync } from 'node:fs';
import { Machine } from './machine';

/** One row of a benchmark's table in BENCHMARKS.md, formatted as it should read. */
export interface BenchFigure {
  measure: string;
  value: string;
  /** The same run's baseline figure this one is compared with. */
  baseline?: string;
  /** value ÷ baseline, formatted. */
  ratio?: string;
  target?: string;
  /** Whether the target is met; absent when the row has no target. */
  met?: boolean;
  /** The machine's 1-minute load average when this figure's measuring began. */
  loadAverage: number;
  /** The same when the baseline's measuring began, when it was measured apart. */
  baselineLoadAverage?: number;
}

/**
 * What a benchmark hands `npm run bench` (scripts/bench-all.ts): the figures
 * it printed, in a shape BENCHMARKS.md is generated from.
 */
export interface BenchResult {
  /** The key of its notes, scripts/bench/notes/<name>.md, and its npm script, bench:<name>. */
  name: string;
  title: string;
  /** What was measured, and against which baseline, in a sentence or two. */
  summary: string;
  finishedAt: string;
  machine: Machine;
  figures: BenchFigure[];
}

/** Writes the result as JSON to the file BENCH_RESULT_FILE names; nothing when it is unset. */
export function recordResult(result: Omit<BenchResult, 'finishedAt'>): void {
  const file = process.env.BENCH_RESULT_FILE;
  if (!file) return;
  const recorded: BenchResult = { ...result, finishedAt: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(recorded, null, 2)}\n`);
}

/** "0.43" for a ratio, to as many decimals as make it readable. */
export function ratio(value: number, baseline: number): string {
  const r = value / baseline;
  return r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r >= 0.01 ? r.toFixed(2) : r.toFixed(3);
}
