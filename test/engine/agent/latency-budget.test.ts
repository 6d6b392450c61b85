import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { LatencyBudgetRecorder, buildBudget, stageTotals } from '../../../electron/engine/agent/latency-budget.js';

describe('latency budget', () => {
  it('lays a turn out as consecutive stages that add up to voice end -> first sample', () => {
    const r = new LatencyBudgetRecorder();
    r.voiceEnded(1000, 1320); // the VAD released 320 ms after the voice
    r.mark('sttFinal', 1470);
    r.mark('endOfTurn', 1500);
    r.mark('llmRequest', 1501);
    r.mark('llmFirstToken', 1651);
    r.mark('llmFirstClause', 1700);
    r.mark('ttsRequest', 1700);
    r.bindTurn('t1', false);
    r.mark('ttsFirstAudio', 1780);
    const b = r.complete('t1', 1782, 60)!;
    expect(b.totalMs).toBe(782);
    expect(b.outputLatencyMs).toBe(60);
    expect(b.segments.reduce((n, s) => n + s.ms, 0)).toBe(b.totalMs);
    expect(b.segments.map((s) => `${s.stage}:${s.ms}`)).toEqual([
      'vad:320',
      'stt:150',
      'turn:30',
      'app:1',
      'llm:150',
      'clause:49',
      'app:0',
      'tts:80',
      'playback:2',
    ]);
    expect(stageTotals(b)).toMatchObject({ vad: 320, stt: 150, turn: 30, llm: 150, clause: 49, tts: 80, playback: 2, app: 1 });
    expect(r.recording).toBe(false); // one report per turn
  });

  it('a preemptive turn puts the model and TTS before the end of the turn', () => {
    const b = buildBudget(
      't',
      true,
      {
        voiceEnd: 0,
        vadEnd: 320,
        sttFinal: 330,
        llmRequest: 330,
        llmFirstToken: 340,
        llmFirstClause: 350,
        ttsRequest: 350,
        ttsFirstAudio: 420,
        endOfTurn: 500,
        firstWrite: 500,
      },
      0,
    );
    expect(b.segments.map((s) => s.until)).toEqual([
      'vadEnd',
      'sttFinal',
      'llmRequest',
      'llmFirstToken',
      'llmFirstClause',
      'ttsRequest',
      'ttsFirstAudio',
      'endOfTurn',
      'firstWrite',
    ]);
    expect(b.totalMs).toBe(500);
    expect(stageTotals(b).turn).toBe(80); // waiting out the window with the audio ready
  });

  it('each mark keeps its first time; a new voice end starts a fresh record', () => {
    const r = new LatencyBudgetRecorder();
    r.voiceEnded(0, 320);
    r.mark('sttFinal', 400);
    r.mark('sttFinal', 900);
    r.voiceEnded(2000, 2320); // the user went on
    r.mark('endOfTurn', 2500);
    r.bindTurn('t2', false);
    const b = r.complete('t2', 2600, 0)!;
    expect(b.marks).toEqual({ voiceEnd: 2000, vadEnd: 2320, endOfTurn: 2500, firstWrite: 2600 });
  });

  it('reports only for the bound turn; a dropped reply forgets its marks; discard reports nothing', () => {
    const r = new LatencyBudgetRecorder();
    r.voiceEnded(0, 320);
    const reply = new EventEmitter();
    r.track(reply as never, () => 330, true);
    reply.emit('progress', { stage: 'firstToken' });
    reply.emit('progress', { stage: 'ttsRequest', turnId: 'early' });
    expect(r.isFor('early')).toBe(true);
    r.forgetReply();
    expect(r.isFor('early')).toBe(false);
    r.mark('llmRequest', 500);
    r.bindTurn('late', false);
    expect(r.complete('early', 600, 0)).toBeNull();
    const b = r.complete('late', 700, 0)!;
    expect(b).toMatchObject({ preemptive: false, marks: { llmRequest: 500 } });
    expect(b.marks.llmFirstToken).toBeUndefined();
    r.voiceEnded(1000, 1320);
    r.discard();
    r.bindTurn('x', false);
    expect(r.complete('x', 2000, 0)).toBeNull();
  });
});
