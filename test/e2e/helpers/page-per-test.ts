/**
 * The life cycle of the e2e tests that serve the app from this process (an in-process twin or a
 * twin server of their own): one Chromium per file, and per test what the test opens and a fresh
 * page, closed after it, the page first. `useTwinE2e` is the same for the twin as a child process.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from './browser';

export interface PagePerTest<T> {
  readonly page: Page;
  /** What `open` returned for the running test (the twin and whatever it serves). */
  readonly twin: T;
}

export function usePagePerTest<T extends { close(): Promise<void> }>(open: () => Promise<T>): PagePerTest<T> {
  let chromium: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let opened: T | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
  });
  beforeEach(async () => {
    opened = await open();
    page = await chromium!.browser.newPage();
  });
  afterEach(async () => {
    // Forgotten as they close: if the next test's open() fails, nothing of this test is closed twice.
    const [closingPage, closingOpened] = [page, opened];
    page = undefined;
    opened = undefined;
    await closingPage?.close();
    await closingOpened?.close();
  });

  return {
    get page() {
      return page!;
    },
    get twin() {
      return opened!;
    },
  };
}
