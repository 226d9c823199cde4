/** Latency summary in ms. */
export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of `values` (sorted in place). */
export function percentiles(values: number[]): Percentiles {
  if (!values.length) return { count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  values.sort((a, b) => a - b);
  const at = (p: number) => values[Math.min(values.length - 1, Math.max(0, Math.ceil((p / 100) * values.length) - 1))]!;
  return { count: values.length, p50: at(50), p95: at(95), p99: at(99), max: values[values.length - 1]! };
}

export function median(values: number[]): number {
  return percentiles([...values]).p50;
}

/** Formats a number for a table: NaN as "–", small values with more precision. */
export function fmt(value: number | null | undefined, digits?: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return '∞';
  const d = digits ?? (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
  return value.toFixed(d);
}

export function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}
