/**
 * The conversation transcript as main reports it: entries upserted by id (interim user text
 * is replaced by its final text; an agent entry is replaced by its interrupted cut).
 * "Clear" hides what is on screen now (Undo brings it back; History keeps it); it does not touch the agent's memory.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { MAX_TRANSCRIPT_ENTRIES, type TranscriptEntry } from '../../../electron/contract/index';
import { getBridge } from '../bridge';
import { Subscriptions } from '../bridge/subscriptions';
import { transcriptAsText } from '../conversation/transcript-text';

export const useTranscriptStore = defineStore('transcript', () => {
  const entries = shallowRef<TranscriptEntry[]>([]);
  const hidden = ref<Set<string>>(new Set());
  const subscriptions = new Subscriptions();

  const visible = computed(() => entries.value.filter((e) => !hidden.value.has(e.id)));

  function upsert(changed: readonly TranscriptEntry[]): void {
    if (changed.length === 0) return;
    const next = [...entries.value];
    const index = new Map(next.map((e, i) => [e.id, i]));
    for (const entry of changed) {
      const at = index.get(entry.id);
      if (at === undefined) {
        index.set(entry.id, next.length);
        next.push(entry);
      } else {
        next[at] = entry;
      }
    }
    entries.value = next.length > MAX_TRANSCRIPT_ENTRIES ? next.slice(-MAX_TRANSCRIPT_ENTRIES) : next;
  }

  function replaceAll(all: readonly TranscriptEntry[]): void {
    entries.value = [...all];
  }

  /** What was hidden before the last Clear, for Undo. */
  let beforeClear: Set<string> | null = null;

  function clearView(): void {
    beforeClear = new Set(hidden.value);
    hidden.value = new Set([...hidden.value, ...entries.value.map((e) => e.id)]);
  }

  function undoClear(): boolean {
    if (!beforeClear) return false;
    hidden.value = beforeClear;
    beforeClear = null;
    return true;
  }

  function asText(): string {
    return transcriptAsText(visible.value);
  }

  /**
   * The turn Retry can ask again: the last user turn, when main marked its answer failed and no
   * answer followed (an earlier unanswered turn keeps its mark, without Retry).
   */
  const retryableId = computed(() => {
    const last = entries.value.filter((e) => !e.interim).at(-1);
    return last?.speaker === 'user' && last.replyFailed ? last.id : null;
  });

  async function retry(): Promise<boolean> {
    const result = await getBridge().agent.retry();
    return result.ok && result.value.retried;
  }

  function subscribe(): void {
    if (subscriptions.active) return;
    const api = getBridge();
    subscriptions.hold(api.on('transcript:update', (update) => upsert(update.entries)));
  }

  function unsubscribe(): void {
    subscriptions.end();
  }

  return { entries, visible, retryableId, upsert, replaceAll, clearView, undoClear, retry, asText, subscribe, unsubscribe };
});
