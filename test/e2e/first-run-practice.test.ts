/**
 * A new user with no network and nothing configured: the real twin process (WAV microphone of
 * silence, null speaker), real Chromium. The first-run screen explains the choice; "Practise
 * interrupting now" starts practice mode; the Interrupt button silences the agent.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { artifactPath } from './helpers/browser';
import { PRACTICE_PASSAGES } from '../../electron/engine/llm/practice-passages';
import { useTwinE2e } from './helpers/twin-harness';
import { writeSilenceWav } from './helpers/voice-fixtures';

const e2e = useTwinE2e('interject-e2e-firstrun-');

const agentState = () => e2e.page.getAttribute('[data-testid="agent-state"]', 'data-state');

describe('first run with no network', () => {
  it('explains the downloads, reaches practice mode in one click, and the Interrupt button stops the agent', { timeout: 60_000 }, async () => {
    const mic = writeSilenceWav(path.join(e2e.dataDir, 'silence.wav'), 90);
    await e2e.startTwin(['--mic-wav', mic, '--speaker', 'null']);
    await e2e.page.goto(e2e.twin!.url);

    const firstRun = e2e.page.getByTestId('first-run');
    await firstRun.waitFor();
    expect(await e2e.page.getByRole('heading', { name: 'Set up a conversation' }).isVisible()).toBe(true);
    const download = e2e.page.locator('#first-run-download');
    expect(await download.textContent()).toMatch(/^\s*Download 619 MB\s*$/);
    expect(await firstRun.textContent()).toContain('The local speech recognition model (128 MB) is not downloaded yet.');
    expect(await e2e.page.locator('#first-run-provider').isVisible()).toBe(true);
    await e2e.page.screenshot({ path: artifactPath('first-run.png') });

    await e2e.page.locator('#first-run-practice').click();
    const practice = e2e.page.getByTestId('practice-mode');
    await practice.waitFor();
    expect(await e2e.page.locator('#practice-title').textContent()).toContain('Practice mode');
    expect(await practice.getByRole('list', { name: 'Why practice mode' }).textContent()).toContain('not downloaded yet');
    await e2e.page.waitForSelector('[data-testid="agent-state"][data-state="speaking"]', { timeout: 20_000 });
    await e2e.page.screenshot({ path: artifactPath('practice-speaking.png') });

    await e2e.page.locator('#interrupt-button').click();
    await e2e.page.waitForSelector('[data-testid="agent-state"][data-state="listening"]', { timeout: 15_000 });
    const agentEntry = e2e.page.locator('.entry.from-agent').first();
    await agentEntry.locator('.cut-mark').waitFor({ timeout: 15_000 });
    expect(await agentEntry.locator('.cut-mark').textContent()).toMatch(/Interrupted by .*button/i);
    // The cut splits the passage: what was heard (possibly nothing yet), then the unheard rest.
    const heard = ((await agentEntry.locator('.heard').textContent()) ?? '').trim();
    const unheard = ((await agentEntry.locator('.unheard').textContent()) ?? '').replace(/^\s*Not heard:\s*/, '').trim();
    const passage = PRACTICE_PASSAGES[0]!.text;
    expect(unheard.length).toBeGreaterThan(0);
    expect(passage.startsWith(heard)).toBe(true);
    expect([heard, unheard].filter(Boolean).join(' ')).toBe(passage);
    expect(await agentState()).toBe('listening');
    await e2e.page.screenshot({ path: artifactPath('practice-interrupted.png') });

    // The smallest window (900×600): the Interrupt button is still in view without scrolling.
    await e2e.page.setViewportSize({ width: 900, height: 600 });
    const button = (await e2e.page.locator('#interrupt-button').boundingBox())!;
    expect(button.y + button.height).toBeLessThanOrEqual(600);
    expect(await e2e.page.locator('#practice-title').isVisible()).toBe(true);
    await e2e.page.screenshot({ path: artifactPath('practice-900x600.png') });
    await e2e.page.setViewportSize({ width: 1100, height: 760 });

    await e2e.page.locator('#practice-next').click();
    await e2e.page.waitForSelector('[data-testid="agent-state"][data-state="speaking"]', { timeout: 10_000 });
    await expect.poll(() => e2e.page.locator('.entry.from-agent').last().textContent()).toContain(PRACTICE_PASSAGES[1]!.text.slice(0, 40));
  });
});
