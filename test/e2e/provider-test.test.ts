/**
 * "Enter a provider" on first run, in the twin with Chromium: the provider form's quick setup
 * and its Test, before any session starts. An unreachable address, a wrong key and a working
 * local server (an OpenAI-compatible test server on 127.0.0.1 that wants a key) each get the
 * sentence a person needs; nothing is sent to the model and no session starts.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { artifactPath } from './helpers/browser';
import { startOpenAiTestServer, type OpenAiTestServer } from './helpers/openai-test-server';
import { seriousAxeViolations } from './helpers/page-checks';
import { useTwinE2e } from './helpers/twin-harness';

let provider: OpenAiTestServer | undefined;
const e2e = useTwinE2e('interject-e2e-provider-test-');
afterEach(async () => {
  await provider?.close();
  provider = undefined;
});

/** A port nothing listens on: bind, note, close. */
async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('testing a provider before any session', () => {
  it('says "cannot reach", "refused the key" and "1 model" for a dead address, a wrong key and a working server', { timeout: 120_000 }, async () => {
    provider = await startOpenAiTestServer({ transcript: '', reply: '', apiKey: 'sk-right' });
    const port = await deadPort();
    const page = e2e.page;
    await e2e.startTwin(['--speaker', 'null']);
    await page.goto(e2e.twin!.url);

    // First run: "Enter a provider" opens the provider form, recognizer first.
    await page.locator('#first-run-provider').click();
    await page.locator('[data-presets="llm"]').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: artifactPath('provider-form-top.png') });
    await page.locator('[data-presets="llm"] [data-preset="openai"]').click();
    expect(await page.locator('#field-providers-llmEndpoint').inputValue()).toBe('https://api.openai.com/v1');
    expect(await page.locator('[data-presets="llm"] [data-preset="openai"]').getAttribute('aria-pressed')).toBe('true');
    await page.locator('#field-providers-llmModel').fill('');
    const outcome = page.locator('[data-part="llm"] .outcome');
    const test = async (expected: string) => {
      await page.locator('[data-part="llm"] button').click();
      await page.waitForFunction((text) => document.querySelector('[data-part="llm"] .outcome')?.textContent?.includes(text), expected, { timeout: 15_000 });
      return (await outcome.textContent())!.trim();
    };

    // 1. An address where nothing listens.
    await page.locator('#field-providers-llmEndpoint').fill(`http://127.0.0.1:${port}/v1`);
    expect(await test('Cannot reach')).toBe(`Cannot reach 127.0.0.1:${port} (ECONNREFUSED). Is the server running and the address right?`);
    expect(await outcome.getAttribute('class')).toContain('bad');

    // 2. The server, with a wrong key.
    await page.locator('#field-providers-llmEndpoint').fill(provider.baseUrl);
    await page.locator('#api-key-openai-llm').fill('sk-wrong');
    await page.locator('[data-provider="openai-llm"] button', { hasText: 'Save key' }).click();
    await page.waitForSelector('[data-testid="key-state-openai-llm"]:has-text("Set")');
    expect(await test('refused')).toMatch(/refused the API key \(HTTP 401\).*Incorrect API key provided/);

    // 3. The right key: what answered, how many models, which one answers will use.
    await page.locator('#api-key-openai-llm').fill('sk-right');
    await page.locator('[data-provider="openai-llm"] button', { hasText: 'Save key' }).click();
    expect(await test('1 model')).toBe(`The server at ${new URL(provider.baseUrl).host}, 1 model; answers will use test-model.`);
    expect(await outcome.getAttribute('class')).toContain('ok');

    // All before any session: nothing was asked of the model, the agent is idle, nothing saved yet but the key.
    expect(provider.chats).toEqual([]);
    expect(await page.locator('#settings-save').isEnabled()).toBe(true);
    await page.locator('[data-part="llm"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('provider-test-before-session.png') });
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The voice picker lists the built-in voices by name.
    const voices = await page.locator('select#field-tts-voice option').allTextContents();
    expect(voices.slice(0, 2)).toEqual(['slt — US English, female (flite slt)', 'kal16 — US English, male (flite kal16)']);
    await page.locator('[data-presets="tts"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('provider-form-voice.png') });
  });
});
