/**
 * The metrics panel's voice-to-voice budget in Chromium through the real twin server: budget
 * events go through the real EventHub (contract-checked), as a session's bridge sends them.
 * The figures are shaped like the latency bench's turns (models at 150 ms). Screenshot kept.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ok, type LatencyBudgetEvent } from '../../electron/contract/index';
import { artifactPath, launchChromium } from './helpers/browser';
import { startInProcessTwin, type InProcessTwin } from './helpers/in-process-twin';
import { seriousAxeViolations } from './helpers/page-checks';

const RUNNING = {
  state: 'listening' as const,
  phase: 'none' as const,
  sessionId: 'scripted-session',
  muted: false,
  transcript: [],
  metrics: { lastBargeInLatencyMs: 212, timeToFirstAudioMs: 18, interruptions: 1, falseInterruptions: 0 },
};

let chromium: Awaited<ReturnType<typeof launchChromium>>;
let twin: InProcessTwin;
let page: Page;

beforeAll(async () => {
  chromium = await launchChromium();
  twin = await startInProcessTwin({ 'agent:status': () => ok(RUNNING) });
  page = await chromium.browser.newPage();
});
afterAll(async () => {
  await page?.close();
  await twin?.close();
  await chromium?.close();
});

function turn(n: number, preemptive: boolean, ms: Partial<Record<'vad' | 'stt' | 'turn' | 'llm' | 'clause' | 'tts' | 'playback', number>>): LatencyBudgetEvent {
  const order = preemptive
    ? ([
        ['vad', 'vadEnd'],
        ['stt', 'sttFinal'],
        ['llm', 'llmFirstToken'],
        ['clause', 'llmFirstClause'],
        ['tts', 'ttsFirstAudio'],
        ['turn', 'endOfTurn'],
        ['playback', 'firstWrite'],
      ] as const)
    : ([
        ['vad', 'vadEnd'],
        ['stt', 'sttFinal'],
        ['turn', 'endOfTurn'],
        ['llm', 'llmFirstToken'],
        ['clause', 'llmFirstClause'],
        ['tts', 'ttsFirstAudio'],
        ['playback', 'firstWrite'],
      ] as const);
  const segments = order.map(([stage, until]) => ({ stage, until, ms: ms[stage] ?? 0 }));
  return { turnId: `turn-${n}`, atMs: 10_000 * n, preemptive, totalMs: segments.reduce((a, s) => a + s.ms, 0), outputLatencyMs: 60, segments };
}

it('shows a stacked bar per answered turn in the metrics panel', async () => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(twin.url);
  await page.getByRole('button', { name: 'Stop session' }).waitFor();
  twin.script.emit('latency:budget', turn(1, false, { vad: 120, stt: 175, turn: 230, llm: 160, clause: 70, tts: 120, playback: 2 }));
  twin.script.emit('latency:budget', turn(2, true, { vad: 115, stt: 170, llm: 155, clause: 65, tts: 95, turn: 20, playback: 1 }));
  twin.script.emit('latency:budget', turn(3, true, { vad: 110, stt: 172, llm: 158, clause: 66, tts: 260, playback: 3 }));
  twin.script.emit('latency:budget', turn(4, true, { vad: 108, stt: 20, llm: 30, clause: 68, tts: 90, turn: 210, playback: 1 }));
  const rows = page.locator('[data-metric="latency-budget"] .bar-row');
  await expect.poll(() => rows.count()).toBe(4);
  expect(await rows.nth(0).locator('.bar').getAttribute('aria-label')).toBe(
    '877 ms: Pause detection 120, Recognizer 175, End-of-turn wait 230, Model first word 160, First phrase 70, Voice 120, Playback 2',
  );
  await page.locator('section[aria-labelledby="metrics-title"]').screenshot({ path: artifactPath('metrics-latency-budget.png') });
  await page.screenshot({ path: artifactPath('conversation-latency-budget-1600x1000.png') });
  expect(await seriousAxeViolations(page)).toEqual([]);
});
