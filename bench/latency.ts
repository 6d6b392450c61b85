/**
 * npm run bench:latency [-- --turns 20 --latencies 0,150,400 --modes on,off]
 *
 * The real-time voice-to-voice path, as the app runs it (openLiveSession: Silero VAD, echo
 * guard, the OpenAI-compatible recognizer and chat clients, the embedded local TTS server
 * over its WebSocket, the PlaybackQueue) on real timers, into a recording sink. The user's
 * questions are flite speech fed in real time; scripted recognizer and model servers on
 * 127.0.0.1 answer after set delays. Per configuration: p50/p95 of every budget stage, end
 * to end from the true end of the voice, and the app's own overhead (see latency/figures.ts).
 * With preemptive generation on, a few turns pause mid-sentence long enough for the VAD to
 * end the speech; the early answer must then be neither heard nor stored.
 * Prints a table and the targets; writes bench/results/latency.json. Never fails on a figure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { defaultSettings } from '../electron/contract/index.js';
import type { AgentSession } from '../electron/engine/agent/agent-session.js';
import type { AgentSessionEvents } from '../electron/engine/agent/events.js';
import type { LatencyBudget } from '../electron/engine/agent/latency-budget.js';
import { voicedSpan } from '../electron/engine/agent/simulate/mic-mixer.js';
import { synthesizeTexts } from '../electron/engine/agent/simulate/synthesize.js';
import { GAP_MS } from '../electron/engine/vad/speech-segmenter.js';
import { RecordingSink } from '../electron/engine/audio/recording-sink.js';
import { loadResamplerFactory, resampleAll } from '../electron/engine/audio/resampler.js';
import { systemClock } from '../electron/engine/clock.js';
import { OpenAiChatModel } from '../electron/engine/llm/openai-chat.js';
import type { ChatMessage, GenerateOptions, LanguageModel } from '../electron/engine/llm/types.js';
import { nullLogger } from '../electron/engine/logger.js';
import { OpenAiTranscriptionRecognizer } from '../electron/engine/stt/openai-transcription.js';
import type { SecretStore } from '../electron/services/secrets/secret-store.js';
import { openLiveSession } from '../electron/services/voice/live-session.js';
import type { VoiceIo } from '../electron/services/voice/voice-io.js';
import { printRows, summarize, turnFigures, type Row, type TurnFigures } from './latency/figures.js';
import { ScheduledMic } from './latency/scheduled-mic.js';
import { startScriptedModels } from './latency/scripted-models.js';

const QUESTIONS = [
  'When is the next train to York?',
  'How long does the trip take?',
  'Is there a cafe on board?',
  'Can I bring my bicycle?',
  'Which platform does it leave from?',
];
/**
 * The user goes on speaking: the second part starts RESUME_AFTER_MS after the early answer
 * started (it is then being made, unheard), and at the latest LATEST_RESUME_MS after the first
 * part's voice: still inside the 500 ms window once the VAD's onset lag (~30-60 ms) is added,
 * so the turn has not ended and the early answer must be dropped. With slow models the early
 * answer cannot start inside the window; the user then simply pauses LATEST_RESUME_MS.
 */
const PAUSED = ['I would like a ticket', 'for the morning train please'];
const RESUME_AFTER_MS = 60;
const LATEST_RESUME_MS = 380;
const PAUSE_TURNS = 6;
const TOKEN_GAP_MS = 15;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function nextEvent<K extends keyof AgentSessionEvents>(session: AgentSession, name: K, timeoutMs: number): Promise<AgentSessionEvents[K][0] | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      session.off(name, on as never);
      resolve(null);
    }, timeoutMs);
    function on(e: AgentSessionEvents[K][0]) {
      clearTimeout(timer);
      session.off(name, on as never);
      resolve(e);
    }
    session.on(name, on as never);
  });
}

const noSecrets: SecretStore = { storage: () => 'none' as never, set: () => {}, clear: () => {}, providers: () => [], get: () => undefined };

