/**
 * The conversation view and settings in Chromium through the real twin server, with agent
 * events sent through the real EventHub by a script (AgentEventScript: it reports what a
 * session would; it does not run one; voice-session.test.ts drives a real one). Takes the
 * screenshots kept as CI artifacts, checks accessibility with axe and the layout at the
 * smallest (900×600) and a large (1600×1000) window.
 */
import { describe, expect, it } from 'vitest';
import { ok } from '../../electron/contract/index';
import { scriptInterruptDecided, scriptUpToBargeIn } from '../helpers/agent-events';
import { artifactPath } from './helpers/browser';
import { startInProcessTwin } from './helpers/in-process-twin';
import { layoutProblems, seriousAxeViolations } from './helpers/page-checks';
import { usePagePerTest } from './helpers/page-per-test';

const SIZES = [
  { width: 900, height: 600 },
  { width: 1600, height: 1000 },
] as const;

const RUNNING = {
  state: 'listening' as const,
  phase: 'none' as const,
  sessionId: 'scripted-session',
  muted: false,
  transcript: [],
  metrics: { lastBargeInLatencyMs: null, timeToFirstAudioMs: null, interruptions: 0, falseInterruptions: 0 },
};

// A scripted "session is running" snapshot, so the controls look as they do in a session.
const e2e = usePagePerTest(() => startInProcessTwin({ 'agent:status': () => ok(RUNNING) }));

async function open(size: { width: number; height: number }, hash = ''): Promise<void> {
  await e2e.page.setViewportSize(size);
  await e2e.page.goto(e2e.twin.url + hash);
  await (hash === '#settings' ? e2e.page.locator('nav[aria-label="Settings sections"]') : e2e.page.getByRole('button', { name: 'Stop session' })).waitFor();
}

const pill = () => e2e.page.getByTestId('agent-state');

