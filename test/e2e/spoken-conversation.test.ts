/**
 * A spoken conversation end to end: the real twin process with a WAV of real speech as the
 * microphone, speech recognition and the language model from an OpenAI-compatible server on
 * 127.0.0.1 (configured in settings before the twin starts), the embedded local voice, and
 * Chromium showing the user's words, the agent's streamed reply, and the agent speaking.
 */
import { describe, expect, it } from 'vitest';
import { artifactPath } from './helpers/browser';
import { useSpokenRequest } from './helpers/spoken-request';
import { useTwinE2e } from './helpers/twin-harness';

const TRANSCRIPT = 'What should I pack for a hike in the mountains?';
const REPLY = 'Bring water, a warm layer and a rain jacket. Good shoes matter more than anything else.';

const e2e = useTwinE2e('interject-e2e-spoken-');
const spokenRequest = useSpokenRequest(e2e);

describe('spoken conversation with an OpenAI-compatible provider', () => {
  it('hears the user, shows their words and the streamed reply, and speaks it', { timeout: 60_000 }, async () => {
    const { provider, mic } = await spokenRequest({ transcript: TRANSCRIPT, reply: REPLY, tailMs: 40_000 });
    await e2e.startTwin(['--mic-wav', mic, '--speaker', 'null']);
    await e2e.page.goto(e2e.twin!.url);

    // Providers are configured: no first-run screen, the conversation view at once.
    await e2e.page.locator('#session-toggle').waitFor();
    expect(await e2e.page.getByTestId('first-run').count()).toBe(0);
    await e2e.page.locator('#session-toggle').click();
    await e2e.page.waitForSelector('[data-testid="agent-state"][data-state="listening"]', { timeout: 20_000 });
    expect(await e2e.page.getByTestId('practice-mode').count()).toBe(0);

    const user = e2e.page.locator('.entry.from-user').first();
    await user.waitFor({ timeout: 20_000 });
    await e2e.page.waitForFunction((text) => document.querySelector('.entry.from-user .text')?.textContent?.includes(text), TRANSCRIPT, { timeout: 10_000 });

    await e2e.page.waitForSelector('[data-testid="agent-state"][data-state="speaking"]', { timeout: 15_000 });
    await e2e.page.waitForFunction((text) => document.querySelector('.entry.from-agent')?.textContent?.includes(text), 'Bring water, a warm layer', {
      timeout: 10_000,
    });
    await e2e.page.screenshot({ path: artifactPath('spoken-conversation.png') });

    expect(provider.transcriptions.length).toBeGreaterThanOrEqual(1);
    expect(provider.chats[0]!.model).toBe('test-model');
    expect(provider.chats[0]!.messages.at(-1)).toEqual({ role: 'user', content: TRANSCRIPT });
    await e2e.page.waitForFunction(
      (text) => document.querySelector('.entry.from-agent')?.textContent?.includes(text),
      'Good shoes matter more than anything else.',
      { timeout: 15_000 },
    );
  });
});
