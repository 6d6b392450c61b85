/**
 * The agent's answer on the speaker, from its first audio to its end: it plays out (kept whole in the transcript and
 * the history) or the person cuts it (kept as far as they heard it). The session routes playback and the barge-in
 * controller's cut here; everything after a cut or the end of playback is decided in this one place.
 */
import type { EventEmitter } from 'node:events';
import type { BargeInController, InterruptedEvent } from '../turn/barge-in-controller.js';
import type { AgentStateMachine } from './agent-state.js';
import type { ChatHistory } from './chat-history.js';
import type { AgentSessionEvents } from './events.js';
import type { LatencyHooks } from './latency-hooks.js';
import type { BargeInTimer } from './metrics.js';
import type { AgentPlayback } from './ports.js';
import type { ReplyRouter } from './reply-router.js';
import type { ConversationTranscript } from './transcript.js';

export interface AgentSpeakingParts {
  replies: ReplyRouter;
  machine: AgentStateMachine;
  controller: BargeInController;
  transcript: ConversationTranscript;
  history: ChatHistory;
  latency: LatencyHooks;
  bargeInTimer: BargeInTimer;
  playback: Pick<AgentPlayback, 'outputLatencyMs'>;
  now: () => number;
  /** The session, which tells its listeners. */
  events: Pick<EventEmitter<AgentSessionEvents>, 'emit'>;
  /** Called once an answer played out and the agent listens again (speech appended while interruptions were off is answered then). */
  listening: () => void;
}

export class AgentSpeaking {
  constructor(private readonly parts: AgentSpeakingParts) {}

  playbackStarted(turnId: string): void {
    const { replies, latency, playback, machine, controller, events } = this.parts;
    const speech = replies.current?.speech;
    if (!speech || turnId !== speech.turnId) return;
    const t = this.parts.now();
    const { timeToFirstAudioMs, budget } = latency.playbackStarted(turnId, t, playback.outputLatencyMs);
    events.emit('metric', { tMs: t, name: 'timeToFirstAudioMs', valueMs: timeToFirstAudioMs });
    if (budget) events.emit('latencyBudget', { tMs: t, budget });
    machine.to('speaking');
    controller.agentStartedSpeaking(speech);
    events.emit('agentStartedSpeaking', { tMs: t, turnId });
  }

  playbackFinished(turnId: string, interrupted: boolean): void {
    const { replies, machine, controller, transcript, history, bargeInTimer, events } = this.parts;
    // Playback speaks turn ids: the controller ends the handle it holds for this turn; a turn it already cut is not its own any more.
    controller.agentStoppedSpeaking(turnId);
    // A turn that played out ends any barge-in attempt: a later manual interrupt must not
    // measure its latency from this attempt's onset. (An interrupted turn's timer is read first.)
    if (!interrupted) bargeInTimer.onRecovered();
    const speech = replies.current?.speech;
    if (interrupted || speech?.turnId !== turnId) return;
    const spoke = machine.state === 'speaking'; // not when TTS made no audio at all (of "…"): the controller never held it
    speech.end({ kind: 'playedOut' });
    replies.clear();
    transcript.agentFinished(speech);
    history.assistant(speech.text);
    if (spoke) events.emit('agentStoppedSpeaking', { tMs: this.parts.now(), turnId, interrupted: false });
    machine.to('listening');
    this.parts.listening();
  }

  interrupted(e: InterruptedEvent): void {
    const { replies, machine, transcript, history, bargeInTimer, playback, events } = this.parts;
    const reply = replies.current?.speech === e.speech ? replies.current : null;
    // The handle holds its own text, audio and word timings, its position fixed at the cut.
    const cut = e.speech.heard();
    if (reply) {
      reply.abort();
      replies.clear();
    }
    history.interruptedAssistant(cut.heardText);
    const latency = bargeInTimer.onInterrupted(e.tMs, e.onsetMs, playback.outputLatencyMs);
    // Who cut it first, then the cut entry once: listeners can label the entry as it arrives.
    events.emit('interrupted', {
      tMs: e.tMs,
      turnId: e.speech.turnId,
      heardText: cut.heardText,
      unheardText: cut.unheardText,
      playedMs: e.playedMs,
      reason: e.reason,
      strategy: e.strategy,
      cutMethod: cut.method,
    });
    transcript.agentInterrupted(e.speech, cut.heardText, cut.unheardText);
    events.emit('agentStoppedSpeaking', { tMs: e.tMs, turnId: e.speech.turnId, interrupted: true });
    if (latency !== null) events.emit('metric', { tMs: e.tMs, name: 'bargeInLatencyMs', valueMs: latency });
    if (machine.state === 'speaking' || machine.state === 'thinking') machine.to('listening');
  }
}