/** The language model as the session sees it, keeping what each call streamed and whether it was aborted. */
class CallLog implements LanguageModel {
  readonly id: string;
  private readonly calls: { text: string; aborted: boolean }[] = [];
  constructor(private readonly inner: LanguageModel) {
    this.id = inner.id;
  }
  async *stream(messages: ChatMessage[], options: GenerateOptions): AsyncIterable<string> {
    const call = { text: '', aborted: false };
    this.calls.push(call);
    options.signal.addEventListener('abort', () => (call.aborted = true), { once: true });
    for await (const d of this.inner.stream(messages, options)) {
      call.text += d;
      yield d;
    }
  }
  lastAborted(): string | undefined {
    return this.calls.findLast((c) => c.aborted)?.text;
  }
}

interface Clip {
  text: string;
  samples: Float32Array;
}

interface ConfigResult {
  sttMs: number;
  llmMs: number;
  preemptive: boolean;
  turns: TurnFigures[];
  failedTurns: number;
  rows: Row[];
  /** Paused turns: words of dropped early answers found in the transcript or memory, and audible samples before the turn ended. */
  leaks: { pausedTurns: number; turnsWithDrop: number; droppedAnswers: number; leakedWords: number; audibleSamplesBeforeEnd: number; outcomes: string[] };
  cpuMs: number;
  wallMs: number;
  /** The machine's 1-minute load average when the configuration started and ended (wall-clock figures depend on it). */
  load: [number, number];
}

async function runConfig(sttMs: number, llmMs: number, preemptive: boolean, turns: number, clips: Map<string, Clip>): Promise<ConfigResult> {
  const models = await startScriptedModels({ sttMs, llmMs, tokenGapMs: TOKEN_GAP_MS });
  const settings = defaultSettings();
  settings.conversation.preemptiveGeneration = preemptive;
  const mic = new ScheduledMic(systemClock);
  let sink: RecordingSink | null = null;
  const io: VoiceIo = {
    description: 'latency bench',
    createInput: () => mic,
    createOutput: async (_id, clock) => (sink = new RecordingSink({ clock, sampleRate: 48_000 })),
    listDevices: () => ({ inputs: [], outputs: [] }),
  };
  const stt = new OpenAiTranscriptionRecognizer({ baseUrl: models.baseUrl, model: 'scripted' });
  const llm = new CallLog(new OpenAiChatModel({ baseUrl: models.baseUrl, model: 'scripted' }));
  const live = await openLiveSession({
    settings,
    io,
    providers: { stt, llm, notes: [] },
    secrets: noSecrets,
    clock: systemClock,
    logger: nullLogger,
    systemPrompt: 'You answer questions about trains.',
    onMicFrame: () => {},
    onDeviceError: (e) => console.warn(e.message),
  });
  const session = live.session;
  session.on('error', (e) => console.warn(`  session error (${e.source}): ${e.message}`));
  // An early answer the session dropped: the model call it aborted just now.
  const droppedTexts: string[] = [];
  const outcomes: string[] = [];
  session.on('preemptive', (e) => {
    outcomes.push(e.outcome);
    if (e.outcome === 'dropped') droppedTexts.push(llm.lastAborted() ?? '');
  });
  const load0 = os.loadavg()[0]!;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await live.begin();
  await sleep(500);
  const config = {
    sttMs,
    llmFirstClauseMs: llmMs + (models.tokensToFirstClause(1) - 1) * TOKEN_GAP_MS,
    finalAskedAfterMs: GAP_MS,
    windowMs: settings.conversation.silenceDurationMs,
  };
  const figures: TurnFigures[] = [];
  const leaks: ConfigResult['leaks'] = { pausedTurns: 0, turnsWithDrop: 0, droppedAnswers: 0, leakedWords: 0, audibleSamplesBeforeEnd: 0, outcomes: [] };
  let failed = 0;
  // One warm-up turn (connections, JIT) first; it is not counted.
  const plan = [
    'warm-up',
    ...Array.from({ length: turns }, (_, i) => QUESTIONS[i % QUESTIONS.length]!),
    ...(preemptive ? Array(PAUSE_TURNS).fill('paused') : []),
  ];
  for (const [i, kind] of plan.entries()) {
    const parts = kind === 'paused' ? PAUSED : [kind === 'warm-up' ? QUESTIONS[0]! : kind];
    const droppedBefore = droppedTexts.length;
    outcomes.length = 0;
    const say = (text: string, atMs = 0) => mic.sayAt(clips.get(text)!.samples, atMs, () => models.speaking(text)).voiceEndMs;
    const firstPartEnd = say(parts[0]!);
    let trueVoiceEnd = firstPartEnd;
    if (parts.length > 1) {
      // Go on once the early answer is being made (or at the latest time inside the window).
      const latest = firstPartEnd + LATEST_RESUME_MS;
      const started = await nextEvent(session, 'preemptive', Math.max(0, latest - systemClock.nowMs()));
      trueVoiceEnd = say(parts[1]!, started ? Math.min(latest, systemClock.nowMs() + RESUME_AFTER_MS) : latest);
    }
    const got = await nextEvent(session, 'latencyBudget', 20_000);
    const stopped = nextEvent(session, 'agentStoppedSpeaking', 20_000);
    if (!got) {
      failed++;
      console.warn(`  turn ${i}: no reply within 20 s`);
    } else {
      await stopped;
      if (i > 0 && kind !== 'paused') {
        const f = turnFigures(got.budget, trueVoiceEnd, config);
        figures.push(f);
        if (f.overheadMs > 400)
          console.log(`  slow turn "${kind}": ${Math.round(f.endToEndMs)} ms (${got.budget.segments.map((x) => `${x.stage} ${Math.round(x.ms)}`).join(', ')})`);
      }
      if (kind === 'paused') leaks.outcomes.push(outcomes.join(' '));
      if (kind === 'paused' && outcomes.includes('dropped')) leaks.turnsWithDrop++;
      if (kind === 'paused') countLeaks(leaks, session, droppedTexts.slice(droppedBefore), sink!, firstPartEnd, got.budget);
    }
    await sleep(400);
  }
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  await live.dispose();
  await models.close();
  return {
    sttMs,
    llmMs,
    preemptive,
    turns: figures,
    failedTurns: failed,
    rows: summarize(figures),
    leaks,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    wallMs: Math.round(wallMs),
    load: [Math.round(load0 * 10) / 10, Math.round(os.loadavg()[0]! * 10) / 10],
  };
}

