/**
 * Which neural voice a TTS voice setting names: "<catalogue id>" or "<catalogue id>:<speaker>"
 * of a downloaded (or linked) sherpa-onnx voice. Anything else is a flite voice or unknown.
 */
import { FLITE_VOICES } from '../../engine/tts/local-server/flite-engine.js';
import type { NeuralVoiceOptions } from '../../engine/tts/local-server/neural-startup.js';
import type { ModelManager } from '../../engine/models/model-manager.js';

export type NeuralVoiceChoice = { kind: 'flite' } | { kind: 'neural'; options: NeuralVoiceOptions } | { kind: 'unavailable'; reason: string };

export async function resolveNeuralVoice(models: ModelManager, voice: string): Promise<NeuralVoiceChoice> {
  if ((FLITE_VOICES as readonly string[]).includes(voice)) return { kind: 'flite' };
  const id = voice.split(':')[0]!;
  const entry = models.entries().find((e) => e.id === id && e.purpose === 'tts');
  if (!entry) return { kind: 'unavailable', reason: `There is no voice called "${voice}"; the built-in voice speaks instead.` };
  const modelDir = await models.pathOf(id).catch(() => undefined);
  if (!modelDir)
    return {
      kind: 'unavailable',
      reason: `The voice "${entry.title}" is not downloaded yet; the built-in voice speaks until it is (Settings → Voices and providers).`,
    };
  return {
    kind: 'neural',
    options: { modelDir, name: id, ...(entry.tts ? { speakers: entry.tts.speakers, defaultSpeaker: entry.tts.defaultSpeaker } : {}) },
  };
}
