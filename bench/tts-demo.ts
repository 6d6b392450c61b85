/**
 * Cancels a turn mid-sentence against a running `npm run tts-server`:
 *   npx tsx bench/tts-demo.ts 'ws://127.0.0.1:8787/ws/tts/stream?api_key=...'
 * Prints each event with its time; nothing of the cancelled turn arrives after `interrupted`.
 */
import { SingleStreamClient } from '../electron/engine/tts/single-stream-client.js';

const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: npx tsx bench/tts-demo.ts <ws url printed by npm run tts-server>\n');
  process.exit(2);
}
const t0 = performance.now();
const at = () => `${Math.round(performance.now() - t0)} ms`.padStart(8);
const client = new SingleStreamClient({
  url,
  config: { voice_id: 'slt', sample_rate: 24000 },
  playback: { clear: (id) => console.log(at(), 'playback cleared', id) },
});
client.on('audio', (a) => console.log(at(), 'audio', a.turnId, `${a.samples.length} samples @ ${a.sampleRate} Hz`));
client.on('interrupted', (e) => console.log(at(), 'interrupted', e.turnId));
client.on('final', (e) => console.log(at(), 'final', e.turnId));
client.on('error', (e) => console.log(at(), 'error', e.code, e.message));

await client.connect();
const first = client.send('This answer is going to be interrupted in the middle of a sentence, so you will never hear how it ends. ', { flush: true });
console.log(at(), 'sent turn', first);
await new Promise<void>((resolve) => client.once('audio', () => resolve()));
console.log(at(), 'the person starts talking: cancel');
await client.cancelCurrent();
console.log(at(), 'cancel acknowledged');
const second = client.send('Sorry, go ahead.');
console.log(at(), 'sent turn', second);
await client.endTurn();
console.log(at(), `dropped ${client.stats.droppedChunks} chunk(s) of the cancelled turn`);
await client.endSession();
