/**
 * Turns an IPC error from a session action into words for the person, keeping the exact
 * message from main (the contract's interrupt errors are part of the API) as the detail.
 */
import type { IpcError } from '../../../electron/contract/index';

export interface ActionError {
  code: IpcError['code'];
  /** One sentence in plain words. */
  title: string;
  /** What main said, verbatim (e.g. "Failed to send interrupt command: not currently streaming"). */
  detail: string;
}

const ACTION_WORDS: Record<string, string> = {
  start: 'Could not start the session.',
  stop: 'Could not stop the session.',
  interrupt: 'Could not interrupt the agent.',
  mute: 'Could not change the microphone.',
};

export function readableActionError(action: string, error: IpcError): ActionError {
  const detail = error.message;
  switch (error.code) {
    case 'not_streaming':
      return { code: error.code, title: 'Nothing to interrupt: no session is running. Start a session first.', detail };
    case 'no_session':
      return { code: error.code, title: 'Nothing to interrupt: the session has not started yet.', detail };
    case 'unavailable':
      return { code: error.code, title: `${ACTION_WORDS[action] ?? 'That did not work.'} ${detail.endsWith('.') ? detail : `${detail}.`}`, detail };
    default:
      return { code: error.code, title: ACTION_WORDS[action] ?? 'That did not work.', detail };
  }
}
