/**
 * The user's side of the audio: mic frame -> echo canceller -> echo guard -> VAD; while the VAD says speech the
 * frames (with a short prefix from before the onset) go to speech recognition and to the
 * barge-in strategies. Re-emits what the session needs, in order.
 */
import { EventEmitter } from 'node:events';
import { frameDurationMs, type AudioFrame } from '../audio/frame.js';
import type { SpeechRecognizer } from '../stt/types.js';
import type { EchoCanceller } from '../audio/aec/echo-canceller.js';
import type { EchoGuard } from '../turn/echo-guard.js';
import type { VoiceActivityDetector, VoiceActivityEvents } from './ports.js';
import { GAP_MS } from '../vad/speech-segmenter.js';
import { VoiceEndFinder } from './voice-end.js';
import { ComfortNoise } from '../vad/comfort-noise.js';

/**
 * The final transcript is requested at the VAD's gap (96 ms of quiet: the user has probably
 * stopped) rather than at its end of speech (320 ms), so recognition overlaps the rest of the
 * release and the end-of-turn window: ~224 ms sooner. Only once the speech has lasted this
 * long: shorter blips may still turn out to be misfires (clicks, coughs), and a recognizer
 * given one may invent words. 250 ms is about one short word.
 */
export const EARLY_FINAL_MIN_SPEECH_MS = 250;

/*
 * The pause can come before the VAD's gap. Silero keeps its probability near 1 for 50-150 ms
 * after the voice stops, then drops within a window or two; the gap then waits three more
 * windows (GAP_MS) below the release threshold. So the user is taken to pause at the first
 * window below the release threshold once the voice's level (voice-end.ts) has also been
 * quiet for GAP_MS: both must agree, so a soft voice the level misses still has the VAD's
 * word, and a dip inside a word (one or two windows) still needs the voice quiet that long.
 * Measured (flite awb/slt/rms/kal16, 12 sentences each, room at -60 and -45 dBFS): the final
 * is asked 64 ms sooner at p50 and p95 (e.g. awb 202 -> 138 ms after the voice). The cost, on
 * 103 s of real speech (test/fixtures/speech + two_cities): 49 pauses instead of 44, 12 of
 * them followed by more speech instead of 8. Such a pause costs an extra recognition request
 * and a dropped early answer, not an end of turn: that still waits the silence window.
 */

/** The VAD's timing events, passed through as they are. */
type PassedThrough = 'speechLikely' | 'speechUnlikely' | 'speechGap' | 'speechGapEnd' | 'probability';

export type UserInputEvents = Pick<VoiceActivityEvents, PassedThrough | 'speechStart' | 'speechEnd'> & {
  /** The user has probably stopped and the final was requested: `tMs` is a VAD edge after the voice (see voiceEndedAt). */
  pause: [{ tMs: number }];
  /** The user went on after a pause (same speech segment). */
  resume: [{ tMs: number }];
  /**
   * The same moment as `pause`, for barge-in: with or without a recognizer, and for speech of
   * any length (`tMs`: the VAD's edge). Comes before the VAD's gap, 64 ms at p50.
   */
  voicePause: [{ tMs: number }];
  /** The VAD hears speech again after a `voicePause`. */
  voiceResume: [{ tMs: number }];
  misfire: [];
  /** Every mic frame as the VAD gets it (echo cancelled, gated, gaps refilled with the room): level meter, simulate's mic-cancelled.wav. */
  processed: [AudioFrame];
  /** A frame of the user's speech as the VAD saw it (echo-gated). */
  audio: [AudioFrame];
  interim: [string];
  final: [string];
  error: [Error];
};

/**
 * How far below the predicted (raw) echo the cancelled audio may be and still count as the
 * user: what the canceller removes right now (its attenuation over echo-alone blocks) less a
 * margin for residual peaks (a single block's residual may stand ~10 dB above the average).
 * Until the canceller has measured itself, no credit: the cancelled audio must clear the
 * predicted echo by the guard's own 6 dB, as the raw mic must. Never more than 9 dB: the
 * guard's echo prediction is itself coarse.
 */
