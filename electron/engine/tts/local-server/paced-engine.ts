/**
 * One connection's view of the speech engine: while its client is not reading (its
 * SendBudget is paused) no new sentence starts, so a client that stops reading stops costing
 * synthesis and memory too, not only socket buffers. When it drains, synthesis goes on where
 * it stopped; when it is dropped, waiting sentences are cancelled.
 */
import type { SendBudget } from '../../net/send-budget.js';
import { SynthesisCancelled, type SynthesisJob, type SynthesisResult } from './flite-engine.js';
import type { SpeechEngine } from './speech-engine.js';

export function pacedEngine(engine: SpeechEngine, budget: SendBudget): SpeechEngine {
  return {
    hasVoice: (voice) => engine.hasVoice(voice),
    voiceIds: () => engine.voiceIds(),
    stop: () => engine.stop(),
    synthesize(text, voice, sampleRate): SynthesisJob {
      if (!budget.isPaused) return engine.synthesize(text, voice, sampleRate);
      let inner: SynthesisJob | undefined;
      let cancelled = false;
      let rejectWaiting: (error: Error) => void = () => {};
      const promise = new Promise<SynthesisResult>((resolve, reject) => {
        rejectWaiting = reject;
        void budget.whenWritable().then(() => {
          if (cancelled) return;
          if (budget.isDropped) return reject(new SynthesisCancelled());
          inner = engine.synthesize(text, voice, sampleRate);
          inner.promise.then(resolve, reject);
        });
      });
      promise.catch(() => {}); // callers that cancel may not await
      return {
        promise,
        cancel() {
          if (cancelled) return;
          cancelled = true;
          if (inner) inner.cancel();
          else rejectWaiting(new SynthesisCancelled());
        },
      };
    },
  };
}
