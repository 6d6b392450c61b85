/**
 * Practice mode keeps the product's promise by voice alone (no speech recognition): the twin's
 * real server and services with a microphone the test speaks into, real Chromium. "mm-hmm" over
 * the agent: it goes on (a false alarm at most); then a real person's sentence: it stops,
 * "Interrupted by voice". The practice panel says which rules are in force.
 *
 * Each clip is said on an event, not at a time: "mm-hmm" once the agent has been heard for a
 * second, the sentence once the false alarm is over and the agent is speaking again. So a slow
 * machine (the agent starts late) and a fast one (it finishes early) see the same conversation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeWav } from '../../electron/engine/audio/wav-reader';
import { artifactPath } from './helpers/browser';
import { cuedVoiceIo, type CuedVoiceIo } from './helpers/cued-voice-io';
import { startInProcessTwin } from './helpers/in-process-twin';
import { usePagePerTest } from './helpers/page-per-test';

const CLIPS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/bargein');

function clip(name: string): Float32Array {
  const wav = decodeWav(fs.readFileSync(path.join(CLIPS, name)), name);
  if (wav.sampleRate !== 16_000 || wav.channels !== 1) throw new Error(`${name} must be 16 kHz mono`);
  return wav.samples;
}

let io: CuedVoiceIo;
const e2e = usePagePerTest(() => {
  io = cuedVoiceIo();
  return startInProcessTwin({}, { voiceIo: io });
});

const metric = (id: string) => e2e.page.locator(`[data-metric="${id}"] dd`).textContent();
const agentState = () => e2e.page.locator('[data-testid="agent-state"]').getAttribute('data-state');

describe('practice mode by voice', () => {
  it('a backchannel does not stop the agent; a real interruption by voice does', { timeout: 120_000 }, async () => {
    await e2e.page.goto(e2e.twin.url);
    const practiseNow = e2e.page.locator('#first-run-practice');
    await practiseNow.waitFor({ timeout: 20_000 });
    await practiseNow.click();
    await e2e.page.getByTestId('practice-mode').waitFor();
    // However long the agent takes to start (pinned beside a CPU hog: ~10 s), it is heard before anyone answers it.
    await expect.poll(() => io.agentSecondsPlayed(), { timeout: 60_000, interval: 100 }).toBeGreaterThan(1);
    // "mm-hmm": the agent goes on (paused briefly at most, then resumed).
    io.say(clip('mm-hmm.wav'));
    await e2e.page.waitForSelector('[data-testid="agent-state"][data-state="speaking"]', { timeout: 15_000 });
    const rules = (await e2e.page.getByTestId('practice-rules').textContent()) ?? '';
    expect(rules).toContain('Voice: 1.0 s of your voice stops it');
    expect(rules).toContain('Words: not used now');
    await expect.poll(metric.bind(null, 'false'), { timeout: 15_000, interval: 200 }).toBe('1');
    expect(await agentState()).toBe('speaking');
    expect(await e2e.page.locator('.entry.from-agent .cut-mark').count()).toBe(0);
    await e2e.page.screenshot({ path: artifactPath('practice-voice-backchannel.png') });

    // A real sentence: the agent stops by voice.
    io.say(clip('real-sentence.wav'));
    const cut = e2e.page.locator('.entry.from-agent .cut-mark').first();
    await cut.waitFor({ timeout: 15_000 });
    expect(await cut.textContent()).toMatch(/Interrupted by voice/);
    await e2e.page.waitForSelector('[data-testid="agent-state"][data-state="listening"]', { timeout: 15_000 });
    expect(await metric('interruptions')).toBe('1');
    await e2e.page.screenshot({ path: artifactPath('practice-voice-interrupted.png') });
  });
});
