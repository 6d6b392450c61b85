/**
 * A spoken conversation end to end: the real twin process with a WAV of real speech as the
 * microphone, speech recognition and the language model from an OpenAI-compatible server on
 * 127.0.0.1 (configured in settings before the twin starts), the embedded local voice, and
 * Chromium showing the user's words, the agent's streamed reply, and the agent speaking.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../electron/services/settings/settings-store';
import { makeTempDir } from '../helpers/temp-dir';
import { artifactPath, launchChromium } from './browser';
import { startOpenAiTestServer, type OpenAiTestServer } from './openai-test-server';
import { startTwin, type TwinProcess } from './twin-process';
import { writeSpeechWav } from './voice-fixtures';

const TRANSCRIPT = 'What should I pack for a hike in the mountains?';
const REPLY = 'Bring water, a warm layer and a rain jacket. Good shoes matter more than anything else.';

let chromium: Awaited<ReturnType<typeof launchChromium>>;
let dataDir: string;
let cleanup: () => void;
let twin: TwinProcess | undefined;
let provider: OpenAiTestServer | undefined;
let page: Page;

beforeAll(async () => {
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
});
beforeEach(async () => {
  ({ dir: dataDir, cleanup } = makeTempDir('interject-e2e-spoken-'));
  page = await chromium.browser.newPage();
});
afterEach(async () => {
  await page?.close();
  await twin?.stop();
  await provider?.close();
  twin = undefined;
  provider = undefined;
  cleanup();
});

describe('spoken conversation with an OpenAI-compatible provider', () => {
  it('hears the user, shows their words and the streamed reply, and speaks it', { timeout: 60_000 }, async () => {
    provider = await startOpenAiTestServer({ transcript: TRANSCRIPT, reply: REPLY });
    // Settings written by the real settings store, as the Providers page would save them.
    const store = new SettingsStore({ dir: dataDir });
    store.update({
      providers: { sttProvider: 'openai-compatible', sttEndpoint: provider.baseUrl, llmProvider: 'openai-compatible', llmEndpoint: provider.baseUrl, llmModel: 'test-model' },
    });
    store.removeAllListeners();
    // One request from the intent fixture (1.31-2.19 s of speech), 1.5 s of silence first, then silence so the turn ends.
    const mic = writeSpeechWav(path.join(dataDir, 'request.wav'), 'intent.wav', { fromMs: 1100, toMs: 2500 }, { leadMs: 1500, tailMs: 40_000 });
    twin = await startTwin(dataDir, ['--mic-wav', mic, '--speaker', 'null']);
    await page.goto(twin.url);

    // Providers are configured: no first-run screen, the conversation view at once.
    await page.locator('#session-toggle').waitFor();
    expect(await page.getByTestId('first-run').count()).toBe(0);
    await page.locator('#session-toggle').click();
    await page.waitForSelector('[data-testid="agent-state"][data-state="listening"]', { timeout: 20_000 });
    expect(await page.getByTestId('practice-mode').count()).toBe(0);

    const user = page.locator('.entry.from-user').first();
    await user.waitFor({ timeout: 20_000 });
    await page.waitForFunction((text) => document.querySelector('.entry.from-user .text')?.textContent?.includes(text), TRANSCRIPT, { timeout: 10_000 });

    await page.waitForSelector('[data-testid="agent-state"][data-state="speaking"]', { timeout: 15_000 });
    await page.waitForFunction((text) => document.querySelector('.entry.from-agent')?.textContent?.includes(text), 'Bring water, a warm layer', { timeout: 10_000 });
    await page.screenshot({ path: artifactPath('spoken-conversation.png') });

    expect(provider.transcriptions.length).toBeGreaterThanOrEqual(1);
    expect(provider.chats[0]!.model).toBe('test-model');
    expect(provider.chats[0]!.messages.at(-1)).toEqual({ role: 'user', content: TRANSCRIPT });
    await page.waitForFunction((text) => document.querySelector('.entry.from-agent')?.textContent?.includes(text), 'Good shoes matter more than anything else.', { timeout: 15_000 });
  });
});
