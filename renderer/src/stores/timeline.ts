/**
 * The live signal: microphone level and VAD probability (~20 Hz) and the barge-in marks,
 * kept for the last minute so the level meter, sparkline and timeline strip can draw them.
 * `nowMs` is the newest engine-clock time seen, so drawing never mixes in the renderer's clock.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { AudioLevel, BargeInMark } from '../../../electron/contract/index';
import { getBridge } from '../bridge';
import { Subscriptions } from '../bridge/subscriptions';

/** One minute: what the timeline strip shows. */
export const TIMELINE_WINDOW_MS = 60_000;

export const useTimelineStore = defineStore('timeline', () => {
  const levels = shallowRef<AudioLevel[]>([]);
  const marks = shallowRef<BargeInMark[]>([]);
  const latest = ref<AudioLevel | null>(null);
  const nowMs = ref<number | null>(null);
  const subscriptions = new Subscriptions();

  function advance(tMs: number): void {
    if (nowMs.value === null || tMs > nowMs.value) nowMs.value = tMs;
  }

  function trim<T extends { tMs: number }>(items: T[]): T[] {
    const from = (nowMs.value ?? 0) - TIMELINE_WINDOW_MS;
    let i = 0;
    while (i < items.length && items[i]!.tMs < from) i++;
    return i === 0 ? items : items.slice(i);
  }

  function addLevel(level: AudioLevel): void {
    advance(level.tMs);
    latest.value = level;
    levels.value = trim([...levels.value, level]);
  }

  function addMark(mark: BargeInMark): void {
    advance(mark.tMs);
    // Marks can arrive a frame out of order (level and mark come from different stages); keep time order.
    const next = [...marks.value, mark].sort((a, b) => a.tMs - b.tMs);
    marks.value = trim(next);
  }

  function reset(): void {
    levels.value = [];
    marks.value = [];
    latest.value = null;
    nowMs.value = null;
  }

  function subscribe(): void {
    if (subscriptions.active) return;
    const api = getBridge();
    subscriptions.hold(
      api.on('audio:level', addLevel),
      api.on('bargein:mark', addMark),
      api.on('agent:state', (event) => advance(event.atMs)),
    );
  }

  function unsubscribe(): void {
    subscriptions.end();
  }

  return { levels, marks, latest, nowMs, addLevel, addMark, reset, subscribe, unsubscribe };
});
