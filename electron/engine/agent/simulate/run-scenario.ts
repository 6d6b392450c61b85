/**
 * Runs one scenario offline: file audio into the real echo guard + Silero VAD, the real
 * barge-in controller and session, the real PlaybackQueue into a RecordingSink, speech from
 * the embedded local TTS server (synthesized up front, replayed on the virtual clock).
 */
import { RecordingSink } from '../../audio/recording-sink.js';
import { loadResamplerFactory, resampleAll, type ResamplerFactory } from '../../audio/resampler.js';
import { readWavFile } from '../../audio/wav-reader.js';
import { SileroVadModel } from '../../vad/silero-vad-model.js';
import { loadBundledPhraseModel } from '../../turn/backchannel/model/load.js';
import type { VadModel } from '../../vad/vad-model.js';
import { VadProcessor } from '../../vad/vad-processor.js';
import type { InterruptSource } from '../../turn/speech-handle.js';
import { AgentSession } from '../agent-session.js';
import type { LatencyBudget } from '../latency-budget.js';
import { vadPort } from '../ports.js';
import { echoFigures, type EchoFigures } from './echo-metrics.js';
import { loadEchoPath } from './echo-room.js';
import { FrameTimeline } from './frame-timeline.js';
import { MicMixer, voicedSpan } from './mic-mixer.js';
import { recognizerFor } from './recognizer-choice.js';
import type { OracleUtterance } from './recognizer-model.js';
import { ObservedPlayback } from './observed-playback.js';
import { ReplayTts } from './replay-tts.js';
import type { LoadedScenario } from './scenario.js';
import { ScriptedReplies } from './scripted-llm.js';
import { synthesizeTexts, type SynthesizedSpeech } from './synthesize.js';
import { VirtualClock } from './virtual-clock.js';
import { voicedBlocksMs } from './word-timing.js';
import { downmixToMono } from '../../audio/channels.js';
import { concatSamples } from '../../audio/samples.js';
import { FRAME_MS } from '../../audio/frame.js';
import { ClauseSplitter } from '../../llm/clause-splitter.js';

const RATE = 16_000;

export interface SimulationEvent {
  tMs: number;
  type: string;
  [detail: string]: unknown;
}

export interface SimulationResult {
  interrupted: boolean;
  reason: InterruptSource | null;
  strategy: string | null;
  /** VAD onset to agent inaudible (pause or clear), plus output latency. */
  bargeInLatencyMs: number | null;
  /** The same from the true start of the user's voice in the clip. */
  bargeInLatencyFromVoiceMs: number | null;
  /** True voice start to the output being ducked (0 + output latency when a tentative duck came first). */
  duckLatencyFromVoiceMs: number | null;
  /** Ducks on tentative VAD onsets, how many were withdrawn (no speech followed), and for how long those dipped the agent. */
  tentativeDucks: { count: number; withdrawn: number; withdrawnMs: number };
  heardText: string;
  /** Where each user clip's voice starts (energy onset), on the simulation clock. */
  voiceOnsetsMs: number[];
  staleSamplesAfterCancel: number;
  falseInterruptions: number;
  /** Voice-to-voice latency of each answered user turn, stage by stage (virtual clock: the models take no time). */
  latencyBudgets: LatencyBudget[];
  events: SimulationEvent[];
  /** Echo cancellation figures over the agent-only stretches and double talk (null without an echo path). */
  echo: EchoFigures | null;
  /** For the timeline and the output files. */
  traces: SimulationTraces;
}

export interface SimulationTraces {
  /** What the speaker was given, at the time it was written (16 kHz). */
  output: Float32Array;
  mic: Float32Array;
  /** What voice detection and recognition got: the mic after echo cancellation / the echo guard. */
  cancelled: Float32Array;
  user: Float32Array;
  vad: { tMs: number; p: number }[];
  durationMs: number;
}

export interface RunOptions {
  /** Pre-synthesized speech (the bench reuses it); synthesized with the local server otherwise. */
  speech?: Map<string, SynthesizedSpeech>;
  vadModel?: VadModel;
  resamplers?: ResamplerFactory;
}

/**
 * Every text the scenario will make the TTS speak: the opening line whole (it is sent in one
 * piece), each reply clause by clause, split by the same ClauseSplitter the ReplyRunner uses.
 */
