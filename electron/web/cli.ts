/**
 * `npm run start:web [-- --port 5178 --data-dir DIR --mic-wav FILE --speaker null|native]`: the browser twin.
 * Data dir: --data-dir, else $INTERJECT_DATA_DIR, else ~/.config/interject-web.
 * Audio: the system devices, unless --mic-wav makes a WAV file the microphone (tests, demos on
 * machines without a sound card); --speaker null then discards the agent's voice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { consoleLogger } from '../engine/logger.js';
import { createAppServices } from '../services/app-services.js';
import { fileVoiceIo, nativeVoiceIo } from '../services/voice/voice-io.js';
import { startTwinServer } from './twin-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5178' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
      'mic-wav': { type: 'string' },
      speaker: { type: 'string', default: 'native' },
    },
  });
  const speaker = values.speaker;
  if (speaker !== 'native' && speaker !== 'null') throw new Error(`--speaker must be "native" or "null", got "${speaker}"`);
  const micWav = values['mic-wav'] ? path.resolve(values['mic-wav']) : undefined;
  if (micWav && !fs.existsSync(micWav)) throw new Error(`--mic-wav: no such file: ${micWav}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number (0-65535), got "${values.port}"`);
  const dataDir = path.resolve(values['data-dir'] ?? process.env['INTERJECT_DATA_DIR'] ?? path.join(os.homedir(), '.config', 'interject-web'));
  const rendererDir = path.resolve(values['renderer-dir'] ?? path.join(here, '../../out/renderer'));
  const logger = consoleLogger('twin');
  const voiceIo = micWav ? fileVoiceIo({ micWav, speaker }) : nativeVoiceIo;
  const services = createAppServices({ dataDir, logger, voiceIo });
  const twin = await startTwinServer({ services, rendererDir, port, logger });
  // One line on stdout, so scripts and tests can read the address.
  process.stdout.write(`Interject browser twin: ${twin.url} (data: ${dataDir})\n`);
  const stop = async () => {
    await twin.close();
    await services.dispose();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
  process.stderr.write(`Interject browser twin failed to start: ${error.message}\n`);
  process.exit(1);
});
