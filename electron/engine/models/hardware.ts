/**
 * What this machine offers local models: memory, cores, and the GPU backend node-llama-cpp
 * can use. Detection only reads what is already installed: getLlamaGpuTypes('supported')
 * lists the prebuilt binaries whose drivers are present; nothing is downloaded or built.
 */
import os from 'node:os';

export const GPU_BACKENDS = ['metal', 'cuda', 'vulkan', 'cpu'] as const;
export type GpuBackend = (typeof GPU_BACKENDS)[number];

export interface Hardware {
  totalRamBytes: number;
  cpuCores: number;
  /** The best backend node-llama-cpp reports usable here; 'cpu' when none is. */
  gpu: GpuBackend;
}

export type HardwareDetector = () => Promise<Hardware>;

/** Metal and CUDA run llama.cpp fastest, then Vulkan. */
const GPU_PREFERENCE: GpuBackend[] = ['metal', 'cuda', 'vulkan'];

export function bestGpu(types: readonly unknown[]): GpuBackend {
  return GPU_PREFERENCE.find((g) => types.includes(g)) ?? 'cpu';
}

export async function detectHardware(): Promise<Hardware> {
  let gpu: GpuBackend = 'cpu';
  try {
    const { getLlamaGpuTypes } = await import('node-llama-cpp');
    gpu = bestGpu(await getLlamaGpuTypes('supported'));
  } catch {
    // No usable llama.cpp binary: the CPU path is what the embedded model would use anyway.
  }
  return { totalRamBytes: os.totalmem(), cpuCores: os.availableParallelism(), gpu };
}

/** Detects once per run (it cannot change while the app runs) and shares the answer. */
export function cachedDetector(detect: HardwareDetector = detectHardware): HardwareDetector {
  let result: Promise<Hardware> | undefined;
  return () => {
    result ??= detect().catch((e: unknown) => {
      result = undefined;
      throw e;
    });
    return result;
  };
}
