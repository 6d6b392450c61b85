import type { InterruptionStrategyConfig } from '../../../contract/settings/conversation.js';
import { MinDurationStrategy } from './min-duration.js';
import { MinVolumeStrategy } from './min-volume.js';
import { MinWordsStrategy } from './min-words.js';
import { BackchannelModelStrategy } from './backchannel-model.js';
import { PhrasesStrategy } from './phrases.js';
import { VoiceShapeStrategy, type WordSource } from './voice-shape-strategy.js';
import { StrategyConfigError, type InterruptionStrategy } from './strategy.js';

export interface PhraseLists {
  acknowledgementPhrases: readonly string[];
  interruptionPhrases: readonly string[];
}

/** Builds the strategy objects from the settings' ordered list; throws StrategyConfigError naming a bad entry. */
export function buildStrategies(configs: readonly InterruptionStrategyConfig[], phrases: PhraseLists, words: WordSource = 'streaming'): InterruptionStrategy[] {
  return configs.map((config, index) => {
    try {
      switch (config.type) {
        case 'minWords':
          return new MinWordsStrategy(config.params.minWords);
        case 'minVolume':
          return new MinVolumeStrategy(config.params.minDbfs);
        case 'minDuration':
          return new MinDurationStrategy(config.params.minDurationMs);
        case 'phrases':
          return new PhrasesStrategy(phrases);
        case 'backchannelModel':
          return new BackchannelModelStrategy(phrases);
        case 'voiceShape':
          return new VoiceShapeStrategy(config.params.minSpeechMs, words);
        default:
          return unknownType(config);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new StrategyConfigError(`Interruption strategy #${index + 1}: ${message}`);
    }
  });
}

/** A type the registry does not have (only from data that skipped the schema); a forgotten case fails to compile. */
function unknownType(config: never): never {
  throw new StrategyConfigError(`unknown strategy type "${String((config as { type?: unknown } | null)?.type)}"`);
}
