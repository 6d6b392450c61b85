/**
 * A new user with no network and nothing configured: the real twin process (WAV microphone of
 * silence, null speaker), real Chromium. The first-run screen explains the choice; "Practise
 * interrupting now" starts practice mode; the Interrupt button silences the agent.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir';
import { artifactPath, launchChromium } from './browser';
import { startTwin, type TwinProcess } from './twin-process';
import { writeSilenceWav } from './voice-fixtures';

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
  ({ dir: dataDir, cleanup } = makeTempDir('interject-e2e-firstrun-'));
  page = await chromium.browser.newPage();
});
afterEach(async () => {
  await page?.close();
  await twin?.stop();
  twin = undefined;
  cleanup();
});

const agentState = () => page.getAttribute('[data-testid="agent-state"]', 'data-state');

describe('first run with no network', () => {
  it('explains the downloads, reaches practice mode in one click, and the Interrupt button stops the agent', { timeout: 60_000 }, async () => {
    const mic = writeSilenceWav(path.join(dataDir, 'silence.wav'), 90);
    twin = await startTwin(dataDir, ['--mic-wav', mic, '--speaker', 'null']);
    await page.goto(twin.url);

    const firstRun = page.getByTestId('first-run');
    await firstRun.waitFor();
    expect(await page.getByRole('heading', { name: 'Set up a conversation' }).isVisible()).toBe(true);
    const download = page.locator('#first-run-download');
    expect(await download.textContent()).toMatch(/^\s*Download 619 MB\s*$/);
    expect(await firstRun.textContent()).toContain('The local speech recognition model (128 MB) is not downloaded yet.');
    expect(await page.locator('#first-run-provider').isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath('first-run.png') });

    await page.locator('#first-run-practice').click();
    const practice = page.getByTestId('practice-mode');
    await practice.waitFor();
    expect(await page.locator('#practice-title').textContent()).toContain('Practice mode');
    expect(await practice.getByRole('list', { name: 'Why practice mode' }).textContent()).toContain('not downloaded yet');
    await page.waitForSelector('[data-testid="agent-state"][data-state="speaking"]', { timeout: 20_000 });
    await page.screenshot({ path: artifactPath('practice-speaking.png') });

    await page.locator('#interrupt-button').click();
    await page.waitForSelector('[data-testid="agent-state"][data-state="listening"]', { timeout: 5_000 });
    const agentEntry = page.locator('.entry.from-agent').first();
    await agentEntry.locator('.cut-mark').waitFor({ timeout: 5_000 });
    expect(await agentEntry.locator('.cut-mark').textContent()).toMatch(/Interrupted by .*button/i);
    // What was heard before the cut: the start of the first passage, and only that.
    const heard = (await agentEntry.locator('.heard').textContent())!.trim();
    expect(heard.length).toBeGreaterThan(0);
    expect('Welcome to practice mode. I will read short passages aloud').toContain(heard.slice(0, 58));
    expect(await agentEntry.locator('.unheard').textContent()).toContain('while I am still talking.');
    expect(await agentState()).toBe('listening');
    await page.screenshot({ path: artifactPath('practice-interrupted.png') });

    // The smallest window (900×600): the Interrupt button is still in view without scrolling.
    await page.setViewportSize({ width: 900, height: 600 });
    const button = (await page.locator('#interrupt-button').boundingBox())!;
    expect(button.y + button.height).toBeLessThanOrEqual(600);
    expect(await page.locator('#practice-title').isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath('practice-900x600.png') });
    await page.setViewportSize({ width: 1100, height: 760 });

    await page.locator('#practice-next').click();
    await page.waitForSelector('[data-testid="agent-state"][data-state="speaking"]', { timeout: 10_000 });
    expect(await page.locator('.entry.from-agent').last().textContent()).toContain('A good conversation has a rhythm.');
  });
});