/**
 * A paused turn: every early answer dropped in it (the text its model call had streamed when
 * aborted) must appear nowhere in the transcript or the memory, and nothing may have been
 * played between the pause and the end of the turn.
 */
function countLeaks(
  leaks: ConfigResult['leaks'],
  session: AgentSession,
  dropped: string[],
  sink: RecordingSink,
  pauseFromMs: number,
  budget: LatencyBudget,
): void {
  leaks.pausedTurns++;
  const memory = session.history.messages.filter((m) => m.role === 'assistant').map((m) => m.content);
  const shown = session.transcript.entries.filter((e) => e.speaker === 'agent').map((e) => `${e.text} ${e.unheardText ?? ''}`);
  for (const text of dropped) {
    leaks.droppedAnswers++;
    // The reply's number makes it unique; a call aborted before its number arrived cannot be traced (its audio still is).
    const marker = /answer \d+\./.exec(text)?.[0];
    if (marker) leaks.leakedWords += [...memory, ...shown].filter((t) => t.includes(marker)).length * text.split(/\s+/).length;
  }
  const endOfTurn = budget.marks.endOfTurn ?? budget.marks.firstWrite!;
  for (const f of sink.frames) {
    if (f.writtenAtMs < pauseFromMs || f.writtenAtMs >= endOfTurn) continue;
    for (const v of f.data) if (Math.abs(v) > 1e-4) leaks.audibleSamplesBeforeEnd++;
  }
}

async function loadClips(): Promise<Map<string, Clip>> {
  const texts = [...QUESTIONS, ...PAUSED];
  const speech = await synthesizeTexts(texts, 'awb');
  const resamplers = await loadResamplerFactory();
  const clips = new Map<string, Clip>();
  for (const [text, s] of speech) {
    const samples = s.sampleRate === 16_000 ? s.samples : resampleAll(resamplers, s.samples, s.sampleRate, 16_000);
    // Only the voice (and 30 ms either side): pauses are then exactly what the plan says.
    const span = voicedSpan(samples);
    const from = span ? Math.max(0, ((span.startMs - 30) * 16_000) / 1000) : 0;
    const to = span ? Math.min(samples.length, ((span.endMs + 30) * 16_000) / 1000) : samples.length;
    clips.set(text, { text, samples: samples.slice(from, to) });
  }
  return clips;
}

