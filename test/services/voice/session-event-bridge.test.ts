/**
 * SessionEventBridge: what a session's engine events become on the contract, through the real
 * EventHub (so every payload is also checked against the contract's schemas). The session here
 * is scripted: it emits exactly what AgentSession emits, typed by the same event map.
 */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_TRANSCRIPT_ENTRIES, type EventName, type EventPayload } from '../../../electron/contract/index';
import type { AgentState } from '../../../electron/engine/agent/agent-state';
import type { AgentSessionEvents } from '../../../electron/engine/agent/events';
import { EventHub } from '../../../electron/services/event-hub';
import { SessionEventBridge } from '../../../electron/services/voice/session-event-bridge';

class ScriptedSession extends EventEmitter<AgentSessionEvents> {
  state: AgentState = 'listening';
  activeSessionId(): string | null {
    return 'session-1';
  }
}

type Sent = { event: EventName; payload: unknown };

let session: ScriptedSession;
let hub: EventHub;
let sent: Sent[];
let bridge: SessionEventBridge;

const errors: unknown[] = [];
beforeEach(() => {
  session = new ScriptedSession();
  errors.length = 0;
  hub = new EventHub({ debug: () => {}, info: () => {}, warn: () => {}, error: (message, fields) => errors.push({ message, fields }) });
  sent = [];
  hub.subscribe((event, payload) => sent.push({ event, payload }));
  bridge = new SessionEventBridge(session, hub);
});

function sentOf<E extends EventName>(event: E): EventPayload<E>[] {
  return sent.filter((s) => s.event === event).map((s) => s.payload as EventPayload<E>);
}

function frame(value: number, timestampMs: number, length = 320) {
  return { data: new Float32Array(length).fill(value), sampleRate: 16_000, channels: 1, timestampMs };
}

