/**
 * The narrow slice of the agent session the desktop shell (hotkeys, tray) drives. The
 * session in electron/engine/agent/ implements it; main passes it in with one line. Its
 * `interrupt()` is the same call as the window's button: same errors, same no-op.
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
 * Until the engine's session is wired: behaves as "no session running", so the hotkey and
 * tray give the person the same answer the interrupt API gives without a session.
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
