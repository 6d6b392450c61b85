/**
 * Scripted agent events for renderer tests and screenshots, sent through the real EventHub
 * (so every payload is checked against the contract). This is not a session: nothing here
 * listens, speaks or decides; it only says what a session would report.
 */
import type { AgentState, BargeInMarkKind, BargeInPhase, EventName, EventPayload, TranscriptEntry } from '../../electron/contract/index';
import type { EventHub } from '../../electron/services/event-hub';

export class AgentEventScript {
  constructor(
    private readonly events: EventHub,
    /** Engine-clock time of the next event; advance it with `at` / `wait`. */
    public nowMs = 100_000,
  ) {}

  emit<E extends EventName>(event: E, payload: EventPayload<E>): this {
    this.events.emit(event, payload);
    return this;
  }

  at(tMs: number): this {
    this.nowMs = tMs;
    return this;
  }

  wait(ms: number): this {
    this.nowMs += ms;
    return this;
  }

  state(state: AgentState, phase?: BargeInPhase): this {
    return this.emit('agent:state', phase ? { state, phase, atMs: this.nowMs } : { state, atMs: this.nowMs });
  }

  mark(kind: BargeInMarkKind): this {
    return this.emit('bargein:mark', { tMs: this.nowMs, kind });
  }

  entry(entry: Partial<TranscriptEntry> & Pick<TranscriptEntry, 'id' | 'speaker' | 'text'>): this {
    return this.emit('transcript:update', { entries: [{ interim: false, atMs: this.nowMs, ...entry }] });
  }

  /** Levels every 50 ms for `durationMs`: `dbfs(tMs)` and `vad(tMs)` give the shape. */
  levels(durationMs: number, dbfs: (i: number) => number, vad: (i: number) => number): this {
    for (let i = 0; i * 50 < durationMs; i++) {
      this.emit('audio:level', { tMs: this.nowMs, rmsDbfs: Math.max(-100, Math.min(0, dbfs(i))), vadProbability: Math.max(0, Math.min(1, vad(i))) });
      this.nowMs += 50;
    }
    return this;
  }

  quiet(durationMs: number): this {
    return this.levels(
      durationMs,
      (i) => -62 + 3 * Math.sin(i),
      () => 0.02,
    );
  }

  speech(durationMs: number): this {
    return this.levels(
      durationMs,
      (i) => -24 + 6 * Math.sin(i * 0.9) + 3 * Math.sin(i * 2.3),
      (i) => (i < 2 ? 0.3 + i * 0.3 : 0.88 + 0.08 * Math.sin(i)),
    );
  }

  metrics(metrics: EventPayload<'metrics:update'>): this {
    return this.emit('metrics:update', metrics);
  }
}

/**
 * A conversation up to the moment the person starts to cut the agent off: two exchanges
 * (with a false alarm, a cough, during the first answer), the second answer playing, the
 * person saying "wait": output ducked, then paused ("maybe interrupting"). Ends in the paused phase.
 */
export function scriptUpToBargeIn(script: AgentEventScript): AgentEventScript {
  script.state('listening').quiet(4000).mark('userStart').speech(2600).mark('userStop');
  script.entry({ id: 'u1', speaker: 'user', text: 'What should I pack for three days of hiking in the Alps in late September?' });
  script.state('thinking').quiet(700).state('speaking').mark('agentStart');
  script.entry({
    id: 'a1',
    speaker: 'agent',
    text: 'Late September in the Alps can be crisp. Bring layers: a warm fleece, a light down jacket and a waterproof shell, plus gloves and a hat for the mornings.',
  });
  script
    .quiet(5000)
    .mark('duck')
    .state('speaking', 'ducked')
    .levels(
      300,
      () => -35,
      () => 0.7,
    )
    .mark('pause')
    .state('speaking', 'paused')
    .quiet(600);
  script.state('speaking', 'resumed').mark('resume').mark('falseInterruption').quiet(6500).mark('agentStop');
  script.state('listening').quiet(2500).mark('userStart').speech(2200).mark('userStop');
  script.entry({ id: 'u2', speaker: 'user', text: 'And what about food? I will stay in huts.' });
  script.state('thinking').quiet(650).state('speaking').mark('agentStart');
  script.entry({ id: 'a2', speaker: 'agent', text: AGENT_ANSWER_2 });
  script.quiet(4200);
  script.mark('userStart').state('speaking', 'ducked').mark('duck').speech(250).state('speaking', 'paused').mark('pause').speech(150);
  script.entry({ id: 'u3', speaker: 'user', text: 'Wait', interim: true });
  script.metrics({ lastBargeInLatencyMs: null, timeToFirstAudioMs: 640, interruptions: 0, falseInterruptions: 1 });
  return script;
}

const AGENT_ANSWER_2 =
  'Most huts serve a half-board dinner and breakfast, so you only need lunch and snacks for the trail. Nuts, dried fruit and a couple of sandwiches are enough.';

/** Continues `scriptUpToBargeIn`: the phrases strategy decides, the agent's answer is cut where it was heard. */
export function scriptInterruptDecided(script: AgentEventScript): AgentEventScript {
  script.mark('interrupt').mark('agentStop').state('listening');
  script.entry({
    id: 'a2',
    speaker: 'agent',
    text: AGENT_ANSWER_2,
    interrupted: true,
    heardText: 'Most huts serve a half-board dinner and breakfast, so you only need lunch',
    unheardText: 'and snacks for the trail. Nuts, dried fruit and a couple of sandwiches are enough.',
    reason: 'voice',
    strategy: 'phrases',
  });
  script.speech(900).entry({ id: 'u3', speaker: 'user', text: 'Wait, do the huts take cards', interim: true });
  script.metrics({ lastBargeInLatencyMs: 212, timeToFirstAudioMs: 640, interruptions: 1, falseInterruptions: 1 });
  return script;
}