const RESIDUAL_PEAK_DB = 10;
const NO_CREDIT_DB = -6;
const MAX_CREDIT_DB = 9;
/**
 * Under a loud echo the user's onset stays under the broadband echo, and the suppressor's gain dims it further: it
 * passed only once a syllable outshone the agent's (kal16 at +6 dB in the meeting room: 448 ms later than without
 * echo). Where the canceller has earned the full credit (it removes 19 dB or more of the echo alone, so its residual
 * estimate holds), a block also passes when the canceller finds a voice bin by bin (NearEndVoice) whose power is no
 * more than 16 dB under the predicted echo, two blocks in a row: the user's onsets stood 12-15 dB under it, the echo
 * alone's quiet syllable ends (-50 to -60 dBFS) far lower. Without the full credit (learning, a distorting speaker)
 * the residual estimate misses bins: the echo alone then showed a voice over hundreds of blocks (bench:echo B1, strong
 * distortion, credit -6 dB).
 */
const VOICE_UNDER_ECHO_DB = 16;

export class UserInput extends EventEmitter<UserInputEvents> {
  private clearedLast = false;
  private voiceLast = false;
  private speaking = false;
  private speechStartMs = 0;
  /** The segment was finished at a gap: what follows it is silence unless the user goes on. */
  private finishedAtGap = false;
  private finalsOwed = 0;
  /** A `voicePause` was announced and the VAD has not heard speech since. */
  private voicePaused = false;
  /** Start of the VAD's current run of windows below its release threshold, inside open speech. */
  private quietFromMs: number | null = null;
  private readonly voiceEnd = new VoiceEndFinder();
  /** Refills the gate's zeroed blocks with the room (see comfort-noise.ts): what the VAD, the level and recognition hear. */
  private readonly comfortNoise = new ComfortNoise();
  private prefix: AudioFrame[] = [];
  private prefixMs = 0;

  constructor(
    private readonly deps: {
      vad: VoiceActivityDetector;
      stt: SpeechRecognizer | null;
      /** Removes the agent's voice first; the guard (if on) then gates what is left. */
      canceller?: EchoCanceller | null;
      echoGuard: EchoGuard | null;
      /** Audio before the onset that still goes to recognition (the first syllable). */
      prefixPaddingMs: number;
      /** Request the final at the VAD's gap (default) rather than at its end of speech. */
      earlyFinal?: boolean;
    },
  ) {
    super();
    // Before the pass-throughs: our pause and resume come before the VAD's gap and gap end.
    deps.vad.on('probability', (e) => this.onProbability(e.tMs, e.p));
    deps.vad.on('speechGap', (e) => this.onGap(e.tMs));
    // The VAD's timing events (PassedThrough), re-emitted as they are, before this class's own handling.
    deps.vad.on('speechLikely', (e) => this.emit('speechLikely', e));
    deps.vad.on('speechUnlikely', (e) => this.emit('speechUnlikely', e));
    deps.vad.on('speechGap', (e) => this.emit('speechGap', e));
    deps.vad.on('speechGapEnd', (e) => this.emit('speechGapEnd', e));
    deps.vad.on('probability', (e) => this.emit('probability', e));
    deps.vad.on('speechStart', (e) => this.onSpeechStart(e.tMs));
    deps.vad.on('speechEnd', (e) => this.onSpeechEnd(e.tMs));
    deps.vad.on('misfire', () => this.onMisfire());
    deps.vad.on('speechGapEnd', (e) => this.resume(e.tMs));
    if (deps.stt) {
      deps.stt.on('interim', (t) => this.emit('interim', t.text));
      deps.stt.on('final', (t) => {
        this.finalsOwed = Math.max(0, this.finalsOwed - 1);
        this.emit('final', t.text);
      });
      deps.stt.on('error', (e) => this.emit('error', e));
    }
  }

  get userSpeaking(): boolean {
    return this.speaking;
  }

  /** Inside open speech, quiet long enough that the user has probably stopped (the VAD's gap). */
  get pausing(): boolean {
    return this.finishedAtGap;
  }

