/**
 * The behaviour every SpeechRecognizer shares, checked against each implementation with its
 * real transport: a local HTTP server (OpenAI-compatible), a local scripted WebSocket server
 * (Deepgram) and the recognizer process with a stand-in engine (sherpa-onnx; no English weights here).
 */
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeepgramRecognizer } from '../../../electron/engine/stt/deepgram-streaming.js';
import { OpenAiTranscriptionRecognizer } from '../../../electron/engine/stt/openai-transcription.js';
import { SherpaRecognizer } from '../../../electron/engine/stt/sherpa-streaming.js';
import type { SpeechRecognizer, Transcript } from '../../../electron/engine/stt/types.js';
import { startDeepgramServer } from './helpers/deepgram-server.js';
import { beckett, frames } from './helpers/speech.js';
import { json, startTranscriptionServer } from './helpers/transcription-server.js';

interface Harness {
  recognizer: SpeechRecognizer;
  dispose(): Promise<void>;
}

const implementations: Record<string, () => Promise<Harness>> = {
  'OpenAI-compatible transcription': async () => {
    const server = await startTranscriptionServer();
    server.script(...Array.from({ length: 10 }, () => json(200, { text: 'words' })));
    const recognizer = new OpenAiTranscriptionRecognizer({ baseUrl: server.baseUrl, model: 'whisper-1' });
    return { recognizer, dispose: () => server.close() };
  },
  'Deepgram streaming': async () => {
    const server = await startDeepgramServer();
    server.onFinalize = (s) => s.results({ transcript: 'words', start: 0, duration: 0.1, isFinal: true, fromFinalize: true });
    const recognizer = new DeepgramRecognizer({ apiKey: 'k', url: server.url, finalizeWaitMs: 300 });
    return { recognizer, dispose: () => server.close() };
  },
  'sherpa-onnx process (stand-in engine)': async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'interject-contract-'));
    const model = path.join(dir, 'm');
    await mkdir(model);
    for (const f of ['encoder.onnx', 'decoder.onnx', 'joiner.onnx', 'tokens.txt']) await writeFile(path.join(model, f), 'x');
    const recognizer = await SherpaRecognizer.start({ modelDir: model, engineModule: path.resolve(import.meta.dirname, 'helpers', 'fake-sherpa-engine.cjs') });
    return { recognizer, dispose: () => rm(dir, { recursive: true, force: true }) };
  },
};

for (const [name, make] of Object.entries(implementations)) {
  describe(`SpeechRecognizer contract: ${name}`, () => {
    let h: Harness | undefined;
    afterEach(async () => {
      await h?.recognizer.close();
      await h?.dispose();
      h = undefined;
    });

    async function speak(r: SpeechRecognizer, seconds: number): Promise<void> {
      for (const f of frames((await beckett()).subarray(0, 16_000 * seconds))) r.push(f);
    }

    it('emits exactly one final per ended segment, in order', async () => {
      h = await make();
      const r = h.recognizer;
      const finals: Transcript[] = [];
      const two = new Promise<void>((resolve) =>
        r.on('final', (t) => {
          finals.push(t);
          if (finals.length === 2) resolve();
        }),
      );
      await speak(r, 1);
      r.endSegment();
      r.endSegment();
      await two;
      expect(finals[0]!.text).not.toBe('');
      expect(finals[1]!.text).toBe('');
    });

    it('gives an empty final for a segment whose audio was reset away', async () => {
      h = await make();
      const r = h.recognizer;
      await speak(r, 1);
      r.reset();
      r.endSegment();
      const [final] = (await once(r, 'final')) as [Transcript];
      expect(final.text).toBe('');
    });

    it('refuses samples that are not Float32Array, naming the problem', async () => {
      h = await make();
      expect(() => h!.recognizer.push(new Int16Array(320) as unknown as Float32Array)).toThrow(/Float32Array samples, not \[object Int16Array\]/);
    });

    it('closes cleanly and refuses audio afterwards', async () => {
      h = await make();
      await speak(h.recognizer, 1);
      await h.recognizer.close();
      expect(() => h!.recognizer.push(new Float32Array(320))).toThrow(/closed/);
    });
  });
}
