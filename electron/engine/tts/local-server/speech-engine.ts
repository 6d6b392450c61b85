/**
 * What the local server's sessions synthesize with: flite, a neural sherpa-onnx voice, or the
 * router that holds both. One sentence per job; a cancelled job's audio never comes out.
 */
import { FLITE_VOICES, isFliteVoice, type FliteEngine, type FliteVoice, type SynthesisJob } from './flite-engine.js';

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
 * stopped (crashed) is spoken by flite instead, and `onFallback` is told once, so the session
 * can say why the voice changed rather than fall silent.
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
    if (this.neural?.running) return this.neural.synthesize(text, voice, sampleRate);
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
