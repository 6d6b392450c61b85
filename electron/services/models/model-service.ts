/**
 * The models:* channels over the engine's ModelManager: forwards progress and state to the
 * renderer, answers `install` once a download is under way (a download takes minutes, an IPC
 * answer must not), remembers why the last install of each model failed, and summarises
 * readiness for the first-run screen.
 */
import type { ModelFailure, ModelStatusInfo, ReadinessSummary } from '../../contract/index.js';
import type { ProviderSecretId } from '../../contract/settings/providers.js';
import type { LocalServer } from '../../engine/llm/local-servers.js';
import type { Logger } from '../../engine/logger.js';
import { ModelError } from '../../engine/models/errors.js';
import type { HardwareDetector } from '../../engine/models/hardware.js';
import type { ModelManager, ModelProgress, ModelStatus } from '../../engine/models/model-manager.js';
import { whatIsReady } from '../../engine/models/readiness.js';
import { isFliteVoice } from '../../engine/tts/local-server/flite-engine.js';
import type { EventHub } from '../event-hub.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { describeLlmPlan, describeSttPlan } from './provider-words.js';
import { modelFailure, toIpcFailure } from './model-failures.js';

export interface ModelServiceOptions {
  models: ModelManager;
  events: EventHub;
  settings: SettingsStore;
  secrets: SecretStore;
  logger: Logger;
  /** Ollama/LM Studio probe, as the voice service uses it. */
  detectLocalServers?: () => Promise<LocalServer[]>;
  /** Hardware detection for the per-machine recommendation (faked in tests). */
  hardware?: HardwareDetector;
  /**
   * How long `install` waits for the first bytes before answering "downloading" anyway:
   * 10 s covers DNS and a slow server's first byte, well inside the 30 s IPC handler timeout.
   */
  startWaitMs?: number;
}

const DEFAULT_START_WAIT_MS = 10_000;

export class ModelService {
  private readonly failures = new Map<string, ModelFailure>();
  private readonly runs = new Map<string, Promise<unknown>>();
  private readonly detach: () => void;

  constructor(private readonly options: ModelServiceOptions) {
    const { models, events } = options;
    const onProgress = (p: ModelProgress) => events.emit('models:progress', p);
    const onState = (s: ModelStatus) => events.emit('models:state', this.withFailure(s));
    models.on('progress', onProgress);
    models.on('state', onState);
    this.detach = () => {
      models.off('progress', onProgress);
      models.off('state', onState);
    };
  }

  async list(): Promise<ModelStatusInfo[]> {
    return (await this.options.models.list()).map((s) => this.withFailure(s));
  }

  /** Starts an install; answers when bytes flow, when it is done, or when it failed to start. */
  async install(id: string): Promise<ModelStatusInfo> {
    const { models } = this.options;
    await this.status(id); // an unknown id is a clear error before anything starts
    this.failures.delete(id);
    const done = models.install(id);
    const settled = done.then(
      (status) => this.adoptVoice(status),
      (error: unknown) => this.recordFailure(id, error),
    );
    this.runs.set(id, settled);
    void settled.finally(() => {
      if (this.runs.get(id) === settled) this.runs.delete(id);
    });

    let timer: NodeJS.Timeout | undefined;
    let onProgress: ((p: { id: string }) => void) | undefined;
    const underWay = new Promise<void>((resolve) => {
      onProgress = (p) => {
        if (p.id === id) resolve();
      };
      models.on('progress', onProgress);
      timer = setTimeout(resolve, this.options.startWaitMs ?? DEFAULT_START_WAIT_MS);
    });
    try {
      await Promise.race([done, underWay]);
    } catch (error) {
      if (error instanceof ModelError && error.code === 'cancelled') return this.status(id);
      throw toIpcFailure(error);
    } finally {
      clearTimeout(timer);
      if (onProgress) models.off('progress', onProgress);
    }
    return this.status(id);
  }

