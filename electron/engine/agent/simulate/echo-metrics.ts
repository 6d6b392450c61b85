/**
 * Echo figures from time-aligned 16 kHz traces (mic, what the VAD got, the echo alone, the
 * user alone), in 10 ms blocks:
 *   ERLE       mic power over cancelled power where the agent's echo is alone (echo present,
 *              the user at least 30 dB below it);
 *   near end   during double talk (user and echo both present), how close the cancelled
 *              signal is to the clean user: SNR of user vs (cancelled - user), and correlation.
 */
const BLOCK = 160;
/** Echo counts as present above -70 dBFS. */
const ECHO_PRESENT = 1e-7;
/** The user counts as present above -60 dBFS. */
const USER_PRESENT = 1e-6;

export interface EchoTraces {
  mic: Float32Array;
  cancelled: Float32Array;
  echo: Float32Array;
  user: Float32Array;
}

/** The traces between two times (ms), for figures over one stretch (before/after a path change). */
export function sliceEchoTraces(t: EchoTraces, fromMs: number, toMs: number): EchoTraces {
  const [a, b] = [(fromMs * 16_000) / 1000, (toMs * 16_000) / 1000];
  return { mic: t.mic.subarray(a, b), cancelled: t.cancelled.subarray(a, b), echo: t.echo.subarray(a, b), user: t.user.subarray(a, b) };
}

export interface EchoFigures {
  /** Over every agent-only block; null when there were none. */
  erleDb: number | null;
  /** Over the agent-only blocks in the first second after the echo first appears. */
  erleFirstSecondDb: number | null;
  /** Over the agent-only blocks from 2 s after the echo first appears (converged). */
  erleConvergedDb: number | null;
  agentOnlyMs: number;
  /** Double talk: SNR (dB) and correlation of the cancelled signal against the clean user. */
  doubleTalk: { snrDb: number; correlation: number; ms: number } | null;
}

function power(x: Float32Array, start: number): number {
  let s = 0;
  const end = Math.min(x.length, start + BLOCK);
  for (let i = start; i < end; i++) s += x[i]! * x[i]!;
  return s / BLOCK;
}

export function echoFigures(t: EchoTraces): EchoFigures {
  const n = Math.min(t.mic.length, t.cancelled.length, t.echo.length, t.user.length);
  let firstEcho = -1;
  const sums = { all: [0, 0], first: [0, 0], converged: [0, 0] };
  let agentOnly = 0;
  let su = 0;
  let se = 0;
  let sc = 0;
  let suc = 0;
  let dt = 0;
  for (let b = 0; b + BLOCK <= n; b += BLOCK) {
    const echo = power(t.echo, b);
    const user = power(t.user, b);
    if (echo > ECHO_PRESENT && firstEcho < 0) firstEcho = b;
    if (echo > ECHO_PRESENT && user < echo * 1e-3) {
      const mic = power(t.mic, b);
      const out = power(t.cancelled, b);
      agentOnly++;
      const add = (s: number[]) => {
        s[0]! += mic;
        s[1]! += out;
      };
      add(sums.all);
      if (b - firstEcho < 16_000) add(sums.first);
      if (b - firstEcho >= 32_000) add(sums.converged);
    } else if (echo > ECHO_PRESENT && user > USER_PRESENT) {
      dt++;
      for (let i = b; i < b + BLOCK; i++) {
        const u = t.user[i]!;
        const c = t.cancelled[i]!;
        su += u * u;
        sc += c * c;
        suc += u * c;
        se += (c - u) * (c - u);
      }
    }
  }
  const db = (s: number[]) => (s[0]! > 0 && s[1]! > 0 ? 10 * Math.log10(s[0]! / s[1]!) : s[0]! > 0 ? 99 : null);
  return {
    erleDb: db(sums.all),
    erleFirstSecondDb: db(sums.first),
    erleConvergedDb: db(sums.converged),
    agentOnlyMs: agentOnly * 10,
    doubleTalk: dt > 0 && su > 0 ? { snrDb: 10 * Math.log10(su / Math.max(se, 1e-12)), correlation: sc > 0 ? suc / Math.sqrt(su * sc) : 0, ms: dt * 10 } : null,
  };
}
