/**
 * The embedded local TTS server: the reference protocol (single-stream and multi-context
 * endpoints) on 127.0.0.1, a random port and a per-run token, synthesizing with flite in a
 * worker thread. The default voice when no cloud TTS is configured.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { nullLogger, type Logger } from '../../logger.js';
import { HARDENED_SERVER_OPTIONS, hardenHttpServer } from '../../net/harden-http-server.js';
import { rateLimitedWarn } from '../../net/refusal-log.js';
import { SendBudget } from '../../net/send-budget.js';
import { FliteEngine, isFliteVoice, type FliteVoice } from './flite-engine.js';
import { MultiContextSession } from './multi-context-session.js';
import { OneShotSession } from './one-shot-session.js';
import { handleRestRequest } from './rest-api.js';
import { startNeuralVoice, type NeuralVoiceOptions } from './neural-startup.js';
import { DEFAULT_FLUSH_TIMEOUT_MS, type StreamConfig } from './session-config.js';
import { SingleStreamSession } from './single-stream-session.js';
import { VoiceRouter } from './speech-engine.js';
import { pacedEngine } from './paced-engine.js';
import { checkUpgrade, refuseUpgrade, tokensMatch } from './upgrade-gate.js';

export const STREAM_PATH = '/ws/tts/stream';
export const MULTI_PATH = '/ws/tts/multi';
/** The SDKs' one-shot `tts.generate()` / `tts.stream()` endpoint. */
export const ONE_SHOT_PATH = '/ws/tts';

export interface LocalTtsServerOptions {
  port?: number;
  host?: string;
  /** The default voice: a flite voice, or the neural voice's name (or name:speaker). */
  voice?: string;
  /** A sherpa-onnx neural voice to load beside flite; if it fails, flite speaks and `notice` says why. */
  neural?: NeuralVoiceOptions;
  /** A neural voice that stopped mid-session (its process crashed): told once, flite speaks on. */
  onNotice?: (message: string) => void;
  /** Fixed token (tests, the CLI's --token); a random one per run otherwise. */
  token?: string;
  logger?: Logger;
  /** Multi-context idle timeout; see CONTEXT_IDLE_TIMEOUT_MS. */
  contextIdleTimeoutMs?: number;
}

export interface LocalTtsServer {
  url: string;
  multiUrl: string;
  token: string;
  port: number;
  /** The voice sessions get when they name none (flite's when the neural voice failed). */
  voice: string;
  /** Why the neural voice asked for is not speaking (it failed to load). */
  notice?: string;
  close(): Promise<void>;
}

/** Largest client frame. 256 KiB holds any sane text frame; a bigger one closes that socket with 1009 (ws). */
const MAX_CLIENT_FRAME_BYTES = 256 * 1024;

/**
 * Per client: stop reading its frames past 512 KiB unsent (several seconds of audio; a reading
 * client never leaves that much), drop it past 4 MiB (about a minute of base64 audio), so even
 * a handful of stuck clients stay far below 50 MB. Checked every 100 ms: flite's output in that
 * time is well below the pause mark.
 */
const BUDGET = { pauseAboveBytes: 512 * 1024, dropAboveBytes: 4 * 1024 * 1024, watchEveryMs: 100 };

export async function startLocalTtsServer(options: LocalTtsServerOptions = {}): Promise<LocalTtsServer> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? nullLogger;
  const token = options.token ?? randomBytes(16).toString('hex');
  const fliteVoice: FliteVoice = isFliteVoice(options.voice) ? options.voice : 'slt';
  const flite = new FliteEngine(fliteVoice, 24_000);
  // Both load at once (flite ~1 s, a neural voice several); a neural voice never fails the server.
  const neuralStarting = startNeuralVoice(options.neural, logger);
  try {
    await flite.start();
  } catch (e) {
    await (await neuralStarting).engine?.stop();
    throw e;
  }
  const neural = await neuralStarting;
  const engine = new VoiceRouter(flite, neural.engine, fliteVoice, (reason) => {
    logger.warn('local TTS: neural voice stopped', { reason });
    options.onNotice?.(reason);
  });
  const voice = options.voice !== undefined && engine.hasVoice(options.voice) ? options.voice : fliteVoice;
  const voices = { has: (v: string) => engine.hasVoice(v), list: () => engine.voiceIds() };
  const defaults: StreamConfig = { voice, sampleRate: 24_000, encoding: 'pcm_s16le', wordTimestamps: false, flushTimeoutMs: DEFAULT_FLUSH_TIMEOUT_MS, voices };

  const http = createServer(HARDENED_SERVER_OPTIONS, (req, res) => {
    // KugelAudio's REST paths (voices, models) so the SDKs' voices.list() works here too.
    if (handleRestRequest(req, res, { authorized: (given) => tokensMatch(given, token), sampleRate: defaults.sampleRate, voices })) return;
    res.writeHead(426, { 'content-type': 'text/plain' }).end('This is a WebSocket TTS server.\n');
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  const sockets = new Set<WebSocket>();

  const refusals = rateLimitedWarn(logger);
  hardenHttpServer(http);
  http.on('upgrade', (req, socket, head) => {
    socket.on('error', () => {});
    const verdict = checkUpgrade(req, token, [STREAM_PATH, MULTI_PATH, ONE_SHOT_PATH]);
    if (!verdict.ok) {
      refusals('local TTS: refused an upgrade', { status: verdict.status });
      refuseUpgrade(socket, verdict);
      return;
    }
    const pathname = verdict.pathname;
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      // A client that stops reading is paused (its frames unread, no new sentence synthesized), then dropped.
      const budget = new SendBudget(ws, {
        ...BUDGET,
        onDrop: (bytes) => logger.warn('local TTS: dropped a client that stopped reading', { bufferedBytes: bytes }),
      });
      const paced = pacedEngine(engine, budget);
      const session =
        pathname === MULTI_PATH
          ? new MultiContextSession(ws, paced, defaults, logger, options.contextIdleTimeoutMs)
          : pathname === ONE_SHOT_PATH
            ? new OneShotSession(ws, paced, defaults)
            : new SingleStreamSession(ws, paced, defaults, logger);
      ws.on('message', (data, isBinary) => {
        if (isBinary) return sendError(ws, 'BINARY_NOT_SUPPORTED', 'Send JSON text frames.');
        let msg: unknown;
        try {
          msg = JSON.parse(data.toString());
        } catch {
          return sendError(ws, 'MALFORMED_JSON', 'A frame was not valid JSON; it was skipped.');
        }
        if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return sendError(ws, 'MALFORMED_FRAME', 'A frame must be a JSON object.');
        try {
          session.handle(msg as Record<string, unknown>);
        } catch (err) {
          logger.error('local TTS: frame handling failed', { message: (err as Error).message });
          sendError(ws, 'INTERNAL', 'The server failed to handle a frame.');
        }
      });
      ws.on('close', () => {
        sockets.delete(ws);
        session.dispose();
      });
      ws.on('error', (err) => logger.debug('local TTS socket error', { message: err.message }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const base = `ws://${host}:${port}`;
  logger.info('local TTS server listening', { port });

  return {
    url: `${base}${STREAM_PATH}?api_key=${token}`,
    multiUrl: `${base}${MULTI_PATH}?api_key=${token}`,
    token,
    port,
    voice,
    ...(neural.notice ? { notice: neural.notice } : {}),
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await engine.stop();
    },
  };
}

function sendError(ws: WebSocket, code: string, message: string): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ error: message, error_code: code }));
}
