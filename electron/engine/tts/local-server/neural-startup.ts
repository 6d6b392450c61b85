/**
 * Starting the embedded server's neural voice, when one is configured: a voice that fails to
 * load never stops the server; flite speaks instead and the reason comes back as a notice.
 */
import type { Logger } from '../../logger.js';
import { SherpaTtsEngine, type SherpaTtsOptions } from './sherpa-tts-engine.js';

export type NeuralVoiceOptions = Omit<SherpaTtsOptions, 'logger'>;

export interface NeuralStart {
  engine: SherpaTtsEngine | null;
  /** Why the neural voice is not speaking, for the person (absent when it loaded, or none was asked for). */
  notice?: string;
}

export async function startNeuralVoice(options: NeuralVoiceOptions | undefined, logger: Logger): Promise<NeuralStart> {
  if (!options) return { engine: null };
  try {
    return { engine: await SherpaTtsEngine.start({ ...options, logger }) };
  } catch (e) {
    const notice = `The natural voice could not start, so the built-in voice speaks instead. ${(e as Error).message}`;
    logger.warn('neural voice failed to load; falling back to flite', { modelDir: options.modelDir, message: (e as Error).message });
    return { engine: null, notice };
  }
}
