/** This session's figures: last barge-in latency, time to first audio, interruption counts. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SessionMetrics } from '../../../electron/contract/index';
import { getBridge } from '../bridge';

export function emptyMetrics(): SessionMetrics {
  return { lastBargeInLatencyMs: null, timeToFirstAudioMs: null, interruptions: 0, falseInterruptions: 0 };
}

export const useMetricsStore = defineStore('metrics', () => {
  const metrics = ref<SessionMetrics>(emptyMetrics());
  let unsubscribers: Array<() => void> = [];

  function set(next: SessionMetrics): void {
    metrics.value = next;
  }

  function subscribe(): void {
    if (unsubscribers.length > 0) return;
    unsubscribers = [getBridge().on('metrics:update', set)];
  }

  function unsubscribe(): void {
    unsubscribers.forEach((u) => u());
    unsubscribers = [];
  }

  return { metrics, set, subscribe, unsubscribe };
});
