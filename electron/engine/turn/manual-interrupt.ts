/**
 * The one manual interrupt used by the hotkey, the button, the tray and the IPC contract.
 * Error texts are part of the contract (docs/architecture.md).
 */
import { NOT_STREAMING_MESSAGE, NO_ACTIVE_SESSION_MESSAGE, type ManualInterruptSource } from '../../contract/channels/agent.js';

export { NOT_STREAMING_MESSAGE, NO_ACTIVE_SESSION_MESSAGE };

export class InterruptCommandError extends Error {
  constructor(
    readonly code: 'NOT_STREAMING' | 'NO_ACTIVE_SESSION',
    message: string,
  ) {
    super(message);
    this.name = 'InterruptCommandError';
  }
}

/** What the manual interrupt needs to know about the running session. */
export interface InterruptTarget {
  /** A session is running (audio streaming in and out). */
  isStreaming(): boolean;
  activeSessionId(): string | null;
  /** Stops the agent now if it is speaking, naming the control; returns false when it was not (no-op). */
  interruptNow(source: ManualInterruptSource): boolean;
}

export type InterruptOutcome = { interrupted: boolean; sessionId: string };

/** Throws InterruptCommandError when there is nothing to interrupt; a silent agent is a no-op. */
export function sendInterrupt(target: InterruptTarget | null, source: ManualInterruptSource = 'api'): InterruptOutcome {
  if (target === null || !target.isStreaming()) {
    throw new InterruptCommandError('NOT_STREAMING', NOT_STREAMING_MESSAGE);
  }
  const sessionId = target.activeSessionId();
  if (sessionId === null || sessionId === '') {
    throw new InterruptCommandError('NO_ACTIVE_SESSION', NO_ACTIVE_SESSION_MESSAGE);
  }
  return { interrupted: target.interruptNow(source), sessionId };
}
