/**
 * The first-run recommendation in Chromium, with the twin's real server and services in this
 * process and the full catalogue; hardware detection is injected, so two machines show two
 * recommendations: the laptop gets the small models and the light voice, the CUDA desktop the
 * 3B model, the better recognizer and Kokoro, each with its download size and expected speed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Hardware } from '../../electron/engine/models/hardware';
import { createAppServices, type AppServices } from '../../electron/services/app-services';
import { startTwinServer } from '../../electron/web/twin-server';
import { makeTempDir } from '../helpers/temp-dir';
import { artifactPath, launchChromium } from './helpers/browser';
import { layoutProblems, seriousAxeViolations } from './helpers/page-checks';

const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/renderer');
const GB = 1024 ** 3;

let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page | undefined;
let services: AppServices | undefined;
let closeTwin: (() => Promise<void>) | undefined;
let tmp: ReturnType<typeof makeTempDir> | undefined;

beforeAll(async () => {
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
});
afterEach(async () => {
  await page?.close();
  await closeTwin?.();
  await services?.dispose();
  tmp?.cleanup();
});

async function firstRunOn(hardware: Hardware): Promise<Page> {
  tmp = makeTempDir('interject-e2e-recommend-');
  services = createAppServices({ dataDir: path.join(tmp.dir, 'data'), detectLocalServers: async () => [], hardware: async () => hardware });
  const twin = await startTwinServer({ services, rendererDir: RENDERER_DIR, port: 0 });
  closeTwin = () => twin.close();
  page = await chromium.browser.newPage();
  await page.goto(twin.url);
  await page.getByTestId('machine-recommendation').waitFor();
  return page;
}

describe('first-run recommendation by machine', () => {
  it('a 2-core laptop without a GPU: the small models, the light voice, sizes and speed', { timeout: 60_000 }, async () => {
    const p = await firstRunOn({ totalRamBytes: 8 * GB, cpuCores: 2, gpu: 'cpu' });
    const box = p.getByTestId('machine-recommendation');
    expect(await box.textContent()).toContain('This computer: 8 GB RAM, 2 cores, no usable GPU (runs on the CPU)');
    expect(await box.locator('[data-pick="llm-qwen2.5-0.5b-instruct-q4"]').textContent()).toMatch(/ · 491 MB · about \d+ tokens a second \(estimate\)/);
    expect(await box.locator('[data-pick="tts-piper-en_us-lessac-medium"]').count()).toBe(1);
    expect(await p.locator('#first-run-download').textContent()).toMatch(/Download 619 MB/);
    expect(await seriousAxeViolations(p)).toEqual([]);
    await p.screenshot({ path: artifactPath('first-run-recommend-laptop.png') });
  });

  it('a CUDA desktop: the 3B model, the better recognizer and Kokoro; the layout holds at two sizes', { timeout: 60_000 }, async () => {
    const p = await firstRunOn({ totalRamBytes: 32 * GB, cpuCores: 8, gpu: 'cuda' });
    const box = p.getByTestId('machine-recommendation');
    expect(await box.textContent()).toContain('32 GB RAM, 8 cores, CUDA GPU');
    expect(await box.locator('[data-pick="llm-llama-3.2-3b-instruct-q4"]').textContent()).toMatch(/ · 2019 MB · about \d+ tokens a second/);
    await box.getByText('Why these models').click();
    expect(await box.locator('.why').textContent()).toContain('CUDA and 32 GB of RAM run it at speaking pace');
    expect(await box.locator('[data-pick="stt-zipformer-en-2023-06-26"]').count()).toBe(1);
    expect(await p.getByTestId('download-voice').textContent()).toContain('Add the natural voice (103 MB)');
    expect(await p.locator('#first-run-download').textContent()).toMatch(/Download 2315 MB/);
    for (const size of [
      { width: 900, height: 600 },
      { width: 1600, height: 1000 },
    ]) {
      await p.setViewportSize(size);
      await p.screenshot({ path: artifactPath(`first-run-recommend-cuda-${size.width}x${size.height}.png`) });
      expect(await layoutProblems(p), `${size.width}x${size.height}`).toEqual([]);
    }
  });
});
