/**
 * The settings domain: what main has saved (`saved`), what the person is editing (`draft`),
 * field errors from the contract's schema (checked as they type, and again by main on save),
 * and notices from main (e.g. a damaged settings file was replaced).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { defaultSettings, validateSettings, type IpcError, type Settings, type SettingsNotice, type SettingsSection } from '../../../electron/contract/index';
import { getBridge } from '../bridge';
import { Subscriptions } from '../bridge/subscriptions';
import { issueInWords } from '../settings/issue-words';

type Draft = { [K in SettingsSection]: Record<string, unknown> };

function splitFieldPath(path: string): [string, string] {
  const dot = path.indexOf('.');
  return [path.slice(0, dot), path.slice(dot + 1)];
}

/** Settings seen field by field (every section is a plain object of its fields). */
function asDraft(settings: Settings): Draft {
  return settings;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export const useSettingsStore = defineStore('settings', () => {
  const saved = ref<Settings>(defaultSettings());
  const draft = ref<Draft>(asDraft(clone(defaultSettings())));
  const fieldErrors = ref<Record<string, string>>({});
  const notices = ref<SettingsNotice[]>([]);
  const filePath = ref('');
  const loaded = ref(false);
  const saving = ref(false);
  const lastError = ref<IpcError | null>(null);
  const lastSavedAtMs = ref<number | null>(null);
  const subscriptions = new Subscriptions();

  const dirty = computed(() => JSON.stringify(draft.value) !== JSON.stringify(saved.value));
  const hasErrors = computed(() => Object.keys(fieldErrors.value).length > 0);

  function dirtySection(section: SettingsSection): boolean {
    return JSON.stringify(draft.value[section]) !== JSON.stringify(saved.value[section]);
  }

  function validateDraft(): void {
    const result = validateSettings(draft.value);
    fieldErrors.value = result.ok ? {} : Object.fromEntries(result.issues.map((i) => [i.path, i.message]));
  }

  function applySaved(settings: Settings, keepEdits = false): void {
    const edits = keepEdits ? clone(draft.value) : null;
    const before = clone(saved.value);
    saved.value = settings;
    const next = asDraft(clone(settings));
    if (edits) {
      // Keep what the person is editing; take main's value for every untouched field.
      for (const section of Object.keys(next) as SettingsSection[]) {
        for (const key of Object.keys(next[section])) {
          const edited = JSON.stringify(edits[section]?.[key]) !== JSON.stringify(asDraft(before)[section]?.[key]);
          if (edited) next[section][key] = edits[section][key];
        }
      }
    }
    draft.value = next;
    validateDraft();
  }

  /** Set-up: subscribe to main's broadcasts. Call once from the app root; `stop` undoes it. */
  function start(): void {
    if (subscriptions.active) return;
    const api = getBridge();
    subscriptions.hold(
      api.on('settings:changed', (settings) => applySaved(settings, true)),
      api.on('settings:notice', (notice) => {
        notices.value = [...notices.value.filter((n) => n.atMs !== notice.atMs), notice];
      }),
    );
  }

  function stop(): void {
    subscriptions.end();
  }

  async function load(): Promise<void> {
    const result = await getBridge().settings.get();
    if (!result.ok) {
      lastError.value = result.error;
      return;
    }
    applySaved(result.value.settings);
    notices.value = result.value.notices;
    filePath.value = result.value.filePath;
    loaded.value = true;
  }

  function setField(section: SettingsSection, key: string, value: unknown): void {
    draft.value = { ...draft.value, [section]: { ...draft.value[section], [key]: value } };
    validateDraft();
  }

  function discard(): void {
    applySaved(saved.value);
  }

  /** Sends only what changed. Main validates again; its field issues land in `fieldErrors`. */
  async function save(): Promise<boolean> {
    validateDraft();
    if (hasErrors.value) return false;
    const patch: Record<string, Record<string, unknown>> = {};
    for (const section of Object.keys(draft.value) as SettingsSection[]) {
      for (const [key, value] of Object.entries(draft.value[section])) {
        if (JSON.stringify(value) !== JSON.stringify((saved.value[section] as Record<string, unknown>)[key])) {
          (patch[section] ??= {})[key] = value;
        }
      }
    }
    if (Object.keys(patch).length === 0) return true;
    saving.value = true;
    try {
      const result = await getBridge().settings.update(patch);
      return handleWrite(result);
    } finally {
      saving.value = false;
    }
  }

  function handleWrite(result: { ok: true; value: Settings } | { ok: false; error: IpcError }): boolean {
    if (!result.ok) {
      lastError.value = result.error;
      if (result.error.issues) fieldErrors.value = Object.fromEntries(result.error.issues.map((i) => [i.path, i.message]));
      return false;
    }
    lastError.value = null;
    lastSavedAtMs.value = Date.now();
    applySaved(result.value);
    return true;
  }

  /** Saves a few fields at once (e.g. "use this model"), keeping whatever else is being edited. */
  async function savePatch(patch: Record<string, Record<string, unknown>>): Promise<boolean> {
    const result = await getBridge().settings.update(patch);
    if (!result.ok) return handleWrite(result);
    lastError.value = null;
    lastSavedAtMs.value = Date.now();
    applySaved(result.value, true);
    return true;
  }

  async function resetSection(section: SettingsSection): Promise<boolean> {
    return handleWrite(await getBridge().settings.reset({ section }));
  }

  /**
   * Resets some fields ("section.key") to the schema's defaults, saved at once. A settings page
   * mixes fields of several sections, so its "Reset" names its fields rather than a section.
   * Unsaved edits elsewhere are kept.
   */
  async function resetFields(paths: readonly string[]): Promise<boolean> {
    const defaults = asDraft(defaultSettings());
    const patch: Record<string, Record<string, unknown>> = {};
    for (const path of paths) {
      const [section, key] = splitFieldPath(path);
      (patch[section] ??= {})[key] = defaults[section as SettingsSection]?.[key];
    }
    const result = await getBridge().settings.update(patch);
    if (!result.ok) return handleWrite(result);
    lastError.value = null;
    lastSavedAtMs.value = Date.now();
    // Take the defaults for these fields; keep what the person is editing elsewhere.
    for (const path of paths) {
      const [section, key] = splitFieldPath(path);
      (draft.value[section as SettingsSection] as Record<string, unknown>)[key] = clone(asDraft(result.value)[section as SettingsSection][key]);
    }
    applySaved(result.value, true);
    return true;
  }

  /** Has any of these fields ("section.key") unsaved edits? */
  function dirtyFields(paths: readonly string[]): boolean {
    return paths.some((path) => {
      const [section, key] = splitFieldPath(path);
      return JSON.stringify(draft.value[section as SettingsSection]?.[key]) !== JSON.stringify(asDraft(saved.value)[section as SettingsSection]?.[key]);
    });
  }

  /** Errors on a field and anything inside it (list items, parameters), by path relative to the field. */
  function errorsUnder(path: string): Record<string, string> {
    const prefix = `${path}.`;
    return Object.fromEntries(
      Object.entries(fieldErrors.value)
        .filter(([p]) => p.startsWith(prefix))
        .map(([p, m]) => [p.slice(prefix.length), m]),
    );
  }

  /**
   * A refused import changes nothing on screen: no field goes red (the draft did not change);
   * `lastError` names each problem in the panel's words instead.
   */
  async function importJson(json: string): Promise<boolean> {
    const result = await getBridge().settings.import({ json });
    if (result.ok) return handleWrite(result);
    const issues = result.error.issues ?? [];
    const words = issues.slice(0, 5).map((i) => issueInWords(i.path, i.message));
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    lastError.value = { ...result.error, issues: undefined, message: words.length > 0 ? `${words.join(' ')}${more}` : result.error.message };
    return false;
  }

  async function exportJson(): Promise<string | null> {
    const result = await getBridge().settings.export();
    if (!result.ok) {
      lastError.value = result.error;
      return null;
    }
    return result.value.json;
  }

  async function dismissNotice(atMs: number): Promise<void> {
    notices.value = notices.value.filter((n) => n.atMs !== atMs);
    await getBridge().settings.dismissNotice({ atMs });
  }

  return {
    saved,
    draft,
    fieldErrors,
    notices,
    filePath,
    loaded,
    saving,
    lastError,
    lastSavedAtMs,
    dirty,
    hasErrors,
    dirtySection,
    start,
    stop,
    load,
    setField,
    discard,
    save,
    savePatch,
    resetSection,
    resetFields,
    dirtyFields,
    errorsUnder,
    importJson,
    exportJson,
    dismissNotice,
  };
});
