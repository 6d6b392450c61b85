/**
 * Whether the first-run screen shows: nothing can hold a conversation yet (no recognizer or
 * no language model ready), the person has not set it aside, and no session is running (the
 * Interrupt button must never be hidden behind it). Setting it aside is remembered.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useModelsStore } from './models';
import { useSessionStore } from './session';

const DISMISSED_KEY = 'interject.firstRun.dismissed';

function readDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

export const useFirstRunStore = defineStore('firstRun', () => {
  const dismissed = ref(readDismissed());
  const models = useModelsStore();
  const session = useSessionStore();

  const shown = computed(() => models.loaded && models.readiness !== null && !models.readiness.ready && !dismissed.value && !session.running);

  function setDismissed(value: boolean): void {
    dismissed.value = value;
    try {
      if (value) localStorage.setItem(DISMISSED_KEY, '1');
      else localStorage.removeItem(DISMISSED_KEY);
    } catch {
      // No storage (private mode): remembered for this window only.
    }
  }

  /** "Practise interrupting now": set the screen aside and start a session (practice mode). */
  async function practiseNow(): Promise<boolean> {
    setDismissed(true);
    return session.startSession();
  }

  return { dismissed, shown, dismiss: () => setDismissed(true), reopen: () => setDismissed(false), practiseNow };
});
