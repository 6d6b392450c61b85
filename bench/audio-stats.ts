/** Percentiles and a printed table for the audio benchmark. */
export interface AudioFigure {
  name: string;
  p50: number | null;
  p95?: number | null;
  unit: string;
  runs: number;
  note?: string;
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function fmt(x: number | null | undefined): string {
  if (x === null) return 'n/a';
  if (x === undefined) return '';
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3);
}

export function printTable(figures: AudioFigure[]): void {
  const header = ['figure', 'p50', 'p95', 'unit', 'runs', 'note'];
  const rows = figures.map((f) => [f.name, fmt(f.p50), fmt(f.p95), f.unit, String(f.runs), f.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
