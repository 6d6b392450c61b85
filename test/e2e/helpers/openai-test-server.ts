/**
 * The spoken-conversation e2e tests' OpenAI-compatible server (test/helpers/openai-stand-in.ts):
 * transcriptions answer a fixed text (after checking a WAV arrived), chat completions stream a
 * fixed reply as SSE, a word at a time. Records requests.
 */
import { startOpenAiStandIn } from '../../helpers/openai-stand-in.js';

export interface OpenAiTestServer {
  /** Base URL up to the version segment, as the settings take it: http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  /** Bytes of each uploaded transcription request. */
  transcriptions: number[];
  /** The messages of each chat request. */
  chats: Array<{ model: string; messages: Array<{ role: string; content: string }> }>;
  close(): Promise<void>;
}

export interface OpenAiTestServerOptions {
  transcript: string;
  reply: string;
  /** Gap between SSE chunks; a real server streams tokens tens of ms apart. */
  chunkDelayMs?: number;
  /** When set, a request without "Authorization: Bearer <apiKey>" gets 401, as api.openai.com answers a wrong key. */
  apiKey?: string;
}

export async function startOpenAiTestServer(options: OpenAiTestServerOptions): Promise<OpenAiTestServer> {
  const transcriptions: number[] = [];
  const chats: OpenAiTestServer['chats'] = [];
  const server = await startOpenAiStandIn({
    modelId: 'test-model',
    ...(options.apiKey !== undefined ? { apiKey: options.apiKey } : {}),
    tokenGapMs: options.chunkDelayMs ?? 30,
    transcribe: (body) => {
      transcriptions.push(body.length);
      if (!body.includes(Buffer.from('RIFF'))) return { status: 400, json: { error: { message: 'no WAV file in the form' } } };
      return { json: { text: options.transcript } };
    },
    reply: (_n, request) => {
      chats.push(request as OpenAiTestServer['chats'][number]);
      return options.reply;
    },
  });
  return { baseUrl: server.baseUrl, transcriptions, chats, close: () => server.close() };
}
