/**
 * `npm run tts-server -- --port 8787 [--voice slt] [--host 127.0.0.1] [--token T] [--neural DIR [--neural-name NAME]]`
 * Runs the embedded local TTS server alone and prints its WebSocket URL (key included) on one line.
 * --neural loads a sherpa-onnx voice folder (Kokoro or Piper) beside flite; its voice is "neural"
 * (or NAME), with ":<speaker>" for another speaker of the model.
 */
import { parseArgs } from 'node:util';
import { consoleLogger } from '../../logger.js';
import { FLITE_VOICES, isFliteVoice } from './flite-engine.js';
import { startLocalTtsServer } from './server.js';

function fail(message: string): never {
  process.stderr.write(`tts-server: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    voice: { type: 'string', default: 'slt' },
    token: { type: 'string' },
    neural: { type: 'string' },
    'neural-name': { type: 'string', default: 'neural' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0-65535, got "${values.port}".`);
if (!values.neural && !isFliteVoice(values.voice)) fail(`--voice must be one of ${FLITE_VOICES.join(', ')}, got "${values.voice}".`);

process.removeAllListeners('warning');
const neural = values.neural ? { modelDir: values.neural, name: values['neural-name'] } : undefined;
const server = await startLocalTtsServer({
  port,
  host: values.host,
  voice: values.voice,
  token: values.token,
  ...(neural ? { neural } : {}),
  logger: consoleLogger('tts-server'),
});
if (server.notice) process.stderr.write(`tts-server: ${server.notice}\n`);
process.stdout.write(`${server.url}\n`);
process.stderr.write(`multi-context: ${server.multiUrl}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
