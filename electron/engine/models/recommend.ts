/**
 * Which catalogue models suit this machine: for each purpose the best entry the machine can
 * run comfortably, with its download size and the speed to expect. Pure: the hardware is
 * passed in (tests fake it), and every threshold says why it is where it is.
 */
import { MODEL_CATALOGUE, type ModelEntry, type ModelPurpose } from './catalogue.js';
import type { GpuBackend, Hardware } from './hardware.js';

export interface ModelPick {
  id: string;
  title: string;
  sizeBytes: number;
  licence: string;
  /** The speed to expect, in words, marked as an estimate. */
  speed: string;
  /** Why this one, for this machine, in one sentence. */
  why: string;
}

export interface Recommendation {
  hardware: Hardware;
  stt: ModelPick;
  llm: ModelPick;
  tts: ModelPick;
}

const GB = 1024 ** 3;

/**
 * Token generation is memory-bound: each token reads the whole weight file once, so tokens/s
 * is about the effective memory bandwidth over the file size. Effective (not peak) bandwidths:
 * CPU about 4 GB/s per core up to 20 GB/s (dual-channel DDR4/5 after llama.cpp overheads);
 * Apple M-series base ~60 GB/s; a mid-range CUDA card ~200 GB/s; Vulkan on the same class of
 * card ~100 GB/s (llama.cpp's Vulkan path trails CUDA).
 */
export function effectiveBandwidthBytes(hw: Hardware): number {
  const perBackend: Record<GpuBackend, number> = { metal: 60 * GB, cuda: 200 * GB, vulkan: 100 * GB, cpu: Math.min(20, 4 * hw.cpuCores) * GB };
  return perBackend[hw.gpu];
}

export function estimatedTokensPerSecond(entry: ModelEntry, hw: Hardware): number {
  return effectiveBandwidthBytes(hw) / entry.sizeBytes;
}

/**
 * 15 tokens/s: speech runs at about 4 tokens/s, and the first sentence (~15 tokens) should be
 * ready within a second so the reply starts without an awkward pause.
 */
export const MIN_VOICE_TOKENS_PER_SECOND = 15;
/** A model may take at most half the RAM: the OS, the app, the recognizer and the voice need the rest. */
const RAM_SHARE_FOR_LLM = 0.5;
/** Weights plus KV cache and runtime buffers: about 1.2x the file plus 0.5 GB. */
const llmRamNeed = (e: ModelEntry) => e.sizeBytes * 1.2 + 0.5 * GB;

/** 4 cores and 8 GB: the larger recognizer's encoder is ~4x the small one's work per frame. */
const BETTER_STT = { cores: 4, ramBytes: 8 * GB };
/** Kokoro does ~5x Piper's work per second of audio; below 4 cores it cannot keep ahead of playback with the LM running. */
const KOKORO_MIN_CORES = 4;

function entries(purpose: ModelPurpose, catalogue: readonly ModelEntry[]): ModelEntry[] {
  return catalogue.filter((e) => e.purpose === purpose);
}

function pick(e: ModelEntry, speed: string, why: string): ModelPick {
  return { id: e.id, title: e.title, sizeBytes: e.sizeBytes, licence: e.licence, speed, why };
}

const ram = (bytes: number) => `${Math.round(bytes / GB)} GB`;
const backendName: Record<GpuBackend, string> = { metal: 'Metal', cuda: 'CUDA', vulkan: 'Vulkan', cpu: 'the CPU' };

export function recommendLlm(hw: Hardware, catalogue: readonly ModelEntry[] = MODEL_CATALOGUE): ModelPick {
  const llms = entries('llm', catalogue).sort((a, b) => a.sizeBytes - b.sizeBytes);
  const fits = llms.filter((e) => llmRamNeed(e) <= hw.totalRamBytes * RAM_SHARE_FOR_LLM && estimatedTokensPerSecond(e, hw) >= MIN_VOICE_TOKENS_PER_SECOND);
  const chosen = fits.at(-1) ?? llms[0]!;
  const tps = Math.round(estimatedTokensPerSecond(chosen, hw));
  const why =
    fits.length === 0
      ? `The smallest model: with ${ram(hw.totalRamBytes)} of RAM on ${backendName[hw.gpu]} even it may answer slowly.`
      : chosen === llms.at(-1)
        ? `The largest model here: ${backendName[hw.gpu]} and ${ram(hw.totalRamBytes)} of RAM run it at speaking pace.`
        : `The largest model that ${backendName[hw.gpu]} with ${ram(hw.totalRamBytes)} of RAM runs at speaking pace.`;
  return pick(chosen, `about ${tps} tokens a second (estimate)`, why);
}

export function recommendStt(hw: Hardware, catalogue: readonly ModelEntry[] = MODEL_CATALOGUE): ModelPick {
  const stts = entries('stt', catalogue);
  const better = stts.find((e) => e.tier === 'better');
  const small = stts.find((e) => e.tier !== 'better') ?? stts[0]!;
  if (better && hw.cpuCores >= BETTER_STT.cores && hw.totalRamBytes >= BETTER_STT.ramBytes) {
    return pick(
      better,
      'real time with room to spare on 4+ cores (estimate)',
      `${hw.cpuCores} cores and ${ram(hw.totalRamBytes)} of RAM run the larger, more accurate recognizer.`,
    );
  }
  return pick(
    small,
    'real time on 2 cores (measured on the 2-core test machine)',
    `With ${hw.cpuCores} cores the small recognizer keeps up while the language model runs.`,
  );
}

export function recommendTts(hw: Hardware, catalogue: readonly ModelEntry[] = MODEL_CATALOGUE): ModelPick {
  const voices = entries('tts', catalogue);
  const kokoro = voices.find((e) => e.tts?.kind === 'kokoro');
  const light = voices.find((e) => e.tts?.kind === 'vits') ?? voices[0]!;
  if (kokoro && hw.cpuCores >= KOKORO_MIN_CORES) {
    return pick(kokoro, 'first words in well under a second on 4+ cores (estimate)', `${hw.cpuCores} cores speak the most natural voice without pauses.`);
  }
  return pick(
    light,
    'several times faster than real time on 2 cores (estimate)',
    `With ${hw.cpuCores} cores the light neural voice speaks without pauses; Kokoro wants 4 or more.`,
  );
}

/** Undefined when the catalogue lacks a purpose (a test or trimmed catalogue): nothing to recommend from. */
export function recommend(hw: Hardware, catalogue: readonly ModelEntry[] = MODEL_CATALOGUE): Recommendation | undefined {
  if ((['stt', 'llm', 'tts'] as const).some((p) => entries(p, catalogue).length === 0)) return undefined;
  return { hardware: hw, stt: recommendStt(hw, catalogue), llm: recommendLlm(hw, catalogue), tts: recommendTts(hw, catalogue) };
}
