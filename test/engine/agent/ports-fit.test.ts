import { describe, expect, it } from 'vitest';
import { playbackPort, ttsPort, vadPort, type AgentPlayback, type AgentTts, type VoiceActivityDetector } from '../../../electron/engine/agent/ports.js';
import { PlaybackQueue } from '../../../electron/engine/audio/playback-queue.js';
import { RecordingSink } from '../../../electron/engine/audio/recording-sink.js';
import { systemClock } from '../../../electron/engine/clock.js';
import { SingleStreamClient } from '../../../electron/engine/tts/single-stream-client.js';
import { ScriptedVadModel } from '../../../electron/engine/vad/vad-model.js';
import { VadProcessor } from '../../../electron/engine/vad/vad-processor.js';

describe('the real engine objects fit the session ports', () => {
  it('VadProcessor, SingleStreamClient and PlaybackQueue wire through the port helpers', async () => {
    const vad: VoiceActivityDetector = vadPort(new VadProcessor({ model: new ScriptedVadModel([0.9]) }));
    const queue = new PlaybackQueue({ output: new RecordingSink({ clock: systemClock, sampleRate: 16000 }), clock: systemClock });
    const playback: AgentPlayback = playbackPort(queue);
    const client = new SingleStreamClient({ url: 'ws://127.0.0.1:9/ws/tts/stream', config: {} });
    const tts: AgentTts = ttsPort(client);
    const starts: number[] = [];
    vad.on('speechStart', (e) => starts.push(e.tMs));
    await vad.push({ data: new Float32Array(1024), sampleRate: 16000, channels: 1, timestampMs: 0 });
    expect(starts).toEqual([0]);
    expect(playback.playedMs('none')).toBe(0);
    expect(tts.currentTurnId).toBeNull();
    await client.close();
    queue.dispose();
  });
});
