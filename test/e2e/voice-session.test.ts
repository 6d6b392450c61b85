/**
 * A real voice session in Chromium: the real twin process, a WAV file as its microphone, the
 * embedded local voice speaking into a null speaker. The person changes the interrupt hotkey
 * in Settings (the change must reach the conversation view and the running app live), starts
 * a session (practice mode when no recognizer or model is set up, as on a fresh machine),
 * cuts the agent off with the Interrupt button and then with the new hotkey, and sees the
 * state, the interrupted entries with their reasons, the metrics and the timeline follow.
 * Skips, saying why, while main answers that the voice session is not wired in this build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactPath } from './helpers/browser';
import { useTwinE2e } from './helpers/twin-harness';

const e2e = useTwinE2e('interject-e2e-voice-', { width: 1280, height: 800 });

/** A quiet room: 16 kHz mono PCM16 of silence, so only the controls interrupt the agent. */
function writeQuietWav(file: string, seconds: number): string {
  const samples = 16_000 * seconds;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples * 2, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(16_000, 24);
  header.writeUInt32LE(32_000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples * 2, 40);
  fs.writeFileSync(file, Buffer.concat([header, Buffer.alloc(samples * 2)]));
  return file;
}

const state = () => e2e.page.getAttribute('[data-testid="agent-state"]', 'data-state');
const waitForState = (s: string, timeout: number) => e2e.page.waitForSelector(`[data-testid="agent-state"][data-state="${s}"]`, { timeout });

describe('a real voice session in the browser twin', () => {
  it('takes a new hotkey live, speaks, and stops at the Interrupt button and at the hotkey', { timeout: 90_000 }, async (ctx) => {
    const mic = writeQuietWav(path.join(e2e.dataDir, 'quiet.wav'), 90);
    await e2e.startTwin(['--mic-wav', mic, '--speaker', 'null']);
    await e2e.page.goto(e2e.twin!.url);

    // A settings change that must take effect: the interrupt hotkey.
    await e2e.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
    await e2e.page.locator('#settings-page-hotkeys').click();
    // The hotkey box shows key caps with Record and Type…; Type… opens the text form.
    const hotkeyField = e2e.page.locator('.accel', { has: e2e.page.locator('#field-hotkeys-interrupt') });
    await hotkeyField.getByRole('button', { name: 'Type…' }).click();
    await e2e.page.locator('input#field-hotkeys-interrupt').fill('Alt+F9');
    await e2e.page.locator('#settings-save').click();
    await expect.poll(() => e2e.page.getByRole('status').filter({ hasText: 'Settings saved.' }).count()).toBe(1);
    await e2e.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Conversation' }).click();
    expect(await e2e.page.locator('#interrupt-button kbd').allTextContents()).toEqual(['Alt', 'F9']);

    // Start: from the first-run screen ("practise now") on a fresh machine, else the Start button.
    const practiseNow = e2e.page.locator('#first-run-practice');
    if (await practiseNow.isVisible()) await practiseNow.click();
    else await e2e.page.locator('#session-toggle').click();
    const started = await Promise.race([
      waitForState('speaking', 30_000).then(() => 'speaking' as const),
      e2e.page
        .getByTestId('action-error')
        .waitFor({ timeout: 30_000 })
        .then(() => 'error' as const),
    ]);
    if (started === 'error') {
      const why = (await e2e.page.getByTestId('action-error').textContent()) ?? '';
      if (/not wired/i.test(why)) ctx.skip(`agent:start is not wired in this build: ${why.trim()}`);
      throw new Error(`The session did not start: ${why.trim()}`);
    }
    expect(await e2e.page.locator('#interrupt-button').getAttribute('class')).toContain('live');
    await e2e.page.screenshot({ path: artifactPath('voice-session-speaking.png') });

    // The Interrupt button: silent at once, the entry cut with the reason, counted.
    await e2e.page.locator('#interrupt-button').click();
    await waitForState('listening', 15_000);
    const first = e2e.page.locator('.entry.from-agent').last();
    await first.locator('.cut-mark').waitFor({ timeout: 15_000 });
    expect(await first.locator('.cut-mark').textContent()).toBe('Interrupted by button');
    // Cut mid-passage: some of it unheard. (What was heard may be nothing on a fast click.)
    const unheard = ((await first.locator('.unheard').textContent()) ?? '').replace('Not heard:', '').trim();
    expect(unheard.length).toBeGreaterThan(0);
    await expect.poll(() => e2e.page.locator('[data-metric="interruptions"] dd').textContent()).toBe('1');
    await expect.poll(() => e2e.page.locator('[data-mark="interrupt"]').count()).toBeGreaterThan(0);
    await e2e.page.screenshot({ path: artifactPath('voice-session-interrupted.png') });

    // Pressing Interrupt again while the agent is silent is harmless: no error, still listening.
    await e2e.page.locator('#interrupt-button').click();
    await e2e.page.waitForTimeout(300);
    expect(await e2e.page.getByTestId('action-error').count()).toBe(0);
    expect(await state()).toBe('listening');

    // The new hotkey stops the next passage.
    const practiceNext = e2e.page.locator('#practice-next');
    if (!(await practiceNext.isVisible())) ctx.skip('The session is a conversation, not practice mode: no passage to ask for without speech');
    const entriesBefore = await e2e.page.locator('.entry.from-agent').count();
    await practiceNext.click();
    await waitForState('speaking', 15_000);
    await e2e.page.keyboard.press('Alt+F9');
    await waitForState('listening', 15_000);
    await expect.poll(() => e2e.page.locator('.entry.from-agent').count()).toBeGreaterThan(entriesBefore);
    const second = e2e.page.locator('.entry.from-agent').last();
    await second.locator('.cut-mark').waitFor({ timeout: 15_000 });
    expect(await second.locator('.cut-mark').textContent()).toBe('Interrupted by hotkey');
    await expect.poll(() => e2e.page.locator('[data-metric="interruptions"] dd').textContent()).toBe('2');

    // Stop: the session ends and the controls say so.
    await e2e.page.locator('#session-toggle').click();
    await expect.poll(() => e2e.page.locator('#session-toggle').textContent()).toContain('Start session');
  });
});
