/** The scenario's recognizer setting as a simulated recognizer, or none. */
import type { Clock } from '../../clock.js';
import { ORACLE_TIMING, STREAMING_ZIPFORMER, SimulatedRecognizer, type RecognizerTiming } from './recognizer-model.js';
import type { LoadedScenario } from './scenario.js';

/** Null when the scenario asks for none, or no clip has a text to recognize. */
export function recognizerFor(scenario: Pick<LoadedScenario, 'recognizer' | 'user'>, clock: Clock): SimulatedRecognizer | null {
  if (!scenario.user.some((u) => u.text !== undefined)) return null;
  const r = scenario.recognizer;
  if (r === 'none') return null;
  if (r === 'oracle') return new SimulatedRecognizer(clock, ORACLE_TIMING);
  if (r === 'streaming') return new SimulatedRecognizer(clock, STREAMING_ZIPFORMER);
  const base: RecognizerTiming = r.mode === 'oracle' ? ORACLE_TIMING : STREAMING_ZIPFORMER;
  const defined = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined));
  return new SimulatedRecognizer(clock, { ...base, ...defined } as RecognizerTiming);
}
