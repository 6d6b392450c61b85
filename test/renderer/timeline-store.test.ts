import { describe, expect, it } from 'vitest';
import { timelineModel } from '../../renderer/src/conversation/timeline-spans';
import { TIMELINE_WINDOW_MS, useTimelineStore } from '../../renderer/src/stores/timeline';
import { useBridgePerTest } from './helpers/bridge-per-test';

const bridge = useBridgePerTest({ subscribed: () => [useTimelineStore()] });

describe('timeline store', () => {
  it('keeps the levels of the last minute only', () => {
    const store = useTimelineStore();
    bridge.script.at(0).quiet(70_000);
    expect(store.levels[0]!.tMs).toBeGreaterThanOrEqual(store.nowMs! - TIMELINE_WINDOW_MS);
    expect(store.levels.length).toBe(TIMELINE_WINDOW_MS / 50 + 1);
  });

  it('shows the newest level as the current one', () => {
    const store = useTimelineStore();
    bridge.script.at(1000).levels(
      100,
      (i) => -40 + i * 10,
      () => 0.9,
    );
    expect(store.latest).toMatchObject({ rmsDbfs: -30, vadProbability: 0.9 });
  });

  it('keeps marks in time order when one arrives late', () => {
    const store = useTimelineStore();
    bridge.script.at(2000).mark('pause').at(1980).mark('duck');
    expect(store.marks.map((m) => m.kind)).toEqual(['duck', 'pause']);
  });
});

describe('timeline model', () => {
  it('pairs start and stop marks into spans', () => {
    const model = timelineModel(
      [
        { tMs: 1000, kind: 'agentStart' },
        { tMs: 4000, kind: 'agentStop' },
        { tMs: 3000, kind: 'userStart' },
      ].sort((a, b) => a.tMs - b.tMs) as never,
      5000,
      60_000,
    );
    expect(model.agent).toEqual([{ fromMs: 1000, toMs: 4000, open: false }]);
    expect(model.user).toEqual([{ fromMs: 3000, toMs: 5000, open: true }]);
  });

  it('starts a span at the window edge when its start scrolled out', () => {
    const model = timelineModel([{ tMs: 70_000, kind: 'agentStop' }], 80_000, 60_000);
    expect(model.agent).toEqual([{ fromMs: 20_000, toMs: 70_000, open: false }]);
  });

  it('lists duck, pause, resume, interrupt and false alarm as points', () => {
    const kinds = ['duck', 'pause', 'resume', 'interrupt', 'falseInterruption'] as const;
    const model = timelineModel(
      kinds.map((kind, i) => ({ tMs: 100 + i, kind })),
      1000,
      60_000,
    );
    expect(model.points.map((p) => p.kind)).toEqual([...kinds]);
  });
});
