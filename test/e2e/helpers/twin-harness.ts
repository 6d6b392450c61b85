/**
 * The shared life cycle of the e2e tests that drive the real twin process: one Chromium per
 * file, and per test a fresh data dir, a fresh page and (when the test starts one) a twin
 * that is stopped afterwards.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir';
import { launchChromium } from './browser';
import { startTwin, type TwinProcess } from './twin-process';

export interface TwinE2e {
  readonly browser: BrowserContext;
  readonly page: Page;
  readonly dataDir: string;
  /** The running twin, if the test started one. */
  readonly twin: TwinProcess | undefined;
  /** Starts the twin on this test's data dir (stopping a running one first: a restart). */
  startTwin(args?: string[]): Promise<TwinProcess>;
  stopTwin(): Promise<void>;
}

export function useTwinE2e(tempPrefix: string, viewport?: { width: number; height: number }): TwinE2e {
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let page: Page | undefined;
  let dataDir = '';
  let cleanup = () => {};
  let twin: TwinProcess | undefined;

  const stopTwin = async () => {
    await twin?.stop();
    twin = undefined;
  };

  beforeAll(async () => {
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
  });
  beforeEach(async () => {
    ({ dir: dataDir, cleanup } = makeTempDir(tempPrefix));
    page = await chromium!.browser.newPage();
    if (viewport) await page.setViewportSize(viewport);
  });
  afterEach(async () => {
    await page?.close();
    await stopTwin();
    cleanup();
  });

  return {
    get browser() {
      return chromium!.browser;
    },
    get page() {
      return page!;
    },
    get dataDir() {
      return dataDir;
    },
    get twin() {
      return twin;
    },
    async startTwin(args = []) {
      await stopTwin();
      twin = await startTwin(dataDir, args);
      return twin;
    },
    stopTwin,
  };
}