  /** Stops a download and answers once it has stopped (the partial file is kept for resuming). */
  async cancel(id: string): Promise<ModelStatusInfo> {
    await this.status(id);
    this.options.models.cancel(id);
    await this.runs.get(id);
    return this.status(id);
  }

  async delete(id: string): Promise<ModelStatusInfo> {
    try {
      const status = await this.options.models.delete(id);
      this.failures.delete(id);
      return this.withFailure(status);
    } catch (error) {
      throw toIpcFailure(error);
    }
  }

  async link(id: string, path: string): Promise<ModelStatusInfo> {
    try {
      const status = await this.options.models.useExisting(id, path);
      this.failures.delete(id);
      return this.withFailure(status);
    } catch (error) {
      throw toIpcFailure(error);
    }
  }

  async readiness(): Promise<ReadinessSummary> {
    const { settings, models, secrets, detectLocalServers, hardware } = this.options;
    // Which providers have a key, without decrypting any.
    const keyed = new Set(secrets.providers());
    const r = await whatIsReady({
      settings: settings.get().providers,
      models,
      hasKey: (id: ProviderSecretId) => keyed.has(id),
      ...(detectLocalServers ? { detect: detectLocalServers } : {}),
      ...(hardware ? { hardware } : {}),
    });
    const downloads = [r.stt.download, r.llm.download].filter((d) => d !== undefined);
    return {
      ready: r.stt.ready && r.llm.ready,
      practiceMode: r.practiceMode,
      stt: {
        ready: r.stt.ready,
        ...(r.stt.plan ? { provider: describeSttPlan(r.stt.plan) } : {}),
        ...(r.stt.reason ? { reason: r.stt.reason } : {}),
        ...(r.stt.download ? { download: r.stt.download } : {}),
      },
      llm: {
        ready: r.llm.ready,
        ...(r.llm.plan ? { provider: describeLlmPlan(r.llm.plan) } : {}),
        ...(r.llm.reason ? { reason: r.llm.reason } : {}),
        ...(r.llm.download ? { download: r.llm.download } : {}),
      },
      downloads,
      downloadBytes: r.downloadBytes,
      ...(r.recommendation ? { recommendation: r.recommendation } : {}),
    };
  }

  dispose(): void {
    this.detach();
    for (const id of this.runs.keys()) this.options.models.cancel(id);
  }

  private async status(id: string): Promise<ModelStatusInfo> {
    try {
      return this.withFailure(await this.options.models.status(id));
    } catch (error) {
      throw toIpcFailure(error);
    }
  }

  /**
   * A natural voice the person just downloaded becomes the local voice, unless they chose
   * another neural voice already: downloading it is asking for it (Settings can change it back).
   */
  private adoptVoice(status: ModelStatus): void {
    if (status.purpose !== 'tts') return;
    const { tts } = this.options.settings.get();
    if (tts.provider !== 'local' || !isFliteVoice(tts.voice)) return;
    try {
      this.options.settings.update({ tts: { voice: status.id } });
      this.options.logger.info('Local voice set to the downloaded neural voice', { id: status.id, was: tts.voice });
    } catch (error) {
      this.options.logger.warn('Could not switch to the downloaded voice', { id: status.id, message: (error as Error).message });
    }
  }

  private recordFailure(id: string, error: unknown): void {
    // Cancelling is the person's choice, not a failure to report.
    if (error instanceof ModelError && error.code === 'cancelled') return;
    const failure = modelFailure(error);
    this.failures.set(id, failure);
    this.options.logger.warn('Model install failed', { id, code: failure.code, message: failure.message });
    // The manager's own state event may have gone out before the failure was recorded: say it again, with the reason.
    void this.options.models.status(id).then(
      (s) => this.options.events.emit('models:state', this.withFailure(s)),
      () => undefined,
    );
  }

  private withFailure(status: ModelStatus): ModelStatusInfo {
    const failure = this.failures.get(status.id);
    return failure && status.state !== 'installed' && status.state !== 'linked' && status.state !== 'downloading'
      ? { ...status, error: failure }
      : { ...status };
  }
}
