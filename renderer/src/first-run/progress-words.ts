/** Download figures in words for the first-run screen: sizes, rates and time left. */

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${Math.round(bytes)} B`;
}

/** Whole megabytes for the choice ("Download 619 MB"): never "0 MB" for a small download. */
export function formatMegabytes(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1e6))} MB`;
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** "about 3 min", "about 40 s"; undefined while no rate is known yet. */
export function formatRemaining(remainingMs: number | undefined): string | undefined {
  if (remainingMs === undefined || !Number.isFinite(remainingMs)) return undefined;
  const s = Math.ceil(remainingMs / 1000);
  if (s <= 1) return 'about a second';
  if (s < 90) return `about ${s} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `about ${min} min`;
  return `about ${(s / 3600).toFixed(1)} h`;
}

export interface OverallProgress {
  receivedBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  remainingMs: number | undefined;
  /** 0..1 */
  fraction: number;
}

/** Several downloads at once as one bar: bytes add up, rates add up, time left from the sum. */
export function overallProgress(parts: Array<{ receivedBytes: number; totalBytes: number; bytesPerSecond: number }>): OverallProgress {
  const receivedBytes = parts.reduce((s, p) => s + p.receivedBytes, 0);
  const totalBytes = parts.reduce((s, p) => s + Math.max(p.totalBytes, p.receivedBytes), 0);
  const bytesPerSecond = parts.reduce((s, p) => s + p.bytesPerSecond, 0);
  const remainingMs = bytesPerSecond > 0 ? ((totalBytes - receivedBytes) / bytesPerSecond) * 1000 : undefined;
  return { receivedBytes, totalBytes, bytesPerSecond, remainingMs, fraction: totalBytes > 0 ? Math.min(1, receivedBytes / totalBytes) : 0 };
}
