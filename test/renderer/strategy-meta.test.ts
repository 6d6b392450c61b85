/** The panel's words for interruption strategies come from the contract's registry, not a second table. */
import { describe, expect, it } from 'vitest';
import { STRATEGIES, strategyDefaults, type StrategyType } from '../../electron/contract/index';
import { strategyMeta } from '../../renderer/src/settings/field-meta';
import { fieldDescriptor } from '../../renderer/src/settings/schema-fields';

const types = Object.keys(STRATEGIES) as StrategyType[];

describe('strategy words in the panel', () => {
  it('offers every registered strategy, labelled and with its defaults', () => {
    expect(fieldDescriptor('conversation', 'strategies')!.variants!.map((v) => v.type)).toEqual(types);
    for (const type of types) {
      expect(strategyMeta[type]!.label).toBe(STRATEGIES[type].label);
      expect(strategyMeta[type]!.defaults).toEqual(strategyDefaults(type));
    }
  });

  it('shows each parameter box with the registry’s range, step and unit', () => {
    const voice = fieldDescriptor('conversation', 'strategies')!.variants!.find((v) => v.type === 'voiceShape')!;
    expect(voice.params).toEqual([expect.objectContaining({ key: 'minSpeechMs', kind: 'integer', min: 200, max: 10_000 })]);
    expect(strategyMeta['voiceShape']!.params).toEqual({ minSpeechMs: { label: 'Voice', step: 50, unit: 'ms' } });
    // "Words" already says the unit.
    expect(strategyMeta['minWords']!.params!['minWords']!.unit).toBeUndefined();
  });

  it('describes a strategy with the values being typed, and a "?" for one missing', () => {
    expect(strategyMeta['minWords']!.describe({ minWords: 3 })).toBe('Interrupt once you have said at least 3 words.');
    expect(strategyMeta['minDuration']!.describe({})).toBe('Interrupt once you have spoken for ? ms.');
  });
});