describe('conversation view', () => {
  for (const size of SIZES) {
    it(`shows an interruption as it happens at ${size.width}×${size.height}`, async () => {
      await open(size);
      scriptUpToBargeIn(e2e.twin.script);
      await expect.poll(() => pill().textContent()).toContain('Maybe interrupting');
      expect(await e2e.page.locator('#interrupt-button').getAttribute('class')).toContain('live');
      await e2e.page.screenshot({ path: artifactPath(`conversation-paused-${size.width}x${size.height}.png`) });
      expect(await layoutProblems(e2e.page)).toEqual([]);

      scriptInterruptDecided(e2e.twin.script);
      const cut = e2e.page.locator('[data-entry-id="a2"]');
      await expect.poll(() => cut.locator('.cut-mark').textContent()).toBe('Interrupted by voice (phrases)');
      expect(await cut.locator('del').textContent()).toContain('and snacks for the trail.');
      expect(await e2e.page.locator('[data-metric="interruptions"] dd').textContent()).toBe('1');
      expect(await e2e.page.locator('[data-metric="barge-in"] dd').textContent()).toBe('212 ms');
      expect(await e2e.page.locator('[data-mark="interrupt"]').count()).toBe(1);
      await e2e.page.screenshot({ path: artifactPath(`conversation-interrupted-${size.width}x${size.height}.png`) });
      expect(await layoutProblems(e2e.page)).toEqual([]);
    });
  }

  it('looks right in dark mode', async () => {
    e2e.twin.services.settings.update({ appearance: { theme: 'dark' } });
    await open({ width: 1600, height: 1000 });
    scriptInterruptDecided(scriptUpToBargeIn(e2e.twin.script));
    await e2e.page.locator('[data-entry-id="a2"] del').waitFor();
    expect(await e2e.page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await e2e.page.screenshot({ path: artifactPath('conversation-dark-1600x1000.png') });
    expect(await seriousAxeViolations(e2e.page)).toEqual([]);
  });

  it('has no serious or critical accessibility problems', async () => {
    await open({ width: 1600, height: 1000 });
    scriptInterruptDecided(scriptUpToBargeIn(e2e.twin.script));
    e2e.twin.script.emit('app:error', {
      kind: 'deviceLost',
      message: 'The microphone was unplugged.',
      nextStep: 'Plug it back in, or choose another microphone in Settings → Audio.',
    });
    await e2e.page.getByRole('region', { name: 'Problems' }).waitFor();
    await e2e.page.screenshot({ path: artifactPath('conversation-error-banner-1600x1000.png') });
    expect(await seriousAxeViolations(e2e.page)).toEqual([]);
  });

  it('announces state changes politely', async () => {
    await open({ width: 1600, height: 1000 });
    e2e.twin.script.state('speaking', 'paused');
    await expect.poll(() => e2e.page.getByTestId('announcer').textContent()).toBe('Agent paused: Maybe interrupting…');
    expect(await e2e.page.getByTestId('announcer').getAttribute('aria-live')).toBe('polite');
  });

  it('reaches the Interrupt button and the views by keyboard, with a visible focus ring', async () => {
    await open({ width: 1600, height: 1000 });
    const focusOf = async (selector: string) => {
      for (let i = 0; i < 25; i++) {
        await e2e.page.keyboard.press('Tab');
        if (await e2e.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return true;
      }
      return false;
    };
    expect(await focusOf('#interrupt-button')).toBe(true);
    const outline = await e2e.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await e2e.page.screenshot({ path: artifactPath('conversation-keyboard-focus-1600x1000.png') });
  });
});

describe('settings pages', () => {
  for (const size of SIZES) {
    it(`shows every page without layout breaks or accessibility problems at ${size.width}×${size.height}`, async () => {
      await open(size, '#settings');
      const ids = await e2e.page.locator('nav[aria-label="Settings sections"] button').evaluateAll((els) => els.map((e) => e.id.replace('settings-page-', '')));
      expect(ids.length).toBeGreaterThanOrEqual(9);
      for (const id of ids) {
        await e2e.page.locator(`#settings-page-${id}`).click();
        await e2e.page.locator(`[data-page="${id}"]`).waitFor();
        await e2e.page.screenshot({ path: artifactPath(`settings-${id}-${size.width}x${size.height}.png`) });
        expect({ id, problems: await layoutProblems(e2e.page) }).toEqual({ id, problems: [] });
        if (size.width === 1600) expect({ id, axe: await seriousAxeViolations(e2e.page) }).toEqual({ id, axe: [] });
      }
    });
  }

  it('applies a theme change live, in dark mode with no accessibility problems', async () => {
    await open({ width: 1600, height: 1000 }, '#settings');
    await e2e.page.locator('#settings-page-appearance').click();
    await e2e.page.getByLabel('Dark').check();
    await e2e.page.locator('#settings-save').click();
    await expect.poll(() => e2e.page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(e2e.twin.services.settings.get().appearance.theme).toBe('dark');
    await e2e.page.locator('#settings-page-strategies').click();
    await e2e.page.screenshot({ path: artifactPath('settings-strategies-dark-1600x1000.png') });
    expect(await seriousAxeViolations(e2e.page)).toEqual([]);
    // The provider form's pressed preset and voice picker, in dark mode too.
    await e2e.page.locator('#settings-page-providers').click();
    await e2e.page.locator('[data-presets="tts"] [aria-pressed="true"]').waitFor();
    await e2e.page.screenshot({ path: artifactPath('settings-providers-dark-1600x1000.png') });
    expect(await seriousAxeViolations(e2e.page)).toEqual([]);
  });

  it('saves a reordered strategy list that main applies', async () => {
    await open({ width: 1600, height: 1000 }, '#settings');
    await e2e.page.locator('#settings-page-strategies').click();
    await e2e.page.getByRole('button', { name: 'Move Voice length (no words) up' }).click();
    await e2e.page.locator('#settings-save').click();
    await expect.poll(() => e2e.twin.services.settings.get().conversation.strategies.map((s) => s.type)).toEqual(['voiceShape', 'backchannelModel']);
  });
});