  /** Where the voice really ended, for a VAD end edge (see voice-end.ts). */
  voiceEndedAt(edgeMs: number): number {
    return this.voiceEnd.refine(edgeMs);
  }

  /** Where the voice really began, for a VAD onset (see voice-end.ts). */
  voiceStartedAt(onsetMs: number): number {
    return this.voiceEnd.refineStart(onsetMs);
  }

  /** A final transcript was requested and has not come yet. */
  get awaitingFinal(): boolean {
    return this.finalsOwed > 0;
  }

  /** The agent's output as written to the device, and when it is heard: the echo reference. */
  pushReference(frame: AudioFrame, heardAtMs: number): void {
    this.deps.canceller?.pushReference(frame, heardAtMs);
    this.deps.echoGuard?.pushReference(frame);
  }

  /** The speaker was lost: the one heard when audio plays again may be another loudspeaker (EchoCanceller.speakerChanged). */
  speakerChanged(): void {
    this.deps.canceller?.speakerChanged();
  }

  async pushMicFrame(frame: AudioFrame): Promise<void> {
    const gated = this.echoFree(frame);
    // The room is learned only where it is alone: no user speech, no echo the gate expects (without the guard nothing is zeroed).
    const roomAlone = !this.speaking && this.deps.echoGuard !== null && !this.deps.echoGuard.expectsEcho(frame);
    const heard = this.comfortNoise.fill(gated, roomAlone);
    // After the refill: the gate's zeros are not what the VAD hears (the meter dropped to -100 dBFS under the agent's voice in a humming room).
    this.emit('processed', heard);
    this.voiceEnd.push(heard, this.speaking);
    await this.deps.vad.push(heard);
    if (this.speaking) {
      this.deps.stt?.push(heard.data);
      this.emit('audio', heard);
    } else {
      this.rememberPrefix(heard);
    }
  }

  /**
   * The canceller removes the agent's voice; the guard (when on) still decides which 10 ms
   * blocks may count as the user. A block passes when the raw mic clears the predicted echo by
   * the guard's margin (as without the canceller), or when the cancelled audio is within the
   * canceller's credit of it (see RESIDUAL_PEAK_DB): the echo is gone from it, so the user's
   * voice need not beat the echo any more, only what the canceller reliably leaves; or, once the canceller has earned
   * the full credit, when it finds a voice over its residual bin by bin (VOICE_UNDER_ECHO_DB). Residual bursts are
   * single blocks, so these paths, like the guard's, need two blocks in a row. What passes is the cancelled audio.
   */
  private echoFree(frame: AudioFrame): AudioFrame {
    const { canceller, echoGuard } = this.deps;
    if (!canceller) return echoGuard ? echoGuard.processMic(frame).frame : frame;
    const cancelled = canceller.process(frame);
    if (!echoGuard) return cancelled;
    const decided = echoGuard.processMic(frame).frame;
    // No echo path found: the canceller passed the mic through, and the guard alone decides, as without it.
    if (canceller.passedThrough) {
      this.clearedLast = false;
      this.voiceLast = false;
      return decided;
    }
    const raw = frame.data;
    const passedRaw = decided.data;
    const out = new Float32Array(cancelled.data);
    const perBlock = cancelled.sampleRate / 100;
    const attenuation = canceller.attenuationDb;
    // The echo moved and the canceller's filter is still on the old lag: its output may be raw echo, and the guard
    // (on the old lag too) would pass it as the user. Only what clears the guard's estimate after cancelling passes.
    const unexplained = canceller.pathUnexplained;
    const credit = attenuation === null || unexplained ? NO_CREDIT_DB : Math.max(NO_CREDIT_DB, Math.min(MAX_CREDIT_DB, attenuation - RESIDUAL_PEAK_DB));
    const trustsBins = credit >= MAX_CREDIT_DB;
    for (let start = 0; start < out.length; start += perBlock) {
      const end = Math.min(out.length, start + perBlock);
      let power = 0;
      // The guard passes or zeroes whole blocks: it passed this one if any sample came through, or if the mic was
      // all digital silence. Not if one sample is an exact zero: a 16-bit mic's quiet echo crosses zero on them.
      let guardKept = false;
      let silent = true;
      for (let i = start; i < end; i++) {
        power += out[i]! * out[i]!;
        if (passedRaw[i] !== 0) guardKept = true;
        if (raw[i] !== 0) silent = false;
      }
      const rawPassed = guardKept || silent;
      const fromMs = cancelled.timestampMs + (start * 1000) / cancelled.sampleRate;
      const block = Math.floor(fromMs / 10);
      const predicted = echoGuard.predictedEcho(block);
      const clears = power / (end - start) > predicted * 10 ** (-credit / 10);
      const voicePower = trustsBins ? canceller.nearEndVoice.powerIn(fromMs, fromMs + ((end - start) * 1000) / cancelled.sampleRate) : 0;
      const voice = voicePower > predicted * 10 ** (-VOICE_UNDER_ECHO_DB / 10);
      const passes = (rawPassed && !unexplained) || (clears && this.clearedLast) || (voice && this.voiceLast);
      this.clearedLast = clears;
      this.voiceLast = voice;
      if (!passes) out.fill(0, start, end);
    }
    return { ...cancelled, data: out };
  }

