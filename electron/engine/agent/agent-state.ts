/**
 * The session's one state machine: idle -> listening -> thinking -> speaking -> listening ...
 * Illegal moves are bugs and throw, so a stuck or impossible state shows up in tests.
 */
import { EventEmitter } from 'node:events';

export type AgentState = 'idle' | 'listening' | 'thinking' | 'speaking';

const ALLOWED: Record<AgentState, readonly AgentState[]> = {
  idle: ['listening'],
  // listening -> speaking: the agent speaks first (a greeting) without a user turn.
  listening: ['thinking', 'speaking', 'idle'],
  // thinking -> listening: the user spoke again before any audio (the reply is abandoned).
  thinking: ['speaking', 'listening', 'idle'],
  // speaking -> thinking: a new reply starts right after an interruption's user turn.
  speaking: ['listening', 'thinking', 'idle'],
};

export class AgentStateMachine extends EventEmitter<{ changed: [{ state: AgentState; previous: AgentState; tMs: number }] }> {
  private current: AgentState = 'idle';

  constructor(private readonly now: () => number) {
    super();
  }

  get state(): AgentState {
    return this.current;
  }

  /** Moves to `next`; staying in the same state is a no-op. */
  to(next: AgentState): void {
    if (next === this.current) return;
    if (!ALLOWED[this.current].includes(next)) {
      throw new Error(`Agent state cannot go from ${this.current} to ${next}.`);
    }
    const previous = this.current;
    this.current = next;
    this.emit('changed', { state: next, previous, tMs: this.now() });
  }
}
