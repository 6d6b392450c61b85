/**
 * Practice mode of the running session: whether the agent reads passages (no recognizer or
 * language model ready), why, and the Next / Continue buttons. Asked from main whenever the
 * session changes (agent:status carries mode and notes).
 */
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { AgentStatus } from '../../../electron/contract/index';
import { getBridge } from '../bridge';
import { useSessionStore } from './session';

export type PracticeAction = 'next' | 'continue';

export const usePracticeStore = defineStore('practice', () => {
  const session = useSessionStore();
  const mode = ref<AgentStatus['mode']>(undefined);
  const notes = ref<string[]>([]);
  /** How speech over the agent is decided in this session (no recognizer: by the voice alone). */
  const rules = ref<string[]>([]);
  const busy = ref<PracticeAction | null>(null);
  const error = ref<string | null>(null);

  const active = computed(() => session.running && mode.value === 'practice');

  async function refresh(): Promise<void> {
    const result = await getBridge().agent.status();
    if (!result.ok) return;
    mode.value = result.value.sessionId ? result.value.mode : undefined;
    notes.value = result.value.notes ?? [];
    rules.value = result.value.bargeInRules ?? [];
  }

  watch(
    () => session.sessionId,
    () => void refresh(),
    { immediate: true },
  );
  // Main restarts a running session quietly when providers change (the id the renderer holds
  // stays): the mode is asked again whenever the agent is back to listening.
  watch(
    () => session.state,
    (state) => {
      if (state === 'listening' && session.running) void refresh();
    },
  );

  async function take(action: PracticeAction): Promise<boolean> {
    if (busy.value) return false;
    busy.value = action;
    error.value = null;
    try {
      const result = await getBridge().agent.practice({ action });
      if (!result.ok) error.value = result.error.message;
      return result.ok;
    } finally {
      busy.value = null;
    }
  }

  return { mode, notes, rules, busy, error, active, refresh, take };
});
