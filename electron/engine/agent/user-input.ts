/**
 * The user's side of the audio: mic frame -> echo guard -> VAD; while the VAD says speech the
 * frames (with a short prefix from before the onset) go to speech recognition and to the
 * barge-in strategies. Re-emits what the session needs, in order.
 */
import { EventEmitter } from 'node:events';
import { frameDurationMs, type AudioFrame } from '../audio/frame.js';
import type { SpeechRecognizer } from '../stt/types.js';
import type { EchoGuard } from '../turn/echo-guard.js';
import type { VoiceActivityDetector } from './ports.js';

export type UserInputEvents = {
  speechLikely: [{ tMs: number }];
  speechUnlikely: [{ tMs: number }];
  speechStart: [{ tMs: number }];
  speechGap: [{ tMs: number }];
  speechGapEnd: [{ tMs: number }];
  speechEnd: [{ tMs: number }];
  misfire: [];
  /** A frame of the user's speech as the VAD saw it (echo-gated). */
  audio: [AudioFrame];
  interim: [string];
  final: [string];
  probability: [{ tMs: number; p: number }];
  error: [Error];
};

export class UserInput extends EventEmitter<UserInputEvents> {
  private speaking = false;
  private prefix: AudioFrame[] = [];
  private prefixMs = 0;

  constructor(
    private readonly deps: {
      vad: VoiceActivityDetector;
      stt: SpeechRecognizer | null;
      echoGuard: EchoGuard | null;
      /** Audio before the onset that still goes to recognition (the first syllable). */
      prefixPaddingMs: number;
    },
  ) {
    super();
    deps.vad.on('speechLikely', (e) => this.emit('speechLikely', { tMs: e.tMs }));
    deps.vad.on('speechUnlikely', (e) => this.emit('speechUnlikely', { tMs: e.tMs }));
    deps.vad.on('speechStart', (e) => this.onSpeechStart(e.tMs));
    deps.vad.on('speechGap', (e) => this.emit('speechGap', { tMs: e.tMs }));
    deps.vad.on('speechGapEnd', (e) => this.emit('speechGapEnd', { tMs: e.tMs }));
    deps.vad.on('speechEnd', (e) => this.onSpeechEnd(e.tMs));
    deps.vad.on('misfire', () => this.onMisfire());
    deps.vad.on('probability', (e) => this.emit('probability', e));
    if (deps.stt) {
      deps.stt.on('interim', (t) => this.emit('interim', t.text));
      deps.stt.on('final', (t) => this.emit('final', t.text));
      deps.stt.on('error', (e) => this.emit('error', e));
    }
  }

  get userSpeaking(): boolean {
    return this.speaking;
  }

  /** The agent's output as written to the device: the echo guard's reference. */
  pushReference(frame: AudioFrame): void {
    this.deps.echoGuard?.pushReference(frame);
  }

  async pushMicFrame(frame: AudioFrame): Promise<void> {
    const gated = this.deps.echoGuard ? this.deps.echoGuard.processMic(frame).frame : frame;
    await this.deps.vad.push(gated);
    if (this.speaking) {
      this.deps.stt?.push(gated.data);
      this.emit('audio', gated);
    } else {
      this.rememberPrefix(gated);
    }
  }

  private onSpeechStart(tMs: number): void {
    this.speaking = true;
    this.emit('speechStart', { tMs });
    for (const f of this.prefix) this.deps.stt?.push(f.data);
    this.prefix = [];
    this.prefixMs = 0;
  }

  private onSpeechEnd(tMs: number): void {
    if (!this.speaking) return;
    this.speaking = false;
    // speechEnd first: listeners then wait for the final, which may come at once (or much later).
    this.emit('speechEnd', { tMs });
    this.deps.stt?.endSegment();
  }

  private onMisfire(): void {
    if (this.speaking) this.deps.stt?.reset();
    this.speaking = false;
    this.emit('misfire');
  }

  private rememberPrefix(frame: AudioFrame): void {
    this.prefix.push(frame);
    this.prefixMs += frameDurationMs(frame);
    while (this.prefix.length > 1 && this.prefixMs - frameDurationMs(this.prefix[0]!) >= this.deps.prefixPaddingMs) {
      this.prefixMs -= frameDurationMs(this.prefix.shift()!);
    }
  }
}
