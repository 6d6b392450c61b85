/**
 * The settings flow end to end: real twin process, real settings file, real Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactPath } from './helpers/browser';
import { useTwinE2e } from './helpers/twin-harness';

const e2e = useTwinE2e('interject-e2e-');

async function openVoiceActivity(): Promise<void> {
  // The window opens on the conversation; #settings opens Settings.
  await e2e.page.goto(`${e2e.twin!.url}#settings`);
  await e2e.page.getByRole('button', { name: 'Voice activity' }).click();
}

describe('settings in the browser twin', () => {
  it('persists a changed threshold across a restart of the twin', async () => {
    await e2e.startTwin();
    await openVoiceActivity();
    await e2e.page.locator('#field-vad-speechThreshold').fill('0.72');
    await e2e.page.locator('#settings-save').click();
    await expect.poll(() => e2e.page.locator('#settings-status').textContent()).toBe('Settings saved.');
    await e2e.page.screenshot({ path: artifactPath('settings-saved.png') });

    await e2e.stopTwin();
    await e2e.startTwin();
    await openVoiceActivity();
    await expect.poll(() => e2e.page.locator('#field-vad-speechThreshold').inputValue()).toBe('0.72');
    expect(JSON.parse(fs.readFileSync(path.join(e2e.dataDir, 'settings.json'), 'utf8')).vad.speechThreshold).toBe(0.72);
  });

  it('the Conversation page lists the rules in force, and they follow the draft (the recognizer chosen)', async () => {
    await e2e.startTwin();
    await e2e.page.goto(`${e2e.twin!.url}#settings`);
    await e2e.page.locator('#settings-page-conversation').click();
    const recognizer = e2e.page.getByTestId('rules-recognizer');
    const rules = e2e.page.getByTestId('rules-list');
    // A fresh data folder: the built-in recognizer's model is not downloaded, so the voice alone decides.
    await expect
      .poll(() => recognizer.textContent(), { timeout: 15_000 })
      .toMatch(/^Speech recognition: Built-in \(offline\) cannot run yet\. .* Until it can, only the sound of your voice decides\./);
    expect(await rules.textContent()).toContain('Voice: 1.0 s of your voice stops it');
    expect(await rules.textContent()).toContain('Words: not used now');
    await e2e.page.getByTestId('rules-in-force').scrollIntoViewIfNeeded();
    await e2e.page.screenshot({ path: artifactPath('settings-rules-no-recognizer.png') });

    await e2e.page.locator('#settings-page-providers').click();
    await e2e.page.locator('#field-providers-sttProvider').selectOption('deepgram');
    await e2e.page.locator('#settings-page-conversation').click();
    await expect.poll(() => recognizer.textContent()).toBe('Speech recognition: Deepgram, with words as you speak.');
    expect(await rules.textContent()).toContain('Words (as you speak)');
    expect(await rules.textContent()).toContain('Voice: only if no words arrive, 1.5 s of your voice stops it.');
    await e2e.page.locator('#field-conversation-speakingInterruptDurationMs').fill('300');
    await expect.poll(() => rules.textContent()).toContain('pauses after 300 ms of your voice');
    await e2e.page.getByTestId('rules-in-force').scrollIntoViewIfNeeded();
    await e2e.page.screenshot({ path: artifactPath('settings-rules-streaming.png') });
  });

  it('shows the field error for an invalid value and does not save it', async () => {
    await e2e.startTwin();
    await openVoiceActivity();
    await e2e.page.locator('#field-vad-speechThreshold').fill('1.7');
    await expect.poll(() => e2e.page.locator('#field-vad-speechThreshold-error').textContent()).toBe('Enter a number from 0 to 1.');
    await e2e.page.screenshot({ path: artifactPath('settings-field-error.png') });
    await e2e.page.locator('#settings-save').click();
    expect(JSON.parse(fs.readFileSync(path.join(e2e.dataDir, 'settings.json'), 'utf8')).vad.speechThreshold).toBe(0.5);
  });

  it('starts on defaults with a visible notice when the settings file is corrupt', async () => {
    fs.writeFileSync(path.join(e2e.dataDir, 'settings.json'), '{ this is not json');
    await e2e.startTwin();
    await e2e.page.goto(e2e.twin!.url);
    const notice = e2e.page.getByRole('region', { name: 'Notices' });
    await expect.poll(() => notice.textContent()).toContain('The settings file was damaged');
    await e2e.page.screenshot({ path: artifactPath('settings-corrupt-notice.png') });
    await e2e.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
    const aside = fs.readdirSync(e2e.dataDir).filter((f) => f.startsWith('settings.corrupt-'));
    expect(aside).toHaveLength(1);
    await e2e.page.getByRole('button', { name: 'Voice activity' }).click();
    await expect.poll(() => e2e.page.locator('#field-vad-speechThreshold').inputValue()).toBe('0.5');
  });

  it('refuses a bridge connection from another origin', async () => {
    await e2e.startTwin();
    const other = await e2e.browser.newPage();
    try {
      await other.goto('about:blank');
      const port = new URL(e2e.twin!.url).port;
      const opened = await other.evaluate(
        (p) =>
          new Promise<boolean>((resolve) => {
            const ws = new WebSocket(`ws://127.0.0.1:${p}/bridge?token=guess`);
            ws.onopen = () => resolve(true);
            ws.onerror = () => resolve(false);
          }),
        port,
      );
      expect(opened).toBe(false);
    } finally {
      await other.close();
    }
  });
});
