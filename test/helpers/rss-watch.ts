/** Samples a child's RSS while an attack runs, and waits for it to come back down. */
export interface RssWatch {
  peakBytes(): number;
  stop(): void;
}

export function watchRss(read: () => number, everyMs = 100): RssWatch {
  let peak = read();
  const timer = setInterval(() => (peak = Math.max(peak, read())), everyMs);
  return { peakBytes: () => peak, stop: () => clearInterval(timer) };
}

/** Polls until `read()` is at most `limitBytes`, or `withinMs` passes; returns the last reading. */
export async function rssSettles(read: () => number, limitBytes: number, withinMs: number): Promise<number> {
  const deadline = Date.now() + withinMs;
  let now = read();
  while (now > limitBytes && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    now = read();
  }
  return now;
}

export const MB = 1024 * 1024;
