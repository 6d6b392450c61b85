/**
 * Problems the person must act on, shown as dismissible banners with the next step:
 * errors from the engine (device lost, TTS closed fatally, provider unreachable) and
 * hotkey/tray actions that failed while the window was in the background.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppError, TranscriptEntry } from '../../../electron/contract/index';
import { getBridge } from '../bridge';
import { Subscriptions } from '../bridge/subscriptions';
import { readableActionError } from '../conversation/action-errors';

export interface Alert {
  id: number;
  kind: AppError['kind'] | 'actionFailed';
  message: string;
  nextStep: string;
}

/** More than this many at once is noise; the oldest go first. */
const MAX_ALERTS = 5;

export const useAlertsStore = defineStore('alerts', () => {
  const alerts = ref<Alert[]>([]);
  let nextId = 1;
  const subscriptions = new Subscriptions();

  function push(alert: Omit<Alert, 'id'>): void {
    // The same problem again replaces the old banner rather than stacking copies.
    const others = alerts.value.filter((a) => !(a.kind === alert.kind && a.message === alert.message));
    alerts.value = [...others, { ...alert, id: nextId++ }].slice(-MAX_ALERTS);
  }

  function dismiss(id: number): void {
    alerts.value = alerts.value.filter((a) => a.id !== id);
  }

  /** A banner whose cause is gone goes by itself: the model answered, the recognizer heard, the voice spoke. */
  function clearResolved(entries: readonly TranscriptEntry[]): void {
    const answered = entries.some((e) => e.speaker === 'agent' && !e.interim && e.text.trim());
    const heard = entries.some((e) => e.speaker === 'user' && !e.interim && e.text.trim());
    alerts.value = alerts.value.filter((a) => {
      if (a.kind === 'providerUnreachable' && a.message.startsWith('The language model')) return !answered;
      if (a.kind === 'providerUnreachable' && a.message.startsWith('Speech recognition')) return !heard;
      if (a.kind === 'ttsFatal') return !answered;
      return true;
    });
  }

  function subscribe(): void {
    if (subscriptions.active) return;
    const api = getBridge();
    subscriptions.hold(
      api.on('transcript:update', (update) => clearResolved(update.entries)),
      api.on('app:error', (error) => push({ kind: error.kind, message: error.message, nextStep: error.nextStep })),
      api.on('shell:actionFailed', (failure) => {
        const code = failure.message.includes('not currently streaming')
          ? 'not_streaming'
          : failure.message.includes('no active session')
            ? 'no_session'
            : 'internal';
        const readable = readableActionError(failure.action, { code, message: failure.message });
        const where = failure.source === 'hotkey' ? 'The hotkey' : 'The tray menu';
        push({ kind: 'actionFailed', message: `${where}: ${readable.title}`, nextStep: failure.message });
      }),
    );
  }

  function unsubscribe(): void {
    subscriptions.end();
  }

  return { alerts, push, dismiss, subscribe, unsubscribe };
});
