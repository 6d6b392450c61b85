/** Builds the language model a readiness plan names (see models/readiness.ts). */
import type { Logger } from '../logger.js';
import type { LlmPlan } from '../models/readiness.js';
import { EmbeddedLlamaModel } from './embedded-llama.js';
import { LlmError } from './errors.js';
import { OpenAiChatModel } from './openai-chat.js';
import type { LanguageModel } from './types.js';

export interface CreateLanguageModelDeps {
  /** From main's secret store, when the plan needs one. */
  apiKey?: string;
  /** Embedded model threads; 0 or undefined = automatic. */
  threads?: number;
  logger?: Logger;
}

export async function createLanguageModel(plan: LlmPlan, deps: CreateLanguageModelDeps = {}): Promise<LanguageModel> {
  if (plan.kind === 'embedded') {
    return EmbeddedLlamaModel.load({ modelPath: plan.modelPath, threads: deps.threads || undefined, logger: deps.logger });
  }
  if (plan.needsKey && !deps.apiKey) throw new LlmError('unauthorized', `The language model at ${plan.baseUrl} needs an API key.`);
  return new OpenAiChatModel({ baseUrl: plan.baseUrl, model: plan.model, apiKey: deps.apiKey, logger: deps.logger });
}
