/** Each strategy parameter is defined once (contract/settings/strategies.ts): schema, defaults and the engine's checks read it. */
import { describe, expect, it } from 'vitest';
import { ConversationSettingsSchema, InterruptionStrategySchema } from '../../../electron/contract/settings/conversation';
import { STRATEGIES, strategyDefaults, type StrategyParam, type StrategyType } from '../../../electron/contract/settings/strategies';
import { buildStrategies } from '../../../electron/engine/turn/strategies/build-strategies';

const phrases = { acknowledgementPhrases: ['okay'], interruptionPhrases: ['stop'] };
const types = Object.keys(STRATEGIES) as StrategyType[];
const paramsOf = (type: StrategyType) => Object.entries(STRATEGIES[type].params as Record<string, StrategyParam>);

describe('the strategy registry', () => {
  it('gives every parameter a default inside its own range, with a reason', () => {
    for (const type of types) {
      for (const [key, p] of paramsOf(type)) {
        expect(p.default, `${type}.${key}`).toBeGreaterThanOrEqual(p.min);
        expect(p.default, `${type}.${key}`).toBeLessThanOrEqual(p.max);
        expect(p.reason.length, `${type}.${key} has a reason`).toBeGreaterThan(10);
      }
    }
  });

  it('fills a strategy written without parameters from the defaults, and the engine builds every one', () => {
    const parsed = types.map((type) => InterruptionStrategySchema.parse({ type }));
    expect(parsed.map((s) => s.params)).toEqual(types.map((type) => strategyDefaults(type)));
    expect(buildStrategies(parsed, phrases).map((s) => s.name)).toEqual(types);
  });

  it('says the same thing about a value out of range in the settings and in the engine', () => {
    for (const type of types) {
      for (const [key, p] of paramsOf(type)) {
        for (const bad of [p.min - 1, p.max + 1]) {
          const config = InterruptionStrategySchema.parse({ type });
          Object.assign(config.params, { [key]: bad });
          const r = ConversationSettingsSchema.safeParse({ strategies: [config] });
          const schemaMessage = r.error?.issues[0]?.message;
          expect(schemaMessage, `${type}.${key}=${bad}`).toMatch(/^Enter a (whole )?number from /);
          expect(() => buildStrategies([config], phrases)).toThrow(`Interruption strategy #1: ${key}: ${schemaMessage}`);
        }
      }
    }
  });

  it('starts the default list with the registry’s own default for the voice', () => {
    const voice = ConversationSettingsSchema.parse({}).strategies.find((s) => s.type === 'voiceShape');
    expect(voice?.params).toEqual({ minSpeechMs: STRATEGIES.voiceShape.params.minSpeechMs.default });
  });
});
