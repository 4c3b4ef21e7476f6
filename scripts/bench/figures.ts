/** One measured figure. Bars are not here: scripts/bench.ts holds every bar, keyed by `name`. */
export interface BenchRow {
  /** Stable id, `part.figure.where`: the key of the bar table and of the JSON output. */
  name: string;
  value: number;
  unit: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const round1 = (value: number): number => Math.round(value * 10) / 10;

/** Wall time of one awaited run, in ms. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}
