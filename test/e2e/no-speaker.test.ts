/**
 * No speaker, in the twin with Chromium: the twin's real native output on a machine with no
 * sound card (--speaker native; a private PulseAudio is not started here), a WAV microphone
 * and the OpenAI-compatible test server. The agent answers, but the pill never says
 * "Speaking" and no word of the answer is shown as heard.
 */
import { describe, expect, it } from 'vitest';
import { artifactPath } from './helpers/browser';
import { seriousAxeViolations } from './helpers/page-checks';
import { useSpokenRequest } from './helpers/spoken-request';
import { useTwinE2e } from './helpers/twin-harness';

const TRANSCRIPT = 'What should I pack for a hike in the mountains?';
const REPLY = 'Bring plenty of water and a warm layer. Pack a rain jacket, a map, and some food. Good shoes matter more than anything else.';

const e2e = useTwinE2e('interject-e2e-no-speaker-');
const spokenRequest = useSpokenRequest(e2e);

describe('speaking with no speaker', () => {
  it('the pill says "Not heard" and the transcript marks no word heard', { timeout: 90_000 }, async () => {
    const { mic } = await spokenRequest({ transcript: TRANSCRIPT, reply: REPLY, tailMs: 40_000 });
    const page = e2e.page;
    await e2e.startTwin(['--mic-wav', mic, '--speaker', 'native']);
    await page.goto(e2e.twin!.url);
    await page.locator('#session-toggle').click();
    // The agent's answer is under way (its entry appears as the reply streams in).
    await page.waitForSelector('.entry.from-agent', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="agent-state"][data-state="speaking"]', { timeout: 15_000 });
    await page.waitForTimeout(1500);
    const pill = (await page.getByTestId('agent-state').textContent())!.replace(/\s+/g, ' ').trim();
    expect(pill).toContain('Not heard');
    expect(pill).toContain('No speaker connected');
    expect(pill).not.toContain('Speaking');
    // Nothing is shown as heard while the answer "plays".
    const spoken = await page.locator('.entry.from-agent .following .spoken').allTextContents();
    expect(spoken.join('').trim()).toBe('');
    await page.screenshot({ path: artifactPath('no-speaker.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