export function scenarioTexts(scenario: Pick<LoadedScenario, 'agentSays' | 'agentReplies'>): string[] {
  const clauses = (reply: string) => {
    const splitter = new ClauseSplitter();
    return [...splitter.push(reply), ...splitter.flush()];
  };
  return [scenario.agentSays, ...scenario.agentReplies.flatMap(clauses)].map((t) => t.trim());
}

export async function runScenario(scenario: LoadedScenario, options: RunOptions = {}): Promise<SimulationResult> {
  const resamplers = options.resamplers ?? (await loadResamplerFactory());
  const speech = options.speech ?? (await synthesizeTexts(scenarioTexts(scenario), scenario.voice));
  const model = options.vadModel ?? (await SileroVadModel.load());
  // Read before the session is built, so a simulated session decides as a live one does once it is read.
  await loadBundledPhraseModel();
  model.reset();
  const clock = new VirtualClock(0);
  const sink = new RecordingSink({ clock, sampleRate: RATE });
  const playback = new ObservedPlayback({ output: sink, clock, resamplers });
  const vad = new VadProcessor({ model, options: scenario.settings.vad });
  const stt = recognizerFor(scenario, clock);
  const tts = new ReplayTts(clock, speech);
  const echoPath = scenario.echo ? await loadEchoPath(scenario.echo, resamplers) : undefined;
  const mixer = new MicMixer(echoPath, scenario.roomNoiseDbfs, scenario.roomNoiseColour);
  const session = new AgentSession({
    sessionId: 'simulate',
    clock,
    vad: vadPort(vad),
    stt,
    llm: new ScriptedReplies(scenario.agentReplies),
    tts,
    playback,
    conversation: scenario.settings.conversation,
    prefixPaddingMs: scenario.settings.vad.prefixPaddingMs,
    echoCancellation: scenario.settings.audio.echoCancellation,
    resamplers,
    // Finals are asked at the VAD's gap, as in the app: the recognizer model places each word on
    // the clip's voiced time (word-timing.ts), so a final at a gap holds the words said before it.
  });

  const clips = await Promise.all(
    scenario.user.map(async (u) => {
      const wav = await readWavFile(u.wav);
      let samples = downmixToMono(wav.samples, wav.channels);
      if (wav.sampleRate !== RATE) samples = resampleAll(resamplers, samples, wav.sampleRate, RATE);
      if (u.gainDb) samples = samples.map((s) => s * 10 ** (u.gainDb! / 20));
      return { ...u, samples, span: voicedSpan(samples), blocks: voicedBlocksMs(samples) };
    }),
  );

  const events: SimulationEvent[] = [];
  const record = (type: string, detail: Record<string, unknown> = {}) => events.push({ tMs: Math.round(clock.nowMs()), type, ...detail });
  const vadTrace: { tMs: number; p: number }[] = [];
  let originMs: number | null = null;
  let lastActivityMs = 0;
  const interruptions: { tMs: number; reason: InterruptSource; strategy: string | null; heardText: string }[] = [];
  let bargeInLatencyMs: number | null = null;
  const pauses: number[] = [];
  const resumes: number[] = [];

  session.on('state', (e) => {
    lastActivityMs = e.tMs;
    record('state', { state: e.state });
  });
  session.on('agentStartedSpeaking', ({ turnId, tMs }) => {
    lastActivityMs = tMs;
    record('agentStartedSpeaking', { turnId });
    if (originMs === null) {
      originMs = tMs;
      echoPath?.setOrigin(tMs);
      const utterances: OracleUtterance[] = [];
      for (const c of clips) {
        mixer.addClip({ samples: c.samples, startMs: originMs + c.atMs });
        if (c.text !== undefined && c.span) {
          utterances.push({
            text: c.text,
            voicedStartMs: originMs + c.atMs + c.span.startMs,
            voicedEndMs: originMs + c.atMs + c.span.endMs,
            voicedBlocksMs: c.blocks.map((b) => originMs! + c.atMs + b),
          });
        }
      }
      stt?.schedule(utterances);
    }
  });
  session.on('agentStoppedSpeaking', (e) => {
    lastActivityMs = e.tMs;
    record('agentStoppedSpeaking', { turnId: e.turnId, interrupted: e.interrupted });
  });
  session.on('userStartedSpeaking', (e) => record('userStartedSpeaking', { onsetMs: e.tMs }));
  session.on('userStoppedSpeaking', () => record('userStoppedSpeaking'));
  session.on('bargeIn', (e) => {
    record(e.type, e.tentative ? { tentative: true } : e.withdrawn ? { withdrawn: true } : {});
  });
  session.on('falseInterruption', (e) => {
    record('falseInterruption', { resumed: e.resumed });
  });
  session.on('interrupted', (e) => {
    interruptions.push({ tMs: e.tMs, reason: e.reason, strategy: e.strategy, heardText: e.heardText });
    record('interrupted', { reason: e.reason, strategy: e.strategy, heardText: e.heardText, playedMs: Math.round(e.playedMs) });
  });
  session.on('metric', (e) => {
    if (e.name === 'bargeInLatencyMs' && bargeInLatencyMs === null) bargeInLatencyMs = e.valueMs;
    record('metric', { name: e.name, valueMs: Math.round(e.valueMs) });
  });
  const latencyBudgets: LatencyBudget[] = [];
  session.on('latencyBudget', (e) => {
    latencyBudgets.push(e.budget);
    record('latencyBudget', { totalMs: Math.round(e.budget.totalMs), stages: e.budget.segments.map((s) => `${s.stage} ${Math.round(s.ms)}`).join(', ') });
  });
  session.on('userSpeechWhileOff', (e) => record('userSpeechWhileOff', { mode: e.mode }));
  // What the recognizer said and when (interims included): where a barge-in's wait for words went.
  stt?.on('interim', (e) => record('recognized', { final: false, text: e.text }));
  stt?.on('final', (e) => record('recognized', { final: true, text: e.text }));
  vad.on('speechGap', () => record('vadGap'));
  vad.on('speechGapEnd', () => record('vadGapEnd'));
  // Pauses and resumes as the output really did them (observed-playback.ts): every resume, not one per attempt.
  playback.observe((change) => {
    record(change);
    if (change === 'outputPaused') pauses.push(clock.nowMs());
    if (change === 'outputResumed') resumes.push(clock.nowMs());
  });
  session.on('transcript', (e) => {
    if (e.status !== 'interim') record('transcript', { speaker: e.speaker, status: e.status, text: e.text });
  });
  session.on('error', (e) => record('error', { source: e.source, message: e.message }));
  session.on('vadProbability', (e) => vadTrace.push(e));
  playback.on('written', (f) => mixer.addHeard(f, clock.nowMs() + playback.outputLatencyMs));

  session.start();
  session.speak(scenario.agentSays);

  const clipsEndMs = Math.max(0, ...clips.map((c) => c.atMs + (c.samples.length * 1000) / RATE));
  const agentMs = Math.max(...[...speech.values()].map((s) => (s.samples.length * 1000) / s.sampleRate));
  const hardStopMs = clipsEndMs + agentMs * (scenario.agentReplies.length + 2) + scenario.tailMs + 30_000;
  const micChunks: Float32Array[] = [];
  const userChunks: Float32Array[] = [];
  const echoChunks: Float32Array[] = [];
  const cancelled = new FrameTimeline();
  session.on('micProcessed', (f) => cancelled.push(f));
  let t = 0;
  for (;;) {
    await clock.advanceTo(t + FRAME_MS);
    const data = mixer.frame(t, FRAME_MS);
    micChunks.push(data);
    userChunks.push(mixer.userOnly(t, FRAME_MS));
    echoChunks.push(mixer.echoOnly(t, FRAME_MS));
    await session.pushMicFrame({ data, sampleRate: RATE, channels: 1, timestampMs: t });
    t += FRAME_MS;
    const started = originMs !== null;
    const quiet = session.state === 'listening' && !playback.isPlaying() && !vad.speaking;
    if (started && t >= originMs! + clipsEndMs && quiet && t - lastActivityMs >= scenario.tailMs) break;
    if (t > hardStopMs) {
      record('error', { source: 'session', message: `simulation stopped at the ${hardStopMs} ms limit` });
      break;
    }
  }
  await vad.flush();
  session.removeAllListeners();
  await session.stop();
  playback.dispose();

  const first = interruptions[0];
  const output = timeAligned(sink, t);
  const traces = { output, mic: concatSamples(micChunks), cancelled: cancelled.samples(t), user: concatSamples(userChunks), vad: vadTrace, durationMs: t };
  const voiceOnsets = clips.filter((c) => c.span).map((c) => (originMs ?? 0) + c.atMs + c.span!.startMs);
  const onsetBefore = (tMs: number) => voiceOnsets.filter((o) => o <= tMs).at(-1) ?? null;
  let fromVoice: number | null = null;
  if (first?.reason === 'voice') {
    const onset = onsetBefore(first.tMs);
    if (onset !== null) {
      // Inaudible from the pause that lasted into the cut (a pause resumed before it does not count).
      const inaudible = pauses.find((p) => p >= onset && p <= first.tMs && !resumes.some((r) => r > p && r <= first.tMs)) ?? first.tMs;
      fromVoice = inaudible - onset + playback.outputLatencyMs;
    }
  }
  const ducked = duckedSpans(events);
  const firstOnset = voiceOnsets[0] ?? null;
  const duckAtOnset = firstOnset === null ? undefined : ducked.find((d) => d.endMs > firstOnset && d.startMs <= firstOnset + 1000);
  return {
    interrupted: first !== undefined,
    reason: first?.reason ?? null,
    strategy: first?.strategy ?? null,
    bargeInLatencyMs: bargeInLatencyMs === null ? null : Math.round(bargeInLatencyMs),
    bargeInLatencyFromVoiceMs: fromVoice === null ? null : Math.round(fromVoice),
    duckLatencyFromVoiceMs: duckAtOnset === undefined ? null : Math.round(Math.max(0, duckAtOnset.startMs - firstOnset!) + playback.outputLatencyMs),
    tentativeDucks: tentativeDuckStats(events),
    heardText: first ? first.heardText : scenario.agentSays.trim(),
    voiceOnsetsMs: voiceOnsets,
    staleSamplesAfterCancel: first ? staleSamples(sink, first.tMs, events) : 0,
    falseInterruptions: events.filter((e) => e.type === 'falseInterruption').length,
    latencyBudgets,
    events,
    echo: scenario.echo ? echoFigures({ ...traces, echo: concatSamples(echoChunks) }) : null,
    traces,
  };
}

