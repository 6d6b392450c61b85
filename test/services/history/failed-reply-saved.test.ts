/**
 * A turn whose answer failed is marked on that turn, and the mark is saved with the
 * conversation: reopened from History it is still there; an answer that comes after all
 * (Retry) takes it away, on screen and on disk. The session is scripted with the engine's
 * own event map; the bridge, event hub, recorder and history files are the app's.
 */
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentState } from '../../../electron/engine/agent/agent-state.js';
import type { AgentSessionEvents } from '../../../electron/engine/agent/events.js';
import { createAppServices, type AppServices } from '../../../electron/services/app-services.js';
import { SessionEventBridge } from '../../../electron/services/voice/session-event-bridge.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

class ScriptedSession extends EventEmitter<AgentSessionEvents> {
  state: AgentState = 'listening';
  activeSessionId(): string | null {
    return 'session-1';
  }
}

let services: AppServices;
let temp: ReturnType<typeof makeTempDir>;
let session: ScriptedSession;
beforeEach(() => {
  temp = makeTempDir();
  services = createAppServices({ dataDir: temp.dir, detectLocalServers: async () => [] });
  session = new ScriptedSession();
  new SessionEventBridge(session, services.events);
});
afterEach(async () => {
  await services.dispose();
  temp.cleanup();
});

const FAILURE = 'Cannot reach 127.0.0.1:9 (ECONNREFUSED). Is the server running and the address right?';

async function reopened() {
  const list = await services.registry.handle('history:list', undefined);
  if (!list.ok) throw new Error(list.error.message);
  const [summary] = (list.value as { conversations: { id: string }[] }).conversations;
  const got = await services.registry.handle('history:get', { id: summary!.id });
  if (!got.ok) throw new Error(got.error.message);
  return (got.value as { entries: Array<{ speaker: string; text: string; replyFailed?: string }> }).entries;
}

describe('a failed reply in the saved conversation', () => {
  it('is saved on the turn it failed, and shown again when the conversation is reopened', async () => {
    session.emit('transcript', { id: 'e1', speaker: 'user', text: 'when is the next train', status: 'final', tMs: 100 });
    session.emit('error', { tMs: 900, source: 'llm', message: FAILURE });
    expect(await reopened()).toEqual([
      expect.objectContaining({ speaker: 'user', text: 'when is the next train', replyFailed: `The language model failed: ${FAILURE}` }),
    ]);
    const list = await services.registry.handle('history:list', undefined);
    const id = (list as { ok: true; value: { conversations: { id: string }[] } }).value.conversations[0]!.id;
    const md = await services.registry.handle('history:export', { id, format: 'markdown' });
    expect((md as { ok: true; value: { text: string } }).value.text).toContain(
      '**You**: when is the next train\n\n*(no answer: The language model failed: Cannot reach',
    );
  });

  it('is taken away when the answer comes after all (Retry)', async () => {
    session.emit('transcript', { id: 'e1', speaker: 'user', text: 'when is the next train', status: 'final', tMs: 100 });
    session.emit('error', { tMs: 900, source: 'llm', message: FAILURE });
    session.emit('transcript', { id: 'e2', speaker: 'agent', text: 'At nine.', status: 'final', turnId: 't1', tMs: 2000 });
    const entries = await reopened();
    expect(entries.map((e) => e.text)).toEqual(['when is the next train', 'At nine.']);
    expect(entries[0]!.replyFailed).toBeUndefined();
  });

  it('stays on an unanswered turn when the person moves on, and a voice or recognizer failure marks nothing', async () => {
    session.emit('transcript', { id: 'e1', speaker: 'user', text: 'when is the next train', status: 'final', tMs: 100 });
    session.emit('error', { tMs: 900, source: 'llm', message: FAILURE });
    session.emit('transcript', { id: 'e2', speaker: 'user', text: 'never mind, what time is it', status: 'final', tMs: 5000 });
    session.emit('transcript', { id: 'e3', speaker: 'agent', text: 'It is noon.', status: 'final', turnId: 't2', tMs: 6000 });
    session.emit('error', { tMs: 7000, source: 'tts', message: 'the voice server closed' });
    const entries = await reopened();
    expect(entries.map((e) => e.replyFailed ?? null)).toEqual([`The language model failed: ${FAILURE}`, null, null]);
  });
});
