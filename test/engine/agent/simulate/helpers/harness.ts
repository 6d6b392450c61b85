/** Runs scenarios through the simulate path with the TTS audio and the VAD model loaded once per file. */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { loadResamplerFactory, type ResamplerFactory } from '../../../../../electron/engine/audio/resampler.js';
import { runScenario, type SimulationResult } from '../../../../../electron/engine/agent/simulate/run-scenario.js';
import { parseScenario } from '../../../../../electron/engine/agent/simulate/scenario.js';
import { synthesizeTexts, type SynthesizedSpeech } from '../../../../../electron/engine/agent/simulate/synthesize.js';
import { SileroVadModel } from '../../../../../electron/engine/vad/silero-vad-model.js';

export const FIXTURES = fileURLToPath(new URL('../../../../fixtures/bargein/', import.meta.url));

export const AGENT_TEXT =
  'The next train to Edinburgh leaves at nine fifteen from platform four, and it calls at York and Newcastle before arriving just after one.';
export const SHORT_AGENT_TEXT = 'Hello, how can I help?';
export const REPLY = 'Okay.';

export interface Harness {
  run(scenario: Record<string, unknown>): Promise<SimulationResult>;
  close(): Promise<void>;
}

export async function makeHarness(): Promise<Harness> {
  const speech: Map<string, SynthesizedSpeech> = await synthesizeTexts([AGENT_TEXT, SHORT_AGENT_TEXT, REPLY], 'slt');
  const vadModel = await SileroVadModel.load();
  const resamplers: ResamplerFactory = await loadResamplerFactory();
  return {
    run: (json) => runScenario(parseScenario({ agentReplies: [REPLY], tailMs: 2500, ...json }, FIXTURES), { speech, vadModel, resamplers }),
    close: async () => {
      await vadModel.close();
    },
  };
}

/** The file's harness: made before its tests (TTS and VAD load once), closed after them. */
export function useHarness(): Harness {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await makeHarness();
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });
  const ready = (): Harness => {
    if (!harness) throw new Error('The simulate harness is used before its beforeAll has run.');
    return harness;
  };
  return { run: (scenario) => ready().run(scenario), close: () => ready().close() };
}

export function types(result: SimulationResult): string[] {
  return result.events.map((e) => e.type);
}
