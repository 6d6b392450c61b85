import { STREAMING_MARGIN_MS, type WordSource } from '../../../contract/settings/barge-in-rules.js';
import { strategyParamProblem } from '../../../contract/settings/strategies.js';
import type { AudioFrame } from '../../audio/frame.js';
import { StrategyConfigError, type InterruptionStrategy } from './strategy.js';
import { VoiceShape } from './voice-shape.js';

// The word source and the streaming margin are shared with the rules' description (contract/settings/barge-in-rules.ts).
export { STREAMING_MARGIN_MS, type WordSource } from '../../../contract/settings/barge-in-rules.js';

export class VoiceShapeStrategy implements InterruptionStrategy {
  readonly name = 'voiceShape';
  private readonly shape = new VoiceShape();
  private sawWords = false;

  constructor(
    readonly minSpeechMs: number,
    readonly words: WordSource,
  ) {
    const problem = strategyParamProblem('voiceShape', 'minSpeechMs', minSpeechMs);
    if (problem) throw new StrategyConfigError(problem);
  }

  appendAudio(frame: AudioFrame): void {
    this.shape.append(frame);
  }

  setText(text: string): void {
    if (text.trim()) this.sawWords = true;
  }

  private get thresholdMs(): number {
    return this.words === 'streaming' ? this.minSpeechMs + STREAMING_MARGIN_MS : this.minSpeechMs;
  }

  shouldInterrupt(): boolean {
    if (this.words === 'streaming' && this.sawWords) return false;
    return this.shape.speechMs >= this.thresholdMs;
  }

  /**
   * Without words, any gap before `minSpeechMs` of voice resumes the agent (ducked) at once rather
   * than at the end of the speech (the VAD's 320 ms later); speech after the gap pauses it again.
   * Up to 700 ms before: the bench's no-recognizer backchannel pause p95 went from 1208 to 988 ms
   * (quick set), with no interruption missed or slower.
   */
  backchannelSized(): boolean {
    return this.words !== 'streaming' && this.shape.speechMs < this.minSpeechMs;
  }

  explain(): string {
    const ms = this.shape.speechMs;
    return ms >= this.thresholdMs
      ? `${ms} ms of continuous voice (${this.shape.syllables} syllables) is more than a backchannel`
      : `${ms} ms of voice (${this.shape.syllables} syllables) is short, like a backchannel, a cough or a laugh`;
  }

  reset(): void {
    this.shape.reset();
    this.sawWords = false;
  }
}
