/**
 * Local models and readiness: what is installed, downloads with their progress, and the
 * readiness summary (what can run now, why not, MB to download) the first-run screen shows.
 * Readiness is asked again when a model changes state or settings change (a provider entered).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { IpcResult, ModelProgressInfo, ModelStatusInfo, ReadinessSummary } from '../../../electron/contract/index';
import { getBridge } from '../bridge';
import { Subscriptions } from '../bridge/subscriptions';
import { overallProgress } from '../first-run/progress-words';

/** 1 s: long enough for a rate over several chunks, short enough that the figures appear at once to a person. */
const RATE_SETTLE_MS = 1000;

export const useModelsStore = defineStore('models', () => {
  const statuses = ref<Record<string, ModelStatusInfo>>({});
  const progress = ref<Record<string, ModelProgressInfo>>({});
  const readiness = ref<ReadinessSummary | null>(null);
  /** The last failed action, in main's words ("No network: ..."). */
  const actionError = ref<string | null>(null);
  const loaded = ref(false);
  const subscriptions = new Subscriptions();
  let readinessAsked = 0;
  /** When each running download first reported progress (renderer clock). */
  const firstProgressAt = new Map<string, number>();

  /**
   * The rate of the first moments is one chunk over a millisecond ("33 MB/s, a second left"):
   * rate and time left are shown only once a download has run for RATE_SETTLE_MS.
   */
  function settled(p: ModelProgressInfo): ModelProgressInfo {
    const now = performance.now();
    if (!firstProgressAt.has(p.id)) firstProgressAt.set(p.id, now);
    if (now - firstProgressAt.get(p.id)! >= RATE_SETTLE_MS) return p;
    const { remainingMs: _unknown, ...rest } = p;
    return { ...rest, bytesPerSecond: 0 };
  }

  function applyStatus(status: ModelStatusInfo): void {
    statuses.value = { ...statuses.value, [status.id]: status };
    if (status.state !== 'downloading') {
      firstProgressAt.delete(status.id);
      const { [status.id]: _done, ...rest } = progress.value;
      progress.value = rest;
    }
  }

  /** The models the "download" choice fetches: the readiness list, plus any still running. */
  const downloadIds = computed(() => {
    const ids = new Set((readiness.value?.downloads ?? []).map((d) => d.id));
    for (const s of Object.values(statuses.value)) if (s.state === 'downloading') ids.add(s.id);
    return [...ids];
  });

  const downloading = computed(() => Object.values(statuses.value).some((s) => s.state === 'downloading'));

  /** One bar for every running download. */
  const overall = computed(() =>
    overallProgress(
      Object.values(statuses.value)
        .filter((s) => s.state === 'downloading')
        .map((s) => {
          const p = progress.value[s.id];
          return { receivedBytes: p?.receivedBytes ?? s.partialBytes ?? 0, totalBytes: p?.totalBytes ?? s.sizeBytes, bytesPerSecond: p?.bytesPerSecond ?? 0 };
        }),
    ),
  );

  /** Why the last downloads failed, one message each (the same reason once). */
  const failures = computed(() => [...new Set(downloadIds.value.map((id) => statuses.value[id]?.error?.message).filter((m): m is string => !!m))]);

  async function refreshReadiness(): Promise<void> {
    // Answers can overtake each other (a slow local-server probe): keep the newest question's.
    const asked = ++readinessAsked;
    const result = await getBridge().models.readiness();
    if (asked !== readinessAsked) return;
    if (result.ok) readiness.value = result.value;
    else actionError.value = result.error.message;
  }

  async function load(): Promise<void> {
    const list = await getBridge().models.list();
    if (list.ok) list.value.forEach(applyStatus);
    else actionError.value = list.error.message;
    await refreshReadiness();
    loaded.value = true;
  }

  function subscribe(): void {
    if (subscriptions.active) return;
    const api = getBridge();
    subscriptions.hold(
      api.on('models:progress', (p) => {
        progress.value = { ...progress.value, [p.id]: settled(p) };
      }),
      api.on('models:state', (s) => {
        applyStatus(s);
        if (s.state !== 'downloading') void refreshReadiness();
      }),
      api.on('settings:changed', () => void refreshReadiness()),
    );
  }

  function unsubscribe(): void {
    subscriptions.end();
  }

  /** Starts every download the readiness summary lists; a download that cannot start says why. */
  async function downloadAll(): Promise<boolean> {
    actionError.value = null;
    const ids = (readiness.value?.downloads ?? []).map((d) => d.id);
    const results = await Promise.all(ids.map((id) => getBridge().models.install({ id })));
    const errors: string[] = [];
    for (const result of results) {
      if (result.ok) applyStatus(result.value);
      else errors.push(result.error.message);
    }
    if (errors.length > 0) actionError.value = [...new Set(errors)].join(' ');
    return errors.length === 0;
  }

  /**
   * One action on one model: the model's new status, or main's reason in `actionError`.
   * After a change to what is on disk (`askReadinessAfter`), readiness is asked again.
   */
  async function modelAction(call: () => Promise<IpcResult<ModelStatusInfo>>, { askReadinessAfter }: { askReadinessAfter: boolean }): Promise<boolean> {
    actionError.value = null;
    const result = await call();
    if (!result.ok) {
      actionError.value = result.error.message;
      return false;
    }
    applyStatus(result.value);
    if (askReadinessAfter) await refreshReadiness();
    return true;
  }

  /** One model: start (or resume) its download. */
  function install(id: string): Promise<boolean> {
    return modelAction(() => getBridge().models.install({ id }), { askReadinessAfter: false });
  }

  async function cancel(id: string): Promise<void> {
    const result = await getBridge().models.cancel({ id });
    if (result.ok) applyStatus(result.value);
  }

  /** Deletes an installed model or a partial download; for a linked one, forgets the link only. */
  function remove(id: string): Promise<boolean> {
    return modelAction(() => getBridge().models.delete({ id }), { askReadinessAfter: true });
  }

  async function cancelAll(): Promise<void> {
    const ids = Object.values(statuses.value)
      .filter((s) => s.state === 'downloading')
      .map((s) => s.id);
    const results = await Promise.all(ids.map((id) => getBridge().models.cancel({ id })));
    for (const result of results) if (result.ok) applyStatus(result.value);
  }

  /** "Use a file or folder I already have." */
  function link(id: string, path: string): Promise<boolean> {
    return modelAction(() => getBridge().models.link({ id, path }), { askReadinessAfter: true });
  }

  return {
    statuses,
    progress,
    readiness,
    actionError,
    loaded,
    downloadIds,
    downloading,
    overall,
    failures,
    subscribe,
    unsubscribe,
    load,
    refreshReadiness,
    downloadAll,
    cancelAll,
    link,
    install,
    cancel,
    remove,
  };
});