function p50(r: ConfigResult, name: string): number {
  return r.rows.find((x) => x.name === name)?.p50 ?? NaN;
}
function p95(r: ConfigResult, name: string): number {
  return r.rows.find((x) => x.name === name)?.p95 ?? NaN;
}

function targets(results: ConfigResult[]): { target: string; value: number; limit: number; met: boolean }[] {
  const at = (ms: number, pre: boolean) => results.find((r) => r.sttMs === ms && r.preemptive === pre);
  const out: { target: string; value: number; limit: number; met: boolean }[] = [];
  const add = (target: string, value: number, limit: number) => out.push({ target, value, limit, met: value <= limit });
  const def = at(150, true);
  const off = at(150, false);
  const fast = at(0, true);
  if (def) add('app overhead p95, models 150 ms, default settings (preemptive on)', p95(def, 'app overhead'), 100);
  if (off) add('app overhead p95, models 150 ms, preemptive off', p95(off, 'app overhead'), 100);
  if (off) add('end of voice -> first audio p50, models 150 ms, 500 ms window, preemptive off', p50(off, 'end to end'), 800);
  if (def) add('end of voice -> first audio p50, models 150 ms, default settings', p50(def, 'end to end'), 800);
  if (fast) add('end of voice -> first audio p50, preemptive, model answers within the window (0 ms)', p50(fast, 'end to end'), 600);
  for (const r of results.filter((x) => x.preemptive))
    add(`words of a dropped early answer heard or stored (models ${r.sttMs} ms)`, r.leaks.leakedWords + (r.leaks.audibleSamplesBeforeEnd > 0 ? 1 : 0), 0);
  return out;
}

async function main(): Promise<void> {
  const turns = Number(arg('turns', '20'));
  const latencies = arg('latencies', '0,150,400').split(',').map(Number);
  const modes = arg('modes', 'on,off')
    .split(',')
    .map((m) => m === 'on');
  console.log(
    `Latency bench: ${turns} turns per configuration, models at ${latencies.join('/')} ms, preemptive ${modes.map((m) => (m ? 'on' : 'off')).join('/')}.`,
  );
  console.log(
    `Machine: ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (shared by 8 developers: wall-clock figures are taken under load).`,
  );
  const clips = await loadClips();
  const results: ConfigResult[] = [];
  for (const ms of latencies) {
    for (const pre of modes) {
      const r = await runConfig(ms, ms, pre, turns, clips);
      results.push(r);
      printRows(
        `models ${ms} ms, preemptive ${pre ? 'on' : 'off'}: ${r.turns.length} turns (${r.failedTurns} failed), CPU ${r.cpuMs} ms over ${r.wallMs} ms, load ${r.load[0]} -> ${r.load[1]}`,
        r.rows,
      );
      if (pre)
        console.log(
          `  paused turns: ${r.leaks.pausedTurns} (the early answer dropped in ${r.leaks.turnsWithDrop}), early answers dropped: ${r.leaks.droppedAnswers}, words leaked: ${r.leaks.leakedWords}, audible samples before the end of turn: ${r.leaks.audibleSamplesBeforeEnd}; early answers per paused turn: ${r.leaks.outcomes.map((o) => `[${o}]`).join(' ')}`,
        );
    }
  }
  const checked = targets(results);
  console.log('\nTargets');
  for (const t of checked) console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.value} (limit ${t.limit})`);
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const machine = { cores: os.cpus().length, loadavg: os.loadavg(), note: 'shared by 8 developers; wall-clock figures taken under load' };
  writeFileSync(`${dir}latency.json`, JSON.stringify({ when: new Date().toISOString(), machine, targets: checked, results }, null, 2));
  console.log(`\nWrote bench/results/latency.json`);
}

await main();
process.exit(0);
