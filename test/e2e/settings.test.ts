/**
 * The settings flow end to end: real twin process, real settings file, real Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir';
import { artifactPath, launchChromium } from './browser';
import { startTwin, type TwinProcess } from './twin-process';

let chromium: Awaited<ReturnType<typeof launchChromium>>;
let dataDir: string;
let cleanup: () => void;
let twin: TwinProcess | undefined;
let page: Page;

beforeAll(async () => {
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
});
beforeEach(async () => {
  ({ dir: dataDir, cleanup } = makeTempDir('interject-e2e-'));
  page = await chromium.browser.newPage();
});
afterEach(async () => {
  await page?.close();
  await twin?.stop();
  twin = undefined;
  cleanup();
});

async function openVoiceActivity(): Promise<void> {
  // The window opens on the conversation; #settings opens Settings.
  await page.goto(`${twin!.url}#settings`);
  await page.getByRole('button', { name: 'Voice activity' }).click();
}

describe('settings in the browser twin', () => {
  it('persists a changed threshold across a restart of the twin', async () => {
    twin = await startTwin(dataDir);
    await openVoiceActivity();
    await page.locator('#field-vad-speechThreshold').fill('0.72');
    await page.locator('#settings-save').click();
    await expect.poll(() => page.locator('#settings-status').textContent()).toBe('Settings saved.');
    await page.screenshot({ path: artifactPath('settings-saved.png') });

    await twin.stop();
    twin = await startTwin(dataDir);
    await openVoiceActivity();
    await expect.poll(() => page.locator('#field-vad-speechThreshold').inputValue()).toBe('0.72');
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).vad.speechThreshold).toBe(0.72);
  });

  it('shows the field error for an invalid value and does not save it', async () => {
    twin = await startTwin(dataDir);
    await openVoiceActivity();
    await page.locator('#field-vad-speechThreshold').fill('1.7');
    await expect.poll(() => page.locator('#field-vad-speechThreshold-error').textContent()).toBe('Must be between 0 and 1.');
    await page.screenshot({ path: artifactPath('settings-field-error.png') });
    await page.locator('#settings-save').click();
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')).vad.speechThreshold).toBe(0.5);
  });

  it('starts on defaults with a visible notice when the settings file is corrupt', async () => {
    fs.writeFileSync(path.join(dataDir, 'settings.json'), '{ this is not json');
    twin = await startTwin(dataDir);
    await page.goto(twin.url);
    const notice = page.getByRole('region', { name: 'Notices' });
    await expect.poll(() => notice.textContent()).toContain('The settings file was damaged');
    await page.screenshot({ path: artifactPath('settings-corrupt-notice.png') });
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
    const aside = fs.readdirSync(dataDir).filter((f) => f.startsWith('settings.corrupt-'));
    expect(aside).toHaveLength(1);
    await page.getByRole('button', { name: 'Voice activity' }).click();
    await expect.poll(() => page.locator('#field-vad-speechThreshold').inputValue()).toBe('0.5');
  });

  it('refuses a bridge connection from another origin', async () => {
    twin = await startTwin(dataDir);
    const other = await chromium.browser.newPage();
    try {
      await other.goto('about:blank');
      const port = new URL(twin.url).port;
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
