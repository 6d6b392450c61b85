/** Builds the speech recognizer a readiness plan names (see models/readiness.ts). */
import type { Logger } from '../logger.js';
import type { SttPlan } from '../models/readiness.js';
import { DeepgramRecognizer } from './deepgram-streaming.js';
import { SttError } from './errors.js';
import { OpenAiTranscriptionRecognizer } from './openai-transcription.js';
import { SherpaRecognizer } from './sherpa-streaming.js';
import type { SpeechRecognizer } from './types.js';

export interface CreateRecognizerDeps {
  /** From main's secret store, when the plan needs one. */
  apiKey?: string;
  /** ISO-639-1, from the providers settings. */
  language?: string;
  logger?: Logger;
  /** Where the packaged app keeps sherpa-host.mjs, if not beside this file. */
  sherpaHostScript?: string;
}

export async function createSpeechRecognizer(plan: SttPlan, deps: CreateRecognizerDeps = {}): Promise<SpeechRecognizer> {
  switch (plan.kind) {
    case 'local':
      return SherpaRecognizer.start({ modelDir: plan.modelDir, logger: deps.logger, hostScript: deps.sherpaHostScript });
    case 'deepgram':
      if (!deps.apiKey) throw new SttError('unauthorized', 'Deepgram needs an API key: add one in Settings, Providers.');
      return new DeepgramRecognizer({ apiKey: deps.apiKey, model: plan.model, language: deps.language, logger: deps.logger });
    case 'openai-compatible':
      if (plan.needsKey && !deps.apiKey) throw new SttError('unauthorized', `The transcription server ${plan.baseUrl} needs an API key.`);
      return new OpenAiTranscriptionRecognizer({ baseUrl: plan.baseUrl, model: plan.model, apiKey: deps.apiKey, language: deps.language, logger: deps.logger });
  }
}
