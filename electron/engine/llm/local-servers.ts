/**
 * Finds local OpenAI-compatible servers when nothing is configured: Ollama (11434) and
 * LM Studio (1234) on this machine, asking each for its model list.
 */
import { systemClock, type Clock } from '../clock.js';
import { listModels } from './model-list.js';

export interface LocalServerCandidate {
  name: string;
  baseUrl: string;
}

export const LOCAL_SERVER_CANDIDATES: readonly LocalServerCandidate[] = [
  { name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1' },
  { name: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1' },
];

export interface LocalServer extends LocalServerCandidate {
  models: string[];
}

export interface DetectOptions {
  candidates?: readonly LocalServerCandidate[];
  /** A local server answers in milliseconds; 800 ms allows for a busy machine without delaying start-up. */
  timeoutMs?: number;
  clock?: Clock;
}

/** The candidates that answer with a model list (possibly empty), in candidate order. */
export async function detectLocalServers(options: DetectOptions = {}): Promise<LocalServer[]> {
  const candidates = options.candidates ?? LOCAL_SERVER_CANDIDATES;
  const found = await Promise.all(candidates.map((c) => probe(c, options.timeoutMs ?? 800, options.clock ?? systemClock)));
  return found.filter((s): s is LocalServer => s !== undefined);
}

async function probe(candidate: LocalServerCandidate, timeoutMs: number, clock: Clock): Promise<LocalServer | undefined> {
  try {
    return { ...candidate, models: await listModels({ baseUrl: candidate.baseUrl, timeoutMs, clock }) };
  } catch {
    return undefined;
  }
}
