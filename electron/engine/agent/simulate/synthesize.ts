/**
 * Speaks every text the scenario needs through the embedded local TTS server and the real
 * SingleStreamClient (word timestamps on), before the simulated session starts. The session then
 * replays that audio on the virtual clock, so a run is deterministic and faster than real time.
 */
import { startLocalTtsServer } from '../../tts/local-server/server.js';
import { SingleStreamClient } from '../../tts/single-stream-client.js';
import type { WordTiming } from '../ports.js';
import { concatSamples } from '../../audio/samples.js';

export interface SynthesizedSpeech {
  text: string;
  samples: Float32Array;
  sampleRate: number;
  words: WordTiming[];
}

export async function synthesizeTexts(texts: readonly string[], voice: 'slt' | 'kal16' | 'awb' | 'rms'): Promise<Map<string, SynthesizedSpeech>> {
  const server = await startLocalTtsServer({ voice });
  const client = new SingleStreamClient({ url: server.url, config: { voice_id: voice, word_timestamps: true } });
  const out = new Map<string, SynthesizedSpeech>();
  try {
    await client.connect();
    for (const text of new Set(texts.map((t) => t.trim()))) {
      const chunks: Float32Array[] = [];
      const words: WordTiming[] = [];
      let sampleRate = 24_000;
      let turnId = '';
      const onAudio = (a: { turnId: string; samples: Float32Array; sampleRate: number }) => {
        if (a.turnId !== turnId) return;
        chunks.push(a.samples);
        sampleRate = a.sampleRate;
      };
      const onWords = (w: { turnId: string; words: WordTiming[] }) => {
        if (w.turnId === turnId) words.push(...w.words);
      };
      client.on('audio', onAudio);
      client.on('wordTimestamps', onWords);
      turnId = client.send(text, { flush: true });
      await client.endTurn();
      client.off('audio', onAudio);
      client.off('wordTimestamps', onWords);
      const samples = concatSamples(chunks);
      if (samples.length === 0) throw new Error(`The local TTS server returned no audio for "${text}".`);
      out.set(text, { text, samples, sampleRate, words });
    }
  } finally {
    await client.close();
    await server.close();
  }
  return out;
}
