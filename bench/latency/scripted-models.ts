/**
 * Scripted recognizer and language-model servers on 127.0.0.1 for the latency benchmark,
 * speaking the OpenAI-compatible HTTP API the app's real clients use:
 * - POST /v1/audio/transcriptions answers `sttMs` after the upload has fully arrived, with the
 *   words of the utterance being spoken (once: a later segment of it answers "");
 * - POST /v1/chat/completions sends its first SSE token `llmMs` after the request arrived, then
 *   one token every `tokenGapMs` (a fast cloud model streams ~50-70 tokens/s).
 * Every reply carries its request number ("answer 7"), so a leaked early answer is findable.
 */
import { replyTokens, startOpenAiStandIn } from '../../test/helpers/openai-stand-in.js';

export interface ScriptedModelsOptions {
  sttMs: number;
  llmMs: number;
  /** Gap between streamed tokens. 15 ms: ~65 tokens/s, a fast hosted model. */
  tokenGapMs?: number;
}

export interface ScriptedModels {
  baseUrl: string;
  /**
   * The words of the utterance now being spoken: the next transcription answers them, later
   * ones (the rest of the same utterance after a mid-sentence pause) answer nothing new.
   */
  speaking(text: string): void;
  /** The reply the chat server streams for request `n` (1-based). */
  replyFor(n: number): string;
  /** Tokens the chat server streams before the first clause is complete (the clause splitter sees its end). */
  tokensToFirstClause(n: number): number;
  readonly chatRequests: number;
  readonly transcriptions: number;
  close(): Promise<void>;
}

/** "Sure, that is answer 7. ..." : the first clause ends at the first full stop. */
function reply(n: number): string {
  return `Sure, that is answer ${n}. The train leaves at nine.`;
}

export async function startScriptedModels(options: ScriptedModelsOptions): Promise<ScriptedModels> {
  let transcriptions = 0;
  let unanswered = '';
  const server = await startOpenAiStandIn({
    modelId: 'scripted',
    firstTokenDelayMs: options.llmMs,
    tokenGapMs: options.tokenGapMs ?? 15,
    transcribe: async () => {
      transcriptions++;
      const text = unanswered;
      unanswered = '';
      if (options.sttMs > 0) await new Promise((r) => setTimeout(r, options.sttMs));
      return { json: { text } };
    },
    reply,
  });
  return {
    baseUrl: server.baseUrl,
    speaking: (t) => {
      unanswered = t;
    },
    replyFor: reply,
    // The token "N. " carries the space after the full stop, so the clause splitter cuts on it.
    tokensToFirstClause: (n) => replyTokens(reply(n)).findIndex((t) => /\.\s*$/.test(t)) + 1,
    get chatRequests() {
      return server.chatRequests;
    },
    get transcriptions() {
      return transcriptions;
    },
    close: () => server.close(),
  };
}