describe('SessionEventBridge', () => {
  it('says when the agent speaks into no speaker, in the state event and the status, and when a speaker takes the audio again', () => {
    let connected = false;
    bridge.detach();
    bridge = new SessionEventBridge(session, hub, undefined, () => connected);
    session.state = 'speaking';
    session.emit('state', { state: 'speaking', previous: 'thinking', tMs: 10 });
    expect(sentOf('agent:state').at(-1)).toEqual({ state: 'speaking', phase: 'none', atMs: 10, silent: true });
    expect(bridge.status(false).silent).toBe(true);
    connected = true;
    bridge.onMicFrame(frame(0.1, 100));
    bridge.onMicFrame(frame(0.1, 160));
    expect(sentOf('agent:state').at(-1)).toEqual({ state: 'speaking', phase: 'none', atMs: 160 });
    expect(bridge.status(false).silent).toBeUndefined();
  });

  it('reports a state change with no barge-in phase', () => {
    session.emit('state', { state: 'speaking', previous: 'thinking', tMs: 10 });
    expect(sentOf('agent:state')).toEqual([{ state: 'speaking', phase: 'none', atMs: 10 }]);
  });

  it('follows the barge-in phases: ducked, paused, then resumed after a false alarm', () => {
    session.state = 'speaking';
    session.emit('bargeIn', { tMs: 100, type: 'ducked' });
    session.emit('bargeIn', { tMs: 300, type: 'paused' });
    session.emit('falseInterruption', { tMs: 2300, resumed: true, reason: null });
    session.emit('bargeIn', { tMs: 2320, type: 'unducked' });
    expect(sentOf('agent:state').map((s) => s.phase)).toEqual(['ducked', 'paused', 'resumed']);
    expect(sentOf('bargein:mark').map((m) => m.kind)).toEqual(['duck', 'pause', 'falseInterruption', 'resume']);
    expect(sentOf('metrics:update').at(-1)).toMatchObject({ falseInterruptions: 1, interruptions: 0 });
    expect(bridge.status(false).phase).toBe('resumed');
  });

  it('an agent that goes on again after pausing a second time in one attempt is shown as going on, not left "Paused"', () => {
    session.state = 'speaking';
    session.emit('bargeIn', { tMs: 100, type: 'ducked' });
    session.emit('bargeIn', { tMs: 300, type: 'paused' });
    session.emit('falseInterruption', { tMs: 500, resumed: true, reason: null });
    session.emit('bargeIn', { tMs: 500, type: 'resumed' });
    session.emit('bargeIn', { tMs: 620, type: 'paused' });
    session.emit('bargeIn', { tMs: 1300, type: 'resumed' });
    expect(sentOf('agent:state').map((s) => s.phase)).toEqual(['ducked', 'paused', 'resumed', 'paused', 'resumed']);
    expect(sentOf('metrics:update').at(-1)).toMatchObject({ falseInterruptions: 1 });
  });

  it('un-ducking a tentative duck returns to no phase', () => {
    session.emit('bargeIn', { tMs: 100, type: 'ducked', tentative: true });
    session.emit('bargeIn', { tMs: 260, type: 'unducked', withdrawn: true });
    expect(sentOf('agent:state').map((s) => s.phase)).toEqual(['ducked', 'none']);
  });

  it('labels the cut agent entry with who interrupted, and sends it once with heard and unheard text', () => {
    session.emit('interrupted', {
      tMs: 500,
      turnId: 't1',
      heardText: 'The weather today',
      unheardText: 'is sunny.',
      playedMs: 900,
      reason: 'voice',
      strategy: 'minWords',
      cutMethod: 'wordTimestamps',
    });
    session.emit('transcript', {
      id: 'e2',
      speaker: 'agent',
      text: 'The weather today',
      unheardText: 'is sunny.',
      status: 'interrupted',
      turnId: 't1',
      tMs: 500,
    });
    const [update] = sentOf('transcript:update');
    expect(sentOf('transcript:update')).toHaveLength(1);
    expect(update!.entries[0]).toMatchObject({
      speaker: 'agent',
      text: 'The weather today is sunny.',
      interrupted: true,
      heardText: 'The weather today',
      unheardText: 'is sunny.',
      reason: 'voice',
      strategy: 'minWords',
      interim: false,
    });
    expect(sentOf('bargein:mark').map((m) => m.kind)).toEqual(['interrupt']);
    expect(sentOf('metrics:update').at(-1)).toMatchObject({ interruptions: 1 });
  });

  it('a manual interrupt carries its control and no strategy', () => {
    session.emit('interrupted', {
      tMs: 5,
      turnId: 't9',
      heardText: 'Hi',
      unheardText: 'there',
      playedMs: 100,
      reason: 'hotkey',
      strategy: null,
      cutMethod: 'proportional',
    });
    session.emit('transcript', { id: 'e1', speaker: 'agent', text: 'Hi', unheardText: 'there', status: 'interrupted', turnId: 't9', tMs: 5 });
    const entry = sentOf('transcript:update')[0]!.entries[0]!;
    expect(entry).toMatchObject({ reason: 'hotkey' });
    expect(entry).not.toHaveProperty('strategy');
  });

  it('upserts interim user text into one entry, final replacing interim', () => {
    session.emit('transcript', { id: 'e1', speaker: 'user', text: 'what is', status: 'interim', tMs: 1 });
    session.emit('transcript', { id: 'e1', speaker: 'user', text: 'what is the time', status: 'final', tMs: 1 });
    const ids = sentOf('transcript:update').map((u) => u.entries[0]!.id);
    expect(new Set(ids).size).toBe(1);
    expect(bridge.status(false).transcript).toEqual([expect.objectContaining({ text: 'what is the time', interim: false })]);
  });

  it('reports latency metrics as whole, non-negative milliseconds', () => {
    session.emit('metric', { tMs: 1, name: 'bargeInLatencyMs', valueMs: 123.6 });
    session.emit('metric', { tMs: 2, name: 'timeToFirstAudioMs', valueMs: -3 });
    expect(sentOf('metrics:update').at(-1)).toEqual({ lastBargeInLatencyMs: 124, timeToFirstAudioMs: 0, interruptions: 0, falseInterruptions: 0 });
  });

  it('turns an engine error into an app error that says what stopped and what to do', () => {
    session.emit('error', { tMs: 7, source: 'tts', message: 'close 4001' });
    session.emit('error', { tMs: 8, source: 'stt', message: 'socket hang up' });
    const [tts, stt] = sentOf('app:error');
    expect(tts).toMatchObject({ kind: 'ttsFatal', message: 'The voice stopped: close 4001', atMs: 7 });
    expect(stt).toMatchObject({ kind: 'providerUnreachable', message: 'Speech recognition failed: socket hang up' });
  });

  it('sends the microphone level every 50 ms with the latest VAD probability', () => {
    session.emit('vadProbability', { tMs: 0, p: 0.8 });
    for (let t = 0; t <= 60; t += 20) bridge.onMicFrame(frame(0.1, t));
    const levels = sentOf('audio:level');
    expect(levels).toHaveLength(1);
    expect(levels[0]!.tMs).toBe(60);
    expect(levels[0]!.rmsDbfs).toBeCloseTo(-20, 5);
    expect(levels[0]!.vadProbability).toBe(0.8);
  });

  it('reports silence at the -100 dBFS floor', () => {
    for (let t = 0; t <= 60; t += 20) bridge.onMicFrame(frame(0, t));
    expect(sentOf('audio:level')[0]!.rmsDbfs).toBe(-100);
  });

  it('keeps the transcript of a restarted session, under new ids', () => {
    session.emit('transcript', { id: 'e1', speaker: 'user', text: 'hello', status: 'final', tMs: 1 });
    const first = bridge.status(false);
    bridge.detach();
    const next = new SessionEventBridge(session, hub, { transcript: first.transcript, metrics: first.metrics });
    session.emit('transcript', { id: 'e1', speaker: 'agent', text: 'hi', status: 'final', tMs: 2 });
    const transcript = next.status(true).transcript;
    expect(transcript.map((e) => e.text)).toEqual(['hello', 'hi']);
    expect(transcript[0]!.id).not.toBe(transcript[1]!.id);
    expect(next.status(true)).toMatchObject({ muted: true, sessionId: 'session-1', state: 'listening' });
  });

  it('holds at most the contract’s number of transcript entries', () => {
    for (let i = 0; i < MAX_TRANSCRIPT_ENTRIES + 5; i++) session.emit('transcript', { id: `e${i}`, speaker: 'user', text: `w${i}`, status: 'final', tMs: i });
    const transcript = bridge.status(false).transcript;
    expect(transcript).toHaveLength(MAX_TRANSCRIPT_ENTRIES);
    expect(transcript[0]!.text).toBe('w5');
  });

  it('stops listening to the session when detached', () => {
    expect(session.listenerCount('state')).toBe(1);
    bridge.detach();
    for (const event of session.eventNames()) expect(session.listenerCount(event)).toBe(0);
    session.emit('state', { state: 'idle', previous: 'listening', tMs: 1 });
    expect(sent).toEqual([]);
  });

  it('sends only payloads the contract accepts', () => {
    session.emit('state', { state: 'thinking', previous: 'listening', tMs: 1 });
    session.emit('bargeIn', { tMs: 2, type: 'ducked' });
    session.emit('transcript', { id: 'e1', speaker: 'user', text: 'x'.repeat(30_000), status: 'final', tMs: 3 });
    expect(errors).toEqual([]);
    expect(sentOf('transcript:update')[0]!.entries[0]!.text).toHaveLength(20_000);
  });
});
