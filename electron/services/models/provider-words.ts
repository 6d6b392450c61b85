/** What a readiness plan runs, in words for the first-run screen (no paths, no keys). */
import { OPENAI_BASE_URL, type LlmPlan, type SttPlan } from '../../engine/models/readiness.js';

export function describeSttPlan(plan: SttPlan): string {
  switch (plan.kind) {
    case 'local':
      return 'Local speech recognition model';
    case 'deepgram':
      return `Deepgram (${plan.model})`;
    case 'openai-compatible':
      return plan.baseUrl === OPENAI_BASE_URL ? `OpenAI transcription (${plan.model})` : `OpenAI-compatible transcription at ${plan.baseUrl}`;
  }
}

export function describeLlmPlan(plan: LlmPlan): string {
  switch (plan.kind) {
    case 'embedded':
      return 'Local language model (runs in the app)';
    case 'openai-compatible':
      if (plan.source === 'detected') return `${plan.serverName ?? 'Local server'} at ${plan.baseUrl} (found on this computer)`;
      return plan.baseUrl === OPENAI_BASE_URL ? `OpenAI (${plan.model})` : `OpenAI-compatible server at ${plan.baseUrl}`;
  }
}
