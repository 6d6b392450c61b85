/** This session's figures: last barge-in latency, time to first audio, interruption counts, and the latency budget of the last turns. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { LatencyBudgetEvent, SessionMetrics } from '../../../electron/contract/index';
import { getBridge } from '../bridge';
import { Subscriptions } from '../bridge/subscriptions';

/** Turns whose budget the panel shows: enough to see a trend, small enough for the card. */
export const BUDGET_TURNS_SHOWN = 6;

export function emptyMetrics(): SessionMetrics {
  return { lastBargeInLatencyMs: null, timeToFirstAudioMs: null, interruptions: 0, falseInterruptions: 0 };
}

export const useMetricsStore = defineStore('metrics', () => {
  const metrics = ref<SessionMetrics>(emptyMetrics());
  /** Oldest first, at most BUDGET_TURNS_SHOWN. */
  const budgets = ref<LatencyBudgetEvent[]>([]);
  const subscriptions = new Subscriptions();

  function set(next: SessionMetrics): void {
    metrics.value = next;
  }

  function addBudget(budget: LatencyBudgetEvent): void {
    budgets.value = [...budgets.value, budget].slice(-BUDGET_TURNS_SHOWN);
  }

  function subscribe(): void {
    if (subscriptions.active) return;
    const bridge = getBridge();
    subscriptions.hold(bridge.on('metrics:update', set), bridge.on('latency:budget', addBudget));
  }

  function unsubscribe(): void {
    subscriptions.end();
  }

  return { metrics, budgets, set, addBudget, subscribe, unsubscribe };
});
