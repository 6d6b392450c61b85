import type { InterruptionStrategyConfig } from '../../../contract/settings/conversation.js';
import { MinDurationStrategy } from './min-duration.js';
import { MinVolumeStrategy } from './min-volume.js';
import { MinWordsStrategy } from './min-words.js';
import { PhrasesStrategy } from './phrases.js';
import { StrategyConfigError, type InterruptionStrategy } from './strategy.js';

export interface PhraseLists {
  acknowledgementPhrases: readonly string[];
  interruptionPhrases: readonly string[];
}

/** Builds the strategy objects from the settings' ordered list; throws StrategyConfigError naming a bad entry. */
export function buildStrategies(configs: readonly InterruptionStrategyConfig[], phrases: PhraseLists): InterruptionStrategy[] {
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
        default:
          throw new StrategyConfigError(`unknown strategy type "${(config as { type: unknown }).type}"`);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new StrategyConfigError(`Interruption strategy #${index + 1}: ${message}`);
    }
  });
}
