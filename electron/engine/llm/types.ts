/**
 * Language models behind one streaming interface. Aborting the signal stops generation at
 * once (used on every interruption); the iterator then ends without throwing.
 */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerateOptions {
  signal: AbortSignal;
  maxTokens?: number;
  temperature?: number;
}

export interface LanguageModel {
  readonly id: string;
  /** Yields text deltas as they stream. */
  stream(messages: ChatMessage[], options: GenerateOptions): AsyncIterable<string>;
  close?(): Promise<void>;
}
