/**
 * The narrow slice of the agent session the desktop shell (hotkeys, tray) drives.
 * voice-agent-control.ts implements it over the shared VoiceService. Its `interrupt()` is the
 * same call as the window's button: same errors, same no-op (docs/architecture.md, the interrupt contract).
 */
export type AgentActivity = 'idle' | 'listening' | 'speaking';

export interface AgentShellStatus {
  /** idle: no session; listening: session open, agent silent; speaking: agent audio playing. */
  activity: AgentActivity;
  muted: boolean;
}

export interface AgentControl {
  /** Rejects with "Failed to send interrupt command: ..." when there is nothing to interrupt; a no-op while the agent is silent. */
  interrupt(reason: 'hotkey' | 'tray'): Promise<void>;
  toggleMute(): Promise<void> | void;
  /** Held (true) / released (false), while interruptions are off. */
  setPushToTalk(held: boolean): Promise<void> | void;
  /** Starts a session when idle, ends it otherwise. */
  startStop(): Promise<void>;
  status(): AgentShellStatus;
  onStatusChange(listener: (status: AgentShellStatus) => void): () => void;
}

/**
 * A control with no session behind it (for tests of the shell): it answers what the interrupt
 * API answers when no session runs.
 */
export function idleAgentControl(): AgentControl {
  const notStreaming = () => Promise.reject(new Error('Failed to send interrupt command: not currently streaming'));
  return {
    interrupt: notStreaming,
    toggleMute: () => Promise.reject(new Error('Mute needs a running session.')),
    setPushToTalk: () => {},
    startStop: () => Promise.reject(new Error('Sessions are not available in this build yet.')),
    status: () => ({ activity: 'idle', muted: false }),
    onStatusChange: () => () => {},
  };
}