/** When the output was ducked: from a duck to the un-duck, the interrupt or the end of the agent's turn. */
function duckedSpans(events: SimulationEvent[]): { startMs: number; endMs: number }[] {
  const spans: { startMs: number; endMs: number }[] = [];
  let open: number | null = null;
  for (const e of events) {
    if (e.type === 'ducked' && open === null) open = e.tMs;
    else if (open !== null && (e.type === 'unducked' || e.type === 'interrupted' || e.type === 'agentStoppedSpeaking')) {
      spans.push({ startMs: open, endMs: e.tMs });
      open = null;
    }
  }
  if (open !== null) spans.push({ startMs: open, endMs: Infinity });
  return spans;
}

function tentativeDuckStats(events: SimulationEvent[]): SimulationResult['tentativeDucks'] {
  const stats = { count: 0, withdrawn: 0, withdrawnMs: 0 };
  let startMs: number | null = null;
  for (const e of events) {
    if (e.type === 'ducked' && e.tentative === true) {
      stats.count++;
      startMs = e.tMs;
    } else if (e.type === 'unducked' && e.withdrawn === true && startMs !== null) {
      stats.withdrawn++;
      stats.withdrawnMs += e.tMs - startMs;
      startMs = null;
    } else if (e.type === 'ducked') startMs = null;
  }
  return stats;
}

/** Audible samples written after the cancel and before the next turn started playing. */
function staleSamples(sink: RecordingSink, cancelMs: number, events: SimulationEvent[]): number {
  const nextStart = events.find((e) => e.type === 'agentStartedSpeaking' && e.tMs > cancelMs)?.tMs ?? Infinity;
  let n = 0;
  for (const f of sink.frames) {
    if (f.writtenAtMs <= cancelMs || f.writtenAtMs >= nextStart) continue;
    for (const v of f.data) if (Math.abs(v) > 1e-4) n++;
  }
  return n;
}

/** The sink's frames placed at the time they were written (silence where nothing was: pauses, gaps). */
function timeAligned(sink: RecordingSink, durationMs: number): Float32Array {
  const out = new Float32Array(Math.round((durationMs * RATE) / 1000));
  for (const f of sink.frames) {
    const at = Math.round((f.writtenAtMs * RATE) / 1000);
    if (at < out.length) out.set(f.data.subarray(0, Math.max(0, out.length - at)), at);
  }
  return out;
}
