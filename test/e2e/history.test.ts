/**
 * Conversations that last, in the twin: hold a conversation (cut short with the Interrupt
 * button), restart the twin, find it in History, open it, export it to Markdown, continue it,
 * and the language model then receives only what the person heard. axe checks the History
 * view and a provider Test answers before any session.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTERRUPTED_NOTE } from '../../electron/engine/agent/chat-history';
import { artifactPath } from './helpers/browser';
import { seriousAxeViolations } from './helpers/page-checks';
import { useSpokenRequest } from './helpers/spoken-request';
import { useTwinE2e } from './helpers/twin-harness';

const TRANSCRIPT = 'What should I pack for a hike in the mountains?';
const REPLY =
  'Bring plenty of water and a warm layer. Pack a rain jacket, a map, a small first aid kit, some food with salt and sugar, sun cream, a hat, and a head torch in case the walk runs late. Good shoes matter more than anything else.';

const e2e = useTwinE2e('interject-e2e-history-');
const spokenRequest = useSpokenRequest(e2e);

describe('conversation history in the twin', () => {
  it('a conversation survives a restart, exports to Markdown, and continues with only the heard parts in memory', { timeout: 120_000 }, async () => {
    const { provider, mic } = await spokenRequest({ transcript: TRANSCRIPT, reply: REPLY, tailMs: 60_000 });
    const page = e2e.page;
    await e2e.startTwin(['--mic-wav', mic, '--speaker', 'null']);
    await page.goto(e2e.twin!.url);

    // A provider Test answers before any session starts.
    await page.locator('.view-tab', { hasText: 'Settings' }).click();
    await page.locator('#settings-page-providers').click();
    await page.locator('[data-part="llm"] button').click();
    await page.waitForFunction(() => document.querySelector('[data-part="llm"] .outcome')?.textContent?.includes('1 model'), null, { timeout: 10_000 });
    expect(await page.locator('[data-part="llm"] .outcome').textContent()).toContain('test-model');
    await page.locator('[data-part="llm"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('provider-form.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator('.view-tab', { hasText: 'Conversation' }).click();

    // Talk, and cut the agent off with the button once it has said a few words.
    await page.locator('#session-toggle').click();
    await page.waitForSelector('[data-testid="agent-state"][data-state="speaking"]', { timeout: 30_000 });
    // The transcript follows the voice: heard words in full, the rest pending, the heard part growing.
    await page.waitForSelector('.entry.from-agent .following .pending', { timeout: 10_000 });
    const early = (await page.locator('.entry.from-agent .following .spoken').textContent()) ?? '';
    await page.waitForTimeout(1500);
    const later = (await page.locator('.entry.from-agent .following .spoken').textContent()) ?? '';
    expect(later.length).toBeGreaterThan(early.length);
    expect(later.startsWith(early)).toBe(true);
    expect((await page.locator('.entry.from-agent .following .pending').textContent())!.length).toBeGreaterThan(20);
    await page.screenshot({ path: artifactPath('transcript-following-voice.png') });
    await page.locator('#interrupt-button').click();
    await page.waitForSelector('.entry.from-agent.cut', { timeout: 10_000 });
    const heard = (await page.locator('.entry.from-agent.cut .heard').textContent())!.trim();
    const unheard = (await page.locator('.entry.from-agent.cut .unheard').textContent())!.replace('Not heard:', '').trim();
    expect(heard.length).toBeGreaterThan(0);
    expect(unheard.length).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('history-interrupted-transcript.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.locator('#session-toggle').click();
    await page.waitForSelector('[data-testid="agent-state"][data-state="idle"]', { timeout: 10_000 });

    // Restart the twin: the conversation is in History.
    await e2e.startTwin(['--mic-wav', mic, '--speaker', 'null']);
    await page.goto(e2e.twin!.url);
    await page.locator('.view-tab', { hasText: 'History' }).click();
    const item = page.locator('.history .item').first();
    await item.waitFor({ timeout: 10_000 });
    expect(await item.locator('.title').textContent()).toBe('What should I pack for a hike in…');
    await page.locator('input[type="search"]').fill('rain jacket');
    await page.waitForTimeout(400);
    expect(await page.locator('.history .item').count()).toBe(1);
    await item.click();
    await page.locator('#history-detail-title').waitFor();
    expect(await page.locator('.detail .entry.from-agent.cut .heard').textContent()).toBe(heard);
    await page.screenshot({ path: artifactPath('history-view.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Export to Markdown: a real download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action="export-markdown"]').click()]);
    const file = path.join(e2e.dataDir, download.suggestedFilename());
    await download.saveAs(file);
    const markdown = fs.readFileSync(file, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2}-what-should-i-pack-for-a-hike-in\.md$/);
    expect(markdown).toContain(`**You**: ${TRANSCRIPT}`);
    expect(markdown).toContain('*(interrupted with the button)*');

    // Continue: the same request again; the model gets the earlier turn with only what was heard.
    const chatsBefore = provider.chats.length;
    await page.locator('[data-action="continue"]').click();
    await page.waitForSelector('.view-conversation', { timeout: 10_000 });
    for (let i = 0; i < 300 && provider.chats.length === chatsBefore; i++) await new Promise((r) => setTimeout(r, 100));
    const messages = provider.chats.at(-1)!.messages;
    expect(messages.slice(1)).toEqual([
      { role: 'user', content: TRANSCRIPT },
      { role: 'assistant', content: `${heard} ${INTERRUPTED_NOTE}` },
      { role: 'user', content: TRANSCRIPT },
    ]);
    expect(JSON.stringify(messages)).not.toContain(unheard);
    // The continued session shows the earlier entries and goes on in the same saved conversation.
    expect(await page.locator('.transcript .entry.from-agent.cut').count()).toBe(1);
  });
});
