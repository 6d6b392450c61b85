/** Small helpers for the providers benchmark: percentiles and a printed table. */
export interface Figure {
  name: string;
  /** Median of the runs (or the single value). */
  value: number | null;
  p95?: number | null;
  unit: string;
  runs: number;
  note?: string;
}

export function median(xs: number[]): number {
  return percentile(xs, 50);
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    f.value === null ? 'n/a' : String(round(f.value)),
    f.p95 === undefined ? '' : f.p95 === null ? 'n/a' : String(round(f.p95)),
    f.unit,
    String(f.runs),
    f.note ?? '',
  ]);
  const header = ['figure', 'median', 'p95', 'unit', 'runs', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
