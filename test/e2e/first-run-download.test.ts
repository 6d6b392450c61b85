/**
 * The first run in Chromium, with the twin's real server and services in this process:
 * entering a provider through Settings, and the download, from a catalogue whose two models
 * come from a slow download server on 127.0.0.1 (generated archives), so the progress bar,
 * rate and time left show; once ready, the first-run screen steps aside for the conversation.
 */
import path from 'node:path';
import type { ModelStatusInfo } from '../../electron/contract/index';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAppServices } from '../../electron/services/app-services';
import { startTwinServer } from '../../electron/web/twin-server';
import { makeTempDir } from '../helpers/temp-dir';
import { makeGgufFile, makeSttArchive, startModelServer, testCatalogue } from '../services/models/helpers/model-server';
import { artifactPath } from './helpers/browser';
import { layoutProblems, seriousAxeViolations } from './helpers/page-checks';
import { usePagePerTest } from './helpers/page-per-test';

const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/renderer');

// Per test: a data dir, a slow model server on 127.0.0.1 and the app served from this process.
const e2e = usePagePerTest(async () => {
  const tmp = makeTempDir('interject-e2e-download-');
  const stt = await makeSttArchive(tmp.dir);
  // 4 MB at about 1.6 MB/s: a few seconds of visible progress.
  const gguf = makeGgufFile(4_000_000);
  const server = await startModelServer({ 'stt.tar.gz': { body: stt, mode: 'slow' }, 'model.gguf': { body: gguf, mode: 'slow' } });
  const services = createAppServices({
    dataDir: path.join(tmp.dir, 'data'),
    detectLocalServers: async () => [],
    modelCatalogue: testCatalogue(server.url, { stt: stt.length, llm: gguf.length }),
  });
  const twin = await startTwinServer({ services, rendererDir: RENDERER_DIR, port: 0 });
  return {
    url: twin.url,
    server,
    services,
    close: async () => {
      await twin.close();
      await services.dispose();
      await server.close();
      tmp.cleanup();
    },
  };
});

describe('first run: entering a provider', () => {
  it('opens Settings at the providers page; once a provider is saved the first-run screen is gone', { timeout: 60_000 }, async () => {
    await e2e.page.goto(e2e.twin.url);
    await e2e.page.locator('#first-run-provider').click();
    await expect.poll(() => e2e.page.locator('#settings-page-providers').getAttribute('aria-current')).toBe('page');
    await e2e.page.locator('#field-providers-sttProvider').selectOption('openai-compatible');
    await e2e.page.locator('#field-providers-sttEndpoint').fill('http://127.0.0.1:9/v1');
    await e2e.page.locator('#field-providers-llmProvider').selectOption('openai-compatible');
    await e2e.page.locator('#field-providers-llmEndpoint').fill('http://127.0.0.1:9/v1');
    await e2e.page.locator('#settings-save').click();
    await expect.poll(() => e2e.twin.services.settings.get().providers.llmEndpoint).toBe('http://127.0.0.1:9/v1');
    await e2e.page.screenshot({ path: artifactPath('first-run-provider-settings.png') });

    await e2e.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Conversation' }).click();
    await e2e.page.locator('#session-toggle').waitFor();
    expect(await e2e.page.getByTestId('first-run').count()).toBe(0);
  });
});

describe('first-run download', () => {
  it('offline: each reason is listed once, in words, with the way to try again', { timeout: 60_000 }, async () => {
    // The download server goes away: the machine is offline for these models.
    await e2e.twin.server.close();
    await e2e.page.goto(e2e.twin.url);
    await e2e.page.locator('#first-run-download').click();
    const error = e2e.page.getByTestId('download-error');
    await error.waitFor({ timeout: 20_000 });
    await e2e.page.waitForTimeout(1500); // both downloads have failed and every later update has arrived
    const lines = (await error.locator('p').allTextContents()).map((t) => t.trim());
    expect(lines.length).toBeGreaterThan(0);
    expect(new Set(lines).size).toBe(lines.length);
    // No line repeats another's reason with only the model's name changed.
    const reasons = lines.map((l) => l.replace(/^.*?(Cannot|Could not|No )/, '$1'));
    expect(new Set(reasons).size, lines.join(' | ')).toBe(reasons.length);
    expect(lines.join(' ')).toMatch(/127\.0\.0\.1/);
    await e2e.page.screenshot({ path: artifactPath('first-run-offline.png') });
    expect(await seriousAxeViolations(e2e.page)).toEqual([]);
  });

  it('downloads both local models with a progress bar, rate and time left, then shows the conversation', { timeout: 60_000 }, async () => {
    await e2e.page.goto(e2e.twin.url);
    const download = e2e.page.locator('#first-run-download');
    await download.waitFor();
    expect(await download.textContent()).toMatch(/Download 4 MB/);
    expect(await seriousAxeViolations(e2e.page)).toEqual([]);
    for (const size of [
      { width: 900, height: 600 },
      { width: 1600, height: 1000 },
    ]) {
      await e2e.page.setViewportSize(size);
      await e2e.page.screenshot({ path: artifactPath(`first-run-${size.width}x${size.height}.png`) });
      expect(await layoutProblems(e2e.page), `${size.width}x${size.height}`).toEqual([]);
    }
    await e2e.page.setViewportSize({ width: 1100, height: 760 });
    await download.click();

    const bar = e2e.page.getByRole('progressbar', { name: 'Downloading the local models' });
    await bar.waitFor({ timeout: 10_000 });
    await e2e.page.waitForFunction(() => /MB\/s|kB\/s/.test(document.querySelector('[data-testid="download-figures"]')?.textContent ?? ''), undefined, {
      timeout: 10_000,
    });
    expect(await e2e.page.getByTestId('download-figures').textContent()).toMatch(/of 4 MB · [\d.]+ (MB|kB)\/s( · about .+ left)?/);
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeLessThan(100);
    await e2e.page.screenshot({ path: artifactPath('first-run-downloading.png') });
    expect(await seriousAxeViolations(e2e.page)).toEqual([]);

    // Both installed: readiness is met, the first-run screen goes, the conversation view is there.
    await e2e.page.getByTestId('first-run').waitFor({ state: 'detached', timeout: 20_000 });
    await e2e.page.locator('#session-toggle').waitFor();
    const list = await e2e.twin.services.registry.handle('models:list', undefined);
    expect(list.ok && (list.value as ModelStatusInfo[]).map((m) => m.state)).toEqual(['installed', 'installed']);
  });
});
