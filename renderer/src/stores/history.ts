/**
 * Conversation history: the list (with search), the conversation open in the history view,
 * and the actions on it. Deleting keeps the last deleted id for Undo. Main owns the files;
 * this store only asks and shows.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Conversation, ConversationSummary } from '../../../electron/contract/index';
import { getBridge } from '../bridge';
import { Subscriptions } from '../bridge/subscriptions';
import { useSessionStore } from './session';

export const useHistoryStore = defineStore('history', () => {
  const conversations = ref<ConversationSummary[]>([]);
  const query = ref('');
  const enabled = ref(true);
  const folder = ref('');
  const open = ref<Conversation | null>(null);
  const error = ref('');
  /** The conversation just deleted, while Undo is offered. */
  const deleted = ref<ConversationSummary | null>(null);
  const subscriptions = new Subscriptions();
  let asked = 0;

  async function refresh(): Promise<void> {
    const mine = ++asked;
    const result = await getBridge().history.list(query.value.trim() ? { query: query.value.trim() } : undefined);
    if (mine !== asked) return;
    if (!result.ok) {
      error.value = result.error.message;
      return;
    }
    conversations.value = result.value.conversations;
    enabled.value = result.value.enabled;
    folder.value = result.value.folder;
  }

  async function openConversation(id: string): Promise<boolean> {
    const result = await getBridge().history.get({ id });
    if (!result.ok) {
      error.value = result.error.message;
      return false;
    }
    error.value = '';
    open.value = result.value;
    return true;
  }

  async function rename(id: string, title: string): Promise<boolean> {
    const result = await getBridge().history.rename({ id, title });
    if (!result.ok) {
      error.value = result.error.issues?.[0]?.message ?? result.error.message;
      return false;
    }
    if (open.value?.summary.id === id) open.value = { ...open.value, summary: result.value };
    await refresh();
    return true;
  }

  async function remove(id: string): Promise<boolean> {
    const summary = conversations.value.find((c) => c.id === id) ?? open.value?.summary ?? null;
    const result = await getBridge().history.delete({ id });
    if (!result.ok) {
      error.value = result.error.message;
      return false;
    }
    deleted.value = summary;
    if (open.value?.summary.id === id) open.value = null;
    await refresh();
    return true;
  }

  async function undoDelete(): Promise<boolean> {
    const gone = deleted.value;
    if (!gone) return false;
    const result = await getBridge().history.restore({ id: gone.id });
    deleted.value = null;
    if (!result.ok) {
      error.value = result.error.message;
      return false;
    }
    await refresh();
    return true;
  }

  async function exportAs(id: string, format: 'markdown' | 'json'): Promise<{ fileName: string; text: string } | null> {
    const result = await getBridge().history.export({ id, format });
    if (!result.ok) {
      error.value = result.error.message;
      return null;
    }
    return result.value;
  }

  /** A new session that goes on from this conversation; the session store shows it running. */
  async function continueConversation(id: string): Promise<boolean> {
    const result = await getBridge().history.continue({ id });
    if (!result.ok) {
      error.value = result.error.message;
      return false;
    }
    useSessionStore().applyStatus(result.value);
    return true;
  }

  function subscribe(): void {
    if (subscriptions.active) return;
    subscriptions.hold(getBridge().on('history:changed', () => void refresh()));
  }

  function unsubscribe(): void {
    subscriptions.end();
  }

  return {
    conversations,
    query,
    enabled,
    folder,
    open,
    error,
    deleted,
    refresh,
    openConversation,
    rename,
    remove,
    undoDelete,
    exportAs,
    continueConversation,
    subscribe,
    unsubscribe,
  };
});
