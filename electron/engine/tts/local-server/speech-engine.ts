/**
 * What the local server's sessions synthesize with: flite, a neural sherpa-onnx voice, or the
 * router that holds both. One sentence per job; a cancelled job's audio never comes out.
 */
import { FLITE_VOICES, isFliteVoice, SynthesisCancelled, type FliteEngine, type FliteVoice, type SynthesisJob } from './flite-engine.js';

export interface SpeechEngine {
  /** True when this engine speaks the voice id (a flite voice, or "<model id>[:speaker]"). */
  hasVoice(voice: string): boolean;
  /** The voice ids, for an error that lists what this server has. */
  voiceIds(): readonly string[];
  synthesize(text: string, voice: string, sampleRate: number): SynthesisJob;
  stop(): Promise<void>;
}

/** A neural engine as the router needs it: it may stop on its own (its process crashed). */
export interface NeuralEngine extends SpeechEngine {
  readonly running: boolean;
}

/**
 * Routes each sentence to the engine that speaks its voice. A neural voice whose engine has
 * stopped (crashed) is spoken by flite instead, also the sentence it was speaking when it
 * stopped, and `onFallback` is told once, so the session can say why the voice changed rather
 * than fall silent or skip a sentence.
 */
export class VoiceRouter implements SpeechEngine {
  private fellBack = false;

  constructor(
    private readonly flite: FliteEngine,
    private readonly neural: NeuralEngine | null,
    private readonly fallbackVoice: FliteVoice,
    private readonly onFallback: (reason: string) => void = () => {},
  ) {}

  hasVoice(voice: string): boolean {
    return isFliteVoice(voice) || (this.neural?.hasVoice(voice) ?? false);
  }

  voiceIds(): readonly string[] {
    return [...FLITE_VOICES, ...(this.neural?.voiceIds() ?? [])];
  }

  synthesize(text: string, voice: string, sampleRate: number): SynthesisJob {
    if (isFliteVoice(voice)) return this.flite.synthesize(text, voice, sampleRate);
    if (this.neural?.running) return this.neuralOrFallback(this.neural, text, voice, sampleRate);
    return this.fallback(text, sampleRate);
  }

  /** The sentence the neural voice was speaking when its process died is spoken by flite, not lost. */
  private neuralOrFallback(neural: NeuralEngine, text: string, voice: string, sampleRate: number): SynthesisJob {
    let current = neural.synthesize(text, voice, sampleRate);
    let cancelled = false;
    const promise = current.promise.catch((error: unknown) => {
      if (cancelled || error instanceof SynthesisCancelled || neural.running) throw error;
      current = this.fallback(text, sampleRate);
      return current.promise;
    });
    promise.catch(() => {}); // callers that cancel may not await
    return {
      promise,
      cancel: () => {
        cancelled = true;
        current.cancel();
      },
    };
  }

  private fallback(text: string, sampleRate: number): SynthesisJob {
    if (!this.fellBack) {
      this.fellBack = true;
      this.onFallback(`The neural voice stopped working; the built-in voice (${this.fallbackVoice}) speaks instead.`);
    }
    return this.flite.synthesize(text, this.fallbackVoice, sampleRate);
  }

  async stop(): Promise<void> {
    await Promise.all([this.flite.stop(), this.neural?.stop()]);
  }
}
