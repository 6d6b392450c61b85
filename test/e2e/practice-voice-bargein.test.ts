/**
 * Practice mode keeps the product's promise by voice alone (no speech recognition): the real
 * twin with a WAV microphone says "mm-hmm" over the agent (it goes on: a false alarm at most),
 * then a real person's sentence (it stops, "Interrupted by voice"). The practice panel says
 * which rules are in force.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeWav } from '../../electron/engine/audio/wav-reader';
import { encodeWav } from '../../electron/engine/stt/wav';
import { artifactPath } from './helpers/browser';
import { useTwinE2e } from './helpers/twin-harness';

const RATE = 16_000;
const CLIPS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/bargein');
const e2e = useTwinE2e('interject-e2e-practice-voice-');

/** Silence, then each clip at its second mark (16 kHz mono fixtures), then silence to `totalS`. */
function micWav(file: string, clips: { clip: string; atS: number }[], totalS: number): string {
  const out = new Float32Array(RATE * totalS);
  for (const { clip, atS } of clips) {
    const wav = decodeWav(fs.readFileSync(path.join(CLIPS, clip)), clip);
    if (wav.sampleRate !== RATE || wav.channels !== 1) throw new Error(`${clip} must be 16 kHz mono`);
    out.set(wav.samples, Math.round(atS * RATE));
  }
  fs.writeFileSync(file, encodeWav(out, RATE));
  return file;
}

const metric = (id: string) => e2e.page.locator(`[data-metric="${id}"] dd`).textContent();

describe('practice mode by voice', () => {
  it('a backchannel does not stop the agent; a real interruption by voice does', { timeout: 120_000 }, async () => {
    // The microphone starts with the session; the agent is reading well before 9 s.
    const mic = micWav(
      path.join(e2e.dataDir, 'practice-voice.wav'),
      [
        { clip: 'mm-hmm.wav', atS: 9 },
        { clip: 'real-sentence.wav', atS: 16 },
      ],
      60,
    );
    await e2e.startTwin(['--mic-wav', mic, '--speaker', 'null']);
    await e2e.page.goto(e2e.twin!.url);
    const practiseNow = e2e.page.locator('#first-run-practice');
    await practiseNow.waitFor({ timeout: 20_000 });
    await practiseNow.click();
    await e2e.page.getByTestId('practice-mode').waitFor();
    await e2e.page.waitForSelector('[data-testid="agent-state"][data-state="speaking"]', { timeout: 9_000 });
    const rules = (await e2e.page.getByTestId('practice-rules').textContent()) ?? '';
    expect(rules).toContain('Voice: 1.0 s of your voice stops it');
    expect(rules).toContain('Words: not used now');

    // "mm-hmm" at 9 s: the agent goes on (paused briefly at most, then resumed).
    await expect.poll(metric.bind(null, 'false'), { timeout: 15_000, interval: 200 }).toBe('1');
    expect(await e2e.page.locator('[data-testid="agent-state"]').getAttribute('data-state')).toBe('speaking');
    expect(await e2e.page.locator('.entry.from-agent .cut-mark').count()).toBe(0);
    await e2e.page.screenshot({ path: artifactPath('practice-voice-backchannel.png') });

    // A real sentence at 16 s: the agent stops by voice.
    const cut = e2e.page.locator('.entry.from-agent .cut-mark').first();
    await cut.waitFor({ timeout: 15_000 });
    expect(await cut.textContent()).toMatch(/Interrupted by voice/);
    await e2e.page.waitForSelector('[data-testid="agent-state"][data-state="listening"]', { timeout: 15_000 });
    expect(await metric('interruptions')).toBe('1');
    await e2e.page.screenshot({ path: artifactPath('practice-voice-interrupted.png') });
  });
});
