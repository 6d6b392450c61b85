/**
 * Everything main and the browser twin share: the handler registry, the event hub, and the
 * services behind them. Electron main and electron/web each build one of these and only add
 * their transport. Each domain (settings, secrets, shell, agent, devices, models, providers)
 * registers its handlers here.
 */
import path from 'node:path';
import { nullLogger, type Logger } from '../engine/logger.js';
import { EventHub } from './event-hub.js';
import { HandlerRegistry } from './handler-registry.js';
import { registerSecretsHandlers } from './secrets/secrets-handlers.js';
import { registerSettingsHandlers } from './settings/settings-handlers.js';
import { registerShellHandlers } from './shell/shell-handlers.js';
import { registerAgentHandlers } from './voice/agent-handlers.js';
import { registerDevicesHandlers } from './voice/devices-handlers.js';
import { registerModelsHandlers } from './models/models-handlers.js';
import { registerProvidersHandlers } from './providers/providers-handlers.js';
import type { VoiceApiBases } from './providers/voice-listing.js';
import { registerHistoryHandlers } from './history/history-handlers.js';
import { HistoryRecorder } from './history/history-recorder.js';
import { HistoryStore } from './history/history-store.js';
import { ModelService } from './models/model-service.js';
import type { ModelEntry } from '../engine/models/catalogue.js';
import { cachedDetector, type HardwareDetector } from '../engine/models/hardware.js';
import { ModelManager } from '../engine/models/model-manager.js';
import { systemClock } from '../engine/clock.js';
import type { LocalServer } from '../engine/llm/local-servers.js';
import { nativeVoiceIo, type VoiceIo } from './voice/voice-io.js';
import { VoiceService } from './voice/voice-service.js';
import { PlainFileSecretStore } from './secrets/plain-file-secret-store.js';
import type { SecretStore } from './secrets/secret-store.js';
import { twinShellQueries, type ShellQueries } from './shell/shell-queries.js';
import { SettingsStore } from './settings/settings-store.js';

export interface AppServicesOptions {
  /** Folder for settings and other per-user data. */
  dataDir: string;
  logger?: Logger;
  /** API keys. Main passes the safeStorage store; default (twin): a 0600 file in dataDir. */
  secrets?: SecretStore;
  /** Hotkeys, logs folder, mic permission. Main passes its Electron shell; default: the twin's. */
  shell?: ShellQueries;
  /** Microphone and speaker. Default: the system devices; the twin's tests pass a WAV microphone. */
  voiceIo?: VoiceIo;
  /** Ollama/LM Studio probe for the "auto" language model; tests pass one that finds nothing. */
  detectLocalServers?: () => Promise<LocalServer[]>;
  /** Where the voice vendors' listings are asked; tests point them at servers on 127.0.0.1. */
  voiceApis?: Partial<VoiceApiBases>;
  /** The models the app can download; tests pass entries served from 127.0.0.1. Default: the real catalogue. */
  modelCatalogue?: readonly ModelEntry[];
  /** Hardware detection for model recommendations; tests fake it. Default: this machine, detected once. */
  hardware?: HardwareDetector;
}

export interface AppServices {
  registry: HandlerRegistry;
  events: EventHub;
  settings: SettingsStore;
  secrets: SecretStore;
  voice: VoiceService;
  models: ModelManager;
  dispose(): Promise<void>;
}

export function createAppServices(options: AppServicesOptions): AppServices {
  const logger = options.logger ?? nullLogger;
  const registry = new HandlerRegistry({ logger });
  const events = new EventHub(logger);
  const settings = new SettingsStore({ dir: options.dataDir });
  settings.on('changed', (s) => events.emit('settings:changed', s));
  settings.on('notice', (n) => events.emit('settings:notice', n));
  for (const notice of settings.notices()) logger.warn('Settings notice', { kind: notice.kind, message: notice.message });
  registerSettingsHandlers(registry, settings);
  const secrets = options.secrets ?? new PlainFileSecretStore(path.join(options.dataDir, 'secrets.json'), logger);
  registerSecretsHandlers(registry, secrets);
  registerShellHandlers(registry, options.shell ?? twinShellQueries);
  const io = options.voiceIo ?? nativeVoiceIo;
  const models = new ModelManager({ dataDir: options.dataDir, logger, ...(options.modelCatalogue ? { catalogue: options.modelCatalogue } : {}) });
  const hardware = options.hardware ?? cachedDetector();
  const voice = new VoiceService({
    settings,
    events,
    secrets,
    models,
    io,
    logger,
    hardware,
    ...(options.detectLocalServers ? { detectLocalServers: options.detectLocalServers } : {}),
  });
  registerAgentHandlers(registry, voice);
  registerDevicesHandlers(registry, { io, clock: systemClock, logger, events });
  const modelService = new ModelService({
    models,
    events,
    settings,
    secrets,
    logger,
    hardware,
    ...(options.detectLocalServers ? { detectLocalServers: options.detectLocalServers } : {}),
  });
  registerModelsHandlers(registry, modelService);
  registerProvidersHandlers(registry, settings, {
    secrets,
    models,
    clock: systemClock,
    logger,
    ...(options.detectLocalServers ? { detect: options.detectLocalServers } : {}),
    ...(options.voiceApis ? { voiceApis: options.voiceApis } : {}),
  });

  // History: the folder and on/off follow the settings; a new folder gets a new store.
  let history: HistoryStore | null = null;
  const historyFolder = () => settings.get().history.folder || path.join(options.dataDir, 'history');
  const historyStore = (): HistoryStore | null => {
    if (!settings.get().history.enabled) return null;
    if (history?.folder !== historyFolder()) history = new HistoryStore({ folder: historyFolder(), logger });
    return history;
  };
  try {
    historyStore()?.tidy(settings.get().history.keepDays);
  } catch (error) {
    logger.warn('Could not tidy the conversation history', { error: String(error) });
  }
  // Told after the transcript event that caused it has finished, never from inside it.
  const recorder = new HistoryRecorder(historyStore, events, logger, Date.now, (id) => queueMicrotask(() => events.emit('history:changed', { id })));
  registerHistoryHandlers(registry, { store: historyStore, folder: historyFolder, recorder, voice, events });

  return {
    registry,
    events,
    settings,
    secrets,
    voice,
    models,
    async dispose() {
      recorder.dispose();
      modelService.dispose();
      await voice.dispose();
      settings.removeAllListeners();
    },
  };
}