  private onSpeechStart(tMs: number): void {
    this.speaking = true;
    this.voicePaused = false;
    this.speechStartMs = tMs;
    this.finishedAtGap = false;
    this.voiceEnd.speechStarted();
    this.emit('speechStart', { tMs });
    for (const f of this.prefix) this.deps.stt?.push(f.data);
    this.prefix = [];
    this.prefixMs = 0;
  }

  private onSpeechEnd(tMs: number): void {
    if (!this.speaking) return;
    this.speaking = false;
    // speechEnd first: listeners then wait for the final, which may come at once (or much later).
    const atGap = this.finishedAtGap;
    this.finishedAtGap = false;
    if (!atGap && this.deps.stt) this.finalsOwed++; // owed before listeners ask `awaitingFinal`
    this.emit('speechEnd', { tMs });
    if (atGap)
      this.deps.stt?.reset(); // only the silence after the gap: nothing to recognize
    else this.deps.stt?.endSegment();
  }

  private onGap(tMs: number): void {
    if (!this.finishedAtGap) this.pause(tMs);
  }

  /** A window of the VAD's: the user pauses before the gap (see above), or goes on after a pause. */
  private onProbability(tMs: number, p: number): void {
    const { releaseThreshold, windowMs } = this.deps.vad;
    if (releaseThreshold === undefined || windowMs === undefined) return;
    if (!this.speaking || p >= releaseThreshold) {
      this.quietFromMs = null;
      if (this.speaking) this.resume(tMs);
      if (this.speaking && this.voicePaused) this.emit('voiceResume', { tMs });
      this.voicePaused = false;
      return;
    }
    this.quietFromMs ??= tMs; // the VAD's edge: where its run of quiet windows began
    const voiceQuietMs = this.voiceEnd.quietForMs(tMs + windowMs);
    if (voiceQuietMs === null || voiceQuietMs < GAP_MS) return;
    if (!this.voicePaused) {
      this.voicePaused = true;
      this.emit('voicePause', { tMs: this.quietFromMs });
    }
    if (!this.finishedAtGap) this.pause(this.quietFromMs);
  }

  private pause(tMs: number): void {
    if (!this.speaking || !this.deps.stt || this.deps.earlyFinal === false || tMs - this.speechStartMs < EARLY_FINAL_MIN_SPEECH_MS) return;
    this.finishedAtGap = true;
    this.finalsOwed++;
    this.deps.stt.endSegment();
    this.emit('pause', { tMs });
  }

  private resume(tMs: number): void {
    if (!this.finishedAtGap) return;
    this.finishedAtGap = false;
    this.emit('resume', { tMs });
  }

  private onMisfire(): void {
    if (this.speaking) this.deps.stt?.reset();
    this.speaking = false;
    this.finishedAtGap = false;
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
