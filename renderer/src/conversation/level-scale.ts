/** Maps dBFS to a 0..1 meter position. -60 dBFS is the floor: quieter is room noise on any mic. */
export const METER_FLOOR_DBFS = -60;

export function meterFraction(dbfs: number): number {
  if (!Number.isFinite(dbfs)) return 0;
  return Math.min(1, Math.max(0, (dbfs - METER_FLOOR_DBFS) / -METER_FLOOR_DBFS));
}

/** The level a meter announces (aria-valuenow): whole dBFS, held at the floor it starts from. */
export function meterValueNow(dbfs: number): number {
  return Math.max(METER_FLOOR_DBFS, Math.round(dbfs));
}

/** An SVG polyline "x,y x,y" for values in 0..1 over [fromMs, toMs], y down from the top of `height`. */
export function sparklinePoints(samples: ReadonlyArray<{ tMs: number; value: number }>, fromMs: number, toMs: number, width: number, height: number): string {
  const span = Math.max(1, toMs - fromMs);
  return samples
    .filter((s) => s.tMs >= fromMs)
    .map((s) => `${(((s.tMs - fromMs) / span) * width).toFixed(1)},${(height - Math.min(1, Math.max(0, s.value)) * height).toFixed(1)}`)
    .join(' ');
}
